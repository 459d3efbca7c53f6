/**
 * The batch runner's words (src/batch/words.ts): both locales have the same keys and placeholders, and the
 * progress line, the summary, the CSV header and a bad line's report are worded from them in each locale.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { csvHeader } from '../../../src/batch/format.js';
import { formatSeconds, Progress } from '../../../src/batch/progress.js';
import { formatSummary, runBatch, type BatchSummary } from '../../../src/batch/run.js';
import { batchWords, CSV_COLUMNS } from '../../../src/batch/words.js';
import { batchSources } from '../../../src/cli/batch.js';
import { placeholdersOf } from '../../../src/model/template.js';
import type { Locale } from '../../../src/model/edition.js';

/** Every string in a words table, by its dotted key. */
function leaves(v: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof v === 'string') out.set(path, v);
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) for (const [p, s] of leaves(x, path ? `${path}.${k}` : k)) out.set(p, s);
  else throw new Error(`${path}: a word is a string, not ${typeof v}`);
  return out;
}

const zh = leaves(batchWords('zh'));
const en = leaves(batchWords('en'));
const CJK = /[\u3400-\u9fff]/;

describe('batch words', () => {
  it('zh and en have the same keys, each phrase the same placeholders', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    const differ = [...zh].filter(([k, s]) => {
      const a = [...placeholdersOf(s)].sort();
      const b = [...placeholdersOf(en.get(k) ?? '')].sort();
      return a.join() !== b.join();
    });
    expect(differ.map(([k]) => k)).toEqual([]);
    expect([...placeholdersOf(batchWords('en').summary.evaluated)].sort()).toEqual(['n', 'rate', 'threads', 'time']);
  });

  it('no phrase is empty, English has no Chinese, and every Chinese phrase but the separators is Chinese', () => {
    for (const [k, s] of en) {
      expect(s.trim(), k).not.toBe('');
      expect(s, k).not.toMatch(CJK);
    }
    for (const [k, s] of zh) {
      expect(s.trim(), k).not.toBe('');
      if (k !== 'labelSep' && k !== 'issueSep') expect(s, k).toMatch(CJK);
    }
  });

  it('names every CSV column once, and the English headers are the machine names', () => {
    expect(new Set(CSV_COLUMNS).size).toBe(CSV_COLUMNS.length);
    expect(Object.keys(batchWords('zh').csv)).toEqual([...CSV_COLUMNS]);
    expect(Object.values(batchWords('en').csv)).toEqual([...CSV_COLUMNS]);
    expect(csvHeader('en')).toBe(CSV_COLUMNS.join(','));
    expect(csvHeader('zh').split(',')).toEqual(CSV_COLUMNS.map((c) => batchWords('zh').csv[c]));
  });
});

describe('the batch worded from them', () => {
  it('durations: seconds with one decimal under ten, minutes from sixty; English pads seconds after minutes', () => {
    expect(['zh', 'en'].map((l) => formatSeconds(9.94, l as Locale))).toEqual(['9.9 秒', '9.9 s']);
    expect(['zh', 'en'].map((l) => formatSeconds(42.4, l as Locale))).toEqual(['42 秒', '42 s']);
    expect(['zh', 'en'].map((l) => formatSeconds(65.2, l as Locale))).toEqual(['1 分 5 秒', '1 min 05 s']);
    expect(formatSeconds(-1, 'zh')).toBe('—');
  });

  it('the progress line', () => {
    const line = (locale: Locale) => {
      const written: string[] = [];
      new Progress({ write: (s: string) => written.push(s) }, 1000, locale, 0, () => 2000).update(1234, 100, true);
      return written.join('');
    };
    expect(line('zh')).toBe('\r\x1b[K[██░░░░░░░░░░░░░░░░░░░░░░]  10% · 1,234 条 · 617/s · 剩余 18 秒');
    expect(line('en')).toBe('\r\x1b[K[██░░░░░░░░░░░░░░░░░░░░░░]  10% · 1,234 obs · 617/s · ETA 18 s');
  });

  it('the summary, with bad lines, a --strict stop and the clauses that failed most', () => {
    const s: BatchSummary = {
      lines: 5,
      evaluated: 1500,
      outcomes: { pass: 1000, fail: 400, indeterminate: 99, not_applicable: 1 },
      bad: 2,
      failedMost: [['a@1.0.0', 'c1', '地面净', 1200]],
      stoppedAt: 7,
      workers: 2,
      seconds: 75,
    };
    expect(formatSummary(s, 'zh').split('\n')).toEqual([
      '已评估 1,500 条检查记录,用时 1 分 15 秒(20 条/秒,主线程 + 2 个工作线程)',
      '  合格 1,000 · 不合格 400 · 无法判定 99 · 不适用 1',
      '  无效行 2(已跳过)',
      '  --strict:在第 7 行停止',
      '不合格最多的条款:',
      '  1,200  a@1.0.0  c1  地面净',
    ]);
    expect(formatSummary(s, 'en').split('\n')).toEqual([
      '1,500 observations evaluated in 1 min 15 s (20/s, main thread + 2 worker threads)',
      '  pass 1,000 · fail 400 · indeterminate 99 · not applicable 1',
      '  bad lines: 2 (skipped)',
      '  --strict: stopped at line 7',
      'Clauses that failed most:',
      '  1,200  a@1.0.0  c1  地面净',
    ]);
    // English has a singular; Chinese says the same either way.
    expect(formatSummary({ ...s, workers: 1 }, 'en')).toContain('(20/s, main thread + 1 worker thread)\n');
    expect(formatSummary({ ...s, workers: 1 }, 'zh')).toContain('(20 条/秒,主线程 + 1 个工作线程)\n');
    expect(formatSummary({ ...s, workers: 0 }, 'zh')).toContain('(20 条/秒,主线程)\n');
  });

  const dir = mkdtempSync(join(tmpdir(), 'daoze-batch-words-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const { registry } = batchSources({ locale: 'zh', format: 'text' });

  it('a run with bad lines, in Chinese: each reported by line (and column), then counted in the summary', async () => {
    const input = join(dir, 'bad.ndjson');
    writeFileSync(
      input,
      ['not json', JSON.stringify({ standard: 'si-jing-san-wu-liang-tong-yi-ming@1.0.0', facts: { a: 1, b: 2 } })]
        .map((l) => `${l}\n`)
        .join(''),
    );
    const err: string[] = [];
    const stderr = new PassThrough();
    stderr.on('data', (d: Buffer) => err.push(d.toString('utf8')));
    const summary = await runBatch({
      input,
      registry,
      chunk: { output: 'record', locale: 'zh', trace: false, strict: false },
      workers: 0,
      progress: false,
      locale: 'zh',
      stdout: new PassThrough(),
      stderr,
    });
    const report = err.join('');
    expect(report).toMatch(/^第 1 行 1 列: E_JSON /);
    // Two issues of one observation, joined the Chinese way.
    expect(report).toMatch(/\n第 2 行: E_OBSERVATION facts\.a: [^\n]*;facts\.b: /);
    expect(formatSummary(summary, 'zh')).toContain('\n  无效行 2(已跳过)');
  });
});
