/**
 * Daoze's checklist SDK (`daoze/sdk`): drive an inspector's checklist from a compiled bundle, in a browser, a
 * mini-program or Node. No Node built-ins, no YAML parser and no schema validator at run time.
 *
 * @example
 * ```ts
 * import { createChecklist, restore } from 'daoze/sdk';
 * const bundle = await (await fetch('/standards.bundle.json')).json();   // written by `daoze build`
 * import publicKey from './standards.pub.json';   // the .pub file of `daoze keygen`, built into the app, not fetched with the bundle
 * const checklist = createChecklist(bundle, 'si-jing-san-wu-liang-tong-yi-ming', { trust: [publicKey] });
 * checklist.subscribe((u) => render(u.verdict));
 * checklist.answer('flush-type', 'water-flush');
 * checklist.answer('water-supply-ok', false).outcome;   // 'fail' — 水通 fails, citing task 12
 * localStorage.setItem('inspection', JSON.stringify(checklist));
 * const again = restore(bundle, localStorage.getItem('inspection')!, { trust: [publicKey] });
 * ```
 * @packageDocumentation
 */
export { createChecklist, restore } from './checklist.js';
export { loadBundle } from './bundle.js';
export type {
  BundleInput,
  Checklist,
  ChecklistClause,
  ChecklistInstance,
  ChecklistItem,
  ChecklistKind,
  ChecklistListener,
  ChecklistOptions,
  ChecklistProgress,
  ChecklistSection,
  ChecklistSnapshot,
  ChecklistUpdate,
  ClauseChange,
  InputKind,
  InstanceClause,
  InstanceInput,
  InstanceProgress,
  Relevance,
} from './types.js';
export { ChecklistError } from './errors.js';
export type { ChecklistErrorCode } from './errors.js';
export { MESSAGES, OUTCOME_TEXT, fill } from './messages.js';
export type { MessageKey } from './messages.js';
export {
  BundleError,
  ObservationError,
  DaozeError,
  isDaozeError,
  SignatureError,
  KeyError,
  readPublicKey,
  ENGINE_VERSION,
} from '../src/index.js';
// The engine's pure evaluation API, as this entry offered before the checklist landed.
export { compileEdition, evaluate, evaluateOutcomes } from '../src/index.js';
export type {
  Bundle,
  BundleIssue,
  CompiledEdition,
  EditionSpec,
  Citation,
  CitedSource,
  ClauseResult,
  EvidenceKind,
  EvidenceRef,
  FactType,
  Finding,
  I18nText,
  InstanceLocation,
  InstanceObservation,
  InstanceRef,
  InstanceResult,
  LoadedBundle,
  Locale,
  MissingFact,
  MustAct,
  Observation,
  ObservationIssue,
  Observer,
  Outcome,
  Subject,
  Totals,
  Trust,
  PublicKey,
  ResponsibleParty,
  Signature,
  Verdict,
} from '../src/index.js';
