/**
 * `runBatch`: the same results as evaluating each observation on its own, in input order, whether the work is
 * done in the main thread or in worker threads; bad lines reported by number and skipped (or, strict, the end);
 * CSV safe to open in a spreadsheet; a progress bar only when asked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch, formatSummary, type BatchOptions } from '../../src/batch/run.js';
import { createRegistry } from '../../src/index.js';
import { record } from '../../src/batch/format.js';
import { batchSources } from '../../src/cli/batch.js';
import { generateObservations } from '../../bench/observations.js';

const dir = mkdtempSync(join(tmpdir(), 'daoze-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The built-in standards, and the validated specs the worker threads compile.
const { registry, editions, profiles } = batchSources({ locale: 'en', format: 'text' });
const siJing = registry.get('si-jing-san-wu-liang-tong-yi-ming@1.0.0');
const sanDuan = registry.get('san-duan');
// Both built-in standards, interleaved, with missing facts.
const a = generateObservations(siJing.spec, 300, 11);
const b = generateObservations(sanDuan.spec, 300, 12);
// Some name a bare standard id, with or without the day of the inspection: the batch must resolve the edition
// exactly as the registry does (the edition in force that day).
const observations = a
  .flatMap((x, i) => [x, b[i]!])
  .map((o, i) => {
    if (i % 3 === 0) return o;
    const bare = { ...o, standard: o.standard.split('@')[0]! };
    // 四净三无两通一明 has two published editions whose facts differ (2.0.0 from 2026-12-01): its 1.0.0 observations
    // name a day on which 1.0.0 is in force. Resolution across editions is tested on its own below.
    if (o.standard.startsWith('si-jing')) return { ...bare, observedAt: '2023-06-01T09:00:00+08:00' };
    return i % 3 === 1
      ? bare
      : { ...bare, observedAt: i % 2 ? '2023-06-01T09:00:00+08:00' : '2031-01-01T09:00:00+08:00' };
  });
const lines = observations.map((o) => JSON.stringify(o));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const parts: string[] = [];
  stream.on('data', (d: Buffer) => parts.push(d.toString('utf8')));
  return { stream, text: () => parts.join('') };
}

async function run(input: string, extra: Partial<BatchOptions> = {}) {
  const out = sink();
  const err = sink();
  const summary = await runBatch({
    input,
    registry,
    sources: { editions, profiles },
    chunk: { output: 'record', locale: 'en', trace: false, strict: false },
    progress: false,
    locale: 'en',
    stdout: out.stream,
    stderr: err.stream,
    ...extra,
  });
  return { summary, out: out.text(), err: err.text() };
}

const expectedRecords = (ls: string[], numbers: number[]) =>
  ls.map((l, i) =>
    JSON.stringify(record(numbers[i]!, registry.evaluate(JSON.parse(l), { locale: 'en', trace: false }))),
  );

describe('check --batch', () => {
  const input = file('obs.ndjson', `${lines.join('\n')}\n`);

  it('writes one record per observation, in input order, equal to evaluating each on its own (main thread)', async () => {
    const r = await run(input, { workers: 0, chunkBytes: 2048 });
    expect(r.out.trimEnd().split('\n')).toEqual(
      expectedRecords(
        lines,
        lines.map((_, i) => i + 1),
      ),
    );
    expect(r.summary.evaluated).toBe(lines.length);
    expect(r.summary.workers).toBe(0);
  });

  it('gives the same output, in the same order, with worker threads (run from source: tsx in the workers)', async () => {
    const inline = await run(input, { workers: 0, chunkBytes: 2048 });
    const threaded = await run(input, { workers: 2, workersAfterLines: 0, chunkBytes: 2048 });
    expect(threaded.summary.workers).toBe(2);
    expect(threaded.out).toBe(inline.out);
    expect(threaded.summary.outcomes).toEqual(inline.summary.outcomes);
    expect(threaded.summary.failedMost).toEqual(inline.summary.failedMost);
  }, 30_000);

  it('counts outcomes and ranks the clauses that failed most from the records themselves', async () => {
    const r = await run(input, { workers: 0 });
    const recs = r.out
      .trimEnd()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { standard: string; version: string; outcome: string; clauses: Record<string, string> },
      );
    for (const o of ['pass', 'fail', 'indeterminate', 'not_applicable'] as const)
      expect(r.summary.outcomes[o]).toBe(recs.filter((x) => x.outcome === o).length);
    const counts = new Map<string, number>();
    for (const x of recs) {
      const ed = registry.get(`${x.standard}@${x.version}`);
      for (const [id, o] of Object.entries(x.clauses)) {
        // Optional (local-practice) clauses do not count as the standard failing.
        if (o !== 'fail' || !ed.clauseById.get(id)!.counts) continue;
        const key = `${ed.ref} ${id}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    expect(r.summary.failedMost.map(([ref, id, , n]) => [`${ref} ${id}`, n])).toEqual(
      [...counts].sort((p, q) => q[1] - p[1] || p[0].localeCompare(q[0])),
    );
    const text = formatSummary(r.summary, 'en');
    expect(text).toContain(`${lines.length} observations evaluated`);
    expect(text).toContain('Clauses that failed most:');
  });

  it('reports bad lines with their line numbers, skips them, and counts them', async () => {
    const mixed = [
      lines[0]!,
      'not json',
      '',
      JSON.stringify({ standard: 'no-such-standard', facts: {} }),
      lines[1]!,
      JSON.stringify({ standard: 'si-jing-san-wu-liang-tong-yi-ming@1.0.0', facts: { 'adult-fly-count': -1 } }),
      '   ',
      lines[2]!,
    ];
    const r = await run(file('mixed.ndjson', mixed.join('\r\n')), { workers: 0 });
    expect(r.out.trimEnd().split('\n')).toEqual(expectedRecords([lines[0]!, lines[1]!, lines[2]!], [1, 5, 8]));
    expect(r.summary.bad).toBe(3);
    expect(r.summary.evaluated).toBe(3);
    expect(r.err).toMatch(/^line 2:1: E_JSON not valid JSON/m);
    expect(r.err).toMatch(/^line 4: E_OBSERVATION standard: no edition "no-such-standard"/m);
    expect(r.err).toMatch(/^line 6: E_OBSERVATION facts\.adult-fly-count: -1 is below the minimum 0/m);
    expect(r.summary.stoppedAt).toBeUndefined();
  });

  it('with strict, stops at the first bad line after writing the lines before it', async () => {
    const r = await run(file('strict.ndjson', [lines[0], lines[1], '{"standard":', lines[2]].join('\n')), {
      workers: 0,
      chunk: { output: 'record', locale: 'en', trace: false, strict: true },
    });
    expect(r.out.trimEnd().split('\n')).toEqual(expectedRecords([lines[0]!, lines[1]!], [1, 2]));
    expect(r.summary.stoppedAt).toBe(3);
    expect(r.summary.bad).toBe(1);
  });

  it('writes full verdicts with --full, exactly as check would', async () => {
    const some = lines.slice(0, 20);
    const r = await run(file('full.ndjson', some.join('\n')), {
      workers: 0,
      chunk: { output: 'verdict', locale: 'zh', trace: true, strict: false },
    });
    expect(r.out.trimEnd().split('\n')).toEqual(
      some.map((l) => JSON.stringify(registry.evaluate(JSON.parse(l), { locale: 'zh', trace: true }))),
    );
  });

  it('writes CSV with a header, and quotes and defuses text from the input', async () => {
    const evil = { ...observations[0]!, subject: { id: '=HYPERLINK("http://x","y"),1' } };
    const r = await run(file('csv.ndjson', [JSON.stringify(evil), lines[1]].join('\n')), {
      workers: 0,
      chunk: { output: 'csv', locale: 'en', trace: false, strict: false },
    });
    // A UTF-8 byte-order mark first (Excel), CRLF after every record (RFC 4180), and no bare LF.
    expect([...Buffer.from(r.out, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.out.endsWith('\r\n')).toBe(true);
    expect(r.out.replace(/\r\n/g, '')).not.toContain('\n');
    const [header, first, second] = r.out.slice(1).trimEnd().split('\r\n');
    expect(header).toBe(
      'line,standard,version,edition_hash,profile,subject,observed_at,outcome,pass,fail,indeterminate,not_applicable,score,failed_clauses,failed_clause_labels,indeterminate_clauses,indeterminate_clause_labels,missing_facts,finding_clause,finding_object,finding_object_label,finding_part,finding_place,finding_severity,must_act,due_by,finding_evidence',
    );
    // An edition without kinds has no findings: each row leaves the nine finding columns empty.
    expect(first!.endsWith(',,,,,,,,,')).toBe(true);
    expect(first).toContain(`,"'=HYPERLINK(""http://x"",""y""),1",`);
    expect(first!.startsWith('1,si-jing-san-wu-liang-tong-yi-ming,1.0.0,sha256:')).toBe(true);
    expect(second!.startsWith('2,san-duan,1.0.0,')).toBe(true);
    const v = registry.evaluate(JSON.parse(lines[1]!), { trace: false });
    expect(second).toContain(
      `,${v.outcome},${v.totals.pass},${v.totals.fail},${v.totals.indeterminate},${v.totals.not_applicable},`,
    );
  });

  it('reads standard input with -', async () => {
    const stdin = new PassThrough();
    stdin.end(lines.slice(0, 5).join('\n'));
    const r = await run('-', { workers: 0, stdin });
    expect(r.out.trimEnd().split('\n')).toEqual(expectedRecords(lines.slice(0, 5), [1, 2, 3, 4, 5]));
  });

  it('draws a progress bar only when asked (the CLI asks when stderr is a terminal)', async () => {
    const quiet = await run(input, { workers: 0, chunkBytes: 4096 });
    expect(quiet.err).not.toContain('\r');
    const shown = await run(input, { workers: 0, chunkBytes: 4096, progress: true });
    expect(shown.err).toContain('\r\x1b[K');
    expect(shown.err).toMatch(/\d+%/);
  });

  it('resolves a bare standard id by the day of the inspection, as the registry does', async () => {
    // Two published editions of one standard, the second superseding the first from 2030.
    const v1 = siJing.spec;
    const v2 = {
      ...v1,
      version: '1.1.0',
      status: 'published' as const,
      effective: { from: '2030-01-01' },
      supersedes: v1.id + '@' + v1.version,
    };
    const reg = createRegistry([v1, v2]);
    const obs = [
      { standard: v1.id, observedAt: '2023-06-01T09:00:00+08:00', facts: { 'floor-clean': true } },
      { standard: v1.id, observedAt: '2031-06-01T09:00:00+08:00', facts: { 'floor-clean': true } },
      { standard: v1.id, observedAt: '2020-06-01T09:00:00+08:00', facts: {} }, // before either: a bad line
      { standard: v1.id, facts: { 'floor-clean': false } },
    ].map((o) => JSON.stringify(o));
    const r = await run(file('days.ndjson', obs.join('\n')), { registry: reg, workers: 0 });
    const recs = r.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { version: string; line: number });
    expect(recs.map((x) => [x.line, x.version])).toEqual([
      [1, '1.0.0'],
      [2, '1.1.0'],
      [4, '1.1.0'],
    ]);
    expect(r.out.trimEnd().split('\n')).toEqual(
      [0, 1, 3].map((i) =>
        JSON.stringify(record(i + 1, reg.evaluate(JSON.parse(obs[i]!), { locale: 'en', trace: false }))),
      ),
    );
    expect(r.err).toMatch(
      /^line 3: E_OBSERVATION standard: no edition of "si-jing-san-wu-liang-tong-yi-ming" was in force on 2020-06-01/m,
    );
  });

  it('waits for a slow reader (backpressure) and still writes everything in order', async () => {
    const parts: string[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        parts.push(chunk.toString('utf8'));
        setTimeout(cb, 1);
      },
    });
    const err = sink();
    await runBatch({
      input,
      registry,
      sources: { editions, profiles },
      chunk: { output: 'record', locale: 'en', trace: false, strict: false },
      progress: false,
      locale: 'en',
      workers: 0,
      chunkBytes: 4096,
      stdout: slow,
      stderr: err.stream,
    });
    expect(parts.join('').trimEnd().split('\n')).toEqual(
      expectedRecords(
        lines,
        lines.map((_, i) => i + 1),
      ),
    );
  });

  it('stops, without hanging, when the output closes (the reader went away)', async () => {
    let writes = 0;
    const closing = new Writable({
      highWaterMark: 1024,
      write(_chunk, _enc, cb) {
        writes++;
        if (writes === 3) cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        else setTimeout(cb, 1);
      },
    });
    const err = sink();
    const summary = await runBatch({
      input,
      registry,
      sources: { editions, profiles },
      chunk: { output: 'record', locale: 'en', trace: false, strict: false },
      progress: false,
      locale: 'en',
      workers: 0,
      chunkBytes: 4096,
      stdout: closing,
      stderr: err.stream,
    });
    expect(summary.evaluated).toBeLessThan(lines.length);
  });

  it('refuses a missing file or a folder', async () => {
    await expect(run(join(dir, 'nope.ndjson'))).rejects.toThrow(/no such file/);
    await expect(run(dir)).rejects.toThrow(/is a folder/);
  });
});

describe('a batch of objects in a unit', () => {
  it('writes one CSV row per finding, filterable by who must act, and the findings in each NDJSON record', async () => {
    const { readFileSync } = await import('node:fs');
    const { loadEdition } = await import('../../src/index.js');
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'units', 'street-objects', '1.0.0.yaml'), 'utf8');
    const spec = loadEdition(text, { file: 'street-objects.yaml' });
    const own = { registry: createRegistry([spec]), sources: { editions: [spec], profiles: [] }, workers: 0 };
    const unit = {
      standard: 'street-objects@1.0.0', // a draft, so never in force: pinned
      subject: { id: 'U-01' },
      observedAt: '2026-11-20T09:30:00+08:00',
      facts: { 'street-is-main-road': true },
      instances: {
        'street-lamp': [{ id: 'l3', label: '3号路灯', facts: { 'lamp-pole-tilted': true, 'lamp-lit': true } }],
        manhole: [],
        'shop-frontage': [
          { id: 's1', label: '便民超市', responsible: { name: '=便民超市' }, facts: { 'goods-outside': true } },
        ],
      },
    };
    const path = file('units.ndjson', JSON.stringify(unit));
    const csv = await run(path, { ...own, chunk: { output: 'csv', locale: 'en', trace: false, strict: false } });
    expect(csv.err).toBe('');
    const rows = csv.out.slice(1).trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/,lamp-pole-upright,l3,3号路灯,,,major,各区政府,2026-11-21T09:30:00\+08:00,$/);
    // The shop's name comes from the input: defused, as every input text is.
    expect(rows[1]).toContain(",no-goods-outside,s1,便民超市,,,major,'=便民超市,");
    const nd = await run(path, own);
    const rec = JSON.parse(nd.out.trim()) as { findings: { clause: string; mustAct: string[] }[] };
    expect(rec.findings.map((f) => [f.clause, f.mustAct])).toEqual([
      ['lamp-pole-upright', ['各区政府']],
      ['no-goods-outside', ['=便民超市']],
    ]);
  });
});
