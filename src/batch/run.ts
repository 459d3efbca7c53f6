/**
 * `daoze check --batch`: streams NDJSON observations in and one result per observation out, in input order,
 * in constant memory. The input is cut into chunks of whole lines; small inputs are evaluated in the main
 * thread, and once an input proves large the chunks go to worker threads (one per core), with a bounded
 * number in flight, so neither a fast reader nor a slow writer makes memory grow.
 */
import { createReadStream, openSync, statSync } from 'node:fs';
import { CliInputError } from '../messages/index.js';
import type { Locale, Outcome } from '../model/edition.js';
import type { EditionSpec } from '../model/edition.js';
import type { ProfileInput, Registry } from '../registry.js';
import { cliText } from '../messages/index.js';
import { errorRecord, evaluateChunk, type BadLine, type ChunkOptions, type ChunkResult } from './chunk.js';
import { CSV_BOM, CSV_EOL, csvHeader } from './format.js';
import { lineChunks, MAX_LINE_BYTES } from './lines.js';
import { defaultWorkers, WorkerPool } from './pool.js';
import { formatSeconds, Progress } from './progress.js';
import { batchWords, phrase } from './words.js';

/**
 * Input bytes per chunk when writing full verdicts. A verdict is 30–80 times the size of its observation
 * (every clause's citation and message); with the usual 256 KB chunks each chunk's output is a string of
 * megabytes, which V8 keeps in its large-object space until a full collection, and a batch of 100,000 grew
 * past 1 GB. Chunks of a few lines keep each output string small enough to die young.
 */
export const FULL_VERDICT_CHUNK_BYTES = 4 * 1024;

/** Input lines evaluated in the main thread before a batch moves to worker threads. */
export const WORKERS_AFTER_LINES = 20_000;

/** How to run a batch. */
export interface BatchOptions {
  /** NDJSON file, or `-` for standard input. */
  input: string;
  registry: Registry;
  /** The validated editions and profiles the registry was built from, for the workers (none: no workers). */
  sources?: { editions: EditionSpec[]; profiles: ProfileInput[] };
  chunk: ChunkOptions;
  /**
   * Worker threads besides the main thread. Given: that many from the start (0 keeps everything in the main
   * thread). Absent: one per core but one, once the input proves large.
   */
  workers?: number;
  /** Lines after which a batch moves to worker threads (default {@link WORKERS_AFTER_LINES}; a file over 8 MB moves at once). */
  workersAfterLines?: number;
  /** About how many bytes of input make a chunk (tests use small chunks to cross many chunk boundaries). */
  chunkBytes?: number;
  /** Draw a progress bar (the CLI passes whether stderr is a terminal). */
  progress: boolean;
  locale: Locale;
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

/** What a batch did. */
export interface BatchSummary {
  lines: number;
  evaluated: number;
  outcomes: Record<Outcome, number>;
  bad: number;
  /** Failed clauses, most failures first: edition ref, clause id, label, count. */
  failedMost: [string, string, string, number][];
  /** With --strict: the line the batch stopped at. */
  stoppedAt?: number;
  /** Worker threads used (0: main thread only). */
  workers: number;
  seconds: number;
}

/**
 * The input stream of a batch. A regular file, standard input (`-`) or a FIFO streams: a batch is read in
 * constant memory with a per-line byte cap (`lineChunks`), so a stream cannot exhaust memory. A folder, a
 * device (`/dev/zero` would stream forever) or a socket is refused with `E_NOT_FILE` before it is opened; a
 * missing path is `E_NO_SUCH_FILE`, and a path that cannot be read (permissions, a symlink loop) `E_READ`.
 */
function openInput(
  input: string,
  stdin: NodeJS.ReadableStream,
): { stream: AsyncIterable<Uint8Array | string>; size?: number } {
  if (input === '-') return { stream: stdin as AsyncIterable<Uint8Array | string> };
  let st;
  try {
    st = statSync(input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliInputError('E_NO_SUCH_FILE', input, 'input.noSuchFile');
    throw code === 'ELOOP'
      ? new CliInputError('E_READ', input, 'input.symlinkLoop')
      : new CliInputError('E_READ', input, 'input.cannotReadCode', { reason: code ?? 'unknown error' });
  }
  if (st.isDirectory()) throw new CliInputError('E_NOT_FILE', input, 'input.batchFolder');
  if (!st.isFile() && !st.isFIFO()) throw new CliInputError('E_NOT_FILE', input, 'input.batchDevice');
  try {
    // Opened here, not lazily by the stream, so that a file that cannot be read is reported before the batch starts.
    const fd = st.isFIFO() ? undefined : openSync(input, 'r');
    return {
      stream: createReadStream(input, { highWaterMark: 256 * 1024, ...(fd !== undefined ? { fd } : {}) }),
      ...(st.isFile() ? { size: st.size } : {}),
    };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw code === 'EACCES' || code === 'EPERM'
      ? new CliInputError('E_READ', input, 'input.permissionDenied')
      : new CliInputError('E_READ', input, 'input.cannotReadCode', { reason: code ?? 'unknown error' });
  }
}

/** Runs a batch; resolves with its summary once every result is written. */
export async function runBatch(o: BatchOptions): Promise<BatchSummary> {
  const stdout = o.stdout ?? process.stdout;
  const stderr = o.stderr ?? process.stderr;
  const start = performance.now();
  const { stream, size } = openInput(o.input, o.stdin ?? process.stdin);
  const progress = o.progress ? new Progress(stderr, size, o.locale, start) : undefined;
  const maxWorkers = o.workers ?? defaultWorkers();
  let pool: WorkerPool | undefined;
  let poolTried = false;

  const outcomes: Record<Outcome, number> = { pass: 0, fail: 0, indeterminate: 0, not_applicable: 0 };
  const failed = new Map<string, [string, string, string, number]>();
  let lines = 0;
  let evaluated = 0;
  let bad = 0;
  let bytesDone = 0;
  let stoppedAt: number | undefined;
  let outputClosed = false;
  let outputError: Error | undefined;
  // Left attached after the batch: a late EPIPE must not become an uncaught exception.
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    outputClosed = true;
    // The reader went away (`| head`): stop quietly, as Unix tools do. Anything else is reported.
    if (e.code !== 'EPIPE') outputError ??= e;
  });

  const write = async (text: string): Promise<void> => {
    if (!text || outputClosed) return;
    if (stdout.write(text)) return;
    // Wait for the reader; a closed or failed output ends the wait too (no 'drain' will come then).
    await new Promise<void>((resolve) => {
      const done = () => {
        stdout.off('drain', done);
        stdout.off('close', done);
        stdout.off('error', done);
        resolve();
      };
      stdout.on('drain', done);
      stdout.on('close', done);
      stdout.on('error', done);
    });
  };
  const report = (b: BadLine) => {
    progress?.clear();
    // `line 5:12: E_DUPLICATE_KEY key "a" appears twice …` (zh: `第 5 行 12 列: …`): the line number, the column when
    // known, and the error's code, one line per bad input line.
    const w = batchWords(o.locale);
    const at = phrase(b.col !== undefined ? w.lineCol : w.line, {
      line: b.line,
      ...(b.col !== undefined ? { col: b.col } : {}),
    });
    // A line that is not JSON is shown too (a short, escaped piece of it), with a caret under the problem.
    const shown = b.preview ? `\n  ${b.preview.text}\n  ${' '.repeat(b.preview.caret)}^` : '';
    stderr.write(`${at}: ${b.code} ${b.message}${shown}\n`);
  };
  const merge = (r: ChunkResult, chunkBytes: number) => {
    lines += r.lines;
    evaluated += r.evaluated;
    for (const k of Object.keys(outcomes) as Outcome[]) outcomes[k] += r.outcomes[k];
    for (const f of r.failed) {
      const key = `${f[0]}\u0000${f[1]}`;
      const m = failed.get(key);
      if (m) m[3] += f[3];
      else failed.set(key, [...f]);
    }
    bad += r.bad.length;
    for (const b of r.bad) report(b);
    if (r.stopped) stoppedAt = r.bad[r.bad.length - 1]!.line;
    bytesDone += chunkBytes;
    progress?.update(evaluated, bytesDone);
  };

  if (o.chunk.output === 'csv') await write(`${CSV_BOM}${csvHeader(o.chunk.locale)}${CSV_EOL}`);

  // Results in input order; at most `limit` chunks are being worked on at once.
  const inflight: { result: Promise<ChunkResult>; bytes: number }[] = [];
  const flushOne = async () => {
    const head = inflight.shift()!;
    const r = await head.result;
    if (stoppedAt !== undefined) return;
    await write(r.text);
    merge(r, head.bytes);
  };
  let seq = 0;
  let linesSeen = 0;
  try {
    for await (const c of lineChunks(
      stream,
      o.chunkBytes ?? (o.chunk.output === 'verdict' ? FULL_VERDICT_CHUNK_BYTES : undefined),
    )) {
      if (stoppedAt !== undefined || outputClosed) break;
      if (c.kind === 'too-long') {
        const b: BadLine = {
          line: c.line,
          code: 'E_TOO_LARGE',
          message: cliText({ id: 'input.lineTooLong', params: { n: MAX_LINE_BYTES } }, o.chunk.locale),
        };
        const r: ChunkResult = {
          text: o.chunk.errorRecords ? `${JSON.stringify(errorRecord(b))}\n` : '',
          lines: 1,
          evaluated: 0,
          outcomes: { pass: 0, fail: 0, indeterminate: 0, not_applicable: 0 },
          failed: [],
          bad: [b],
          stopped: o.chunk.strict,
        };
        inflight.push({ result: Promise.resolve(r), bytes: c.bytes });
      } else {
        linesSeen += c.lines;
        // Large input (or a file known to be large): move to worker threads.
        const large = linesSeen > (o.workersAfterLines ?? WORKERS_AFTER_LINES) || (size ?? 0) > 8 * 1024 * 1024;
        if (!poolTried && maxWorkers > 0 && (large || o.workers !== undefined)) {
          poolTried = true;
          pool = o.sources ? WorkerPool.start(maxWorkers, { ...o.sources, options: o.chunk }) : undefined;
        }
        const bytes = c.bytes.length;
        // The main thread takes its turn with the workers: it would otherwise mostly wait.
        const turn = seq++ % ((pool?.size ?? 0) + 1);
        const result =
          pool && turn < pool.size
            ? pool.submit({ seq, bytes: c.bytes, firstLine: c.firstLine })
            : Promise.resolve(evaluateChunk(o.registry, c.bytes, c.firstLine, o.chunk));
        inflight.push({ result, bytes });
      }
      const limit = pool ? 2 * (pool.size + 1) : 1;
      while (inflight.length >= limit) await flushOne();
    }
    while (inflight.length > 0 && stoppedAt === undefined && !outputClosed) await flushOne();
  } finally {
    // Settle what is left so no rejection goes unhandled, then stop the workers.
    for (const f of inflight) f.result.catch(() => undefined);
    await pool?.close();
    progress?.clear();
  }
  if (outputError) throw outputError;
  const failedMost = [...failed.values()].sort(
    (a, b) => b[3] - a[3] || a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]),
  );
  return {
    lines,
    evaluated,
    outcomes,
    bad,
    failedMost,
    ...(stoppedAt !== undefined ? { stoppedAt } : {}),
    workers: pool?.size ?? 0,
    seconds: (performance.now() - start) / 1000,
  };
}

/** The summary as text, for stderr. */
export function formatSummary(s: BatchSummary, locale: Locale, top = 10): string {
  const w = batchWords(locale);
  const n = (x: number) => x.toLocaleString('en-US');
  const rate = s.seconds > 0 ? Math.round(s.evaluated / s.seconds) : 0;
  const threads =
    s.workers > 0
      ? phrase(s.workers > 1 ? w.summary.workers : w.summary.worker, { n: s.workers })
      : w.summary.mainThread;
  const evaluated = { n: n(s.evaluated), time: formatSeconds(s.seconds, locale), rate: n(rate), threads };
  const outcomes = (Object.keys(w.outcome) as Outcome[]).map((o) => `${w.outcome[o]} ${n(s.outcomes[o])}`);
  const lines = [phrase(w.summary.evaluated, evaluated), `  ${outcomes.join(' · ')}`];
  if (s.bad > 0) lines.push(`  ${phrase(w.summary.bad, { n: n(s.bad) })}`);
  if (s.stoppedAt !== undefined) lines.push(`  ${phrase(w.summary.stopped, { line: s.stoppedAt })}`);
  if (s.failedMost.length > 0) {
    lines.push(w.summary.failedMost);
    const width = n(s.failedMost[0]![3]).length;
    for (const [ref, clause, label, count] of s.failedMost.slice(0, top))
      lines.push(`  ${n(count).padStart(width)}  ${ref}  ${clause}  ${label}`);
  }
  return lines.join('\n');
}
