/** `daoze validate [paths]`: checks standards and prints every problem, and every house-rule warning, as file:line:col. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { formatDiagnostic, StandardError, type Diagnostic } from '../../errors.js';
import { citationWarnings, pageWarnings, strictly } from '../../cases/house-rules.js';
import { builtinStandardsDir, readEditions, readProfiles, updateLocks, type ReadEdition } from '../../node.js';
import { createRegistry, type Registry } from '../../registry.js';
import { renderStandardPage } from '../../result/page.js';
import { color, EXIT, out } from '../io.js';
import { profilesFor, readingStandards } from '../load.js';
import type { Command } from './types.js';

/**
 * Where the generated pages of the standards under `path` are: `--pages`, else `docs/standards` beside the
 * standards folder (the repository's layout, where `daoze doc` writes them) when that folder exists.
 */
export function pagesDirFor(path: string, given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  const root = existsSync(path) && statSync(path).isFile() ? dirname(dirname(path)) : path;
  const dir = join(dirname(root), 'docs', 'standards');
  return existsSync(dir) ? dir : undefined;
}

/** The page warnings of the newest edition of each standard read, against the pages in `dir` (either locale's page is current). */
export function pageProblems(registry: Registry, read: readonly ReadEdition[], dir: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const id of [...new Set(read.map((e) => e.spec.id))]) {
    const ed = registry.get(id);
    const source = read.find((e) => e.spec.id === ed.id && e.spec.version === ed.version);
    if (!source) continue;
    const file = join(dir, `${id}.md`);
    const actual = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const en = renderStandardPage(ed, 'en');
    const expected = actual === en ? en : renderStandardPage(ed, 'zh');
    out.push(...pageWarnings(ed, { file: relative(process.cwd(), file) || file, actual, expected }, { file: source.file.display, locate: source.locate }));
  }
  return out;
}

/** The `daoze validate` command. */
export const validate: Command = {
  name: 'validate',
  summary: 'Check standards: YAML, schema, references, operators, ids, placeholders, cases, editions in force, the editions lock; and the house rules (citations, generated pages) as warnings',
  usage: 'daoze validate [standards-path] [--profiles dir] [--pages dir] [--strict] [--update-lock] [--format text|json]',
  args: { 'update-lock': { type: 'boolean' }, strict: { type: 'boolean' }, pages: { type: 'string' } },
  run({ positionals, values, common }) {
    const path = positionals[0] ?? common.standards ?? builtinStandardsDir();
    // Profiles are checked against the standards they extend: the built-in ones go only with the built-in standards.
    const profiles = profilesFor({ standards: path, ...(common.profiles !== undefined ? { profiles: common.profiles } : {}) });
    // Publishing (docs/versioning.md): newly published editions are added to the lock; a locked entry is never
    // rewritten, so an edited published edition is still refused by the check that follows.
    const added = values['update-lock'] ? updateLocks(path).added : [];
    const e = readingStandards(() => readEditions(path), path);
    const p = profiles === null ? { profiles: [], diagnostics: [] } : readProfiles(profiles);
    const diagnostics = [...e.diagnostics, ...p.diagnostics];
    let registry: Registry | undefined;
    if (diagnostics.length === 0) {
      try {
        registry = createRegistry(e.editions.map((x) => x.spec), { profiles: p.profiles });
      } catch (err) {
        if (!(err instanceof StandardError)) throw err;
        diagnostics.push(...err.diagnostics);
      }
    }
    // House rules (docs/authoring.md): warnings, errors under --strict.
    const warnings = e.editions.flatMap((x) => citationWarnings(x.spec, { file: x.file.display, locate: x.locate }));
    const pages = pagesDirFor(path, values.pages as string | undefined);
    if (registry && pages !== undefined) warnings.push(...pageProblems(registry, e.editions, pages));
    const strict = values.strict === true;
    const errors = strict ? [...diagnostics, ...strictly(warnings)] : diagnostics;
    const shownWarnings = strict ? [] : warnings;
    if (common.format === 'json') {
      out(JSON.stringify({ editions: e.editions.length, profiles: p.profiles.length, diagnostics: errors, warnings: shownWarnings, ...(added.length ? { locked: added } : {}) }, null, 2));
    } else {
      for (const a of added) out(color.green(`locked ${a}`));
      for (const d of [...errors, ...shownWarnings]) out(formatDiagnostic(d));
      const noted = shownWarnings.length ? ` ${shownWarnings.length} warning(s) (house rules; --strict makes them errors).` : '';
      if (errors.length) out(color.red(`\n${errors.length} problem(s) found.${noted}`));
      else out(shownWarnings.length ? color.yellow(`\n✓ ${e.editions.length} edition(s) and ${p.profiles.length} profile(s) valid;${noted}`) : color.green(`✓ ${e.editions.length} edition(s) and ${p.profiles.length} profile(s) valid.`));
    }
    return errors.length ? EXIT.fail : EXIT.ok;
  },
};
