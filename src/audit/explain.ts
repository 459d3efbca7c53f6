/**
 * Explanations of a verdict for people: for each clause that failed or could not be decided, what was observed
 * against what is required, the clause text, its sources and who answers for it. Built from the verdict's own
 * traces and citations; the edition, when at hand, adds the facts' labels, units and choice names.
 */
import type { CompiledEdition } from '../compile/compile.js';
import type { I18nText, Locale, Outcome, Provenance, Routing, Severity } from '../model/edition.js';
import type { EvidenceRef, Observation } from '../evaluate/observation.js';
import type { CitedSource, MissingFact, Verdict } from '../result/types.js';
import { formatFactValue, joinList } from '../result/format.js';

/** One condition leaf, in words: what was seen against what is required. */
export interface ExplainedComparison {
  fact: string;
  /** The fact's label (its id when the edition is not at hand). */
  label: string;
  /** The observed value with its unit or choice name; "not recorded" when missing. */
  observed: string;
  /** The comparison, as a sign or a word (`≤`, `=`, `one of`). */
  relation: string;
  /** The required value with its unit or choice name. */
  required: string;
  /** Where the required value comes from: a parameter's or another fact's label. */
  requiredFrom?: string;
  /** Whether the observed value meets the requirement. */
  result: 'true' | 'false' | 'unknown';
  /** Why an observed value did not count (its required evidence is missing). */
  note?: string;
}

/** A clause that failed or was not decided, explained. */
export interface ExplainedClause {
  clause: string;
  label: string;
  group: string;
  outcome: Outcome;
  severity: Severity;
  /** False for an optional (local-practice) clause that does not count towards the overall outcome. */
  required: boolean;
  message: string;
  text: string;
  provenance: Provenance;
  provisionalReason?: string;
  sources: CitedSource[];
  /** The clause's check, leaf by leaf. */
  check: ExplainedComparison[];
  /** The clause's applicability condition, leaf by leaf, when it has one. */
  appliesWhen: ExplainedComparison[];
  missing: MissingFact[];
  /** Evidence attached to the facts this clause reads, with the fact's label. */
  evidence: (EvidenceRef & { fact: string; label: string })[];
  routing?: Routing;
  deduction?: number;
  clauseHash: string;
}

/** A verdict explained. */
export interface Explanation {
  locale: Locale;
  standard: Verdict['standard'];
  profile?: Verdict['profile'];
  subject?: Verdict['subject'];
  observer?: Verdict['observer'];
  observedAt?: string;
  evaluatedAt?: string;
  outcome: Outcome;
  totals: Verdict['totals'];
  score?: Verdict['score'];
  /** Failed clauses, then indeterminate ones; required clauses before optional ones. */
  clauses: ExplainedClause[];
  /** Whether labels and units came from the edition (false: fact ids and raw values). */
  withEdition: boolean;
}

const RELATION: Record<Locale, Record<string, string>> = {
  zh: { equal: '=', notEqual: '≠', lessThan: '<', lessThanInclusive: '≤', greaterThan: '>', greaterThanInclusive: '≥', in: '属于', notIn: '不属于' },
  en: { equal: '=', notEqual: '≠', lessThan: '<', lessThanInclusive: '≤', greaterThan: '>', greaterThanInclusive: '≥', in: 'one of', notIn: 'not one of' },
};

const NO_EVIDENCE: I18nText = { zh: '未附所需证据,不计', en: 'required evidence not attached, so it does not count' };

type Leaf = NonNullable<Verdict['clauses'][number]['trace']>['check'][number];

function comparisons(leaves: readonly Leaf[], ed: CompiledEdition | undefined, missing: readonly MissingFact[], locale: Locale): ExplainedComparison[] {
  return leaves.map((t) => {
    const spec = ed?.factById.get(t.fact)?.spec;
    const param = t.requiredFrom && 'param' in t.requiredFrom ? t.requiredFrom.param : undefined;
    const keyFact = param ? ed?.params.get(param)?.byFact : undefined;
    const value = (v: unknown): string => {
      if (Array.isArray(v)) return joinList(v.map((x) => formatFactValue(spec, x, locale)), locale);
      if (v !== null && typeof v === 'object') {
        // A limit keyed by a fact that is missing: the whole table, each entry under its choice's name.
        return Object.entries(v as Record<string, unknown>)
          .map(([k, x]) => `${formatFactValue(keyFact?.spec, k, locale)} ${formatFactValue(spec, x, locale)}`)
          .join(' / ');
      }
      return formatFactValue(spec, v, locale);
    };
    const c: ExplainedComparison = {
      fact: t.fact,
      label: spec?.label[locale] ?? t.fact,
      observed: value(t.observed),
      relation: RELATION[locale][t.operator] ?? t.operator,
      required: value(t.required),
      result: t.result,
    };
    if (param) c.requiredFrom = ed?.params.get(param)?.spec.label[locale] ?? param;
    else if (t.requiredFrom && 'fact' in t.requiredFrom) c.requiredFrom = ed?.factById.get(t.requiredFrom.fact)?.spec.label[locale] ?? t.requiredFrom.fact;
    if (t.observed !== undefined && t.result === 'unknown' && missing.some((m) => m.fact === t.fact && m.reason === 'no-evidence')) c.note = NO_EVIDENCE[locale];
    return c;
  });
}

const ORDER: Record<Outcome, number> = { fail: 0, indeterminate: 1, pass: 2, not_applicable: 3 };

/**
 * Explains the failed and indeterminate clauses of a verdict. Pass the edition it was made under (same content
 * hash) for labels, units and choice names, and the observation for its evidence references.
 */
export function explainVerdict(verdict: Verdict, options: { edition?: CompiledEdition; observation?: Observation; locale?: Locale } = {}): Explanation {
  const locale = options.locale ?? verdict.locale;
  const ed = options.edition && options.edition.hash === verdict.standard.hash ? options.edition : undefined;
  const evidence = options.observation?.evidence ?? {};
  const clauses = verdict.clauses
    .filter((r) => r.outcome === 'fail' || r.outcome === 'indeterminate')
    .sort((a, b) => Number(b.required) - Number(a.required) || ORDER[a.outcome] - ORDER[b.outcome])
    .map((r): ExplainedClause => {
      const facts = new Set([...(r.trace?.check ?? []), ...(r.trace?.appliesWhen ?? [])].map((t) => t.fact));
      const x: ExplainedClause = {
        clause: r.clause,
        label: r.citation.label[locale],
        group: r.citation.group.label[locale],
        outcome: r.outcome,
        severity: r.severity,
        required: r.required,
        message: r.message,
        text: r.citation.text[locale],
        provenance: r.citation.provenance,
        sources: r.citation.sources,
        check: comparisons(r.trace?.check ?? [], ed, r.missing, locale),
        appliesWhen: comparisons(r.trace?.appliesWhen ?? [], ed, r.missing, locale),
        missing: r.missing,
        evidence: [...facts].flatMap((f) => (evidence[f] ?? []).map((e) => ({ fact: f, label: ed?.factById.get(f)?.spec.label[locale] ?? f, ...e }))),
        clauseHash: r.citation.clauseHash,
      };
      if (r.citation.provisionalReason) x.provisionalReason = r.citation.provisionalReason[locale];
      if (r.routing) x.routing = r.routing;
      if (r.deduction !== undefined) x.deduction = r.deduction;
      return x;
    });
  return {
    locale,
    standard: verdict.standard,
    ...(verdict.profile ? { profile: verdict.profile } : {}),
    ...(verdict.subject ? { subject: verdict.subject } : {}),
    ...(verdict.observer ? { observer: verdict.observer } : {}),
    ...(verdict.observedAt ? { observedAt: verdict.observedAt } : {}),
    ...(verdict.evaluatedAt ? { evaluatedAt: verdict.evaluatedAt } : {}),
    outcome: verdict.outcome,
    totals: verdict.totals,
    ...(verdict.score ? { score: verdict.score } : {}),
    clauses,
    withEdition: ed !== undefined,
  };
}
