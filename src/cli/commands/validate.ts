/** `daoze validate [paths]`: checks standards and prints every problem, and every house-rule warning, as file:line:col. */
import { formatDiagnostic, StandardError } from '../../errors.js';
import { citationWarnings, strictly } from '../../cases/house-rules.js';
import { builtinStandardsDir } from '../../files.js';
import { createRegistry, type Registry } from '../../registry.js';
import { color, EXIT, out } from '../io.js';
import { readers } from '../lazy.js';
import { profilesFor, readingStandards } from '../load.js';
import type { Command } from './types.js';

/** The `daoze validate` command. */
export const validate: Command = {
  name: 'validate',
  summary:
    'Check standards: YAML, schema, references, operators, ids, placeholders, cases, editions in force, the editions lock; and the house rules (citations, generated pages) as warnings',
  usage:
    'daoze validate [standards-path] [--profiles dir] [--pages dir] [--strict] [--update-lock] [--format text|json]',
  args: { 'update-lock': { type: 'boolean' }, strict: { type: 'boolean' }, pages: { type: 'string' } },
  run({ positionals, values, common }) {
    const { findPagesDir, readEditions, readPageWarnings, readProfiles, updateLocks } = readers();
    const path = positionals[0] ?? common.standards ?? builtinStandardsDir();
    // Profiles are checked against the standards they extend: the built-in ones go only with the built-in standards.
    const profiles = profilesFor({
      standards: path,
      ...(common.profiles !== undefined ? { profiles: common.profiles } : {}),
    });
    // Publishing (docs/versioning.md): newly published editions are added to the lock; a locked entry is never
    // rewritten, so an edited published edition is still refused by the check that follows.
    const added = values['update-lock'] ? updateLocks(path).added : [];
    const e = readingStandards(() => readEditions(path), path);
    const p = profiles === null ? { profiles: [], diagnostics: [] } : readProfiles(profiles);
    const diagnostics = [...e.diagnostics, ...p.diagnostics];
    let registry: Registry | undefined;
    if (diagnostics.length === 0) {
      try {
        registry = createRegistry(
          e.editions.map((x) => x.spec),
          { profiles: p.profiles },
        );
      } catch (err) {
        if (!(err instanceof StandardError)) throw err;
        diagnostics.push(...err.diagnostics);
      }
    }
    // House rules (docs/authoring.md): warnings, errors under --strict.
    const warnings = e.editions.flatMap((x) => citationWarnings(x.spec, { file: x.file.display, locate: x.locate }));
    // --pages, else the repository's docs/standards when there is one.
    const pages = (values.pages as string | undefined) ?? findPagesDir(path);
    if (registry && pages !== undefined) warnings.push(...readPageWarnings(registry, e.editions, pages));
    const strict = values.strict === true;
    const errors = strict ? [...diagnostics, ...strictly(warnings)] : diagnostics;
    const shownWarnings = strict ? [] : warnings;
    if (common.format === 'json') {
      out(
        JSON.stringify(
          {
            editions: e.editions.length,
            profiles: p.profiles.length,
            diagnostics: errors,
            warnings: shownWarnings,
            ...(added.length ? { locked: added } : {}),
          },
          null,
          2,
        ),
      );
    } else {
      for (const a of added) out(color.green(`locked ${a}`));
      for (const d of [...errors, ...shownWarnings]) out(formatDiagnostic(d));
      const noted = shownWarnings.length
        ? ` ${shownWarnings.length} warning(s) (house rules; --strict makes them errors).`
        : '';
      if (errors.length) out(color.red(`\n${errors.length} problem(s) found.${noted}`));
      else
        out(
          shownWarnings.length
            ? color.yellow(`\n✓ ${e.editions.length} edition(s) and ${p.profiles.length} profile(s) valid;${noted}`)
            : color.green(`✓ ${e.editions.length} edition(s) and ${p.profiles.length} profile(s) valid.`),
        );
    }
    return errors.length ? EXIT.fail : EXIT.ok;
  },
};
