/**
 * Hostile files and paths through the command line: each is a typed error naming the path (and line:col) with
 * its code, exit 3 — never a hang, a stack trace or exit 70. Special files and stdin run the CLI from source
 * in a child process (a FIFO that blocked would block the test runner itself); the rest run it in process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli as runCliIn } from '../support/helpers.js';

// These tests hold the English wording of each error (--locale en); the Chinese, default one is in locale.test.ts.
const runCli = (...args: string[]) => runCliIn(...args, '--locale', 'en');

const root = resolve(__dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'daoze-hostile-'));
const OBS = join(root, 'examples/observations');
const PASS = join(OBS, '03-coal-boiler-removed.json');
const FAIL = join(OBS, '01-toilet-ammonia-high.json');
const RECORD = join(root, 'examples/records/01-toilet-ammonia-high.record.json');
const STACK = /^\s+at /m;

afterEach(() => vi.restoreAllMocks());

/** The CLI from source in a child process, killed after 60 s so that a hang fails the test instead of stalling it. */
function spawnCli(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args, '--locale', 'en'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 1 << 28,
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

/** Exit 3, the code on stderr, no stack trace. */
function invalid(r: { code: number | null; stderr: string }, code: string): void {
  expect(r.stderr).toContain(code);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr).not.toContain('internal error');
  expect(r.code).toBe(3);
}

describe('special files (run in a child process)', () => {
  it('a FIFO is refused with E_NOT_FILE and the process returns (it never opens the pipe)', () => {
    const fifo = join(tmp, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const r = spawnCli(['check', fifo]);
    expect(r.signal).toBeNull(); // not killed by the timeout
    invalid(r, 'E_NOT_FILE');
    expect(r.stderr).toContain(`${fifo}: E_NOT_FILE is a FIFO (named pipe), not a file`);
  }, 90_000);

  it('/dev/zero is refused with E_NOT_FILE, by check and by check --batch', () => {
    for (const args of [
      ['check', '/dev/zero'],
      ['check', '--batch', '/dev/zero'],
    ]) {
      const r = spawnCli(args);
      expect(r.signal).toBeNull();
      invalid(r, 'E_NOT_FILE');
      expect(r.stderr).toContain('/dev/zero');
    }
  }, 120_000);

  it('standard input (-) is read strictly and with the same 10 MB cap', () => {
    const ok = spawnCli(['check', '-', '--format', 'json'], readFileSync(PASS));
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).outcome).toBe('pass');
    invalid(spawnCli(['check', '-'], '{"standard": "san-duan", "standard": "x"}'), '<stdin>:1:26: E_DUPLICATE_KEY');
    invalid(spawnCli(['check', '-'], Buffer.alloc(11 * 1024 * 1024, 0x20)), '<stdin>: E_TOO_LARGE');
  }, 180_000);
});

describe('check on bad files', () => {
  it('a missing path is E_NO_SUCH_FILE, exit 3', () => {
    const r = runCli('check', join(tmp, 'nope.json'));
    invalid(r, 'E_NO_SUCH_FILE');
    expect(r.stderr).toContain(`${join(tmp, 'nope.json')}: E_NO_SUCH_FILE no such file or folder`);
  });

  it('a symlink loop is E_READ and returns', () => {
    symlinkSync(join(tmp, 'loop-2.json'), join(tmp, 'loop-1.json'));
    symlinkSync(join(tmp, 'loop-1.json'), join(tmp, 'loop-2.json'));
    const r = runCli('check', join(tmp, 'loop-1.json'));
    invalid(r, 'E_READ');
    expect(r.stderr).toContain('symlink loop');
  });

  it('an observation with a duplicate key is E_DUPLICATE_KEY naming both positions (the last one does not silently win)', () => {
    const text = readFileSync(FAIL, 'utf8').replace(
      '"ammonia-mg-m3": 1.5',
      '"ammonia-mg-m3": 1.5, "ammonia-mg-m3": 0.5',
    );
    const p = file('dup.json', text);
    const line = text.split('\n').findIndex((l) => l.includes('"ammonia-mg-m3": 1.5,')) + 1;
    const r = runCli('check', p);
    invalid(r, 'E_DUPLICATE_KEY');
    expect(r.stderr).toMatch(
      new RegExp(
        `dup\\.json:${line}:\\d+: E_DUPLICATE_KEY key "ammonia-mg-m3" appears twice in one object \\(first at ${line}:\\d+\\)`,
      ),
    );
    expect(r.stdout).toBe('');
  });

  it('invalid UTF-8 is E_ENCODING with the byte offset; a leading BOM is dropped and the observation judged', () => {
    const bytes = readFileSync(PASS);
    const at = bytes.indexOf('"san-duan"') + 2;
    const bad = Buffer.from(bytes);
    bad[at] = 0xff;
    const r = runCli('check', file('latin.json', bad));
    invalid(r, 'E_ENCODING');
    expect(r.stderr).toContain(`byte ${at} (0xff) is not valid UTF-8`);
    const bom = runCli(
      'check',
      file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])),
      '--format',
      'json',
    );
    expect(bom.code).toBe(0);
    expect(JSON.parse(bom.stdout).outcome).toBe('pass');
  });

  it('a value nested 10⁵ deep is E_DEPTH, not a stack overflow', () => {
    const r = runCli(
      'check',
      file('deep.json', `{"standard":"san-duan","facts":{"water-cut":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`),
    );
    invalid(r, 'E_DEPTH');
  });
});

describe('standards paths', () => {
  it('--standards on a missing path is E_NO_SUCH_FILE, and a dangling edition symlink is E_READ at that file (exit 3), never exit 70', () => {
    const dir = join(tmp, 'standards-dangling');
    mkdirSync(join(dir, 'san-duan'), { recursive: true });
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'san-duan', '1.0.0.yaml'));
    invalid(runCli('check', PASS, '--standards', join(tmp, 'no-standards')), 'E_NO_SUCH_FILE');
    invalid(runCli('list', '--standards', join(tmp, 'no-standards')), 'E_NO_SUCH_FILE');
    for (const r of [runCli('check', PASS, '--standards', dir), runCli('list', '--standards', dir)]) {
      invalid(r, 'E_READ');
      expect(r.stderr).toMatch(/1\.0\.0\.yaml.*\n.*symlink whose target does not exist/);
    }
  });
});

describe('check on a folder: every valid file judged, every invalid one named, the worst exit code', () => {
  it('names a subfolder x.json, a FIFO, a symlink loop and a duplicate key, and still judges the valid files (exit 3 over fail)', () => {
    const dir = join(tmp, 'mixed');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a-pass.json'), readFileSync(PASS));
    writeFileSync(join(dir, 'b-fail.json'), readFileSync(FAIL));
    mkdirSync(join(dir, 'c-folder.json'));
    execFileSync('mkfifo', [join(dir, 'd-pipe.json')]);
    symlinkSync(join(dir, 'e-loop.json'), join(dir, 'e-loop.json'));
    writeFileSync(join(dir, 'f-dup.json'), '{"standard": "san-duan",\n "standard": "san-duan"}');
    writeFileSync(join(dir, 'notes.txt'), 'not an observation');
    const r = runCli('check', dir, '--locale', 'en');
    invalid(r, 'E_NOT_FILE');
    expect(r.stderr).toContain(`${join(dir, 'c-folder.json')}: E_NOT_FILE is a folder, not a file`);
    expect(r.stderr).toContain(`${join(dir, 'd-pipe.json')}: E_NOT_FILE is a FIFO (named pipe), not a file`);
    expect(r.stderr).toContain(`${join(dir, 'e-loop.json')}: E_READ`);
    expect(r.stderr).toContain(`${join(dir, 'f-dup.json')}:2:2: E_DUPLICATE_KEY`);
    expect(r.stdout).toContain(join(dir, 'a-pass.json'));
    expect(r.stdout).toContain(join(dir, 'b-fail.json'));
    expect(r.stdout).toContain('6 observations: pass 1 · fail 1 · invalid 4');
    const json = runCli('check', dir, '--format', 'json');
    expect(json.code).toBe(3);
    // --format json: one array, in file order, of each file's verdict or `{ error }` naming the file.
    const entries = JSON.parse(json.stdout) as ({ outcome: string } | { error: { code: string; file: string } })[];
    expect(entries.map((v) => ('error' in v ? v.error.code : v.outcome))).toEqual([
      'pass',
      'fail',
      'E_NOT_FILE',
      'E_NOT_FILE',
      'E_READ',
      'E_DUPLICATE_KEY',
    ]);
    expect(entries.flatMap((v) => ('error' in v ? [v.error.file] : []))).toEqual(
      ['c-folder', 'd-pipe', 'e-loop', 'f-dup'].map((f) => join(dir, `${f}.json`)),
    );
    expect(json.stderr).toBe('');
  });

  it('--exit-zero does not hide invalid input; without invalid files the worst outcome counts', () => {
    const dir = join(tmp, 'exit-zero');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.json'), readFileSync(FAIL));
    writeFileSync(join(dir, 'b.json'), readFileSync(PASS));
    expect(runCli('check', dir).code).toBe(1);
    writeFileSync(join(dir, 'c.json'), '{');
    expect(runCli('check', dir, '--exit-zero').code).toBe(3);
  });

  it('a folder with no observation files is an error that says so', () => {
    const dir = join(tmp, 'empty');
    mkdirSync(dir);
    writeFileSync(join(dir, 'readme.txt'), '');
    const r = runCli('check', dir);
    invalid(r, 'E_NO_SUCH_FILE');
    expect(r.stderr).toContain('holds no observation files');
  });
});

describe('output paths', () => {
  it('--record to a folder is E_NOT_FILE before anything is judged; to a missing folder E_NO_SUCH_FILE', () => {
    const dir = join(tmp, 'record-dir');
    mkdirSync(dir);
    const r = runCli('check', PASS, '--record', dir);
    invalid(r, 'E_NOT_FILE');
    expect(r.stderr).toContain(`${dir}: E_NOT_FILE is a folder`);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
    invalid(runCli('check', PASS, '--record', join(tmp, 'no-such', 'rec.json')), 'E_NO_SUCH_FILE');
  });

  it('build --out a folder and build --schemas a file are E_NOT_FILE, and write nothing', () => {
    const dir = join(tmp, 'bundle-dir');
    mkdirSync(dir);
    const out = runCli('build', '--out', dir);
    invalid(out, 'E_NOT_FILE');
    expect(out.stderr).toContain(`${dir}: E_NOT_FILE`);
    expect(readdirSync(dir)).toEqual([]);
    const schemas = file('schemas-file', 'x');
    const bundle = join(tmp, 'bundle.json');
    invalid(runCli('build', '--out', bundle, '--schemas', schemas), 'E_NOT_FILE');
    expect(existsSync(bundle)).toBe(false);
  });
});

describe('records and replays', () => {
  it('verify on a folder is E_NOT_FILE', () => {
    invalid(runCli('verify', tmp), 'E_NOT_FILE');
  });

  it('a record with "outcome": "pass" inserted before the real key does not verify: E_DUPLICATE_KEY, exit 3', () => {
    const text = readFileSync(RECORD, 'utf8').replace(
      '  "outcome": "fail",',
      '  "outcome": "pass",\n  "outcome": "fail",',
    );
    const p = file('forged.record.json', text);
    for (const cmd of ['verify', 'explain']) {
      const r = runCli(cmd, p);
      invalid(r, 'E_DUPLICATE_KEY');
      expect(r.stderr).toMatch(
        /forged\.record\.json:18:3: E_DUPLICATE_KEY key "outcome" appears twice in one object \(first at 17:3\)/,
      );
    }
  });

  it('verify --observation and diff --replay read strictly too', () => {
    invalid(runCli('verify', RECORD, '--observation', file('obs-dup.json', '{"a": 1, "a": 2}')), 'E_DUPLICATE_KEY');
    const replay = file(
      'replay.ndjson',
      `${readFileSync(PASS, 'utf8').replace(/\n/g, '')}\n{"standard": "x", "standard": "y"}\n`,
    );
    const r = runCli(
      'diff',
      'si-jing-san-wu-liang-tong-yi-ming@1.0.0',
      'si-jing-san-wu-liang-tong-yi-ming@2.0.0',
      '--replay',
      replay,
    );
    invalid(r, 'E_DUPLICATE_KEY');
    expect(r.stderr).toContain('replay.ndjson:2:19: E_DUPLICATE_KEY');
  });

  it('in an NDJSON of records, a bad line is named and the others are still verified (exit 3)', () => {
    const one = JSON.stringify(JSON.parse(readFileSync(RECORD, 'utf8')));
    const r = runCli(
      'verify',
      file('records.ndjson', `${one}\n{"format": 1, "format": 2}\n${one}\n`),
      '--locale',
      'en',
    );
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(
      'records.ndjson:2:15: E_DUPLICATE_KEY key "format" appears twice in one object (first at 2:2)',
    );
    expect(r.stdout).toContain('3 record(s), 2 verified');
  });
});
