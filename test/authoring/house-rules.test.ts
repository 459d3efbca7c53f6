/**
 * The authoring loop from the command line: what the repository requires of a standard (citations, a case for
 * every outcome, a current page) is reported by `daoze validate` / `daoze test` at file:line:col, as warnings
 * that `--strict` makes errors; and an author's own folder is tested without the built-in profiles.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli as run } from '../support/helpers.js';

const base = readFileSync(join(__dirname, '..', 'fixtures', 'invalid', 'case-values.yaml'), 'utf8').replace(
  /cases:[\s\S]*$/,
  `cases:
  - name: clean
    facts: { surface: clean }
    expect: { outcome: pass }
  - name: dirty
    facts: { surface: dirty }
    expect: { outcome: fail }
  - name: not looked at
    facts: {}
    expect: { outcome: indeterminate }
`,
);

/** A folder `<tmp>/standards/broken/1.0.0.yaml` holding `text` (and `docs/standards` beside it when `pages`); returns the standards folder as shown. */
function folder(text: string, pages?: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'daoze-authoring-'));
  mkdirSync(join(root, 'standards', 'broken'), { recursive: true });
  writeFileSync(join(root, 'standards', 'broken', '1.0.0.yaml'), text);
  if (pages) {
    mkdirSync(join(root, 'docs', 'standards'), { recursive: true });
    for (const [name, page] of Object.entries(pages)) writeFileSync(join(root, 'docs', 'standards', name), page);
  }
  return join(root, 'standards');
}
const shown = (dir: string) => relative(process.cwd(), join(dir, 'broken', '1.0.0.yaml'));

describe("an author's own folder", () => {
  it('daoze test --standards <folder> runs without the built-in profiles (which extend editions the folder lacks)', () => {
    const dir = folder(base);
    const r = run('test', '--standards', dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 passed, 0 failed');
    expect(run('validate', dir).code).toBe(0);
  });

  it('--profiles still brings profiles in', () => {
    const r = run('test', '--standards', 'standards', '--profiles', 'profiles', 'example-city-snow');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 passed, 0 failed/);
  });
});

describe('house rules', () => {
  it('a clause citing the plan without a task is a positioned W_CITATION warning; --strict makes it an error (exit 1)', () => {
    const dir = folder(
      base.replace('cites: [{ source: seed-plan, task: 12 }]', 'cites: [{ source: seed-plan, section: 四 }]'),
    );
    const r = run('validate', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${shown(dir)}:26:9  warning W_CITATION`);
    expect(r.stdout).toContain('cites the plan without a task');
    const s = run('validate', dir, '--strict');
    expect(s.code).toBe(1);
    expect(s.stdout).toContain(`${shown(dir)}:26:9  W_CITATION`);
  });

  it('a clause no case makes fail is a W_CASE_COVERAGE warning on the clause in daoze test; --strict fails', () => {
    const dir = folder(base.replace(/ {2}- name: dirty\n.*\n.*\n/, ''));
    const r = run('test', '--standards', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${shown(dir)}:23:9  warning W_CASE_COVERAGE`);
    expect(r.stdout).toContain('clause "surface-clean": no case where it is fail');
    expect(run('test', '--standards', dir, '--strict').code).toBe(1);
  });

  it('a missing or stale page in docs/standards beside the folder is a W_PAGE warning; a current one is not', () => {
    const missing = folder(base, {});
    const r = run('validate', missing);
    expect(r.stdout).toContain(`${shown(missing)}:1:5  warning W_PAGE`);
    expect(r.stdout).toContain('has no page');
    expect(run('validate', missing, '--strict').code).toBe(1);
    const stale = folder(base, { 'broken.md': '# old\n' });
    expect(run('validate', stale).stdout).toContain('(stale)');
    // The page `daoze doc` writes is current.
    const fresh = folder(base, {});
    const docs = join(fresh, '..', 'docs', 'standards');
    expect(run('doc', '--standards', fresh, '--out', docs).code).toBe(0);
    const v = run('validate', fresh, '--strict');
    expect(v.stdout).not.toContain('W_PAGE');
    expect(v.code).toBe(0);
  });

  it('a case whose expected outcome is wrong is named at its line, with why the clause came out as it did', () => {
    const dir = folder(base.replace('expect: { outcome: fail }', 'expect: { outcome: pass }'));
    const r = run('test', '--standards', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${shown(dir)}:38:5  E_CASE`);
    expect(r.stdout).toContain('clause surface-clean is fail: not clean');
    expect(r.stdout).toContain('check: surface equal "clean", observed "dirty" → false');
  });
});
