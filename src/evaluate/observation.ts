/**
 * Observations as the engine's entry and older imports name them: the format (`src/model/observation.ts`), its
 * shape (`./envelope.ts`) and normalisation against an edition (`./normalise.ts`), gathered in one module.
 */
export type {
  EvidenceReason,
  EvidenceRef,
  InstanceLocation,
  InstanceObservation,
  MissingReason,
  NormalisedInstance,
  NormalisedObservation,
  Observation,
  Observer,
  ResponsibleParty,
  Subject,
} from '../model/observation.js';
export { isEvidenceReason } from '../model/observation.js';
export { HOSTILE_KEYS, MAX_EVIDENCE_PER_FACT, MAX_STRING, SHA256_FORM } from './envelope.js';
export { checkFactValue, evidenceShortfall, normaliseObservation } from './normalise.js';
