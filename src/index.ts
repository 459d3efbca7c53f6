/**
 * Daoze (导则): a rules-as-code engine for city-management inspection standards.
 *
 * Read an edition (`parseEdition`), compile it once (`compileEdition`), evaluate many observations
 * (`evaluate`): each clause is pass / fail / indeterminate / not_applicable, with its citation.
 * This entry is pure and runs in browsers; file access lives in `daoze/node`.
 *
 * @example
 * ```ts
 * import { parseEdition, compileEdition, evaluate } from 'daoze';
 * const { edition, diagnostics } = parseEdition(yamlText, { file: 'san-duan/1.0.0.yaml' });
 * if (!edition) throw new Error(diagnostics.map((d) => d.message).join('\n'));
 * const verdict = evaluate(compileEdition(edition), observation, { locale: 'en' });
 * ```
 * @packageDocumentation
 */

// This entry is the package's API: what users call, and the types of what they pass and get back.
// `etc/api/daoze.api.md` records it (`npm run api`), and a change to it needs a changeset (docs/versioning.md).
// What `daoze/sdk` needs beyond it comes from `src/internal.ts`, which is not exported.

// Errors: every error thrown on purpose is a DaozeError; authoring errors are diagnostics with a position.
export {
  DaozeError,
  isDaozeError,
  StandardError,
  ObservationError,
  NotFoundError,
  InputError,
  formatDiagnostic,
  formatDiagnostics,
} from './errors.js';
export type {
  Diagnostic,
  DiagnosticCode,
  SourceLocation,
  ObservationIssue,
  InputErrorCode,
  TextPosition,
} from './errors.js';

// The edition format: the types of an edition as authored, and its closed lists.
export type {
  EditionSpec,
  ClauseSpec,
  GroupSpec,
  FactSpec,
  FactType,
  ParameterSpec,
  SourceDoc,
  Cite,
  Condition,
  LeafCondition,
  ConditionValue,
  ValueRef,
  ClauseMessages,
  IncludeSpec,
  ProfileSpec,
  CaseSpec,
  EnumChoice,
  EvidenceKind,
  I18nText,
  Locale,
  Outcome,
  Provenance,
  Routing,
  Severity,
  Exclusion,
  PartSpec,
  KindSpec,
  QuantifierSpec,
  QuantifierRule,
  ScoringSpec,
} from './model/edition.js';
export { EVIDENCE_KINDS, FACT_TYPES, PROVENANCES, SEVERITIES, SOURCE_KINDS } from './model/edition.js';
export type { FactInputKind } from './model/fact-types.js';

// Reading editions: parse and validate YAML or data, load one with its identity checked, compose `include`s.
export { parseEdition, validateEdition, loadEdition } from './load/index.js';
export type { EditionParseResult, ParseEditionOptions } from './load/index.js';
export type { ExpectedIdentity } from './load/validate.js';
export type { ParsedText, DocPath } from './load/yaml.js';
export { composeEditions } from './load/compose.js';
export type { ComposeInput } from './load/compose.js';

// Conditions: what a clause's check reads, and its printed form.
export { conditionText, conditionReads } from './model/condition.js';
export type { ConditionTextStyle, ConditionReads } from './model/condition.js';

// Compiling and evaluating: a compiled edition evaluates observations into verdicts.
export { compileEdition } from './compile/compile.js';
export type {
  CompiledEdition,
  CompiledClause,
  CompiledFact,
  CompiledParam,
  CompileOptions,
  CompiledKind,
  CompiledQuantifier,
  CompiledRule,
  Scope,
} from './compile/compile.js';
export { traceLeaves, isLeafTrace } from './model/trace.js';
export type { LeafTrace, ConditionTrace, AllTrace, AnyTrace, NotTrace, TraceResult } from './model/trace.js';
export { evaluate, evaluateOutcomes } from './evaluate/evaluate.js';
export type { EvaluateOptions } from './evaluate/evaluate.js';

// Observations and verdicts: what an inspection records, and what the engine decides.
export type {
  Observation,
  EvidenceRef,
  Subject,
  Observer,
  MissingReason,
  EvidenceReason,
  InstanceObservation,
  InstanceLocation,
  ResponsibleParty,
  NormalisedInstance,
} from './evaluate/observation.js';
export type {
  Verdict,
  ClauseResult,
  Citation,
  CitedSource,
  MissingFact,
  Totals,
  Finding,
  InstanceRef,
  InstanceResult,
  MustAct,
} from './result/types.js';

// The registry: editions by reference, composed and resolved.
export { createRegistry } from './registry.js';
export type { Registry, ProfileInput, RegistryOptions } from './registry.js';

// Profiles: a city's local parameters and practice over a published edition.
export { parseProfile } from './load/profile.js';
export type { ProfileParseResult } from './load/profile.js';
export { applyProfile, compileWithProfile, profileHash } from './profile/apply.js';
export type { ProfileApplication } from './profile/apply.js';

// Editions in force: which edition judges an observation on its day.
export {
  editionInForce,
  inForceRange,
  findInForceOverlaps,
  inForceDiagnostics,
  observationDay,
  resolveEdition,
} from './model/in-force.js';
export type { InForceRange, InForceOverlap, EditionSource } from './model/in-force.js';

// The audit trail: verdict records and their verification, signatures and explanation; differences between
// editions and replay of recorded inspections; the lock of published editions.
export {
  RECORD_FORMAT,
  RECORD_FORMATS,
  RECORD_FORMAT_V1,
  MAX_RECORD_DEPTH,
  isRecordFormat,
  RecordError,
  createRecord,
  recordVerdict,
  recordHashOf,
} from './audit/index.js';
export type {
  VerdictRecord,
  VerdictRecordV1,
  AnyVerdictRecord,
  RecordFormat,
  VerdictV1,
  ClauseResultV1,
  RecordedEdition,
  RecordedEvidence,
  ObservationProvenance,
  ClauseSeal,
  RecordOptions,
  Evaluator,
  Resolution,
} from './audit/index.js';
export { verifyRecord } from './audit/index.js';
export type { VerifyReport, VerifyOptions, RecordDifference } from './audit/index.js';
export type { JsonPath } from './audit/index.js';
export { signRecord, checkRecordSignature } from './audit/index.js';
export type { SignedRecord, RecordSignatureCheck } from './audit/index.js';
export { explainVerdict, explanationOf, checkObservation } from './audit/index.js';
export type {
  ExplanationNote,
  EditionLookup,
  CheckObservationOptions,
  CheckedObservation,
  ProfileEvaluator,
} from './audit/index.js';
export type {
  Explanation,
  ExplainedClause,
  ExplainedComparison,
  ExplainedCondition,
  ExplainedInstance,
} from './audit/index.js';
export { diffEditions, versionBump, bumpSuffices } from './audit/index.js';
export type { EditionDiff, EditionChange, ChangeKind, Impact, Bump } from './audit/index.js';
export { replay } from './audit/index.js';
export type { ReplayReport, ReplayChange, ClauseFlip, FindingFlip } from './audit/index.js';
export { LOCK_FILE, checkEditionsLock, updateEditionsLock, editionHash, isEditionsLock } from './audit/index.js';
export type { EditionsLock, CheckLockOptions } from './audit/index.js';

// Cases: the examples a standard carries, run against it, and the clauses they leave unseen.
export { runCase, runCases, caseCoverageGaps, caseDiagnostics, whyClause } from './cases/run.js';
export type { CaseResult, CaseMismatch } from './cases/run.js';

// Operators: the comparisons a condition may use.
export { OPERATORS, OPERATOR_NAMES } from './operators/index.js';
export type { OperatorDef, OperandShape } from './operators/index.js';

// Hashing: canonical JSON and the content hashes verdicts and records name.
export { canonicalJson, hashJson, sha256Text } from './hash/index.js';
export { ENGINE_VERSION } from './version.js';

// Bundles: compiled editions for apps (`daoze build`), read back with their hashes and signature checked.
export {
  readBundle,
  isBundle,
  BundleError,
  createBundle,
  observationSchema,
  signBundle,
  bundleDigest,
  MAX_BUNDLE_DEPTH,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
} from './bundle/index.js';
export type { Bundle, BundleEdition, BundleIssue, LoadedBundle, ReadBundleOptions } from './bundle/index.js';

// Signing: Ed25519 keys, and the signatures of bundles and records.
export {
  generateKeyPair,
  publicKeyOf,
  readPublicKey,
  readPrivateKey,
  keyFileText,
  keyIdOf,
  signDigest,
  verifyDigest,
  SignatureError,
  KeyError,
  KEY_FORMAT,
  BUNDLE_DOMAIN,
  RECORD_DOMAIN,
} from './sign/index.js';
export type { PublicKey, PrivateKey, Signature, SignatureProblem, Trust } from './sign/index.js';
