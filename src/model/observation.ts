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
  /** The inspection unit (a U型空间 unit, 网格 unit or compound) the subject lies in, by id. */
  inspectionUnit?: string;
  /**
   * @deprecated The same as `inspectionUnit`, under its first name: still read, and kept as given in the verdict,
   * so that records sealed with it verify. `unit` is a unit of measure everywhere else.
   */
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
  /**
   * The objects inspected in the unit, by kind (for an edition that declares `kinds`). A kind left out was not
   * recorded: its clauses stay indeterminate. `[]` records that the unit has none: its clauses do not apply.
   */
  instances?: Record<string, InstanceObservation[]>;
}

/** The coordinate systems a location may be given in (Chinese map services use GCJ-02 or BD-09; GPS gives WGS-84). */
export const COORDINATE_SYSTEMS = ['WGS-84', 'GCJ-02', 'BD-09', 'CGCS2000'] as const;

/** Where an object stands: an address, and coordinates in a named system. */
export interface InstanceLocation {
  address?: string;
  lat?: number;
  lng?: number;
  /** Required with coordinates: which system they are in. */
  crs?: (typeof COORDINATE_SYSTEMS)[number];
}

/** Who answers for an object (the shop under 门前三包, the property company of a compound). */
export interface ResponsibleParty {
  id?: string;
  name: string;
  contact?: string;
}

/** One object of a unit, as inspected. */
export interface InstanceObservation {
  /** Unique within the observation. */
  id: string;
  /** A name a person recognises on site (3号路灯, 新华大街12号 便民超市). */
  label?: string;
  /** The part of the unit it stands in (`facade-a`). */
  part?: string;
  location?: InstanceLocation;
  /** 部件 code (GB/T 30428.2's component coding), where the city codes its components. */
  code?: string;
  responsible?: ResponsibleParty;
  /** Fact values of the kind's catalogue; `null`: could not be determined. */
  facts: Record<string, unknown>;
  evidence?: Record<string, EvidenceRef[]>;
}

/**
 * Why a fact counts as missing: `absent` (not given), `unknown` (given as null), `partial` (a list answered only
 * with the options seen, `{ atLeast: [...] }`, where the clause needs to know whether another is there), or a
 * value given whose required evidence does not back it (see {@link EvidenceReason}).
 */
export type MissingReason = 'absent' | 'unknown' | 'partial' | EvidenceReason;

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

/** One instance checked and laid out in its kind's fact order (the unit's facts first, then the kind's own). */
export interface NormalisedInstance {
  readonly observed: InstanceObservation;
  readonly values: unknown[];
  readonly raw: unknown[];
  readonly why: (MissingReason | undefined)[];
}

/** An observation checked and laid out in the edition's fixed fact order. */
export interface NormalisedObservation {
  /**
   * Per kind of an edition that declares kinds, its instances; `undefined` for a kind the observation left out
   * (not recorded). Absent for an edition without kinds.
   */
  instances?: ReadonlyMap<string, readonly NormalisedInstance[] | undefined>;
  /** Comparable values by fact index; undefined = unknown to the evaluator. */
  values: unknown[];
  /** Values as given, by fact index (for display and trace). */
  raw: unknown[];
  /** Why each unknown fact is unknown, by fact index. */
  why: (MissingReason | undefined)[];
}
