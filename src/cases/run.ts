/** Runs the test cases a standard carries next to its rules. Pure: the caller decides how to report. */
import type { CompiledEdition } from '../compile/compile.js';
import type { CaseSpec, Outcome } from '../model/edition.js';
import { DaozeError } from '../errors.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { ClauseResult, Verdict } from '../result/types.js';
import { isLeafTrace, type ConditionTrace } from '../model/trace.js';
import type { Diagnostic } from '../errors.js';
import type { ParsedText } from '../load/yaml.js';
import { locationOf } from '../load/report.js';

/** One expectation that did not hold. */
export interface CaseMismatch {
  what: string;
  expected: unknown;
  actual: unknown;
  /** Why it came out so: the clause's message and what each of its conditions saw (for outcome and clause mismatches). */
  why?: string[];
}

/** The result of one case. */
export interface CaseResult {
  name: string;
  ok: boolean;
  mismatches: CaseMismatch[];
  verdict?: Verdict;
  error?: string;
}

/** Runs one case against an edition. */
export function runCase(ed: CompiledEdition, c: CaseSpec): CaseResult {
  let verdict: Verdict;
  try {
    verdict = evaluate(
      ed,
      {
        standard: ed.ref,
        facts: c.facts,
        ...(c.evidence ? { evidence: c.evidence } : {}),
        ...(c.instances ? { instances: c.instances } : {}),
      },
      { locale: 'en' },
    );
  } catch (err) {
    if (!(err instanceof DaozeError)) throw err;
    return { name: c.name, ok: false, mismatches: [], error: err.message };
  }
  const mismatches: CaseMismatch[] = [];
  if (verdict.outcome !== c.expect.outcome) {
    // The clauses that count and decided the overall outcome are the reason for it.
    const deciding = verdict.clauses.filter((r) => r.counts && r.outcome === verdict.outcome);
    mismatches.push({
      what: 'outcome',
      expected: c.expect.outcome,
      actual: verdict.outcome,
      why: deciding.flatMap(whyClause),
    });
  }
  const byId = new Map(verdict.clauses.map((r) => [r.clause, r]));
  for (const [id, want] of Object.entries(c.expect.clauses ?? {})) {
    const got = byId.get(id);
    if (got?.outcome !== want)
      mismatches.push({
        what: `clause ${id}`,
        expected: want,
        actual: got?.outcome ?? 'disabled',
        ...(got ? { why: whyClause(got) } : {}),
      });
  }
  if (c.expect.missing) {
    // A unit fact by its id, a kind not recorded by the kind's id, an object's fact as `<instance id>.<fact>`.
    const got = verdict.missing
      .map((m) => (m.list ? m.fact : m.instance !== undefined ? `${m.instance}.${m.fact}` : m.fact))
      .sort();
    const want = [...c.expect.missing].sort();
    if (got.join(',') !== want.join(',')) mismatches.push({ what: 'missing', expected: want, actual: got });
  }
  if (c.expect.score !== undefined && verdict.score?.value !== c.expect.score) {
    mismatches.push({ what: 'score', expected: c.expect.score, actual: verdict.score?.value });
  }
  return { name: c.name, ok: mismatches.length === 0, mismatches, verdict };
}

function shown(v: unknown): string {
  return v === undefined ? 'missing' : JSON.stringify(v);
}

/**
 * A clause's outcome explained: its message, then each condition with what it required and saw. A nested
 * `all` / `any` / `not` is a line with its result and its children indented below it; the top `all` of a
 * condition is left implicit, so a plain list of leaves reads as one line per leaf.
 */
export function whyClause(r: ClauseResult): string[] {
  const lines = [`clause ${r.clause} is ${r.outcome}: ${r.message}`];
  const node = (t: ConditionTrace, head: string, indent: string, top: boolean): void => {
    if (isLeafTrace(t)) {
      const from = t.requiredFrom
        ? ` (${'param' in t.requiredFrom ? `parameter ${t.requiredFrom.param}` : `fact ${t.requiredFrom.fact}`})`
        : '';
      lines.push(
        `${indent}${head}${t.fact} ${t.operator} ${shown(t.required)}${from}, observed ${shown(t.observed)} → ${t.result}`,
      );
      return;
    }
    const kids = 'all' in t ? t.all : 'any' in t ? t.any : [t.not];
    if (top && 'all' in t) {
      for (const k of kids) node(k, head, indent, false);
      return;
    }
    lines.push(`${indent}${head}${'all' in t ? 'all' : 'any' in t ? 'any' : 'not'} → ${t.result}`);
    for (const k of kids) node(k, '', `${indent}  `, false);
  };
  if (r.trace?.appliesWhen) node(r.trace.appliesWhen, 'appliesWhen: ', '  ', true);
  if (r.trace) node(r.trace.check, 'check: ', '  ', true);
  return lines;
}

/** Runs every case of an edition. */
export function runCases(ed: CompiledEdition): CaseResult[] {
  return (ed.spec.cases ?? []).map((c) => runCase(ed, c));
}

/** For each clause, the outcomes no case produced: every clause should be seen to pass, fail and be indeterminate, and to not apply when it has an applicability condition. */
export function caseCoverageGaps(
  ed: CompiledEdition,
  results: readonly CaseResult[],
): { clause: string; unseen: Outcome[] }[] {
  const seen = new Map<string, Set<Outcome>>(ed.clauses.map((c) => [c.id, new Set()]));
  for (const r of results) for (const c of r.verdict?.clauses ?? []) seen.get(c.clause)?.add(c.outcome);
  const gaps: { clause: string; unseen: Outcome[] }[] = [];
  for (const c of ed.clauses) {
    const want: Outcome[] = ['pass', 'fail', 'indeterminate', ...(c.applies ? (['not_applicable'] as const) : [])];
    const unseen = want.filter((o) => !seen.get(c.id)!.has(o));
    if (unseen.length) gaps.push({ clause: c.id, unseen });
  }
  return gaps;
}

/**
 * Each failed case as an `E_CASE` diagnostic positioned on the case (`cases[i]`, in the order the edition lists
 * them), saying what was expected, what came out and why: the deciding clauses' messages and what each of their
 * conditions saw.
 */
export function caseDiagnostics(
  results: readonly CaseResult[],
  where: { file: string; locate?: ParsedText['locate'] | undefined },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  results.forEach((r, i) => {
    if (r.ok) return;
    const path = ['cases', i];
    const lines = r.error
      ? [`case "${r.name}" could not run: ${r.error}`]
      : [`case "${r.name}" did not come out as expected`, ...mismatchLines(r.mismatches)];
    out.push({ code: 'E_CASE', message: lines.join('\n    '), location: locationOf(where, path) });
  });
  return out;
}

/** Each mismatch and its reasons, a clause's reasons only the first time they are given. */
function mismatchLines(ms: readonly CaseMismatch[]): string[] {
  const given = new Set<string>();
  return ms.flatMap((m) => {
    const why = (m.why ?? []).filter((w) => !given.has(w));
    why.forEach((w) => given.add(w));
    return [
      `${m.what}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`,
      ...why.map((w) => `  ${w}`),
    ];
  });
}
