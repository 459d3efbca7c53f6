/**
 * `check --batch` reads every line strictly and loses none: a line nested 10⁴–10⁵ deep, a duplicate key,
 * invalid UTF-8 or a stray BOM is that line's numbered error with its code, and the batch goes on; every
 * non-blank input line gives exactly one record or one numbered error, across chunk and worker boundaries.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { batchSources } from '../../src/cli/batch.js';
import { runBatch, type BatchOptions } from '../../src/batch/run.js';
import { generateObservations } from '../../bench/observations.js';

const root = resolve(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'daoze-batch-strict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { registry, editions, profiles } = batchSources({ locale: 'en', format: 'text' });
const good = generateObservations(registry.get('san-duan').spec, 200, 31).map((o) => JSON.stringify(o));

/** The kinds of hostile line, each with the code its error must carry. */
const HOSTILE: Record<string, { code: string; bytes: () => Buffer }> = {
  deep4: {
    code: 'E_DEPTH',
    bytes: () =>
      Buffer.from(`{"standard":"san-duan","facts":{"water-cut":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`),
  },
  deep5: { code: 'E_DEPTH', bytes: () => Buffer.from(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`) },
  duplicate: {
    code: 'E_DUPLICATE_KEY',
    bytes: () => Buffer.from('{"standard":"san-duan","facts":{"water-cut":true,"water-cut":false}}'),
  },
  utf8: {
    code: 'E_ENCODING',
    bytes: () =>
      Buffer.concat([Buffer.from('{"standard":"san-duan","note":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
  },
  midBom: { code: 'E_JSON', bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good[0]!)]) },
  syntax: { code: 'E_JSON', bytes: () => Buffer.from('{"standard": "san-duan",') },
  observation: {
    code: 'E_OBSERVATION',
    bytes: () => Buffer.from('{"standard":"san-duan","facts":{"water-cut":"yes"}}'),
  },
};

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const parts: string[] = [];
  stream.on('data', (d: Buffer) => parts.push(d.toString('utf8')));
  return { stream, text: () => parts.join('') };
}

async function batch(bytes: Buffer, extra: Partial<BatchOptions> = {}) {
  const input = join(dir, `in-${Math.random().toString(36).slice(2)}.ndjson`);
  writeFileSync(input, bytes);
  const out = sink();
  const err = sink();
  const summary = await runBatch({
    input,
    registry,
    sources: { editions, profiles },
    chunk: { output: 'record', locale: 'en', trace: false, strict: false },
    progress: false,
    locale: 'en',
    workers: 0,
    stdout: out.stream,
    stderr: err.stream,
    ...extra,
  });
  return { summary, out: out.text(), err: err.text() };
}

/** Line numbers of records and of errors (with their codes); each non-blank line must be in exactly one. */
function accounting(r: { out: string; err: string }) {
  const recorded =
    r.out.trimEnd() === ''
      ? []
      : r.out
          .trimEnd()
          .split('\n')
          .map((l) => (JSON.parse(l) as { line: number }).line);
  const errors = new Map<number, string>();
  for (const m of r.err.matchAll(/^line (\d+)(?::\d+)?: (E_[A-Z_]+) /gm)) {
    expect(errors.has(Number(m[1]))).toBe(false); // one error per line
    errors.set(Number(m[1]), m[2]!);
  }
  return { recorded, errors };
}

/** Lines as bytes joined by `\n` (or `\r\n`), with the line numbers of the blank ones. */
function joinLines(lines: Buffer[], crlf = false): Buffer {
  const nl = Buffer.from(crlf ? '\r\n' : '\n');
  return Buffer.concat(lines.flatMap((l) => [l, nl]));
}

describe('strict lines in a batch', () => {
  it('a batch of 1,000 lines with deep, duplicate-key, non-UTF-8 and malformed lines: each is its numbered error, all others judged', async () => {
    const kinds = Object.keys(HOSTILE);
    const lines: Buffer[] = [];
    const expected = new Map<number, string>();
    for (let i = 0; i < 1000; i++) {
      if (i % 97 === 50) {
        const kind = kinds[((i / 97) | 0) % kinds.length]!;
        lines.push(HOSTILE[kind]!.bytes());
        expected.set(i + 1, HOSTILE[kind]!.code);
      } else lines.push(Buffer.from(good[i % good.length]!));
    }
    const r = await batch(joinLines(lines), { chunkBytes: 8 * 1024 });
    const { recorded, errors } = accounting(r);
    expect(errors).toEqual(expected);
    expect(recorded).toEqual([...Array(1000).keys()].map((i) => i + 1).filter((n) => !expected.has(n)));
    expect(r.summary.bad).toBe(expected.size);
    expect(r.summary.evaluated).toBe(1000 - expected.size);
  }, 60_000);

  it('invalid UTF-8 names the byte offset in its line; the other lines of the same chunk are unaffected', async () => {
    const r = await batch(joinLines([Buffer.from(good[0]!), HOSTILE.utf8!.bytes(), Buffer.from(good[1]!)]));
    expect(r.err).toMatch(/^line 2:\d+: E_ENCODING byte 31 \(0xc3\)|^line 2:\d+: E_ENCODING byte 32 \(0x28\)/m);
    expect(accounting(r).recorded).toEqual([1, 3]);
  });

  it('a BOM at the start of the stream is dropped; one anywhere else is an error of its line', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const r = await batch(
      Buffer.concat([
        bom,
        joinLines([Buffer.from(good[0]!), Buffer.concat([bom, Buffer.from(good[1]!)]), Buffer.from(good[2]!)], true),
      ]),
    );
    const { recorded, errors } = accounting(r);
    expect(recorded).toEqual([1, 3]);
    expect(errors).toEqual(new Map([[2, 'E_JSON']]));
  });

  it('every non-blank line is exactly one record or one numbered error, over random mixes, chunk sizes and CRLF (fast-check, fixed seed)', async () => {
    const kinds = [...Object.keys(HOSTILE).filter((k) => k !== 'deep5'), 'good', 'good', 'good', 'blank'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 64, max: 4096 }),
        fc.boolean(),
        async (picked, chunkBytes, crlf) => {
          const lines = picked.map((k, i) =>
            k === 'good'
              ? Buffer.from(good[i % good.length]!)
              : k === 'blank'
                ? Buffer.from('  ')
                : HOSTILE[k]!.bytes(),
          );
          const r = await batch(joinLines(lines, crlf), { chunkBytes });
          const { recorded, errors } = accounting(r);
          picked.forEach((k, i) => {
            const n = i + 1;
            if (k === 'blank') expect(recorded.includes(n) || errors.has(n)).toBe(false);
            // A BOM on line 1 is the stream's own, dropped: the line is a good one.
            else if (k === 'good' || (k === 'midBom' && n === 1))
              expect(recorded.includes(n) && !errors.has(n)).toBe(true);
            else expect([errors.get(n), recorded.includes(n)]).toEqual([HOSTILE[k]!.code, false]);
          });
          expect(recorded.length + errors.size).toBe(picked.filter((k) => k !== 'blank').length);
        },
      ),
      { seed: 9, numRuns: 40 },
    );
  }, 120_000);

  it('a worker thread reads lines as strictly as the main thread', async () => {
    const lines = [
      Buffer.from(good[0]!),
      HOSTILE.deep5!.bytes(),
      HOSTILE.duplicate!.bytes(),
      HOSTILE.utf8!.bytes(),
      Buffer.from(good[1]!),
    ];
    const main = await batch(joinLines(lines), { workers: 0 });
    const worker = await batch(joinLines(lines), { workers: 1, chunkBytes: 64 });
    expect(worker.summary.workers).toBe(1);
    expect(worker.out).toBe(main.out);
    expect(worker.err).toBe(main.err);
    expect(accounting(worker).errors).toEqual(
      new Map([
        [2, 'E_DEPTH'],
        [3, 'E_DUPLICATE_KEY'],
        [4, 'E_ENCODING'],
      ]),
    );
  }, 60_000);

  it('from the command line: a line 10⁵ deep among 1,000 is a numbered error, exit 3, no stack, the 999 others written', () => {
    const lines = [...Array(1000).keys()].map((i) =>
      i === 499 ? HOSTILE.deep5!.bytes() : Buffer.from(good[i % good.length]!),
    );
    const input = join(dir, 'deep-among-1000.ndjson');
    writeFileSync(input, joinLines(lines));
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run.ts', 'check', '--batch', input, '--locale', 'en', '--workers', '0'],
      { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 },
    );
    expect(r.stderr).toMatch(/^line 500:\d+: E_DEPTH values are nested deeper than 64 levels$/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).toContain('999 observations evaluated');
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(999);
    expect(r.status).toBe(3);
  }, 90_000);
});
