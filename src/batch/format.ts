/**
 * The two compact forms a batch writes per observation: an NDJSON record and a CSV row. A full verdict
 * repeats every clause's citation (15 KB for the 11 clauses of 四净三无两通一明, 38 KB for 40 clauses), which
 * for a million records is tens of gigabytes of identical text; the record instead pins the edition by id,
 * version and content hash — the citation of each clause id is then exactly `daoze show id@version` — and
 * keeps what differs per observation: the outcomes, the score and the missing facts. `--full` writes full
 * verdicts instead.
 */
import type { Locale, Outcome } from '../model/edition.js';
import type { Finding, Totals, Verdict } from '../result/types.js';
import type { VerdictSummary } from './summary.js';
import { batchWords, CSV_COLUMNS } from './words.js';

/** One observation's result in a batch (NDJSON). */
export interface BatchRecord {
  /** Line of the observation in the input (1-based). */
  line: number;
  standard: string;
  version: string;
  /** Content hash of the edition: which exact clause texts and citations the outcomes refer to. */
  editionHash: string;
  profile?: string;
  subject?: string;
  observedAt?: string;
  evaluatedAt?: string;
  outcome: Outcome;
  totals: Totals;
  score?: Verdict['score'];
  /** Every clause's outcome, by clause id, in the edition's order. */
  clauses: Record<string, Outcome>;
  /** Facts still needed, those that settle the most clauses first. */
  missing: string[];
  /** For an edition with kinds of object: each failure, with its object, place, who must act and by when. */
  findings?: BatchFinding[];
}

/** A finding as a batch record carries it: the verdict's finding without its message (the clause id says it). */
export interface BatchFinding {
  clause: string;
  severity: Finding['severity'];
  instance?: { id: string; kind: string; label: string; part?: string; code?: string };
  location?: NonNullable<Finding['instance']>['location'];
  mustAct?: string[];
  dueBy?: string;
  deduction?: number;
  evidence: string[];
}

/** A verdict's finding in the compact form of a record. */
export function batchFinding(f: Finding): BatchFinding {
  const b: BatchFinding = { clause: f.clause, severity: f.severity, evidence: f.evidence.map((e) => e.ref) };
  if (f.instance) {
    const { location, ...rest } = f.instance;
    b.instance = rest;
    if (location) b.location = location;
  }
  if (f.mustAct) b.mustAct = f.mustAct.parties;
  if (f.deadline?.dueBy) b.dueBy = f.deadline.dueBy;
  if (f.deduction !== undefined) b.deduction = f.deduction;
  return b;
}

/** The record of a verdict (or of its summary). */
export function record(line: number, v: VerdictSummary): BatchRecord {
  const clauses: Record<string, Outcome> = {};
  for (const c of v.clauses) clauses[c.clause] = c.outcome;
  const r: BatchRecord = {
    line,
    standard: v.standard.id,
    version: v.standard.version,
    editionHash: v.standard.hash,
  } as BatchRecord;
  if (v.profile) r.profile = `${v.profile.id}@${v.profile.version}`;
  if (v.subject?.id !== undefined) r.subject = v.subject.id;
  if (v.observedAt) r.observedAt = v.observedAt;
  if (v.evaluatedAt) r.evaluatedAt = v.evaluatedAt;
  r.outcome = v.outcome;
  r.totals = v.totals;
  if (v.score) r.score = v.score;
  r.clauses = clauses;
  r.missing = v.missing.map((m) => m.fact);
  if (v.findings) r.findings = v.findings.map(batchFinding);
  return r;
}

/**
 * How the CSV starts and ends its lines. Excel opens a CSV by double-click in the system's code page (GBK in a
 * Chinese locale) unless the file starts with a UTF-8 byte-order mark, and RFC 4180 ends each record with CRLF.
 */
export const CSV_BOM = '\uFEFF';
/** The record separator of RFC 4180. */
export const CSV_EOL = '\r\n';

/**
 * The header row in `locale` (without a line end), one header per column of `CSV_COLUMNS` (src/batch/words.ts),
 * whose English headers are also the machine names. Each list of clause ids has their labels beside it.
 */
export function csvHeader(locale: Locale = 'en'): string {
  const headers = batchWords(locale).csv;
  return CSV_COLUMNS.map((c) => csvCell(headers[c])).join(',');
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. Text from the input that a
 * spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading `'`,
 * so opening the file never runs anything (OWASP "CSV injection").
 */
export function csvCell(value: string | number | undefined, fromInput = false): string {
  if (value === undefined) return '';
  let s = String(value);
  if (fromInput && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The CSV rows of a verdict or its summary (joined by CRLF, without a final line end); clause labels are in the
 * verdict's locale, listed the `locale` way. One row per finding when the verdict has findings (so a spreadsheet
 * can be filtered by who must act), the observation's columns repeated on each; otherwise one row, its finding
 * columns empty.
 */
export function csvRow(line: number, v: VerdictSummary, locale: Locale = 'en'): string {
  const ids = (o: Outcome) =>
    v.clauses
      .filter((c) => c.outcome === o)
      .map((c) => c.clause)
      .join(' ');
  const sep = batchWords(locale).labelSep;
  const labels = (o: Outcome) =>
    v.clauses
      .filter((c) => c.outcome === o)
      .map((c) => c.label)
      .join(sep);
  const head = [
    csvCell(line),
    csvCell(v.standard.id),
    csvCell(v.standard.version),
    csvCell(v.standard.hash),
    csvCell(v.profile ? `${v.profile.id}@${v.profile.version}` : undefined),
    csvCell(v.subject?.id, true),
    csvCell(v.observedAt, true),
    csvCell(v.outcome),
    csvCell(v.totals.pass),
    csvCell(v.totals.fail),
    csvCell(v.totals.indeterminate),
    csvCell(v.totals.not_applicable),
    csvCell(v.score?.value),
    csvCell(ids('fail')),
    csvCell(labels('fail')),
    csvCell(ids('indeterminate')),
    csvCell(labels('indeterminate')),
    csvCell(v.missing.map((m) => m.fact).join(' ')),
  ].join(',');
  const findings = v.findings ?? [];
  if (findings.length === 0) return head + ','.repeat(FINDING_COLUMNS);
  return findings.map((f) => `${head},${findingCells(f, sep)}`).join(CSV_EOL);
}

/** How many columns a finding fills at the end of a row. */
const FINDING_COLUMNS = 9;

function findingCells(f: Finding, sep: string): string {
  const l = f.instance?.location;
  const coords = l?.lat !== undefined ? `${l.lat},${l.lng} ${l.crs ?? ''}`.trim() : '';
  const place = [l?.address, coords].filter((x) => x).join(' ');
  return [
    csvCell(f.clause),
    csvCell(f.instance?.id, true),
    csvCell(f.instance?.label, true),
    csvCell(f.instance?.part),
    csvCell(place || undefined, true),
    csvCell(f.severity),
    csvCell(f.mustAct?.parties.join(sep), true),
    csvCell(f.deadline?.dueBy),
    csvCell(f.evidence.map((e) => e.ref).join(' ') || undefined, true),
  ].join(',');
}
