/**
 * Evaluates one observation against a compiled edition. Pure and synchronous: no I/O, no clock, the same
 * verdict for the same inputs whatever the key order of the observation.
 */
import { F, T, U, type CompiledClause, type CompiledEdition, type Tri } from '../compile/compile.js';
import type { Locale, Outcome } from '../model/edition.js';
import { ObservationError } from '../errors.js';
import { ENGINE_VERSION } from '../version.js';
import { preparedFor, renderPrepared, type PreparedClause } from './prepared.js';
import type { Citation, ClauseResult, MissingFact, Totals, Verdict } from '../result/types.js';
import { normaliseObservation, type NormalisedObservation, type Observation } from './observation.js';

/** Options of one evaluation. */
export interface EvaluateOptions {
  /** Language of the rendered messages (default zh). */
  locale?: Locale;
  /** When the evaluation is made; recorded in the verdict. The engine never reads the clock itself. */
  evaluatedAt?: string;
  /** Include each clause's condition trace: every node's result, every leaf's values (default true). */
  trace?: boolean;
}

/** The outcome of one clause, from its applicability and its check, in three-valued logic. */
export function clauseOutcome(applies: Tri, check: Tri): Outcome {
  if (applies === F) return 'not_applicable';
  if (applies === U) return 'indeterminate'; // it might apply and might fail: never a pass
  return check === T ? 'pass' : check === F ? 'fail' : 'indeterminate';
}

/** The overall outcome from the required clauses' outcomes: fail beats indeterminate beats pass. */
export function overallOutcome(totals: Totals): Outcome {
  if (totals.fail > 0) return 'fail';
  if (totals.indeterminate > 0) return 'indeterminate';
  if (totals.pass > 0) return 'pass';
  return 'not_applicable';
}

const OUTCOME_OF: readonly Outcome[] = [
  // index 3 × applies + check, applies and check as Kleene values 0 F, 1 T, 2 U
  'not_applicable', 'not_applicable', 'not_applicable',
  'fail', 'pass', 'indeterminate',
  'indeterminate', 'indeterminate', 'indeterminate',
];

/**
 * Outcomes of every clause only, without messages or citations: the fast path for batch and SDK updates.
 * `values` is a normalised value vector (`normaliseObservation(ed, obs).values`); the order is `ed.clauses`.
 */
export function evaluateOutcomes(ed: CompiledEdition, values: readonly unknown[]): Outcome[] {
  const { program, scratch } = preparedFor(ed, citationOf);
  program.run(values, scratch);
  const out: Outcome[] = new Array(ed.clauses.length);
  for (let i = 0; i < out.length; i++) out[i] = OUTCOME_OF[3 * scratch[2 * i]! + scratch[2 * i + 1]!]!;
  return out;
}

/**
 * Evaluates an observation against an edition and returns the verdict with a citation per clause.
 * Throws `ObservationError` when the observation does not fit the edition's fact catalogue.
 *
 * @example
 * ```ts
 * const verdict = evaluate(edition, { standard: 'san-duan@1.0.0', facts: { 'water-cut': true } }, { locale: 'en' });
 * verdict.outcome; // 'indeterminate' until every clause's facts are given
 * ```
 */
export function evaluate(ed: CompiledEdition, observation: Observation | unknown, options: EvaluateOptions = {}): Verdict {
  const obs = observation as Observation;
  const n = normaliseObservation(ed, observation);
  checkStandardRef(ed, obs);
  return buildVerdict(ed, n, obs, options);
}

function checkStandardRef(ed: CompiledEdition, obs: Observation): void {
  const ref = obs.standard;
  if (ref !== ed.id && ref !== ed.ref) {
    throw new ObservationError([
      { code: 'E_STANDARD_REF', path: 'standard', message: `observation is for "${ref}", not ${ed.ref}`, value: ref, allowed: [ed.id, ed.ref] },
    ]);
  }
}

/** Builds the full verdict from a normalised observation. */
export function buildVerdict(ed: CompiledEdition, n: NormalisedObservation, obs: Partial<Observation>, options: EvaluateOptions = {}): Verdict {
  const locale = options.locale ?? 'zh';
  const withTrace = options.trace ?? true;
  const totals: Totals = { pass: 0, fail: 0, indeterminate: 0, not_applicable: 0 };
  const clauses: ClauseResult[] = [];
  const missingCount = new Map<number, number>();
  let deducted = 0;
  let atStake = 0;
  const prep = preparedFor(ed, citationOf);
  const o = prep.scratch;
  prep.program.run(n.values, o);
  for (let i = 0; i < ed.clauses.length; i++) {
    const c = ed.clauses[i]!;
    const a = o[2 * i] as Tri;
    const k = o[2 * i + 1] as Tri;
    const outcome = OUTCOME_OF[3 * a + k]!;
    let missingIdx: number[] = NONE;
    if (outcome === 'indeterminate') {
      const set = new Set<number>();
      if (a === U) c.applies!.missing(n.values, set);
      if (k === U) c.check.missing(n.values, set);
      missingIdx = [...set].sort((x, y) => x - y);
      for (const j of missingIdx) missingCount.set(j, (missingCount.get(j) ?? 0) + 1);
    }
    if (c.counts) totals[outcome]++;
    const d = c.spec.deduction;
    if (d !== undefined && c.counts) {
      if (outcome === 'fail') deducted += d;
      if (outcome === 'indeterminate') atStake += d;
    }
    clauses.push(clauseResult(ed, c, prep.clauses[i]!, outcome, n, missingIdx, locale, withTrace));
  }
  const missing = [...missingCount.entries()]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .map(([i, count]) => missingFact(ed, n, i, locale, count));
  // Each clause's own list says how many clauses the fact settles overall, so an app can sort by it.
  const countById = new Map(missing.map((m) => [m.fact, m.clauses]));
  for (const r of clauses) for (const m of r.missing) m.clauses = countById.get(m.fact) ?? 1;

  const verdict: Verdict = {
    standard: { id: ed.id, version: ed.version, ref: ed.ref, hash: ed.hash, nickname: ed.spec.nickname, title: ed.spec.title[locale] },
    ...(ed.profile ? { profile: ed.profile } : {}),
    ...(obs.subject ? { subject: obs.subject } : {}),
    ...(obs.observer ? { observer: obs.observer } : {}),
    ...(obs.observedAt ? { observedAt: obs.observedAt } : {}),
    ...(options.evaluatedAt ? { evaluatedAt: options.evaluatedAt } : {}),
    locale,
    outcome: overallOutcome(totals),
    totals,
    clauses,
    missing,
    engine: { name: 'daoze', version: ENGINE_VERSION },
  };
  if (ed.spec.scoring) {
    const base = ed.spec.scoring.base;
    verdict.score = { base, deducted, value: Math.max(0, base - deducted), atStake, lowest: Math.max(0, base - deducted - atStake) };
  }
  return verdict;
}

function missingFact(ed: CompiledEdition, n: NormalisedObservation, i: number, locale: Locale, count: number): MissingFact {
  const f = ed.facts[i]!;
  return {
    fact: f.id,
    label: f.spec.label[locale],
    question: f.spec.question[locale],
    reason: n.why[i] ?? 'absent',
    evidence: f.spec.evidence?.kinds ?? [],
    evidenceRequired: f.spec.evidence?.required ?? false,
    clauses: count,
  };
}

/** The citation of a clause: standard, edition, clause, printed label, text, sources. */
export function citationOf(ed: CompiledEdition, c: CompiledClause): Citation {
  const s = c.spec;
  const citation: Citation = {
    standard: ed.id,
    version: ed.version,
    editionHash: ed.hash,
    clauseHash: c.hash,
    clause: c.id,
    label: s.label,
    group: { id: c.group.id, label: c.group.label },
    text: s.text,
    provenance: s.provenance,
    sources: s.cites.map((cite) => {
      const src = ed.sources.get(cite.source)!;
      return {
        id: src.id,
        kind: src.kind,
        title: src.title,
        ...(src.designation ? { designation: src.designation } : {}),
        ...(src.url ? { url: src.url } : {}),
        ...(cite.section ? { section: cite.section } : {}),
        ...(cite.task !== undefined ? { task: cite.task } : {}),
        ...(cite.clause ? { clause: cite.clause } : {}),
        ...(cite.quote ? { quote: cite.quote } : {}),
      };
    }),
  };
  if (s.provisionalReason) citation.provisionalReason = s.provisionalReason;
  if (ed.profile) citation.profile = ed.profile;
  if (s.origin) citation.origin = s.origin;
  return citation;
}

const NONE: number[] = [];

function clauseResult(
  ed: CompiledEdition,
  c: CompiledClause,
  prep: PreparedClause,
  outcome: Outcome,
  n: NormalisedObservation,
  missingIdx: readonly number[],
  locale: Locale,
  withTrace: boolean,
): ClauseResult {
  const s = c.spec;
  const missing: MissingFact[] = [];
  for (const i of missingIdx) missing.push(missingFact(ed, n, i, locale, 1));
  const message = renderPrepared(prep.messages[outcome][locale], n.raw, missing, locale);
  const r: ClauseResult = {
    clause: c.id,
    group: c.group.id,
    label: s.label[locale],
    outcome,
    severity: s.severity,
    counts: c.counts,
    message,
    citation: prep.citation,
    missing,
  };
  if (s.deduction !== undefined && (outcome === 'fail' || outcome === 'indeterminate')) r.deduction = s.deduction;
  const routing = s.routing ?? ed.spec.routing;
  if (routing) r.routing = routing;
  if (withTrace) {
    // Built only here, on the output path: the outcome above came from the program, which builds no trace.
    r.trace = { check: c.check.trace(n.values, n.raw) };
    if (c.applies) r.trace.appliesWhen = c.applies.trace(n.values, n.raw);
  }
  return r;
}
