/** `daoze validate [paths]`: checks standards and prints every problem as file:line:col. */
import { formatDiagnostic } from '../../errors.js';
import { builtinProfilesDir, builtinStandardsDir, updateLocks, validateAll } from '../../node.js';
import { color, EXIT, out } from '../io.js';
import type { Command } from './types.js';

/** The `daoze validate` command. */
export const validate: Command = {
  name: 'validate',
  summary: 'Check standards: YAML, schema, references, operators, ids, placeholders, editions in force, the editions lock',
  usage: 'daoze validate [standards-path] [--profiles dir] [--update-lock] [--format text|json]',
  args: { 'update-lock': { type: 'boolean' } },
  run({ positionals, values, common }) {
    const path = positionals[0] ?? common.standards ?? builtinStandardsDir();
    // Profiles are checked against the standards they extend; a folder of broken standards is checked on its own.
    const profiles = common.profiles ?? (positionals[0] ? null : builtinProfilesDir());
    // Publishing (docs/versioning.md): newly published editions are added to the lock; a locked entry is never
    // rewritten, so an edited published edition is still refused by the check that follows.
    const added = values['update-lock'] ? updateLocks(path).added : [];
    const { editions, profiles: nProfiles, diagnostics } = validateAll(path, profiles);
    if (common.format === 'json') out(JSON.stringify({ editions, profiles: nProfiles, diagnostics, ...(added.length ? { locked: added } : {}) }, null, 2));
    else {
      for (const a of added) out(color.green(`locked ${a}`));
      for (const d of diagnostics) out(formatDiagnostic(d));
      if (diagnostics.length) out(color.red(`\n${diagnostics.length} problem(s) found.`));
      else out(color.green(`✓ ${editions} edition(s) and ${nProfiles} profile(s) valid.`));
    }
    return diagnostics.length ? EXIT.fail : EXIT.ok;
  },
};
