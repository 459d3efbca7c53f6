/**
 * The clause tally: how many clauses that count passed, failed, stayed indeterminate or did not apply, the
 * points deducted and at stake, the score, the overall outcome, and which missing facts settle the most
 * clauses. The verdict (`buildVerdict`) and the batch summary (`summarise`) take their numbers from here, so
 * they cannot disagree; the entry exports it for the checklist SDK. Pure: outcomes come in, numbers go out.
 */
import type { CompiledEdition } from '../compile/compile.js';
import type { Outcome, ScoringSpec } from '../model/edition.js';
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
  /** Points of the failed clauses (after the group caps). */
  deducted: number;
  /** Points of the indeterminate clauses: deducted too should they fail. */
  atStake: number;
  /** Full points of the counted clauses that applied (pass, fail or indeterminate), for a renormalised score. */
  applicable: number;
  /** Counted critical clauses that failed, by id. */
  critical: string[];
  /** Points deducted so far per group with a cap. */
  readonly byGroup: Map<string, number>;
  /** Full points of the applicable clauses so far per group with a cap (a section counts at most its cap). */
  readonly applicableByGroup: Map<string, number>;
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
  return {
    totals: { pass: 0, fail: 0, indeterminate: 0, not_applicable: 0 },
    deducted: 0,
    atStake: 0,
    applicable: 0,
    critical: [],
    byGroup: new Map(),
    applicableByGroup: new Map(),
  };
}

/** What a clause brings to the tally beyond its outcome, from the edition (its points, group cap, severity). */
interface ClauseWeights {
  readonly id?: string;
  readonly points?: number | undefined;
  readonly group?: string;
  readonly groupCap?: number | undefined;
  readonly critical?: boolean;
}

// The one rule of counting a clause; every entry point below goes through it.
function count(t: Tally, outcome: Outcome, counts: boolean, deduction: number | undefined, w: ClauseWeights): void {
  if (!counts) return;
  t.totals[outcome]++;
  if (outcome !== 'not_applicable' && w.points !== undefined) {
    if (w.groupCap !== undefined && w.group !== undefined) {
      // A section's points at play are its clauses' up to its cap: it can lose no more than that.
      const so = t.applicableByGroup.get(w.group) ?? 0;
      t.applicableByGroup.set(w.group, so + w.points);
      t.applicable += Math.min(w.groupCap, so + w.points) - Math.min(w.groupCap, so);
    } else t.applicable += w.points;
  }
  if (outcome === 'fail' && w.critical && w.id !== undefined) t.critical.push(w.id);
  if (deduction === undefined) return;
  if (outcome === 'fail') {
    // A section's clauses together deduct at most its cap.
    if (w.groupCap !== undefined && w.group !== undefined) {
      const so = t.byGroup.get(w.group) ?? 0;
      const d = Math.min(deduction, Math.max(0, w.groupCap - so));
      t.byGroup.set(w.group, so + d);
      t.deducted += d;
    } else t.deducted += deduction;
  } else if (outcome === 'indeterminate') t.atStake += deduction;
}

/**
 * Tallies clause results (or anything with an outcome, `counts` and an optional deduction), without an
 * edition's points or caps.
 *
 * @example
 * ```ts
 * tally(verdict.clauses).totals; // equals verdict.totals
 * ```
 */
export function tally(clauses: Iterable<Counted>): Tally {
  const t = emptyTally();
  for (const c of clauses) count(t, c.outcome, c.counts, c.deduction, {});
  return t;
}

const weights = new WeakMap<CompiledEdition, readonly ClauseWeights[]>();

/** Each clause's points, group cap and severity, in `ed.clauses` order, worked out once per edition. */
function weightsOf(ed: CompiledEdition): readonly ClauseWeights[] {
  let w = weights.get(ed);
  if (!w) {
    const caps = new Map(ed.groups.map((g) => [g.id, g.deductionCap]));
    w = ed.clauses.map((c) => ({
      id: c.id,
      // A unit clause fails once; one checked per object can lose up to its cap.
      points: c.scope ? (c.deductionCap ?? c.deduction) : c.deduction,
      group: c.group.id,
      groupCap: caps.get(c.group.id),
      critical: c.spec.severity === 'critical',
    }));
    weights.set(ed, w);
  }
  return w;
}

/** Tallies an edition's clause outcomes, in `ed.clauses` order (what `evaluateOutcomes` returns), without building results. */
export function tallyOutcomes(ed: CompiledEdition, outcomes: readonly Outcome[]): Tally {
  const t = emptyTally();
  const w = weightsOf(ed);
  for (let i = 0; i < outcomes.length; i++) {
    const c = ed.clauses[i]!;
    count(t, outcomes[i]!, c.counts, c.deduction, w[i]!);
  }
  return t;
}

/**
 * Tallies an edition's clause results, in `ed.clauses` order, with the deduction each result carries (a clause
 * checked per instance deducts per failing instance, up to its cap).
 */
export function tallyResults(ed: CompiledEdition, results: readonly Counted[]): Tally {
  const t = emptyTally();
  const w = weightsOf(ed);
  results.forEach((r, i) => count(t, r.outcome, r.counts, r.deduction, w[i]!));
  return t;
}

/** Rounds a renormalised score to hundredths, as assessment sheets print it. */
const hundredths = (x: number) => Math.round(x * 100) / 100;

/**
 * The score from a tally: base less the deducted points, and the lowest it can fall to once the indeterminate
 * clauses are settled; never below 0. Renormalised (`notApplicable: renormalise`), it is the share of the
 * applicable points kept, times base (with nothing applicable, base: there was nothing to lose). With
 * `critical: zero`, a failed counted critical clause makes it 0.
 */
export function scoreOf(scoring: number | ScoringSpec, t: Tally): Score {
  const s: ScoringSpec = typeof scoring === 'number' ? { base: scoring } : scoring;
  const base = s.base;
  let value: number;
  let lowest: number;
  if (s.notApplicable === 'renormalise' && t.applicable > 0) {
    value = hundredths((base * Math.max(0, t.applicable - t.deducted)) / t.applicable);
    lowest = hundredths((base * Math.max(0, t.applicable - t.deducted - t.atStake)) / t.applicable);
  } else {
    value = Math.max(0, base - t.deducted);
    lowest = Math.max(0, base - t.deducted - t.atStake);
  }
  const score: Score = { base, deducted: t.deducted, value, atStake: t.atStake, lowest };
  if (s.notApplicable === 'renormalise') score.applicable = t.applicable;
  if (s.critical === 'zero' && t.critical.length > 0) {
    score.value = 0;
    score.lowest = 0;
    score.critical = [...t.critical];
  }
  return score;
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
  return verdictOf(ed, tallyOutcomes(ed, outcomes));
}

/** The overall outcome, totals and score of a tally of an edition's clauses. */
export function verdictOf(ed: CompiledEdition, t: Tally): VerdictTally {
  const r: VerdictTally = { outcome: overallOutcome(t.totals), totals: t.totals };
  const scoring = ed.spec.scoring;
  if (scoring) r.score = scoreOf(scoring, t);
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
