/** The verdict: what the engine returns for one observation. Plain JSON, so it can be stored, sent and replayed. */
import type { ConditionTrace } from '../model/trace.js';
import type { EvidenceKind, I18nText, Locale, Outcome, Provenance, Routing, Severity } from '../model/edition.js';
import type {
  EvidenceRef,
  InstanceLocation,
  MissingReason,
  Observer,
  ResponsibleParty,
  Subject,
} from '../model/observation.js';

/** A cited source, resolved from the edition's `sources` and the clause's `cites`. */
export interface CitedSource {
  id: string;
  kind: string;
  title: I18nText;
  designation?: string;
  url?: string;
  section?: string;
  task?: number;
  clause?: string;
  quote?: string;
}

/** Everything needed to trace a clause result to the exact clause, edition and source text. */
export interface Citation {
  standard: string;
  version: string;
  /** Content hash of the edition. */
  editionHash: string;
  /** Hash of the clause's own content (its text, check and citations). */
  clauseHash: string;
  clause: string;
  /** The clause's label as the standard prints it (地面净). */
  label: I18nText;
  group: { id: string; label: I18nText };
  text: I18nText;
  provenance: Provenance;
  provisionalReason?: I18nText;
  sources: CitedSource[];
  /** The profile the verdict was made under, if any. */
  profile?: { id: string; version: string; hash: string };
  /** For a clause included from another edition: that edition (the clause's home). */
  origin?: { standard: string; version: string; hash: string };
}

/** A fact that is still needed, with what the inspector is asked and what evidence to bring. */
export interface MissingFact {
  fact: string;
  label: string;
  question: string;
  reason: MissingReason;
  evidence: EvidenceKind[];
  /** Whether a value counts only with evidence attached. */
  evidenceRequired: boolean;
  /** How many clauses this fact would help settle. */
  clauses: number;
  /** For a fact of an object (or a kind not recorded): the kind. */
  kind?: string;
  /** For a fact of an object: the instance's id, and its label as given. */
  instance?: string;
  instanceLabel?: string;
  /** Set when what is missing is the kind's list of instances itself (`fact` is then the kind's id). */
  list?: true;
}

/** An object of the unit as a result names it: its id, kind, label, part, place and 部件 code. */
export interface InstanceRef {
  id: string;
  kind: string;
  /** The label as given, else the kind's label and the id. */
  label: string;
  part?: string;
  /** The part's label as the edition names it (甲侧立面). */
  partLabel?: string;
  location?: InstanceLocation;
  code?: string;
}

/** A clause's result on one instance of its kind. */
export interface InstanceResult {
  instance: InstanceRef;
  outcome: Outcome;
  /** The clause's message for this instance, naming it (`3号路灯:灯杆倾斜`). */
  message: string;
  missing: MissingFact[];
  trace?: { appliesWhen?: ConditionTrace; check: ConditionTrace };
}

/** Who must act on a finding, and why them. */
export interface MustAct {
  /** The units or the party, as named. */
  parties: string[];
  /** `instance`: the object's own responsible party (门前三包: the shop); `clause`: the clause's 责任单位. */
  from: 'instance' | 'clause';
  responsible?: ResponsibleParty;
  /** The clause's implementing units (实施单位), when it names them. */
  implementing?: string[];
}

/** One failure to rectify: a failed clause on one object (or on the unit), with where, evidence, who and by when. */
export interface Finding {
  clause: string;
  group: string;
  /** The clause's label (地面净). */
  label: string;
  severity: Severity;
  /** Whether the clause counts towards the outcome (false for an optional, local-practice clause). */
  counts: boolean;
  /** The object that failed; absent when the clause is checked on the unit. */
  instance?: InstanceRef;
  message: string;
  /** The evidence attached to the facts the clause read, for this object. */
  evidence: EvidenceRef[];
  mustAct?: MustAct;
  /** When the standard sets deadlines by severity: the hours, the parameter, and the time due (from `observedAt`). */
  deadline?: { hours: number; param: string; dueBy?: string };
  /** Points this finding deducts, when the standard scores. */
  deduction?: number;
}

/** The result for one clause. */
export interface ClauseResult {
  clause: string;
  group: string;
  label: string;
  outcome: Outcome;
  severity: Severity;
  /** Whether the clause counts towards the overall outcome (false for an optional, local-practice clause). */
  counts: boolean;
  message: string;
  citation: Citation;
  missing: MissingFact[];
  /** Points deducted (failed) or at stake (indeterminate), when the standard scores. */
  deduction?: number;
  routing?: Routing;
  /** For a clause checked per instance: the kind, and its result on each instance recorded. */
  scope?: string;
  instances?: InstanceResult[];
  /**
   * The clause's conditions as evaluated: each condition tree with every `all` / `any` / `not` node's result and
   * what each leaf compared. Absent when evaluation was asked not to trace.
   */
  trace?: { appliesWhen?: ConditionTrace; check: ConditionTrace };
}

/** Counts of clause outcomes. */
export type Totals = Record<Outcome, number>;

/** The verdict for one observation. */
export interface Verdict {
  standard: { id: string; version: string; ref: string; hash: string; nickname: string; title: string };
  profile?: { id: string; version: string; hash: string };
  subject?: Subject;
  observer?: Observer;
  observedAt?: string;
  /** When the evaluation was made, as given by the caller (evaluation never reads a clock). */
  evaluatedAt?: string;
  locale: Locale;
  outcome: Outcome;
  /** Counts over the clauses that count (`counts`). */
  totals: Totals;
  score?: {
    base: number;
    deducted: number;
    value: number;
    atStake: number;
    lowest: number;
    /** With `notApplicable: renormalise`: the full points of the clauses that applied. */
    applicable?: number;
    /** With `critical: zero`: the failed critical clauses that made the score 0. */
    critical?: string[];
  };
  clauses: ClauseResult[];
  /** Facts still needed to decide, those that settle the most clauses first. */
  missing: MissingFact[];
  /** For an edition with kinds of object: every failure to rectify, clause by clause, object by object. */
  findings?: Finding[];
  engine: { name: 'daoze'; version: string };
}
