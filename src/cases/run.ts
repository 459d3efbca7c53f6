/** Runs the test cases a standard carries next to its rules. Pure: the caller decides how to report. */
import type { CompiledEdition } from '../compile/compile.js';
import type { CaseSpec, Outcome } from '../model/edition.js';
import { DaozeError } from '../errors.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { Verdict } from '../result/types.js';

/** One expectation that did not hold. */
export interface CaseMismatch {
  what: string;
  expected: unknown;
  actual: unknown;
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
    verdict = evaluate(ed, { standard: ed.ref, facts: c.facts, ...(c.evidence ? { evidence: c.evidence } : {}) }, { locale: 'en' });
  } catch (err) {
    if (!(err instanceof DaozeError)) throw err;
    return { name: c.name, ok: false, mismatches: [], error: err.message };
  }
  const mismatches: CaseMismatch[] = [];
  if (verdict.outcome !== c.expect.outcome) mismatches.push({ what: 'outcome', expected: c.expect.outcome, actual: verdict.outcome });
  const byId = new Map<string, Outcome>(verdict.clauses.map((r) => [r.clause, r.outcome]));
  for (const [id, want] of Object.entries(c.expect.clauses ?? {})) {
    const got = byId.get(id);
    if (got !== want) mismatches.push({ what: `clause ${id}`, expected: want, actual: got ?? 'disabled' });
  }
  if (c.expect.missing) {
    const got = verdict.missing.map((m) => m.fact).sort();
    const want = [...c.expect.missing].sort();
    if (got.join(',') !== want.join(',')) mismatches.push({ what: 'missing', expected: want, actual: got });
  }
  if (c.expect.score !== undefined && verdict.score?.value !== c.expect.score) {
    mismatches.push({ what: 'score', expected: c.expect.score, actual: verdict.score?.value });
  }
  return { name: c.name, ok: mismatches.length === 0, mismatches, verdict };
}

/** Runs every case of an edition. */
export function runCases(ed: CompiledEdition): CaseResult[] {
  return (ed.spec.cases ?? []).map((c) => runCase(ed, c));
}

/** For each clause, the outcomes no case produced: every clause should be seen to pass, fail and be indeterminate, and to not apply when it has an applicability condition. */
export function caseCoverageGaps(ed: CompiledEdition, results: readonly CaseResult[]): { clause: string; unseen: Outcome[] }[] {
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
