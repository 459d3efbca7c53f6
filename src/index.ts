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
export { DaozeError, isDaozeError, StandardError, ObservationError, NotFoundError, InputError, formatDiagnostic, formatDiagnostics, preview } from './errors.js';
export type { Diagnostic, DiagnosticCode, SourceLocation, ObservationIssue, InputErrorCode, TextPosition } from './errors.js';
export { parseJson, checkJsonValue, MAX_JSON_DEPTH } from './input/index.js';
export type { ParseJsonOptions } from './input/index.js';
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
} from './model/edition.js';
export { EVIDENCE_KINDS, FACT_TYPES, PROVENANCES, SEVERITIES, SOURCE_KINDS } from './model/edition.js';
export { parseEdition, validateEdition, loadEdition } from './load/index.js';
export type { EditionParseResult, ParseEditionOptions } from './load/index.js';
export type { ExpectedIdentity } from './load/check.js';
export { composeEditions } from './load/compose.js';
export type { ComposeInput } from './load/compose.js';
export { compileEdition, editionContent, F, T, U } from './compile/compile.js';
export type { CompiledEdition, CompiledClause, CompiledFact, CompiledParam, CompileOptions, CNode, Tri, Values } from './compile/compile.js';
export { traceLeaves, isLeafTrace } from './model/trace.js';
export type { LeafTrace, ConditionTrace, AllTrace, AnyTrace, NotTrace, TraceResult } from './model/trace.js';
export { evaluate, evaluateOutcomes, buildVerdict, citationOf, clauseOutcome, overallOutcome } from './evaluate/evaluate.js';
export type { EvaluateOptions } from './evaluate/evaluate.js';
export { normaliseObservation, checkFactValue, isEvidenceReason, HOSTILE_KEYS } from './evaluate/observation.js';
export type { Observation, EvidenceRef, Subject, Observer, NormalisedObservation, MissingReason, EvidenceReason } from './evaluate/observation.js';
export type { Verdict, ClauseResult, Citation, CitedSource, MissingFact, Totals } from './result/types.js';
export { formatFactValue, formatParamValue } from './result/format.js';
export { renderStandardPage, conditionText } from './result/page.js';
export { planCoverage, renderCoverage, type PlanOutline, type CoverageRow } from './result/coverage.js';
export { createRegistry, resolveEdition } from './registry.js';
export type { Registry, ProfileInput, RegistryOptions } from './registry.js';
export { parseProfile } from './load/profile.js';
export type { ProfileParseResult } from './load/profile.js';
export { applyProfile, compileWithProfile, profileHash } from './profile/apply.js';
export type { ProfileApplication } from './profile/apply.js';
export { editionInForce, inForceRange, findInForceOverlaps, inForceDiagnostics, observationDay } from './model/in-force.js';
export type { InForceRange, InForceOverlap, EditionSource } from './model/in-force.js';
export * from './audit/index.js';
export { runCase, runCases, caseCoverageGaps, caseDiagnostics, whyClause } from './cases/run.js';
export { citationWarnings, citesCheckably, coverageWarnings, clausePath, pageWarnings, strictly } from './load/house-rules.js';
export type { EditionWhere } from './load/house-rules.js';
export type { CaseResult, CaseMismatch } from './cases/run.js';
export { OPERATORS, OPERATOR_NAMES } from './operators/index.js';
export type { OperatorDef, OperandShape } from './operators/index.js';
export type { ParsedText, DocPath } from './load/yaml.js';
export { canonicalJson, hashJson, sha256Text } from './hash/index.js';
export { compareSemver } from './model/semver.js';
export { ENGINE_VERSION } from './version.js';
export { readBundle, isBundle, BundleError, createBundle, observationSchema, signBundle, bundleDigest, MAX_BUNDLE_DEPTH, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './bundle/index.js';
export type { Bundle, BundleEdition, BundleIssue, LoadedBundle, ReadBundleOptions } from './bundle/index.js';
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
