/**
 * A malformed line of `daoze check --batch`: named by its line number with a short, safe preview of its text (a
 * piece around the problem, never the whole of a huge line, control characters escaped), on stderr and, with
 * --format json, as an error record in its place; the other lines are all judged, in the main thread or in workers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'daoze-malformed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in process and waits for the batch; what it printed. */
async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const good = JSON.stringify({ standard: 'san-duan', facts: { 'water-cut': true } });
// A 300 KB line whose error is in its middle, after a long string.
const huge = `{"standard": "san-duan", "note": "${'x'.repeat(150_000)}", , "facts": {}, "pad": "${'y'.repeat(150_000)}"}`;
const hugeCol = huge.indexOf(', ,') + 3; // the stray comma, 1-based
// Terminal escapes, a right-to-left override, a line separator and a NUL: none may reach the terminal raw.
const hostile = '{"standard": "san-duan", "x": "\u001b[2J\u001b[31mred\u202egnp.exe", \u0000 \u2028}';
const LINES = [good, '{bad', huge, good, hostile, '{"standard": "san-duan", "facts": {}} trailing', good];
const input = join(dir, 'in.ndjson');
writeFileSync(input, `${LINES.join('\n')}\n`);
// eslint-disable-next-line no-control-regex -- the characters a preview must never print raw
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f\u202e\u2028]/;

describe('a malformed batch line', () => {
  it('is shown with its line number, a short escaped preview and a caret; every other line is judged', async () => {
    const r = await runCli('check', '--batch', input, '--workers', '0', '--locale', 'en');
    expect(r.code).toBe(3);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).line),
    ).toEqual([1, 4, 7]);
    expect(r.stderr).not.toMatch(RAW);
    const err = r.stderr.split('\n');
    const at = (n: number) => err.findIndex((l) => l.startsWith(`line ${n}:`));
    // Line 2: short, shown whole, the caret under the token the reader refused.
    expect(err.slice(at(2), at(2) + 3)).toEqual([
      'line 2:2: E_JSON not valid JSON: expected a key in double quotes or "}", found "bad"',
      '  {bad',
      '   ^',
    ]);
    // Line 3: 300 KB, previewed around its error only, cut with … on both sides, the caret on the stray comma.
    const [head3, preview3, caret3] = err.slice(at(3), at(3) + 3) as [string, string, string];
    expect(head3).toBe(`line 3:${hugeCol}: E_JSON not valid JSON: expected a key in double quotes, found ","`);
    expect(preview3.length).toBeLessThan(70);
    expect(preview3).toMatch(/^ {2}…x+", , "facts": \{\}, "pad": "y+…$/);
    expect(preview3[caret3.indexOf('^')]).toBe(',');
    // Line 5: the escapes are shown as escapes.
    const preview5 = err[at(5) + 1]!;
    expect(preview5).toContain('\\u001b[2J\\u001b[31mred\\u202egnp.exe');
    expect(err[at(5)]).toMatch(/^line 5:\d+: E_JSON /);
    expect(err[at(6)]).toMatch(/^line 6:\d+: E_JSON not valid JSON: expected the end of the text/);
    expect(r.stderr).toContain('bad lines: 4 (skipped)');
  });

  it('in Chinese by default, with the same preview', async () => {
    const r = await runCli('check', '--batch', input, '--workers', '0');
    const err = r.stderr.split('\n');
    const i = err.indexOf('第 2 行 2 列: E_JSON 不是有效的 JSON:此处应为带双引号的键或 "}",实为"bad"');
    expect(err.slice(i, i + 3)).toEqual([
      '第 2 行 2 列: E_JSON 不是有效的 JSON:此处应为带双引号的键或 "}",实为"bad"',
      '  {bad',
      '   ^',
    ]);
  });

  it('with --format json is an error record in its place, with its position and preview; the same with worker threads', async () => {
    const main0 = await runCli('check', '--batch', input, '--workers', '0', '--format', 'json', '--locale', 'en');
    expect(main0.code).toBe(3);
    const out = main0.stdout
      .trimEnd()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            line: number;
            outcome?: string;
            error?: { code: string; message: string; position?: { line: number; col: number }; preview?: string };
          },
      );
    expect(out.map((x) => x.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(out.map((x) => x.error?.code ?? 'verdict')).toEqual([
      'verdict',
      'E_JSON',
      'E_JSON',
      'verdict',
      'E_JSON',
      'E_JSON',
      'verdict',
    ]);
    expect(out[1]!.error).toEqual({
      code: 'E_JSON',
      message: 'not valid JSON: expected a key in double quotes or "}", found "bad"',
      position: { line: 2, col: 2 },
      preview: '{bad',
    });
    expect(out[2]!.error!.position).toEqual({ line: 3, col: hugeCol });
    expect(out[2]!.error!.preview!.length).toBeLessThanOrEqual(62);
    expect(out[4]!.error!.preview).not.toMatch(RAW);
    expect(out[4]!.error!.preview).toContain('\\u202e');
    // The stderr report is there too, for whoever watches the run.
    expect(main0.stderr).toContain('line 2:2: E_JSON');
    const workers = await runCli('check', '--batch', input, '--workers', '1', '--format', 'json', '--locale', 'en');
    expect(workers.stdout).toBe(main0.stdout);
  }, 60_000);

  it('a line too long to read is an error record too, without a preview (its bytes were never kept)', async () => {
    const long = join(dir, 'long.ndjson');
    writeFileSync(long, `${good}\n{"standard": "${'z'.repeat(10 * 1024 * 1024 + 10)}"}\n${good}\n`);
    const r = await runCli('check', '--batch', long, '--workers', '0', '--format', 'json', '--locale', 'en');
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((x) => x.line)).toEqual([1, 2, 3]);
    expect(out[1]).toEqual({
      line: 2,
      error: { code: 'E_TOO_LARGE', message: 'line is longer than 10,485,760 bytes' },
    });
    expect(r.stderr).toContain('line 2: E_TOO_LARGE line is longer than 10,485,760 bytes');
  });
});
