/**
 * The audit trail: verdict records (sealed, replayable verdicts, and the flow of `daoze check` that makes them),
 * their verification and explanation, the lock of published editions, and clause-level differences between
 * editions with replay of recorded inspections.
 */
export {
  RECORD_FORMAT,
  RECORD_FORMATS,
  MAX_RECORD_DEPTH,
  isRecordFormat,
  RecordError,
  createRecord,
  recordVerdict,
  recordHashOf,
  inputHashesOf,
  provenanceOf,
  resolutionOf,
} from './record.js';
export type {
  VerdictRecord,
  VerdictRecordV1,
  AnyVerdictRecord,
  RecordFormat,
  RecordedEdition,
  RecordedEvidence,
  ObservationProvenance,
  ClauseSeal,
  RecordOptions,
  Evaluator,
  Resolution,
} from './record.js';
export { verifyRecord } from './verify.js';
export { RECORD_FORMAT_V1 } from './record-v1.js';
export type { VerdictV1, ClauseResultV1 } from './record-v1.js';
export { signRecord, checkRecordSignature } from './sign.js';
export type { SignedRecord, RecordSignatureCheck } from './sign.js';
export type { VerifyReport, VerifyOptions, RecordDifference } from './verify.js';
export { explainVerdict } from './explain.js';
export type {
  Explanation,
  ExplainedClause,
  ExplainedComparison,
  ExplainedCondition,
  ExplainedInstance,
} from './explain.js';
export { explanationOf } from './explain-record.js';
export type { ExplanationNote, EditionLookup } from './explain-record.js';
export { checkObservation } from './check.js';
export type { CheckObservationOptions, CheckedObservation, ProfileEvaluator } from './check.js';
export { diffEditions, versionBump, bumpSuffices, clauseReads } from './diff.js';
export type { EditionDiff, EditionChange, ChangeKind, Impact, Bump } from './diff.js';
export { replay } from './replay.js';
export type { ReplayReport, ReplayChange, ClauseFlip, FindingFlip } from './replay.js';
export { LOCK_FILE, checkEditionsLock, updateEditionsLock, editionHash, isEditionsLock } from './lock.js';
export type { EditionsLock, CheckLockOptions } from './lock.js';
export { formatJsonPath, jsonDifferences, jsonPathAt, jsonSyntaxError } from './json-diff.js';
export type { JsonPath, JsonDifference } from './json-diff.js';
