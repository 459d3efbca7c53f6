/**
 * The engine's internal entry: what `daoze/sdk` (and the service) build on beyond the public API of
 * `src/index.ts`. It is not in package.json `exports`, so no user can import it: the SDK is bundled with what
 * it uses (tsup), and a change here is no change of the package's API (`etc/api/*.api.md` does not list it).
 * `test/sdk/portable.test.ts` holds `sdk/` to this entry and `src/index.ts`.
 */

// Observations laid out in an edition's fact order: the vector the evaluator reads.
export { normaliseObservation, isEvidenceReason } from './evaluate/observation.js';
export type { NormalisedObservation } from './evaluate/observation.js';

// Evaluation below the verdict: the three truth values, a clause's outcome from them, the overall outcome
// from the totals, and the verdict of an observation already normalised.
export { F, T } from './compile/compile.js';
export { buildVerdict, clauseOutcome, overallOutcome } from './evaluate/evaluate.js';

// Objects in a unit: every clause's (applies, check) pair with the instance pass behind it (each instance's
// pairs, each quantifier's counts), a quantifier's value from its counts, and a per-instance clause's deduction.
export { runClauses } from './evaluate/evaluate.js';
export { quantify, type InstancePass } from './evaluate/instances.js';
export { scopedDeduction } from './evaluate/unit-results.js';
export type { NormalisedInstance } from './model/observation.js';
export type { CompiledKind } from './compile/compile.js';

// Values shown in messages and items.
export { preview } from './errors.js';
export { formatFactValue } from './result/format.js';

// The strict JSON reader (duplicate keys refused, depth bounded) for saved checklists.
export { parseJson, checkJsonValue } from './input/index.js';

// Walking conditions: the leaves a clause reads, and whether a value names a fact or parameter.
export { forEachLeaf, isValueRef, walkCondition, matchCondition, isLeaf } from './model/condition.js';

// The fact types: how each accepts, compares, prints and asks for a value.
export { FACT_TYPE_DEFS } from './model/fact-types.js';
export type { FactTypeDef, FactInputKind, ValueTest } from './model/fact-types.js';

// The tally: outcome, totals, score and missing facts of a set of clause outcomes (verdicts, batch summaries,
// the SDK's running totals).
export {
  tally,
  tallyOutcomes,
  tallyResults,
  verdictTally,
  verdictOf,
  scoreOf,
  rankMissing,
  emptyTally,
} from './result/tally.js';
export type { Counted, Tally, Score, VerdictTally } from './result/tally.js';
