/** The verdict: what the engine returns for one observation. Plain JSON, so it can be stored, sent and replayed. */
import type { ConditionTrace } from '../model/trace.js';
import type { EvidenceKind, I18nText, Locale, Outcome, Provenance, Routing, Severity } from '../model/edition.js';
import type { MissingReason, Observer, Subject } from '../model/observation.js';

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
  score?: { base: number; deducted: number; value: number; atStake: number; lowest: number };
  clauses: ClauseResult[];
  /** Facts still needed to decide, those that settle the most clauses first. */
  missing: MissingFact[];
  engine: { name: 'daoze'; version: string };
}
