/**
 * Cuts an NDJSON byte stream into chunks of whole lines, with the number of the first line of each, without
 * ever holding more than one chunk plus one partial line: memory stays constant whatever the input size.
 * A line longer than {@link MAX_LINE_BYTES} is not buffered: its bytes are dropped as they arrive and it is
 * reported as a bad line, so one runaway line cannot exhaust memory.
 */

/** Longest line accepted, in bytes: the same limit as one observation file for `daoze check`. */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;

/** About how many bytes make a chunk (a chunk always ends at a line end, so it can be longer). */
export const CHUNK_BYTES = 256 * 1024;

/** Whole lines to evaluate: `lines` lines starting at line `firstLine` (1-based). */
export interface LineChunk {
  kind: 'lines';
  /** The bytes of the lines, newline-separated; the last line may lack its newline. */
  bytes: Uint8Array;
  firstLine: number;
  lines: number;
}

/** A line that was too long to read. */
export interface TooLong {
  kind: 'too-long';
  line: number;
  bytes: number;
}

const NL = 0x0a;

/**
 * A copy in a fresh ArrayBuffer of its own. (`Buffer#slice` is a view into Node's shared pool; transferring
 * its buffer to a worker would take the whole pool with it.)
 */
function copy(b: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(b.subarray(start, end));
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Yields the lines of `all[0, end)` numbered from `firstLine`, as chunks of whole lines of about `chunkBytes`,
 * with any line longer than `maxLine` taken out and reported instead. With `last`, the bytes after the final
 * newline are a line too. Returns the number of lines.
 */
function* emit(
  all: Uint8Array,
  end: number,
  firstLine: number,
  maxLine: number,
  chunkBytes: number,
  last: boolean,
): Generator<LineChunk | TooLong, number> {
  let segStart = 0; // start of the run of acceptable lines not yet yielded
  let segLines = 0;
  let lineStart = 0;
  let n = firstLine;
  const close = function* (lineEnd: number, next: number): Generator<LineChunk | TooLong> {
    if (lineEnd - lineStart > maxLine) {
      if (segLines > 0)
        yield { kind: 'lines', bytes: copy(all, segStart, lineStart), firstLine: n - segLines, lines: segLines };
      yield { kind: 'too-long', line: n, bytes: lineEnd - lineStart };
      segStart = next;
      segLines = 0;
    } else segLines++;
    lineStart = next;
    n++;
    if (segLines > 0 && next - segStart >= chunkBytes) {
      yield { kind: 'lines', bytes: copy(all, segStart, next), firstLine: n - segLines, lines: segLines };
      segStart = next;
      segLines = 0;
    }
  };
  let i = all.indexOf(NL);
  while (i !== -1 && i < end) {
    yield* close(i, i + 1);
    i = all.indexOf(NL, i + 1);
  }
  if (last && lineStart < end) yield* close(end, end);
  if (segLines > 0)
    yield {
      kind: 'lines',
      bytes: copy(all, segStart, Math.min(lineStart, end)),
      firstLine: n - segLines,
      lines: segLines,
    };
  return n - firstLine;
}

/**
 * Yields chunks of whole lines from a byte stream, in order. Each chunk's bytes are a fresh copy (safe to
 * transfer to a worker thread).
 */
export async function* lineChunks(
  input: AsyncIterable<Uint8Array | string>,
  chunkBytes = CHUNK_BYTES,
  maxLine = MAX_LINE_BYTES,
): AsyncGenerator<LineChunk | TooLong> {
  let parts: Uint8Array[] = [];
  let size = 0; // bytes held in parts
  let closed = 0; // bytes of parts up to and including the last newline seen
  let line = 1; // number of the first line held
  let skipping = false; // inside a too-long line: drop bytes until its end
  let skipped = 0;
  for await (const raw of input) {
    let buf: Uint8Array = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    if (skipping) {
      const nl = buf.indexOf(NL);
      if (nl === -1) {
        skipped += buf.length;
        continue;
      }
      yield { kind: 'too-long', line, bytes: skipped + nl };
      line++;
      skipping = false;
      buf = buf.subarray(nl + 1);
    }
    if (buf.length === 0) continue;
    const last = buf.lastIndexOf(NL);
    parts.push(buf);
    size += buf.length;
    if (last !== -1) closed = size - buf.length + last + 1;
    const open = size - closed;
    if (open > maxLine || closed >= chunkBytes) {
      const all = concat(parts, size);
      if (closed > 0) line += yield* emit(all, closed, line, maxLine, chunkBytes, false);
      if (open > maxLine) {
        // The open line is too long to hold: drop it as it streams past.
        skipping = true;
        skipped = open;
        parts = [];
        size = 0;
      } else {
        parts = open ? [copy(all, closed, size)] : [];
        size = open;
      }
      closed = 0;
    }
  }
  if (skipping) {
    yield { kind: 'too-long', line, bytes: skipped };
    return;
  }
  if (size > 0) yield* emit(concat(parts, size), size, line, maxLine, chunkBytes, true);
}
