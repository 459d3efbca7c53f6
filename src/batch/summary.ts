/**
 * What a batch record or CSV row needs from a verdict — outcomes, totals, score, missing facts — computed
 * without building the rest of the verdict (messages, citations, missing-fact questions), which is most of the
 * cost of a verdict and none of a record. The same rules as `buildVerdict` (src/evaluate/evaluate.ts); the
 * tests in test/batch/summary.test.ts hold the two to the same answers on random editions and observations.
 */
import type { CompiledEdition } from '../compile/compile.js';
import { programFor } from '../compile/codegen.js';
import { overallOutcome } from '../evaluate/evaluate.js';
import { normaliseObservation, type Observation } from '../evaluate/observation.js';
import type { Locale, Outcome } from '../model/edition.js';
import { ObservationError } from '../errors.js';
import type { Totals, Verdict } from '../result/types.js';

/** The parts of a verdict a record or a CSV row is made of (a full `Verdict` has them all). */
export interface VerdictSummary {
  standard: { id: string; version: string; ref: string; hash: string };
  profile?: { id: string; version: string };
  subject?: { id?: string };
  observedAt?: string;
  evaluatedAt?: string;
  outcome: Outcome;
  totals: Totals;
  score?: Verdict['score'];
  clauses: { clause: string; outcome: Outcome; label: string; counts: boolean }[];
  missing: { fact: string }[];
}

const OUTCOME_OF: readonly Outcome[] = [
  'not_applicable', 'not_applicable', 'not_applicable',
  'fail', 'pass', 'indeterminate',
  'indeterminate', 'indeterminate', 'indeterminate',
];

const scratch = new WeakMap<CompiledEdition, Uint8Array>();

/**
 * Evaluates an observation against an edition and returns its summary. Throws `ObservationError` exactly when
 * `evaluate` would (the same validation).
 */
export function summarise(ed: CompiledEdition, observation: unknown, options: { locale: Locale; evaluatedAt?: string }): VerdictSummary {
  const n = normaliseObservation(ed, observation);
  const obs = observation as Observation;
  if (obs.standard !== ed.id && obs.standard !== ed.ref) {
    throw new ObservationError([
      { code: 'E_STANDARD_REF', path: 'standard', message: `observation is for "${obs.standard}", not ${ed.ref}`, value: obs.standard, allowed: [ed.id, ed.ref] },
    ]);
  }
  let o = scratch.get(ed);
  if (!o) scratch.set(ed, (o = new Uint8Array(2 * ed.clauses.length)));
  programFor(ed).run(n.values, o);
  const totals: Totals = { pass: 0, fail: 0, indeterminate: 0, not_applicable: 0 };
  const clauses: VerdictSummary['clauses'] = [];
  const missingCount = new Map<number, number>();
  let deducted = 0;
  let atStake = 0;
  for (let i = 0; i < ed.clauses.length; i++) {
    const c = ed.clauses[i]!;
    const a = o[2 * i]!;
    const k = o[2 * i + 1]!;
    const outcome = OUTCOME_OF[3 * a + k]!;
    if (outcome === 'indeterminate') {
      const set = new Set<number>();
      if (a === 2) c.applies!.missing(n.values, set);
      if (k === 2) c.check.missing(n.values, set);
      for (const j of set) missingCount.set(j, (missingCount.get(j) ?? 0) + 1);
    }
    if (c.counts) totals[outcome]++;
    const d = c.spec.deduction;
    if (d !== undefined && c.counts) {
      if (outcome === 'fail') deducted += d;
      if (outcome === 'indeterminate') atStake += d;
    }
    clauses.push({ clause: c.id, outcome, label: c.spec.label[options.locale], counts: c.counts });
  }
  const missing = [...missingCount.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).map(([i]) => ({ fact: ed.facts[i]!.id }));
  const s: VerdictSummary = {
    standard: { id: ed.id, version: ed.version, ref: ed.ref, hash: ed.hash },
    outcome: overallOutcome(totals),
    totals,
    clauses,
    missing,
  };
  if (ed.profile) s.profile = ed.profile;
  if (obs.subject) s.subject = obs.subject;
  if (obs.observedAt) s.observedAt = obs.observedAt;
  if (options.evaluatedAt) s.evaluatedAt = options.evaluatedAt;
  if (ed.spec.scoring) {
    const base = ed.spec.scoring.base;
    s.score = { base, deducted, value: Math.max(0, base - deducted), atStake, lowest: Math.max(0, base - deducted - atStake) };
  }
  return s;
}
