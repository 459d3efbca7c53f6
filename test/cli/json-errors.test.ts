/** `--format json`: every error is one JSON object on stdout (nothing else there), with the exit code unchanged. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'daoze-json-errors-'));
function file(name: string, content: string): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

/** The one JSON object on stdout (JSON.parse fails on anything else), stderr silent. */
function errorOf(r: { stdout: string; stderr: string }): Record<string, unknown> & { code: string; message: string } {
  const parsed = JSON.parse(r.stdout) as { error: Record<string, unknown> & { code: string; message: string } };
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(r.stderr).toBe('');
  return parsed.error;
}

describe('check --format json on bad input', () => {
  const bad = file('bad.json', JSON.stringify({ standard: 'san-duan', facts: { 'boiler-fuel': 'peat' } }));

  it('an invalid observation: E_OBSERVATION with the file, path, allowed and every issue, exit 3', () => {
    const r = runCli('check', bad, '--format', 'json', '--locale', 'en');
    expect(r.code).toBe(3);
    const e = errorOf(r);
    expect(e).toMatchObject({ code: 'E_OBSERVATION', file: bad, path: 'facts.boiler-fuel' });
    expect(e.allowed).toContain('coal');
    expect(e.issues).toEqual([
      expect.objectContaining({
        code: 'E_FACT_CHOICE',
        path: 'facts.boiler-fuel',
        message: 'must be one of the choices, got "peat"',
        value: 'peat',
      }),
    ]);
    expect(e.message).toContain('facts.boiler-fuel: must be one of the choices');
  });

  it('in the default locale the same error is worded in Chinese', () => {
    const e = errorOf(runCli('check', bad, '--format', 'json'));
    expect(e.code).toBe('E_OBSERVATION');
    expect((e.issues as { message: string }[])[0]!.message).toBe('应为选项之一,实为 "peat"');
    expect(e.message).toMatch(/^检查记录无效:/);
  });

  it('malformed JSON: E_JSON with position {line, col, offset}, exit 3', () => {
    const broken = file('broken.json', '{\n  "standard": "san-duan",\n  "facts": {,\n}');
    const r = runCli('check', broken, '--format', 'json', '--locale', 'en');
    expect(r.code).toBe(3);
    const e = errorOf(r);
    expect(e).toMatchObject({ code: 'E_JSON', file: broken, position: { line: 3, col: 13, offset: 40 } });
    expect(e.message).toMatch(/^not valid JSON: expected/);
  });

  it('a missing file: E_NO_SUCH_FILE, exit 3', () => {
    const r = runCli('check', join(tmp, 'nope.json'), '--format', 'json');
    expect(r.code).toBe(3);
    expect(errorOf(r)).toMatchObject({
      code: 'E_NO_SUCH_FILE',
      file: join(tmp, 'nope.json'),
      message: '没有这个文件或文件夹',
    });
  });

  it('an invalid standard: E_STANDARD with each diagnostic as an issue (file, position), exit 3', () => {
    const dir = join(tmp, 'standards');
    mkdirSync(join(dir, 'x'), { recursive: true });
    writeFileSync(join(dir, 'x', '1.0.0.yaml'), 'id: x\nversion: 1.0.0\nclauses: [\n');
    const r = runCli('check', bad, '--standards', dir, '--format', 'json');
    expect(r.code).toBe(3);
    const e = errorOf(r);
    expect(e.code).toBe('E_STANDARD');
    const issues = e.issues as { code: string; file: string; position?: { line: number } }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.file).toContain('1.0.0.yaml');
    expect(issues[0]!.position?.line).toBeGreaterThan(0);
  });

  it('a usage error: E_USAGE with the usage, exit 4', () => {
    for (const args of [
      ['check', '--format', 'json'],
      ['check', bad, '--format', 'json', '--bogus'],
      ['show', '--format', 'json', '--locale'],
    ]) {
      const r = runCli(...args);
      expect(r.code).toBe(4);
      const e = errorOf(r);
      expect(e.code).toBe('E_USAGE');
      expect(e.usage).toMatch(/^daoze /);
    }
    expect(errorOf(runCli('check', bad, '--format=json', '--bogus', '--locale', 'en')).message).toBe(
      'unknown option --bogus',
    );
  });

  it('a folder: one array, in file order, of verdicts and errors; the worst exit code', () => {
    const dir = join(tmp, 'folder');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ standard: 'san-duan', facts: { 'water-cut': true } }));
    writeFileSync(join(dir, 'b.json'), '{"standard": "san-duan",}');
    const r = runCli('check', dir, '--format', 'json');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('');
    const entries = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(entries).toHaveLength(2);
    expect(entries[0]!.standard).toMatchObject({ id: 'san-duan' });
    expect(entries[1]).toEqual({
      error: expect.objectContaining({
        code: 'E_JSON',
        file: join(dir, 'b.json'),
        position: expect.objectContaining({ line: 1 }),
      }),
    });
  });
});
