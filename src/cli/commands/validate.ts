/** `daoze validate [paths]`: checks standards and prints every problem as file:line:col. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../../errors.js';
import { builtinProfilesDir, builtinStandardsDir, readEditions, validateAll } from '../../node.js';
import { checkEditionsLock, LOCK_FILE, updateEditionsLock, type EditionsLock } from '../../audit/lock.js';
import { color, EXIT, out } from '../io.js';
import type { Command } from './types.js';

/**
 * Published editions never change: a folder of standards with an editions lock is checked against it, and
 * `--update-lock` records newly published editions (never rewriting an entry). See docs/versioning.md.
 */
function lockDiagnostics(dir: string, update: boolean): { diagnostics: Diagnostic[]; added: string[] } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { diagnostics: [], added: [] };
  const path = join(dir, LOCK_FILE);
  if (!existsSync(path) && !update) return { diagnostics: [], added: [] };
  let lock: unknown;
  if (existsSync(path)) {
    try {
      lock = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      return { diagnostics: [{ code: 'E_LOCK', message: `not valid JSON: ${(e as Error).message}`, location: { file: path, path: '' } }], added: [] };
    }
  }
  // The lock holds the hash verdicts carry: that of the edition as composed (with what it includes).
  const { editions } = readEditions(dir);
  const sources = editions.map((e) => ({ spec: e.spec, file: e.file.display, text: readFileSync(e.file.path, 'utf8') }));
  let added: string[] = [];
  if (update) {
    const r = updateEditionsLock(lock as EditionsLock | undefined, editions.map((e) => e.spec));
    added = r.added;
    if (added.length || lock === undefined) writeFileSync(path, `${JSON.stringify(r.lock, null, 2)}\n`);
    lock = r.lock;
  }
  return { diagnostics: checkEditionsLock(lock, sources, relative(process.cwd(), path) || path), added };
}

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
    const { editions, profiles: nProfiles, diagnostics: found } = validateAll(path, profiles);
    const lock = lockDiagnostics(path, Boolean(values['update-lock']));
    const diagnostics = [...found, ...lock.diagnostics];
    if (common.format === 'json') out(JSON.stringify({ editions, profiles: nProfiles, diagnostics, ...(lock.added.length ? { locked: lock.added } : {}) }, null, 2));
    else {
      for (const a of lock.added) out(color.green(`locked ${a}`));
      for (const d of diagnostics) out(formatDiagnostic(d));
      if (diagnostics.length) out(color.red(`\n${diagnostics.length} problem(s) found.`));
      else out(color.green(`✓ ${editions} edition(s) and ${nProfiles} profile(s) valid.`));
    }
    return diagnostics.length ? EXIT.fail : EXIT.ok;
  },
};
