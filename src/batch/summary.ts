/**
 * What a batch record or CSV row needs from a verdict — outcomes, totals, score, missing facts — computed
 * without building the rest of the verdict (messages, citations, missing-fact questions), which is most of the
 * cost of a verdict and none of a record. It reads the outcomes (`readOutcomes`) and tallies them
 * (src/result/tally.ts) exactly as `buildVerdict` does; test/batch/summary.test.ts checks the records agree.
 */
import type { CompiledEdition } from '../compile/compile.js';
import { buildVerdict, checkStandardRef, readOutcomes, runClauses } from '../evaluate/evaluate.js';
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
  /** For an edition with kinds of object: its findings. */
  findings?: Verdict['findings'];
}

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
  // Objects in a unit: the tally is by finding and the missing facts are the objects', which only the verdict
  // builds (src/evaluate/unit-results.ts); its summary is the verdict's, without traces.
  if (ed.kinds.length > 0) return summaryOf(buildVerdict(ed, n, obs, { ...options, trace: false }));
  const run = runClauses(ed, n);
  const read = readOutcomes(ed, run.out, run.values);
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
  return withOptional(s, {
    profile: ed.profile,
    subject: obs.subject,
    observedAt: obs.observedAt,
    evaluatedAt: options.evaluatedAt,
    score: t.score,
  });
}

/** The summary's optional members, each set only when it has a value (a record leaves absent ones out). */
function withOptional(
  s: VerdictSummary,
  o: Pick<Partial<VerdictSummary>, 'profile' | 'subject' | 'observedAt' | 'evaluatedAt' | 'score' | 'findings'>,
): VerdictSummary {
  for (const [k, v] of Object.entries(o)) if (v) (s as unknown as Record<string, unknown>)[k] = v;
  return s;
}

/** The summary of a full verdict (same fields, same values). */
function summaryOf(v: Verdict): VerdictSummary {
  const s: VerdictSummary = {
    standard: { id: v.standard.id, version: v.standard.version, ref: v.standard.ref, hash: v.standard.hash },
    outcome: v.outcome,
    totals: v.totals,
    clauses: v.clauses.map((c) => ({ clause: c.clause, outcome: c.outcome, label: c.label, counts: c.counts })),
    missing: v.missing.map((m) => ({ fact: m.fact })),
  };
  const { profile, subject, observedAt, evaluatedAt, score, findings } = v;
  return withOptional(s, { profile, subject, observedAt, evaluatedAt, score, findings });
}
