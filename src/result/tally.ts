/**
 * The clause tally: how many clauses that count passed, failed, stayed indeterminate or did not apply, the
 * points deducted and at stake, the score, the overall outcome, and which missing facts settle the most
 * clauses. The verdict (`buildVerdict`) and the batch summary (`summarise`) take their numbers from here, so
 * they cannot disagree; the entry exports it for the checklist SDK. Pure: outcomes come in, numbers go out.
 */
import type { CompiledEdition } from '../compile/compile.js';
import type { Outcome } from '../model/edition.js';
import type { Totals, Verdict } from './types.js';

/** What the tally reads of one clause; a `ClauseResult` is one. */
export interface Counted {
  readonly outcome: Outcome;
  /** Whether the clause counts towards the totals; an optional (local-practice) clause does not. */
  readonly counts: boolean;
  /** Points the clause is worth when the standard scores; read only when it failed or is indeterminate. */
  readonly deduction?: number | undefined;
}

/** The sums over the clauses that count. */
export interface Tally {
  totals: Totals;
  /** Points of the failed clauses. */
  deducted: number;
  /** Points of the indeterminate clauses: deducted too should they fail. */
  atStake: number;
}

/** The score of a standard that scores (`scoring.base`). */
export type Score = NonNullable<Verdict['score']>;

/** What a verdict, a batch summary and a checklist report of the tally. */
export interface VerdictTally {
  outcome: Outcome;
  totals: Totals;
  /** Present when the edition scores. */
  score?: Score;
}

/** An empty tally. */
export function emptyTally(): Tally {
  return { totals: { pass: 0, fail: 0, indeterminate: 0, not_applicable: 0 }, deducted: 0, atStake: 0 };
}

// The one rule of counting a clause; both entry points below go through it.
function count(t: Tally, outcome: Outcome, counts: boolean, deduction: number | undefined): void {
  if (!counts) return;
  t.totals[outcome]++;
  if (deduction === undefined) return;
  if (outcome === 'fail') t.deducted += deduction;
  else if (outcome === 'indeterminate') t.atStake += deduction;
}

/**
 * Tallies clause results (or anything with an outcome, `counts` and an optional deduction).
 *
 * @example
 * ```ts
 * tally(verdict.clauses).totals; // equals verdict.totals
 * ```
 */
export function tally(clauses: Iterable<Counted>): Tally {
  const t = emptyTally();
  for (const c of clauses) count(t, c.outcome, c.counts, c.deduction);
  return t;
}

/** Tallies an edition's clause outcomes, in `ed.clauses` order (what `evaluateOutcomes` returns), without building results. */
export function tallyOutcomes(ed: CompiledEdition, outcomes: readonly Outcome[]): Tally {
  const t = emptyTally();
  for (let i = 0; i < outcomes.length; i++) {
    const c = ed.clauses[i]!;
    count(t, outcomes[i]!, c.counts, c.spec.deduction);
  }
  return t;
}

/** The score from a tally: base less the deducted points, and the lowest it can fall to once the indeterminate clauses are settled; never below 0. */
export function scoreOf(base: number, t: Tally): Score {
  return {
    base,
    deducted: t.deducted,
    value: Math.max(0, base - t.deducted),
    atStake: t.atStake,
    lowest: Math.max(0, base - t.deducted - t.atStake),
  };
}

/** The overall outcome from the counting clauses' totals: fail beats indeterminate beats pass; none of these is not applicable. */
export function overallOutcome(totals: Totals): Outcome {
  if (totals.fail > 0) return 'fail';
  if (totals.indeterminate > 0) return 'indeterminate';
  if (totals.pass > 0) return 'pass';
  return 'not_applicable';
}

/**
 * The overall outcome, totals and (when the edition scores) score of an edition's clause outcomes, in
 * `ed.clauses` order.
 *
 * @example
 * ```ts
 * const { outcome, totals, score } = verdictTally(ed, evaluateOutcomes(ed, values));
 * ```
 */
export function verdictTally(ed: CompiledEdition, outcomes: readonly Outcome[]): VerdictTally {
  const t = tallyOutcomes(ed, outcomes);
  const r: VerdictTally = { outcome: overallOutcome(t.totals), totals: t.totals };
  const scoring = ed.spec.scoring;
  if (scoring) r.score = scoreOf(scoring.base, t);
  return r;
}

/**
 * The missing facts of all clauses, each with how many clauses it appears in, those in the most clauses first
 * (ties by fact index): the order in which asking settles the most. `perClause` holds each clause's missing
 * fact indices (empty for a clause that is not indeterminate).
 */
export function rankMissing(perClause: Iterable<Iterable<number>>): { fact: number; clauses: number }[] {
  const counts = new Map<number, number>();
  for (const facts of perClause) for (const f of facts) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).map(([fact, clauses]) => ({ fact, clauses }));
}
