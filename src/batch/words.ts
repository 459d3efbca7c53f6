/**
 * The batch runner's words (the progress line, the summary, the CSV headers, list separators), one table per
 * locale with the same keys: the type of `en` is that of `zh`, so a key missing from either is a compile error,
 * and test/unit/batch/words.test.ts checks that each phrase has the same `{name}` placeholders in both. Its own
 * table, not src/cli/words.ts: src/batch sits below src/cli (layers.json), so it cannot import the CLI's words.
 * Numbers are formatted by the caller (thousands separators, padding); only words are here.
 */
import type { Locale, Outcome } from '../model/edition.js';
import { fillTemplate } from '../model/template.js';

/** The CSV columns, in order: their English headers, which are also their machine names. */
export const CSV_COLUMNS = [
  'line',
  'standard',
  'version',
  'edition_hash',
  'profile',
  'subject',
  'observed_at',
  'outcome',
  'pass',
  'fail',
  'indeterminate',
  'not_applicable',
  'score',
  'failed_clauses',
  'failed_clause_labels',
  'indeterminate_clauses',
  'indeterminate_clause_labels',
  'missing_facts',
  'finding_clause',
  'finding_object',
  'finding_object_label',
  'finding_part',
  'finding_place',
  'finding_severity',
  'must_act',
  'due_by',
  'finding_evidence',
] as const;

/** A CSV column's machine name. */
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const zh = {
  outcome: { pass: '合格', fail: '不合格', indeterminate: '无法判定', not_applicable: '不适用' } satisfies Record<
    Outcome,
    string
  >,
  /** A duration under a minute (`{n}` with one decimal under ten seconds). */
  seconds: '{n} 秒',
  /** A duration of a minute or more. */
  minutes: '{m} 分 {s} 秒',
  /** The progress line. */
  progress: { observations: '{n} 条', eta: '剩余 {time}' },
  /** Where a bad line is, before its code and message. */
  line: '第 {line} 行',
  lineCol: '第 {line} 行 {col} 列',
  /** The summary on stderr after a batch. */
  summary: {
    evaluated: '已评估 {n} 条检查记录,用时 {time}({rate} 条/秒,{threads})',
    mainThread: '主线程',
    /** One worker thread (English has a singular). */
    worker: '主线程 + {n} 个工作线程',
    workers: '主线程 + {n} 个工作线程',
    bad: '无效行 {n}(已跳过)',
    stopped: '--strict:在第 {line} 行停止',
    failedMost: '不合格最多的条款:',
  },
  /** CSV headers. */
  csv: {
    line: '行号',
    standard: '标准',
    version: '版本',
    edition_hash: '版本哈希',
    profile: '城市配置',
    subject: '检查对象',
    observed_at: '检查时间',
    outcome: '结论',
    pass: '合格',
    fail: '不合格',
    indeterminate: '无法判定',
    not_applicable: '不适用',
    score: '得分',
    failed_clauses: '不合格条款',
    failed_clause_labels: '不合格条款名称',
    indeterminate_clauses: '无法判定条款',
    indeterminate_clause_labels: '无法判定条款名称',
    missing_facts: '仍需事实项',
    finding_clause: '问题条款',
    finding_object: '问题对象',
    finding_object_label: '对象名称',
    finding_part: '部位',
    finding_place: '位置',
    finding_severity: '严重程度',
    must_act: '责任方',
    due_by: '整改期限',
    finding_evidence: '证据',
  } satisfies Record<CsvColumn, string>,
  /** Between clause labels in a CSV cell: labels may hold spaces (English) but not the separator of their locale. */
  labelSep: '、',
  /** Between the issues of an invalid observation, in a bad line's message. */
  issueSep: ';',
};

/** The batch runner's words in one locale. */
export type BatchWords = typeof zh;

const en: BatchWords = {
  outcome: { pass: 'pass', fail: 'fail', indeterminate: 'indeterminate', not_applicable: 'not applicable' },
  seconds: '{n} s',
  minutes: '{m} min {s} s',
  progress: { observations: '{n} obs', eta: 'ETA {time}' },
  line: 'line {line}',
  lineCol: 'line {line}:{col}',
  summary: {
    evaluated: '{n} observations evaluated in {time} ({rate}/s, {threads})',
    mainThread: 'main thread',
    worker: 'main thread + {n} worker thread',
    workers: 'main thread + {n} worker threads',
    bad: 'bad lines: {n} (skipped)',
    stopped: '--strict: stopped at line {line}',
    failedMost: 'Clauses that failed most:',
  },
  // English headers are the machine names (test/unit/batch/words.test.ts holds them equal to CSV_COLUMNS).
  csv: {
    line: 'line',
    standard: 'standard',
    version: 'version',
    edition_hash: 'edition_hash',
    profile: 'profile',
    subject: 'subject',
    observed_at: 'observed_at',
    outcome: 'outcome',
    pass: 'pass',
    fail: 'fail',
    indeterminate: 'indeterminate',
    not_applicable: 'not_applicable',
    score: 'score',
    failed_clauses: 'failed_clauses',
    failed_clause_labels: 'failed_clause_labels',
    indeterminate_clauses: 'indeterminate_clauses',
    indeterminate_clause_labels: 'indeterminate_clause_labels',
    missing_facts: 'missing_facts',
    finding_clause: 'finding_clause',
    finding_object: 'finding_object',
    finding_object_label: 'finding_object_label',
    finding_part: 'finding_part',
    finding_place: 'finding_place',
    finding_severity: 'finding_severity',
    must_act: 'must_act',
    due_by: 'due_by',
    finding_evidence: 'finding_evidence',
  },
  labelSep: '; ',
  issueSep: '; ',
};

const WORDS: Record<Locale, BatchWords> = { zh, en };

/** The batch runner's words for a locale. */
export function batchWords(locale: Locale): BatchWords {
  return WORDS[locale];
}

/** A phrase with its `{name}` placeholders filled (src/model/template.ts), as the CLI fills its own. */
export const phrase = fillTemplate;
