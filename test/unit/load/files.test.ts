/**
 * Reading standards files from disk (src/node.ts): bytes are strict UTF-8 (a BOM dropped), and a path or entry
 * that is missing, dangling, empty or not a regular file is a typed, positioned error — never a crash or a hang.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/errors.js';
import { findEditionFiles, readEditions, readProfiles } from '../../../src/node.js';
import { fixture, runCli } from '../../support/helpers.js';

const draft = fixture('invalid', 'bad-cases.yaml').split('\ncases:')[0]! + '\n';

/** A standards folder holding one draft edition `broken@1.0.0` written as the given bytes. */
function folder(bytes: Uint8Array | string = draft): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'daoze-files-'));
  mkdirSync(join(dir, 'broken'));
  const file = join(dir, 'broken', '1.0.0.yaml');
  writeFileSync(file, bytes);
  return { dir, file };
}

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('reading edition files', () => {
  it('drops a UTF-8 BOM: the edition reads as without it', () => {
    const plain = readEditions(folder().dir);
    const bom = readEditions(folder(`\uFEFF${draft}`).dir);
    expect(bom.diagnostics).toEqual([]);
    expect(bom.editions.map((e) => e.spec)).toEqual(plain.editions.map((e) => e.spec));
  });

  it('refuses invalid UTF-8 with E_ENCODING naming the byte offset, line and column', () => {
    const bytes = Buffer.from(draft.replace('nickname: 测试', 'nickname: ab'), 'utf8');
    const at = bytes.indexOf('nickname: ab') + 'nickname: a'.length;
    bytes[at] = 0xff;
    const { diagnostics, editions } = readEditions(folder(bytes).dir);
    expect(editions).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'E_ENCODING', value: at, location: { line: 4, col: 12 } });
    expect(diagnostics[0]!.message).toContain(`byte offset ${at}`);
  });

  it('refuses invalid UTF-8 in a profile the same way', () => {
    const { dir } = folder(Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xff, 0x28]));
    expect(readProfiles(dir).diagnostics).toMatchObject([
      { code: 'E_ENCODING', value: 4, location: { line: 1, col: 5 } },
    ]);
  });

  it('reports a dangling edition symlink at its path, and validate says so instead of crashing', () => {
    const { dir } = folder();
    mkdirSync(join(dir, 'gone'));
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'gone', '1.0.0.yaml'));
    const { diagnostics } = readEditions(dir);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'E_READ',
      location: { file: expect.stringMatching(/gone\/1\.0\.0\.yaml$/) },
    });
    expect(diagnostics[0]!.message).toMatch(/symlink whose target does not exist/);
    const r = runCli('validate', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('E_READ');
  });

  it('refuses an edition that is a FIFO without opening it (no hang), in a folder and as the path itself', () => {
    const { dir } = folder();
    mkdirSync(join(dir, 'pipe'));
    const fifo = join(dir, 'pipe', '1.0.0.yaml');
    execFileSync('mkfifo', [fifo]);
    const { diagnostics } = readEditions(dir);
    expect(diagnostics.map((d) => d.code)).toEqual(['E_NOT_FILE']);
    expect(inputError(() => findEditionFiles(fifo)).code).toBe('E_NOT_FILE');
    expect(runCli('validate', fifo).code).toBe(3);
  });

  it('a missing path is E_NO_SUCH_FILE naming it; an empty folder says it holds no editions', () => {
    const missing = join(tmpdir(), 'daoze-files-missing', 'standards');
    expect(inputError(() => readEditions(missing))).toMatchObject({ code: 'E_NO_SUCH_FILE', file: missing });
    const empty = mkdtempSync(join(tmpdir(), 'daoze-files-empty-'));
    const e = inputError(() => readEditions(empty));
    expect(e.message).toMatch(/holds no edition files/);
    const r = runCli('validate', empty);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(empty);
    expect(runCli('check', 'examples/observations/01-toilet-ammonia-high.json', '--standards', empty).code).toBe(3);
  });
});
