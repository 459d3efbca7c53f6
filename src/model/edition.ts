/**
 * Types of the authoring format: a standard edition as written in YAML (after schema validation).
 * The JSON Schema in `schema/edition.schema.json` is the contract; these types mirror it.
 */

/** Text in both working languages. Chinese is the primary text; English a faithful translation. */
export interface I18nText {
  zh: string;
  en: string;
}

/** The locales messages are rendered in. */
export type Locale = 'zh' | 'en';

/**
 * Where a clause's content comes from: the seed plan's words, a national or industry standard's text, a local
 * rule, a secondary source (a published explanation or news report of a standard, read where the standard's
 * own text is not at hand), or nothing settled yet (provisional, with the reason).
 */
export type Provenance = (typeof PROVENANCES)[number];

/** Every provenance, in the order the schema lists them (a test holds schema/edition.schema.json to these lists). */
export const PROVENANCES = ['seed', 'national', 'local', 'secondary', 'provisional'] as const;

/** How serious a failure of the clause is. */
export type Severity = (typeof SEVERITIES)[number];

/** Every severity, mildest first. */
export const SEVERITIES = ['minor', 'major', 'critical'] as const;

/** Every kind of source document. */
export const SOURCE_KINDS = ['plan', 'national', 'industry', 'local', 'other'] as const;

/** A document an edition cites (the seed plan, a national standard, a local rule). */
export interface SourceDoc {
  id: string;
  kind: (typeof SOURCE_KINDS)[number];
  title: I18nText;
  /** Edition or designation as printed (`GB/T 17217-1998`). */
  designation?: string;
  url?: string;
  note?: I18nText;
}

/** A pointer from a clause (or parameter) to a place in a source document. */
export interface Cite {
  /** Id of a document in the edition's `sources`. */
  source: string;
  /** Section of the document (`四(二)`). */
  section?: string;
  /** Task number in the seed plan. */
  task?: number;
  /** Clause number of a national standard (`4.2`). */
  clause?: string;
  /** A short quote of the source text. */
  quote?: string;
}

/** Value of a parameter: a plain value, or a table keyed by the value of an enum fact. */
export interface ParameterSpec {
  label: I18nText;
  unit?: string;
  /** The default value, for a plain parameter. */
  value?: number | string | boolean;
  /** For a keyed parameter: the enum fact whose value picks the entry. */
  byFact?: string;
  /** For a keyed parameter: value per enum choice. */
  values?: Record<string, number | string | boolean>;
  cites: Cite[];
  note?: I18nText;
}

/** The types an observation fact can have. */
export type FactType = (typeof FACT_TYPES)[number];

/** Every fact type. */
export const FACT_TYPES = ['boolean', 'number', 'integer', 'enum', 'date', 'datetime', 'duration', 'list'] as const;

/** Kinds of evidence a fact can ask for. */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Every kind of evidence. */
export const EVIDENCE_KINDS = ['photo', 'measurement', 'document', 'video', 'gps'] as const;

/** One choice of an enum fact, or one option a list fact may tick. */
export interface EnumChoice {
  value: string;
  label: I18nText;
}

/** One entry of the fact catalogue: what an inspector records. */
export interface FactSpec {
  type: FactType;
  label: I18nText;
  /** The question put to the inspector. */
  question: I18nText;
  /** Unit of a number or duration (`mg/m³`, `h`). */
  unit?: string;
  minimum?: number;
  maximum?: number;
  /** The choices of an enum fact, or the options of a list fact (a multi-select). */
  choices?: EnumChoice[];
  evidence?: {
    kinds: EvidenceKind[];
    /** When true, a value without attached evidence counts as missing (never a pass on an unbacked claim). */
    required?: boolean;
    note?: I18nText;
  };
  help?: I18nText;
}

/** A reference to another fact or to a parameter, used as a condition's right-hand side. */
export type ValueRef = { fact: string } | { param: string };

/** A scalar or a list of scalars, or a reference. */
export type ConditionValue = string | number | boolean | Array<string | number | boolean> | ValueRef;

/** A leaf in json-rules-engine's syntax. */
export interface LeafCondition {
  fact: string;
  operator: string;
  value: ConditionValue;
  /** Business-language note on what this leaf checks, copied into the trace. */
  description?: string;
}

/** A json-rules-engine condition: `all` / `any` / `not` / a leaf. */
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;

/** The messages of a clause, per outcome, with `{placeholder}`s. */
export interface ClauseMessages {
  pass: I18nText;
  fail: I18nText;
  indeterminate: I18nText;
  notApplicable?: I18nText;
}

/** Who carries out and who answers for a task (实施单位 / 责任单位), so that a failure can be routed. */
export interface Routing {
  implementing: string[];
  responsible: string[];
  /**
   * Set when the source prints no 实施单位/责任单位 for the requirement and the units are inferred: the reason.
   * It travels with the routing into every clause result, so the inference is stated in the verdict itself.
   * Absent on printed routing (and then absent from the content hash, which is why existing hashes stay put).
   */
  inferred?: I18nText;
}

/** A clause: one checkable requirement as the standard prints it. */
export interface ClauseSpec {
  id: string;
  label: I18nText;
  text: I18nText;
  cites: Cite[];
  provenance: Provenance;
  provisionalReason?: I18nText;
  severity: Severity;
  appliesWhen?: Condition;
  check: Condition;
  deduction?: number;
  /**
   * The most a clause checked per instance deducts in all, however many instances fail ("扣完为止": a deduction
   * per finding until the item's points are used up). Absent: one deduction per failing instance, uncapped.
   */
  deductionCap?: number;
  messages: ClauseMessages;
  routing?: Routing;
  /** Optional clauses are local practice beyond the printed standard; their failure is reported but is not a standard failure unless a profile enables them. */
  optional?: boolean;
  /** Set by composition on an included clause: the edition it comes from. Authors never write it. */
  origin?: { standard: string; version: string; hash: string };
  /**
   * The kind of object the clause is checked on, once per instance (`street-lamp`: every lamp of the unit). Its
   * conditions read that kind's facts and the unit's. Absent: the clause is checked once, on the unit.
   */
  each?: string;
}

/** A part of a composite subject (a U型空间 unit: `facade-a`, `facade-b`, `street-plane`). */
export interface PartSpec {
  id: string;
  label: I18nText;
}

/** A kind of object a unit holds instances of (a street lamp, a manhole, a shop's frontage), with its own facts. */
export interface KindSpec {
  label: I18nText;
  /** The parts an instance may stand in; absent: any part, or none. */
  parts?: string[];
  /**
   * Whether a failure on an instance goes to the instance's own responsible party when the observation names one
   * (门前三包: the shop answers for its frontage), before the clause's 实施/责任 units.
   */
  responsibleParty?: boolean;
  /** What an inspector records of each instance. */
  facts: Record<string, FactSpec>;
}

/**
 * How many instances must satisfy a quantifier's condition: every one, at least one, none, at least `n`, or at
 * least a share (0–1, a number or a parameter) of those recorded.
 */
export type QuantifierRule = 'all' | 'any' | 'none' | { atLeast: number } | { share: number | { param: string } };

/**
 * A unit-level fact derived from a kind's instances, in three-valued logic: true or false once the instances
 * settle it, unknown while an instance it needs is undecided or the instances were not recorded. Clauses read it
 * like a boolean fact (`{ fact: manhole-covers-intact, operator: equal, value: true }`).
 */
export interface QuantifierSpec {
  label: I18nText;
  /** The kind whose instances are counted. */
  kind: string;
  /** What an instance must satisfy, over the kind's facts and the unit's. */
  where: Condition;
  quantifier: QuantifierRule;
}

/** A reference to clauses of another edition: a whole group, or a list of clause ids. */
export interface IncludeSpec {
  /** `id@version` of the edition included from (an exact version: editions never change under a composite). */
  standard: string;
  group?: string;
  clauses?: string[];
  /**
   * Routing for the included clauses here, in place of their own: for a plan that applies another task's rules
   * to a different subject with its own 实施/责任 block (task 36 applies task 35's rules to expropriation sites).
   */
  routing?: Routing;
  /** Cites added to each included clause: why the clause applies here (the plan's "参照…执行"). */
  cites?: Cite[];
  /**
   * Checks the included clauses once per instance of this kind (declared in this edition's `kinds`, its facts
   * left empty): the facts they read become the kind's facts. For a standard that judges one object (四净三无两通一明
   * judges one toilet) composed into a unit that holds several.
   */
  each?: string;
}

/** A group of clauses, as printed (四净 / 三无 / 两通 / 一明). After composition, `clauses` holds included clauses too and `include` is gone. */
export interface GroupSpec {
  id: string;
  label: I18nText;
  /** The most the group's clauses deduct together (a section's points, when the standard scores). */
  deductionCap?: number;
  clauses: ClauseSpec[];
  include?: IncludeSpec;
}

/** The four outcomes. */
export type Outcome = 'pass' | 'fail' | 'indeterminate' | 'not_applicable';

/** A test case carried by the standard. */
export interface CaseSpec {
  name: string;
  facts: Record<string, unknown>;
  evidence?: Record<string, unknown>;
  /** The instances of each kind, as an observation gives them (for an edition with `kinds`). */
  instances?: Record<string, unknown>;
  expect: {
    outcome: Outcome;
    clauses?: Record<string, Outcome>;
    missing?: string[];
    score?: number;
  };
}

/** A standard edition, as written. */
export interface EditionSpec {
  id: string;
  version: string;
  status: 'draft' | 'published';
  nickname: string;
  title: I18nText;
  summary?: I18nText;
  effective: { from: string; until?: string };
  supersedes?: string;
  subject?: { kinds: string[] };
  routing?: Routing;
  sources: SourceDoc[];
  parameters?: Record<string, ParameterSpec>;
  facts: Record<string, FactSpec>;
  /** The parts of a composite subject, in the order they are walked. */
  parts?: PartSpec[];
  /** The kinds of object the subject holds instances of, by id. */
  kinds?: Record<string, KindSpec>;
  /** Unit-level facts derived from the instances, by id. */
  quantifiers?: Record<string, QuantifierSpec>;
  /** Rectification deadlines of a finding by its clause's severity: a parameter (in hours) per severity. */
  rectification?: Partial<Record<Severity, { param: string }>>;
  groups: GroupSpec[];
  scoring?: ScoringSpec;
  /** Requirements of the cited sources this standard deliberately does not check, each with the reason. */
  exclusions?: Exclusion[];
  cases?: CaseSpec[];
}

/**
 * How a standard scores: failed clauses deduct from `base`. Optionally (the common form of Chinese city
 * assessment sheets, docs/units.md#scores): `notApplicable: renormalise` scores the share of the applicable
 * clauses' points kept (缺项按得分率折算: points earned ÷ full points of the items checked × base), where a clause's
 * points are its `deductionCap` or else its `deduction`; `critical: zero` gives 0 when a counted critical clause
 * fails (保证项目 / 一票否决).
 */
export interface ScoringSpec {
  base: number;
  notApplicable?: 'renormalise';
  critical?: 'zero';
  /**
   * Deductions by a clause's severity, for the clauses that give none of their own (a composite's included
   * clauses): `each` per finding and `cap` per clause, as numbers or parameters (so a city sets them in a profile).
   */
  deductions?: Partial<Record<Severity, { each: number | { param: string }; cap?: number | { param: string } }>>;
}

/** A requirement of a source that no clause checks, and why (feeds the coverage table). */
export interface Exclusion {
  /** Where the requirement is written (the seed plan's task or section, or a national standard's clause). */
  source: Cite;
  /** The requirement in a few words. */
  requirement: I18nText;
  /** Why no clause checks it. */
  reason: I18nText;
}

/** A city's adaptation of one edition (`profiles/<id>/<version>.yaml`). */
export interface ProfileSpec {
  id: string;
  version: string;
  status: 'draft' | 'published';
  /** The base edition, `id@version`. */
  extends: string;
  title: I18nText;
  /** Who issued it. */
  authority: I18nText;
  effective: { from: string; until?: string };
  sources: SourceDoc[];
  /** New values for the base's parameters (a plain `value`, or `values` per choice of a keyed parameter). */
  parameters?: Record<
    string,
    {
      value?: number | string | boolean;
      values?: Record<string, number | string | boolean>;
      cites: Cite[];
      note?: I18nText;
    }
  >;
  /** Facts that replaced or added clauses read, besides the base's. */
  facts?: Record<string, FactSpec>;
  clauses?: {
    disable?: { id: string; reason: I18nText }[];
    /** Optional clauses of the base that count towards the outcome under this profile. */
    require?: string[];
    /** Clauses that take the place of the base's clause with the same id (a city's own definition of a provisional clause). */
    replace?: ClauseSpec[];
    add?: { group: string; clause: ClauseSpec }[];
  };
  cases?: CaseSpec[];
}

/**
 * Ids no fact, parameter or table key may take: they reach into JavaScript's object machinery, and an
 * observation can never set a fact so named (`HOSTILE_KEYS` in src/evaluate/observation.ts refuses the same keys;
 * test/unit/load/reserved-ids.test.ts keeps the two equal). `__proto__` also fails the id pattern of the schema.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
