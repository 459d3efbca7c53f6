/**
 * The checklist SDK's public types: options, items, sections, the objects of a unit, updates, progress, the saved
 * form and the session.
 */
import type {
  EvidenceKind,
  FactInputKind,
  EvidenceRef,
  FactType,
  I18nText,
  InstanceLocation,
  InstanceObservation,
  LoadedBundle,
  Locale,
  MissingFact,
  Observation,
  Observer,
  Outcome,
  ResponsibleParty,
  Severity,
  Subject,
  Totals,
  Trust,
  Verdict,
} from '../src/index.js';

/** Options of a checklist session. */
export interface ChecklistOptions {
  /** Language of items, messages and errors (default zh). */
  locale?: Locale;
  /** What is inspected; recorded in the observation and the verdict. */
  subject?: Subject;
  /** Who inspects. */
  observer?: Observer;
  /** When the inspection is made (RFC 3339 with a time zone). The SDK never reads a clock. */
  observedAt?: string;
  /** Include each condition leaf's trace in verdicts (default false: smaller and faster). */
  trace?: boolean;
  /**
   * Whom to trust (required unless the bundle is one `loadBundle` already returned): the public keys (parsed
   * `.pub` files from `daoze keygen`, or their text) one of which must have signed the bundle, else
   * `ChecklistError` E_SIGNATURE naming the key id; or `'unsigned'`, the explicit opt-out: no signature is
   * checked and the bundle is used on its content hashes alone (docs/security.md).
   */
  trust?: Trust;
}

/** How an item is answered in a form. */
export type InputKind = FactInputKind;

/** Whether an item can still change a clause's outcome. */
export type Relevance =
  /** Its answer can change a clause that counts towards the verdict. */
  | 'required'
  /** Its answer can change only optional (local-practice) clauses. */
  | 'optional'
  /** Whatever its answer, no clause's outcome changes. */
  | 'moot';

/** One thing the inspector records: a fact of the edition's catalogue. */
export interface ChecklistItem {
  fact: string;
  /** The section it is listed in (the first group whose clauses read it). */
  section: string;
  label: string;
  /** The question put to the inspector. */
  question: string;
  help?: string;
  type: FactType;
  input: InputKind;
  unit?: string;
  /** Allowed range of a number (inclusive); `step` is 1 for whole numbers. */
  range?: { min?: number; max?: number; step?: number };
  choices?: { value: string; label: string }[];
  /** The evidence asked for; with `required`, a value counts only once evidence is attached. */
  evidence?: { kinds: EvidenceKind[]; required: boolean; note?: string };
  /** Ids of the clauses that read this fact, in printed order. */
  clauses: string[];
  /** Whether an answer is recorded (a value, or null for "could not determine"). */
  answered: boolean;
  /** The answer as given: undefined when none, null when the inspector could not determine it. */
  value: unknown;
  /** The answer formatted for display, with its unit or choice label. */
  display?: string;
  /** Evidence attached to the answer. */
  attached: EvidenceRef[];
  /** A value is given but does not count yet: the evidence it requires is not attached. */
  awaitingEvidence: boolean;
  relevance: Relevance;
  /** Why a moot item cannot matter: every clause reading it does not apply, or is already decided without it. */
  moot?: 'not-applicable' | 'decided' | 'unused';
  /** For an item asked of one object: the object's id, and its kind (the item's `fact` is a fact of the kind). */
  instance?: string;
  kind?: string;
}

/** A clause as a section lists it. */
export interface ChecklistClause {
  id: string;
  /** The label as the standard prints it (水通). */
  label: string;
  outcome: Outcome;
  /** Whether the clause counts towards the verdict (an optional, local-practice clause does not). */
  counts: boolean;
  severity: Severity;
  /** For a clause checked on each object of a kind: the kind (its `outcome` is the unit's, over every object). */
  each?: string;
}

/** A printed group of the standard (四净 / 三无 / 两通 / 一明), with its clauses and the items first asked there. */
export interface ChecklistSection {
  id: string;
  label: string;
  clauses: ChecklistClause[];
  items: ChecklistItem[];
}

/**
 * An object as an app adds it to the unit (`addInstance`): who it is and where — the instance of an observation
 * without its facts and evidence, which are answered one by one afterwards (`answerInstance`), never passed here.
 */
export type InstanceInput = Omit<InstanceObservation, 'facts' | 'evidence'>;

/** A clause checked on each object, as one object's list shows it. */
export interface InstanceClause {
  clause: string;
  label: string;
  /** The clause's outcome on this object. */
  outcome: Outcome;
  counts: boolean;
  severity: Severity;
}

/** One object of the unit, with its items and where it stands. */
export interface ChecklistInstance {
  id: string;
  kind: string;
  /** Its label as given, else its kind's label and its id (as the verdict names it). */
  label: string;
  part?: string;
  location?: InstanceLocation;
  code?: string;
  responsible?: ResponsibleParty;
  /** Its outcome: over the clauses checked on it that count (fail beats indeterminate beats pass). */
  outcome: Outcome;
  /** Each clause checked on objects of its kind, in printed order, with its outcome on this object. */
  clauses: InstanceClause[];
  /** Its items: its kind's facts as asked of it, in the order a form asks them. */
  items: ChecklistItem[];
}

/** A kind of object of the unit (路灯, 检查井, 门店), with the objects recorded of it. */
export interface ChecklistKind {
  kind: string;
  label: string;
  /** The parts of the unit its objects may stand in; absent: any. */
  parts?: string[];
  /** Whether a failure on one of its objects goes to the object's own responsible party. */
  responsibleParty: boolean;
  /**
   * Whether the unit's list of these objects is recorded: true once an object is added or `recordNone` says the
   * unit has none. While it is not, the clauses about them cannot be decided.
   */
  recorded: boolean;
  /** Ids of the clauses checked on each of its objects, in printed order. */
  clauses: string[];
  /** Its objects, in the order they were added. */
  instances: ChecklistInstance[];
}

/** How far the inspection of one object is. */
export interface InstanceProgress {
  id: string;
  kind: string;
  label: string;
  /** Its outcome (as `ChecklistInstance.outcome`). */
  outcome: Outcome;
  /** Its items (its kind's facts that some clause reads). */
  total: number;
  /** Its items whose answer can still change a clause that counts. */
  applicable: number;
  /** Applicable items with an answer recorded. */
  answered: number;
  /** What is still needed of it for the clauses that count: the progress's `needed` entries naming it, in that order. */
  needed: MissingFact[];
}

/** A clause whose outcome changed. */
export interface ClauseChange {
  clause: string;
  group: string;
  label: I18nText;
  from: Outcome;
  to: Outcome;
  /** Whether the clause counts towards the verdict. */
  counts: boolean;
}

/** What every change (`answer`, `clear`, `setLocale`, and the changes to objects) returns, and what subscribers receive. */
export interface ChecklistUpdate {
  /** Increases by one with every change. */
  revision: number;
  /**
   * What changed: an answer given or cleared (of the unit, or with `instance` of an object), the language, an
   * object added or removed, or a kind recorded as having none or put back to not recorded.
   */
  kind: 'answer' | 'clear' | 'locale' | 'add-instance' | 'remove-instance' | 'record-none' | 'clear-kind';
  /** The fact answered or cleared. */
  fact?: string;
  /** The object the change was about (its id), if any. */
  instance?: string;
  /** The kind of object the change was about, if any. */
  objectKind?: string;
  /** The overall outcome now, and before. */
  outcome: Outcome;
  previous: Outcome;
  /** Counts over required clauses. */
  totals: Totals;
  /** The score, when the standard scores. */
  score?: Verdict['score'];
  /** Clauses whose outcome changed, in printed order. */
  changes: ClauseChange[];
  /**
   * The full verdict at this revision (messages, citations, what is missing). Built on first read and kept;
   * outcome, totals, score and changes above are computed at once without it.
   */
  readonly verdict: Verdict;
}

/** How far the inspection is. */
export interface ChecklistProgress {
  revision: number;
  outcome: Outcome;
  /** Whether the overall outcome is decided (not indeterminate). */
  decided: boolean;
  /** Items in the checklist (facts read by any clause): the unit's, and each recorded object's. */
  total: number;
  /** Items whose answer can still change a clause that counts. */
  applicable: number;
  /** Applicable items with an answer recorded. */
  answered: number;
  /** Clauses: how many, and how many have a decided outcome. */
  clauses: { total: number; decided: number };
  /**
   * What is still needed to decide the clauses that count, the facts that settle the most indeterminate
   * clauses first (the verdict's `missing`, in its order).
   */
  needed: MissingFact[];
  /** Facts still needed only by optional clauses. */
  optional: MissingFact[];
  /**
   * For an edition with kinds of object: each recorded object's progress, kind by kind in the edition's order,
   * objects in the order they were added. (What is missing of a kind not recorded at all is its list, an entry of
   * `needed` with `list: true`.)
   */
  instances?: InstanceProgress[];
}

/** A saved inspection in progress, as `toJSON` writes it: plain JSON, pinned to the exact edition. */
export interface ChecklistSnapshot {
  format: 'daoze-checklist';
  formatVersion: 1;
  /** The edition the inspection was made under: id, version and content hash. */
  edition: { id: string; version: string; ref: string; hash: string };
  locale: Locale;
  revision: number;
  /** The answers so far, as an observation the engine's `evaluate` accepts. */
  observation: Observation;
}

/** A listener of a checklist's changes. */
export type ChecklistListener = (update: ChecklistUpdate) => void;

/** A checklist session. */
export interface Checklist {
  /** The edition, pinned for the life of the session. */
  readonly edition: {
    id: string;
    version: string;
    ref: string;
    hash: string;
    nickname: string;
    title: I18nText;
    scoring: boolean;
  };
  readonly locale: Locale;
  /** Increases by one with every change; a cheap snapshot key for UI frameworks. */
  readonly revision: number;
  /** The sections in the standard's printed order. */
  sections(): ChecklistSection[];
  /**
   * Every item of the unit, in section order, then the catalogue's order for facts no clause reads. The items
   * asked of each object are the object's (`kinds()`, `instance(id)`).
   */
  items(): ChecklistItem[];
  /** One item. Throws `ChecklistError` E_UNKNOWN_FACT for a fact not in the edition. */
  item(fact: string): ChecklistItem;
  /**
   * Records an answer and returns the new verdict with what changed. `value` null records that the inspector
   * could not determine it. `evidence`, when given, replaces the item's evidence; when omitted, the evidence
   * already attached stays. A wrong value or evidence throws `ChecklistError` and changes nothing.
   */
  answer(fact: string, value: unknown, evidence?: readonly EvidenceRef[]): ChecklistUpdate;
  /** Takes back an item's answer and its evidence. */
  clear(fact: string): ChecklistUpdate;
  /**
   * The kinds of object of the unit (for an edition that declares kinds; else empty), each with the objects
   * recorded of it and their items.
   */
  kinds(): ChecklistKind[];
  /** One object. Throws `ChecklistError` E_UNKNOWN_INSTANCE for an id not recorded. */
  instance(id: string): ChecklistInstance;
  /**
   * Adds an object of kind `kind` to the unit, at the end of its kind's list: the kind is recorded from then on.
   * Throws `ChecklistError` E_UNKNOWN_KIND, or E_INSTANCE for an id already taken, a part the kind does not
   * stand in, coordinates without their system, answers passed with it; and changes nothing.
   */
  addInstance(kind: string, instance: InstanceInput): ChecklistUpdate;
  /**
   * Removes an object with its answers. Removing the last object of a kind puts the kind back to not recorded
   * (the unit is never taken to have none of a kind unless `recordNone` says so).
   */
  removeInstance(id: string): ChecklistUpdate;
  /**
   * Records that the unit has no objects of kind `kind` (`[]` in the observation): the clauses about them do not
   * apply. Refused (E_INSTANCE) while objects of the kind are recorded. Adding an object later takes it back.
   */
  recordNone(kind: string): ChecklistUpdate;
  /** Takes back `recordNone`: the kind is not recorded again. Refused (E_INSTANCE) while it has objects. */
  clearKind(kind: string): ChecklistUpdate;
  /**
   * Records an answer about one object, as `answer` does for the unit: `fact` is a fact of the object's kind,
   * `value` null for "could not determine", `evidence` replaces the item's (kept when omitted). A separate method,
   * not an overload of `answer`: an object's id is the app's own and could read as a fact id.
   */
  answerInstance(id: string, fact: string, value: unknown, evidence?: readonly EvidenceRef[]): ChecklistUpdate;
  /** Takes back an object's answer and its evidence. */
  clearInstance(id: string, fact: string): ChecklistUpdate;
  /** Switches the language of items, messages and errors. */
  setLocale(locale: Locale): ChecklistUpdate;
  /** The verdict now. */
  verdict(): Verdict;
  /** Progress and what is still needed. */
  progress(): ChecklistProgress;
  /**
   * The answers as an observation for the engine (`evaluate`) or a server, with `instances` holding each kind
   * recorded (a kind not recorded is left out).
   */
  observation(): Observation;
  /** Calls `listener` after every change; returns the function that stops it. Can be passed unbound. */
  readonly subscribe: (listener: ChecklistListener) => () => void;
  /** The inspection in progress, pinned to its edition, for `restore`. */
  toJSON(): ChecklistSnapshot;
}

/** A bundle as `daoze build` writes it (parsed or as text), or one already loaded. */
export type BundleInput = LoadedBundle | object | string;
