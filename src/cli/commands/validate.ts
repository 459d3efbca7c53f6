/** `daoze validate [paths]`: checks standards and prints every problem as file:line:col. */
import { formatDiagnostic } from '../../errors.js';
import { builtinProfilesDir, builtinStandardsDir, validateAll } from '../../node.js';
import { color, EXIT, out } from '../io.js';
import type { Command } from './types.js';

/** The `daoze validate` command. */
export const validate: Command = {
  name: 'validate',
  summary: 'Check standards: YAML, schema, references, operators, ids, placeholders',
  usage: 'daoze validate [standards-path] [--profiles dir] [--format text|json]',
  args: {},
  run({ positionals, common }) {
    const path = positionals[0] ?? common.standards ?? builtinStandardsDir();
    // Profiles are checked against the standards they extend; a folder of broken standards is checked on its own.
    const profiles = common.profiles ?? (positionals[0] ? null : builtinProfilesDir());
    const { editions, profiles: nProfiles, diagnostics } = validateAll(path, profiles);
    if (common.format === 'json') out(JSON.stringify({ editions, profiles: nProfiles, diagnostics }, null, 2));
    else {
      for (const d of diagnostics) out(formatDiagnostic(d));
      if (diagnostics.length) out(color.red(`\n${diagnostics.length} problem(s) found.`));
      else out(color.green(`✓ ${editions} edition(s) and ${nProfiles} profile(s) valid.`));
    }
    return diagnostics.length ? EXIT.fail : EXIT.ok;
  },
};
