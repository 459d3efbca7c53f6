/** The CLI's one file reader and writer (src/cli/io.ts): what it refuses, with which code, and that it never blocks or grows. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkWritable,
  ensureFolder,
  errorLines,
  readInputBytes,
  readJsonFile,
  readTextFile,
  writeFileAtomic,
} from '../../../src/cli/io.js';
import { InputError, ObservationError } from '../../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'daoze-io-'));
const at = (name: string) => join(dir, name);

/** The InputError a call throws (fails the test when it throws nothing, or something else). */
function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError, got nothing');
}

describe('readInputBytes / readJsonFile: only regular files, read with a cap', () => {
  it('refuses a FIFO with E_NOT_FILE without opening it (opening one would block until a writer came)', () => {
    execFileSync('mkfifo', [at('pipe.json')]);
    const e = thrown(() => readJsonFile(at('pipe.json')));
    expect(e.code).toBe('E_NOT_FILE');
    expect(e.message).toContain('FIFO');
  });

  it('refuses /dev/zero (a character device of stat size 0 that never ends) with E_NOT_FILE', () => {
    const e = thrown(() => readJsonFile('/dev/zero'));
    expect(e.code).toBe('E_NOT_FILE');
    expect(e.message).toBe('/dev/zero: is a character device, not a file');
  });

  it('refuses a folder, even one named x.json, with E_NOT_FILE', () => {
    mkdirSync(at('x.json'));
    expect(thrown(() => readJsonFile(at('x.json'))).code).toBe('E_NOT_FILE');
  });

  it('a missing path is E_NO_SUCH_FILE; a path through a file is too', () => {
    expect(thrown(() => readJsonFile(at('nope.json'))).code).toBe('E_NO_SUCH_FILE');
    writeFileSync(at('plain.json'), '{}');
    expect(thrown(() => readJsonFile(join(at('plain.json'), 'inner.json'))).code).toBe('E_NO_SUCH_FILE');
  });

  it('a symlink loop is E_READ naming the loop, and returns at once', () => {
    symlinkSync(at('loop-b'), at('loop-a'));
    symlinkSync(at('loop-a'), at('loop-b'));
    const e = thrown(() => readJsonFile(at('loop-a')));
    expect(e.code).toBe('E_READ');
    expect(e.message).toContain('symlink loop');
  });

  it('an I/O error while reading is E_READ (/proc/self/mem is a regular file whose first page cannot be read)', () => {
    const e = thrown(() => readJsonFile('/proc/self/mem'));
    expect(e.code).toBe('E_READ');
    expect(e.message).toContain('EIO');
  });

  // Root reads a mode-000 file anyway, so the permission case can only be seen as another user; as root the
  // I/O-error and symlink-loop cases above are the E_READ checks.
  it.skipIf(process.getuid?.() === 0)(
    'a file without read permission is E_READ (not run as root: root reads mode 000)',
    () => {
      writeFileSync(at('secret.json'), '{}');
      chmodSync(at('secret.json'), 0o000);
      const e = thrown(() => readJsonFile(at('secret.json')));
      expect(e.code).toBe('E_READ');
      expect(e.message).toContain('permission denied');
    },
  );

  it('a file over the cap is E_TOO_LARGE, counted in bytes read, not from the stat size', () => {
    writeFileSync(at('big.json'), `[${'1,'.repeat(60)}1]`);
    expect(thrown(() => readJsonFile(at('big.json'), 100)).code).toBe('E_TOO_LARGE');
    expect(readJsonFile(at('big.json'), 1000)).toHaveLength(61);
  });

  it('decodes strictly: invalid UTF-8 is E_ENCODING with the byte offset; a BOM is dropped', () => {
    writeFileSync(at('bad-byte.json'), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])); // {"a":"\xff"}: 0xff is never UTF-8
    const e = thrown(() => readJsonFile(at('bad-byte.json')));
    expect(e.code).toBe('E_ENCODING');
    expect(e.position).toMatchObject({ offset: 6, line: 1, col: 7 });
    writeFileSync(at('bom.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"é"}')]));
    expect(readJsonFile(at('bom.json'))).toEqual({ a: 'é' });
    expect(readTextFile(at('bom.json'))).toBe('{"a":"é"}');
  });

  it('parses strictly: a duplicate key names both positions; deep nesting is E_DEPTH; syntax is E_JSON with line:col', () => {
    writeFileSync(at('dup.json'), '{\n  "a": 1,\n  "a": 2\n}');
    const dup = thrown(() => readJsonFile(at('dup.json')));
    expect(dup.code).toBe('E_DUPLICATE_KEY');
    expect(dup.position).toMatchObject({ line: 3, col: 3 });
    expect(dup.first).toMatchObject({ line: 2, col: 3 });
    writeFileSync(at('deep.json'), `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(thrown(() => readJsonFile(at('deep.json'))).code).toBe('E_DEPTH');
    writeFileSync(at('syntax.json'), '{\n  "a": 1,\n}');
    const syntax = thrown(() => readJsonFile(at('syntax.json')));
    expect(syntax.code).toBe('E_JSON');
    expect(syntax.position).toMatchObject({ line: 3, col: 1 });
  });

  it('reads a regular file through a symlink', () => {
    writeFileSync(at('target.json'), '{"ok":true}');
    symlinkSync(at('target.json'), at('link.json'));
    expect(readJsonFile(at('link.json'))).toEqual({ ok: true });
    expect(readInputBytes(at('link.json'))).toHaveLength(11);
  });
});

describe('writeFileAtomic / checkWritable / ensureFolder', () => {
  it('writes the whole text and leaves no temporary file behind', () => {
    const out = join(mkdtempSync(join(dir, 'w-')), 'out.json');
    writeFileAtomic(out, 'one');
    writeFileAtomic(out, 'two');
    expect(readFileSync(out, 'utf8')).toBe('two');
    expect(readdirSync(join(out, '..'))).toEqual(['out.json']);
  });

  it('refuses a folder as the target with E_NOT_FILE, before and at writing, and leaves the folder as it was', () => {
    const folder = mkdtempSync(join(dir, 'as-target-'));
    expect(thrown(() => checkWritable(folder)).code).toBe('E_NOT_FILE');
    expect(thrown(() => writeFileAtomic(folder, 'x')).code).toBe('E_NOT_FILE');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a missing parent folder is E_NO_SUCH_FILE naming it; a file in the path is E_NOT_FILE', () => {
    const e = thrown(() => checkWritable(at('no-such-folder/out.json')));
    expect(e.code).toBe('E_NO_SUCH_FILE');
    expect(e.message).toContain('no-such-folder does not exist');
    expect(thrown(() => writeFileAtomic(at('no-such-folder/out.json'), 'x')).code).toBe('E_NO_SUCH_FILE');
    writeFileSync(at('a-file'), '');
    expect(thrown(() => checkWritable(join(at('a-file'), 'out.json'))).code).toBe('E_NOT_FILE');
    expect(thrown(() => ensureFolder(at('a-file'))).code).toBe('E_NOT_FILE');
  });
});

describe('errorLines: one line (or block) with the code and the place', () => {
  it('an InputError: command, file:line:col, code, reason', () => {
    const e = new InputError(
      'E_DUPLICATE_KEY',
      'obs.json',
      'key "a" appears twice in one object (first at 2:5); keep one',
      { position: { offset: 20, line: 3, col: 5 } },
    );
    expect(errorLines(e, 'check')).toEqual([
      'daoze check: obs.json:3:5: E_DUPLICATE_KEY key "a" appears twice in one object (first at 2:5); keep one',
    ]);
  });

  it('an ObservationError names the file and each issue with its code', () => {
    const e = new ObservationError([
      { code: 'E_FACT_TYPE', path: 'facts.water-cut', message: 'must be true or false, got "yes"' },
    ]);
    expect(errorLines(e, 'check', 'a.json')).toEqual([
      'daoze check: a.json: E_OBSERVATION the observation is invalid:',
      '  facts.water-cut: must be true or false, got "yes" (E_FACT_TYPE)',
    ]);
  });

  it('is undefined for what is not a DaozeError (a bug, reported as such)', () => {
    expect(errorLines(new RangeError('Maximum call stack size exceeded'), 'check')).toBeUndefined();
  });
});
