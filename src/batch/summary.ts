/**
 * What a batch record or CSV row needs from a verdict — outcomes, totals, score, missing facts — computed
 * without building the rest of the verdict (messages, citations, missing-fact questions), which is most of the
 * cost of a verdict and none of a record. It reads the outcomes (`readOutcomes`) and tallies them
 * (src/result/tally.ts) exactly as `buildVerdict` does; test/batch/summary.test.ts checks the records agree.
 */
import type { CompiledEdition } from '../compile/compile.js';
import { programFor } from '../compile/codegen.js';
import { checkStandardRef, readOutcomes } from '../evaluate/evaluate.js';
import { normaliseObservation, type Observation } from '../evaluate/observation.js';
import type { Locale, Outcome } from '../model/edition.js';
import { rankMissing, verdictTally } from '../result/tally.js';
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

const scratch = new WeakMap<CompiledEdition, Uint8Array>();

/**
 * Evaluates an observation against an edition and returns its summary. Throws `ObservationError` exactly when
 * `evaluate` would (the same validation).
 */
export function summarise(
  ed: CompiledEdition,
  observation: unknown,
  options: { locale: Locale; evaluatedAt?: string },
): VerdictSummary {
  const n = normaliseObservation(ed, observation);
  const obs = observation as Observation;
  checkStandardRef(ed, obs);
  let o = scratch.get(ed);
  if (!o) scratch.set(ed, (o = new Uint8Array(2 * ed.clauses.length)));
  programFor(ed).run(n.values, o);
  const read = readOutcomes(ed, o, n.values);
  const t = verdictTally(ed, read.outcomes);
  const clauses = ed.clauses.map((c, i) => ({
    clause: c.id,
    outcome: read.outcomes[i]!,
    label: c.spec.label[options.locale],
    counts: c.counts,
  }));
  const missing = rankMissing(read.missing).map((m) => ({ fact: ed.facts[m.fact]!.id }));
  const s: VerdictSummary = {
    standard: { id: ed.id, version: ed.version, ref: ed.ref, hash: ed.hash },
    outcome: t.outcome,
    totals: t.totals,
    clauses,
    missing,
  };
  if (ed.profile) s.profile = ed.profile;
  if (obs.subject) s.subject = obs.subject;
  if (obs.observedAt) s.observedAt = obs.observedAt;
  if (options.evaluatedAt) s.evaluatedAt = options.evaluatedAt;
  if (t.score) s.score = t.score;
  return s;
}
