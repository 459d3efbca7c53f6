/**
 * Evaluates one observation against a compiled edition. Pure and synchronous: no I/O, no clock, the same
 * verdict for the same inputs whatever the key order of the observation.
 */
import { U, type CompiledClause, type CompiledEdition, type Tri, type Values } from '../compile/compile.js';
import type { Locale, Outcome } from '../model/edition.js';
import { ObservationError } from '../errors.js';
import { ENGINE_VERSION } from '../version.js';
import { preparedFor, renderPrepared, type PreparedClause } from './prepared.js';
import type { ClauseResult, MissingFact, Verdict } from '../result/types.js';
import { rankMissing, verdictTally } from '../result/tally.js';
import { normaliseObservation, type NormalisedObservation, type Observation } from './observation.js';
import { runWithInstances, type InstancePass } from './instances.js';
import { unitResults } from './unit-results.js';
import { missingFact, OUTCOME_OF, type ClauseOutcomes } from './outcome.js';

export { clauseOutcome, type ClauseOutcomes } from './outcome.js';

/** Options of one evaluation. */
export interface EvaluateOptions {
  /** Language of the rendered messages (default zh). */
  locale?: Locale;
  /** When the evaluation is made; recorded in the verdict. The engine never reads the clock itself. */
  evaluatedAt?: string;
  /** Include each clause's condition trace: every node's result, every leaf's values (default true). */
  trace?: boolean;
}

/** Re-exported for the modules that import it from here; the rule lives in src/result/tally.ts. */
export { overallOutcome } from '../result/tally.js';

const NONE: ReadonlySet<number> = new Set();

/**
 * Reads a program's output (`out[2i]` the applicability, `out[2i + 1]` the check of clause i) into each clause's
 * outcome and, for an indeterminate clause, the facts its unknown applicability or unknown check reads.
 * `values` are the ones the program ran on.
 */
export function readOutcomes(ed: CompiledEdition, out: Uint8Array, values: Values): ClauseOutcomes {
  // A clause checked per instance reads instance vectors, not `values`: its missing facts come from its instances
  // (src/evaluate/unit-results.ts). A unit clause's set may hold quantifier slots (index ≥ ed.facts.length).
  const n = ed.clauses.length;
  const outcomes: Outcome[] = new Array(n);
  const missing: ReadonlySet<number>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const a = out[2 * i] as Tri;
    const k = out[2 * i + 1] as Tri;
    const outcome = OUTCOME_OF[3 * a + k]!;
    outcomes[i] = outcome;
    missing[i] = NONE;
    if (outcome === 'indeterminate' && !ed.clauses[i]!.scope) {
      const c = ed.clauses[i]!;
      const set = new Set<number>();
      if (a === U) c.applies!.missing(values, set);
      if (k === U) c.check.missing(values, set);
      missing[i] = set;
    }
  }
  return { outcomes, missing };
}

/**
 * Outcomes of every clause only, without messages or citations: the fast path for batch and SDK updates.
 * `values` is a normalised value vector (`normaliseObservation(ed, obs).values`); the order is `ed.clauses`.
 */
export function evaluateOutcomes(
  ed: CompiledEdition,
  values: readonly unknown[],
  instances?: NormalisedObservation['instances'],
): Outcome[] {
  const { out: pairs } = runClauses(ed, { values, instances });
  const out: Outcome[] = new Array(ed.clauses.length);
  for (let i = 0; i < out.length; i++) out[i] = OUTCOME_OF[3 * pairs[2 * i]! + pairs[2 * i + 1]!]!;
  return out;
}

/**
 * Runs every clause of an edition over a normalised observation: each clause's (applies, check) pair in
 * `ed.clauses` order (`out[2i]`, `out[2i + 1]`, a buffer reused by the next call), the values the unit's clauses
 * read (with the quantifier slots filled, for an edition with kinds) and the instance pass. The one entry for
 * every path that evaluates (verdict, outcomes, batch summary).
 */
export function runClauses(
  ed: CompiledEdition,
  n: { values: Values; instances?: NormalisedObservation['instances'] | undefined },
): { out: Uint8Array; values: Values; pass?: InstancePass } {
  if (ed.unitScope === ed) {
    const { program, scratch } = preparedFor(ed);
    program.run(n.values, scratch);
    return { out: scratch, values: n.values };
  }
  const { out, pass } = runWithInstances(ed, n.values, n.instances);
  return { out, values: pass.values, pass };
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
export function evaluate(
  ed: CompiledEdition,
  observation: Observation | unknown,
  options: EvaluateOptions = {},
): Verdict {
  const obs = observation as Observation;
  const n = normaliseObservation(ed, observation);
  checkStandardRef(ed, obs);
  return buildVerdict(ed, n, obs, options);
}

/** Throws `ObservationError` (`E_STANDARD_REF`) unless the observation names this edition, by id or by `id@version`. */
export function checkStandardRef(ed: CompiledEdition, obs: Pick<Observation, 'standard'>): void {
  const ref = obs.standard;
  if (ref !== ed.id && ref !== ed.ref) {
    throw new ObservationError([
      {
        code: 'E_STANDARD_REF',
        path: 'standard',
        message: `observation is for "${ref}", not ${ed.ref}`,
        value: ref,
        allowed: [ed.id, ed.ref],
      },
    ]);
  }
}

/** Builds the full verdict from a normalised observation. */
export function buildVerdict(
  ed: CompiledEdition,
  n: NormalisedObservation,
  obs: Partial<Observation>,
  options: EvaluateOptions = {},
): Verdict {
  const locale = options.locale ?? 'zh';
  const withTrace = options.trace ?? true;
  const prep = preparedFor(ed);
  const run = runClauses(ed, n);
  const read = readOutcomes(ed, run.out, run.values);
  // A quantifier's slot shows its value in a trace as observed (raw holds nothing there).
  const raw = run.pass ? withSlots(ed, n.raw, run.values) : n.raw;
  const clauses: ClauseResult[] = ed.clauses.map((c, i) =>
    clauseResult(ed, c, prep.clauses[i]!, read.outcomes[i]!, n, read.missing[i]!, locale, withTrace, run.values, raw),
  );
  let missing: MissingFact[];
  let t = verdictTally(ed, read.outcomes);
  let findings: Verdict['findings'];
  if (run.pass) {
    // Per instance: results, missing facts (an instance's, or a kind not recorded), findings and the tally by finding.
    const u = unitResults(ed, n, run.pass, read, clauses, prep, obs, locale, withTrace, raw);
    missing = u.missing;
    findings = u.findings;
    t = u.tally;
  } else {
    missing = rankMissing(read.missing).map((m) => missingFact(ed, n, m.fact, locale, m.clauses));
    // Each clause's own list says how many clauses the fact settles overall, so an app can sort by it.
    const countById = new Map(missing.map((m) => [m.fact, m.clauses]));
    for (const r of clauses) for (const m of r.missing) m.clauses = countById.get(m.fact) ?? 1;
  }

  const verdict: Verdict = {
    standard: {
      id: ed.id,
      version: ed.version,
      ref: ed.ref,
      hash: ed.hash,
      nickname: ed.spec.nickname,
      title: ed.spec.title[locale],
    },
    ...(ed.profile ? { profile: ed.profile } : {}),
    ...(obs.subject ? { subject: obs.subject } : {}),
    ...(obs.observer ? { observer: obs.observer } : {}),
    ...(obs.observedAt ? { observedAt: obs.observedAt } : {}),
    ...(options.evaluatedAt ? { evaluatedAt: options.evaluatedAt } : {}),
    locale,
    outcome: t.outcome,
    totals: t.totals,
    clauses,
    missing,
    engine: { name: 'daoze', version: ENGINE_VERSION },
  };
  if (t.score) verdict.score = t.score;
  if (findings) verdict.findings = findings;
  return verdict;
}

function clauseResult(
  ed: CompiledEdition,
  c: CompiledClause,
  prep: PreparedClause,
  outcome: Outcome,
  n: NormalisedObservation,
  missingIdx: ReadonlySet<number>,
  locale: Locale,
  withTrace: boolean,
  values: Values,
  raw: readonly unknown[],
): ClauseResult {
  const s = c.spec;
  const missing: MissingFact[] = [];
  // In catalogue order, so a clause's list reads the same whatever order its conditions found them in. A
  // quantifier's slot (after the facts) is filled in by the unit results, from its instances.
  if (missingIdx.size)
    for (const i of [...missingIdx].sort((x, y) => x - y))
      if (i < ed.facts.length) missing.push(missingFact(ed, n, i, locale, 1));
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
  if (c.deduction !== undefined && (outcome === 'fail' || outcome === 'indeterminate')) r.deduction = c.deduction;
  const routing = s.routing ?? ed.spec.routing;
  if (routing) r.routing = routing;
  if (withTrace && !c.scope) {
    // Built only here, on the output path: the outcome above came from the program, which builds no trace.
    r.trace = { check: c.check.trace(values, raw) };
    if (c.applies) r.trace.appliesWhen = c.applies.trace(values, raw);
  }
  return r;
}

/** The raw values with each quantifier's value in its slot, for traces of the unit clauses that read it. */
function withSlots(ed: CompiledEdition, raw: readonly unknown[], values: Values): unknown[] {
  const out = raw.slice();
  for (const q of ed.quantifiers) out[q.slot] = values[q.slot];
  return out;
}
