/** The observation format: what an app or the CLI hands the engine for one inspection, and how a fact can be missing. */
import type { EvidenceKind } from './edition.js';

/** A reference to a piece of evidence (a photo, a meter reading, a document) kept elsewhere. */
export interface EvidenceRef {
  kind: EvidenceKind;
  /** Where the evidence is kept (a URL, a file name, an archive id). */
  ref: string;
  /** `sha256:<hex>` of the evidence file, so an auditor can check it is the one recorded. */
  sha256?: string;
  capturedAt?: string;
  note?: string;
}

/** What was inspected. */
export interface Subject {
  id: string;
  kind?: string;
  name?: string;
  /** Location as the app records it (address, coordinates). */
  location?: { address?: string; lat?: number; lng?: number };
  /** The U型空间 unit, when the subject lies in one. */
  unit?: string;
  /** The grid cell (万米单元网格) id, when known. */
  gridCell?: string;
}

/** Who observed. */
export interface Observer {
  id: string;
  name?: string;
  role?: string;
}

/** One inspection's observations, as an app or the CLI passes them to the engine. */
export interface Observation {
  /** `id@version` pins an edition; a bare `id` takes the edition in force on `observedAt`. */
  standard: string;
  subject?: Subject;
  observer?: Observer;
  /** When the observations were made (RFC 3339 with time zone). */
  observedAt?: string;
  /** Fact values by fact id; `null` records that the inspector could not determine the value. */
  facts: Record<string, unknown>;
  /** Evidence by fact id. */
  evidence?: Record<string, EvidenceRef[]>;
  /** Profile to evaluate under, as `id@version` (a city's adaptation of the standard). */
  profile?: string;
}

/**
 * Why a fact counts as missing: `absent` (not given), `unknown` (given as null), or a value given whose required
 * evidence does not back it (see {@link EvidenceReason}).
 */
export type MissingReason = 'absent' | 'unknown' | EvidenceReason;

/**
 * Why a value does not count although it was given, for a fact whose catalogue requires evidence:
 * `no-evidence` (none attached), `wrong-evidence-kind` (evidence attached, none of a kind the catalogue asks
 * for), `empty-evidence-ref` (evidence of a required kind, but its `ref` is blank, so it points nowhere).
 */
export type EvidenceReason = 'no-evidence' | 'wrong-evidence-kind' | 'empty-evidence-ref';

/** Whether a missing fact's reason is its evidence (a value was given but does not count yet). */
export function isEvidenceReason(reason: MissingReason | undefined): reason is EvidenceReason {
  return reason === 'no-evidence' || reason === 'wrong-evidence-kind' || reason === 'empty-evidence-ref';
}

/** An observation checked and laid out in the edition's fixed fact order. */
export interface NormalisedObservation {
  /** Comparable values by fact index; undefined = unknown to the evaluator. */
  values: unknown[];
  /** Values as given, by fact index (for display and trace). */
  raw: unknown[];
  /** Why each unknown fact is unknown, by fact index. */
  why: (MissingReason | undefined)[];
}
