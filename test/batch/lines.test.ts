/** Cutting NDJSON into chunks of whole lines: nothing lost, nothing reordered, line numbers exact. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineChunks, type LineChunk, type TooLong } from '../../src/batch/lines.js';

async function collect(pieces: Uint8Array[], chunkBytes: number, maxLine: number): Promise<(LineChunk | TooLong)[]> {
  async function* src() {
    for (const p of pieces) yield p;
  }
  const out: (LineChunk | TooLong)[] = [];
  for await (const c of lineChunks(src(), chunkBytes, maxLine)) out.push(c);
  return out;
}

/** Cuts bytes at the given fractions, as a stream would hand them over. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const c of [...at, bytes.length]) {
    if (c > last) out.push(bytes.subarray(last, c));
    last = c;
  }
  return out;
}

const line = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ''));
const dec = new TextDecoder();

describe('lineChunks', () => {
  it('yields every line once, in order, with its number, however the stream is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 60 }),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 200 }),
        async (lines, trailingNewline, cuts, chunkBytes) => {
          const text = lines.join('\n') + (trailingNewline && lines.length ? '\n' : '');
          const bytes = new TextEncoder().encode(text);
          const chunks = await collect(split(bytes, cuts), chunkBytes, 1e9);
          let next = 1;
          let joined = '';
          for (const c of chunks) {
            expect(c.kind).toBe('lines');
            const l = c as LineChunk;
            expect(l.firstLine).toBe(next);
            const got = dec.decode(l.bytes);
            // A chunk is whole lines: it ends at a line end, except the input's last line.
            const own = got.endsWith('\n') ? got.slice(0, -1).split('\n') : got.split('\n');
            expect(own.length).toBe(l.lines);
            // About chunkBytes: a chunk ends at the first line end at or past it.
            const lastLine = new TextEncoder().encode(own.at(-1)!).length + 1;
            expect(l.bytes.length - lastLine).toBeLessThan(chunkBytes);
            next += l.lines;
            joined += got;
          }
          expect(joined).toBe(text);
          const newlines = text.split('\n').length - 1;
          expect(next - 1).toBe(newlines + (text !== '' && !text.endsWith('\n') ? 1 : 0));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports a line longer than the limit by its number, drops only it, and keeps the count', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 8 }).map((s) => s.replace(/\n/g, '')),
            fc.integer({ min: 21, max: 90 }).map((n) => 'x'.repeat(n)),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        async (lines, cuts) => {
          const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
          const chunks = await collect(split(bytes, cuts), 16, 20);
          const kept: string[] = [];
          const tooLong: number[] = [];
          for (const c of chunks) {
            if (c.kind === 'too-long') tooLong.push(c.line);
            else kept.push(...dec.decode(c.bytes).split('\n').slice(0, c.lines));
          }
          expect(tooLong).toEqual(lines.flatMap((l, i) => (l.length > 20 ? [i + 1] : [])));
          expect(kept).toEqual(lines.filter((l) => l.length <= 20));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives each chunk its own buffer (safe to transfer to a worker)', async () => {
    const big = new TextEncoder().encode('{"a":1}\n'.repeat(100));
    const chunks = (await collect([big], 64, 1000)) as LineChunk[];
    for (const c of chunks) expect(c.bytes.byteLength).toBe(c.bytes.buffer.byteLength);
  });
});
