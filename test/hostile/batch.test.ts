/**
 * A batch of 10⁵ NDJSON lines through the built CLI (`check --batch`), with 10⁴-deep, malformed, invalid-UTF-8
 * and duplicate-key lines (and blank lines) among valid ones: every non-blank line is exactly one record or one
 * numbered error, in input order, and the run ends with exit 3 (some lines were bad), never 70.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example } from './fixtures.js';
import { BIN, ensureBuilt, STACK_LINE } from './run-cli.js';

/** Non-blank lines in the batch. */
const LINES = 100_000;
const DEPTH = 10_000;

type Kind = 'valid' | 'deep' | 'malformed' | 'utf8' | 'duplicate';
/** The code each kind of bad line must be reported with. */
const CODE: Record<Exclude<Kind, 'valid'>, string> = {
  deep: 'E_DEPTH',
  malformed: 'E_JSON',
  utf8: 'E_ENCODING',
  duplicate: 'E_DUPLICATE_KEY',
};

const EXAMPLES = [
  '01-toilet-ammonia-high.json',
  '02-toilet-no-ammonia-reading.json',
  '03-coal-boiler-removed.json',
  '04-snow-a-class-30h.json',
  '04-u-unit-missing-manhole-cover.json',
].map((n) => JSON.stringify(example(n)));

/** The kind of the k-th non-blank line (0-based): one bad line of each kind in every 50. */
function kindOf(k: number): Kind {
  switch (k % 50) {
    case 7:
      return 'deep';
    case 17:
      return 'malformed';
    case 27:
      return 'utf8';
    case 37:
      return 'duplicate';
    default:
      return 'valid';
  }
}

function lineBytes(kind: Kind, k: number): Buffer {
  const base = EXAMPLES[k % EXAMPLES.length]!;
  switch (kind) {
    case 'valid':
      return Buffer.from(base);
    case 'deep':
      return Buffer.from(base.replace('"facts":{', `"facts":{"deep":${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)},`));
    case 'malformed':
      return Buffer.from(base.slice(0, base.length - 7));
    case 'utf8': {
      const i = base.indexOf('"subject":{"id":"') + 17;
      return Buffer.concat([
        Buffer.from(base.slice(0, i)),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from(base.slice(i)),
      ]);
    }
    case 'duplicate':
      return Buffer.from(base.replace('"standard":', '"standard":"x","standard":'));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'daoze-hostile-batch-'));
const expected: { line: number; kind: Kind }[] = [];
let run: { code: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean };

beforeAll(async () => {
  ensureBuilt();
  const input = join(dir, 'in.ndjson');
  const fd = openSync(input, 'w');
  let physical = 0;
  let pending: Buffer[] = [];
  let size = 0;
  const flush = () => {
    writeSync(fd, Buffer.concat(pending));
    pending = [];
    size = 0;
  };
  for (let k = 0; k < LINES; k++) {
    const kind = kindOf(k);
    physical++;
    expected.push({ line: physical, kind });
    pending.push(lineBytes(kind, k), Buffer.from('\n'));
    size += pending[pending.length - 2]!.length + 1;
    // Blank lines (one empty, one of spaces) are not observations: they yield nothing.
    if (k % 50 === 47) {
      pending.push(Buffer.from(k % 100 === 47 ? '\n' : '   \r\n'));
      physical++;
    }
    if (size > 1 << 20) flush();
  }
  flush();
  closeSync(fd);

  const out = openSync(join(dir, 'out.ndjson'), 'w');
  const err = openSync(join(dir, 'err.txt'), 'w');
  run = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=256', BIN, 'check', '--batch', input, '--locale', 'en'],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', out, err],
      },
    );
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, 300_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      resolve({
        code,
        signal,
        stdout: readFileSync(join(dir, 'out.ndjson'), 'utf8'),
        stderr: readFileSync(join(dir, 'err.txt'), 'utf8'),
        timedOut,
      });
    });
  });
}, 600_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a hostile batch of 10⁵ lines', () => {
  it('ends, with exit 3 (bad lines), never 70, and no stack trace', () => {
    expect(run.timedOut).toBe(false);
    expect(run.signal).toBeNull();
    expect(STACK_LINE.test(run.stderr), run.stderr.slice(0, 2000)).toBe(false);
    expect(run.code, run.stderr.slice(-2000)).toBe(3);
  });

  it('gives every valid line exactly one record, in order', () => {
    const lines = run.stdout.split('\n').filter((l) => l !== '');
    const got = lines.map((l) => (JSON.parse(l) as { line: number }).line);
    const want = expected.filter((e) => e.kind === 'valid').map((e) => e.line);
    expect(got.length).toBe(want.length);
    expect(got).toEqual(want);
  });

  it('gives every bad line exactly one numbered error, in order, with its code', () => {
    const errors = run.stderr
      .split('\n')
      .map((l) => /^line (\d+)(?::\d+)?: (.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ line: Number(m[1]), message: m[2]! }));
    const want = expected.filter((e) => e.kind !== 'valid');
    expect(errors.map((e) => e.line)).toEqual(want.map((e) => e.line));
    const wrong = errors
      .map((e, i) => ({ ...e, code: CODE[want[i]!.kind as Exclude<Kind, 'valid'>] }))
      .filter((e) => !new RegExp(`\\b${e.code}\\b`).test(e.message));
    expect(wrong.slice(0, 5), `${wrong.length} errors without their code`).toEqual([]);
  });

  it('counts match: the summary’s bad lines are the bad lines, and records plus errors are the non-blank lines', () => {
    const bad = expected.filter((e) => e.kind !== 'valid').length;
    const m = /bad lines: ([\d,]+)/.exec(run.stderr);
    expect(m, run.stderr.slice(-1000)).not.toBeNull();
    expect(Number(m![1]!.replace(/,/g, ''))).toBe(bad);
    const records = run.stdout.split('\n').filter((l) => l !== '').length;
    expect(records + bad).toBe(LINES);
  });
});
