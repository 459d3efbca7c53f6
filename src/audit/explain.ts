/**
 * Explanations of a verdict for people: for each clause that failed or could not be decided, what was observed
 * against what is required, the clause text, its sources and who answers for it. Built from the verdict's own
 * traces and citations; the edition, when at hand, adds the facts' labels, units and choice names.
 */
import type { CompiledEdition } from '../compile/compile.js';
import type { I18nText, Locale, Outcome, Provenance, Routing, Severity } from '../model/edition.js';
import { isEvidenceReason, type EvidenceReason, type EvidenceRef, type Observation } from '../evaluate/observation.js';
import type { CitedSource, MissingFact, Verdict } from '../result/types.js';
import { formatFactValue, joinList } from '../result/format.js';
import { preview } from '../errors.js';
import { checkJsonValue } from '../input/depth.js';
import { OPERATORS } from '../operators/index.js';
import { RecordError } from './record.js';

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

/** Why an observed value did not count, by the reason its fact is missing; `{kinds}` are the kinds asked for. */
const EVIDENCE_NOTE: Record<EvidenceReason, I18nText> = {
  'no-evidence': { zh: '未附所需证据,不计', en: 'required evidence not attached, so it does not count' },
  'wrong-evidence-kind': { zh: '所附证据类型不符(须为 {kinds}),不计', en: 'the evidence attached is not of a required kind ({kinds}), so it does not count' },
  'empty-evidence-ref': { zh: '所附证据的引用为空,不指向任何文件,不计', en: 'the evidence attached has a blank reference that points nowhere, so it does not count' },
};

type Leaf = NonNullable<Verdict['clauses'][number]['trace']>['check'][number];

function comparisons(leaves: readonly Leaf[], ed: CompiledEdition | undefined, missing: readonly MissingFact[], locale: Locale): ExplainedComparison[] {
  return leaves.map((t) => {
    const spec = ed?.factById.get(t.fact)?.spec;
    const param = t.requiredFrom && 'param' in t.requiredFrom ? t.requiredFrom.param : undefined;
    const keyFact = param ? ed?.params.get(param)?.byFact : undefined;
    // A value nested deeper than a trace makes (a verdict read from a file may hold anything) is shown as data.
    const one = (x: unknown): string => (x !== null && typeof x === 'object' ? preview(x) : formatFactValue(spec, x, locale));
    const value = (v: unknown): string => {
      if (Array.isArray(v)) return joinList(v.map(one), locale);
      if (v !== null && typeof v === 'object') {
        // A limit keyed by a fact that is missing: the whole table, each entry under its choice's name.
        return Object.entries(v as Record<string, unknown>)
          .map(([k, x]) => `${formatFactValue(keyFact?.spec, k, locale)} ${one(x)}`)
          .join(' / ');
      }
      return one(v);
    };
    const c: ExplainedComparison = {
      fact: t.fact,
      label: spec?.label[locale] ?? t.fact,
      observed: value(t.observed),
      relation: OPERATORS.get(t.operator)?.relation[locale] ?? t.operator,
      required: value(t.required),
      result: t.result,
    };
    if (param) c.requiredFrom = ed?.params.get(param)?.spec.label[locale] ?? param;
    else if (t.requiredFrom && 'fact' in t.requiredFrom) c.requiredFrom = ed?.factById.get(t.requiredFrom.fact)?.spec.label[locale] ?? t.requiredFrom.fact;
    const lacking = t.observed !== undefined && t.result === 'unknown' ? missing.find((m) => m.fact === t.fact && isEvidenceReason(m.reason)) : undefined;
    if (lacking) c.note = EVIDENCE_NOTE[lacking.reason as EvidenceReason][locale].replace('{kinds}', lacking.evidence.join(' / '));
    return c;
  });
}

const ORDER: Record<Outcome, number> = { fail: 0, indeterminate: 1, pass: 2, not_applicable: 3 };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const OUTCOMES: readonly unknown[] = ['pass', 'fail', 'indeterminate', 'not_applicable'];
const RESULTS: readonly unknown[] = ['true', 'false', 'unknown'];

/**
 * Checks that a value handed to `explainVerdict` is a verdict as `evaluate` makes it, in every part the
 * explanation reads: bounded JSON data (`checkJsonValue`), then each member's type. A verdict read from a file
 * may be anything; a problem is a `RecordError` naming the member (`standard.ref: missing or not a string`),
 * never a `TypeError` from deep inside.
 */
function checkVerdict(v: unknown): asserts v is Verdict {
  checkJsonValue(v, '<verdict>');
  const bad = (path: string, what: string): never => {
    throw new RecordError(`not a verdict: ${path}: ${what}`);
  };
  const str = (o: Record<string, unknown>, k: string, path: string) => typeof o[k] === 'string' || bad(`${path}${k}`, 'missing or not a string');
  const obj = (x: unknown, path: string): Record<string, unknown> => (isObject(x) ? x : bad(path, 'missing or not an object'));
  const list = (x: unknown, path: string): unknown[] => (Array.isArray(x) ? x : bad(path, 'missing or not a list'));
  const text = (x: unknown, path: string) => {
    const t = obj(x, path);
    str(t, 'zh', `${path}.`);
    str(t, 'en', `${path}.`);
  };
  const r = obj(v, '(verdict)');
  const standard = obj(r.standard, 'standard');
  for (const k of ['id', 'version', 'ref', 'hash']) str(standard, k, 'standard.');
  if (r.locale !== 'zh' && r.locale !== 'en') bad('locale', `must be "zh" or "en", got ${preview(r.locale)}`);
  if (!OUTCOMES.includes(r.outcome)) bad('outcome', `not an outcome: ${preview(r.outcome)}`);
  const totals = obj(r.totals, 'totals');
  for (const k of OUTCOMES as string[]) if (typeof totals[k] !== 'number') bad(`totals.${k}`, 'missing or not a number');
  for (const k of ['subject', 'observer', 'profile', 'score']) if (r[k] !== undefined) obj(r[k], k);
  list(r.clauses, 'clauses').forEach((x, i) => {
    const at = `clauses[${i}]`;
    const c = obj(x, at);
    for (const k of ['clause', 'severity', 'message']) str(c, k, `${at}.`);
    if (!OUTCOMES.includes(c.outcome)) bad(`${at}.outcome`, `not an outcome: ${preview(c.outcome)}`);
    if (typeof c.required !== 'boolean') bad(`${at}.required`, 'missing or not true/false');
    if (c.deduction !== undefined && typeof c.deduction !== 'number') bad(`${at}.deduction`, 'not a number');
    if (c.routing !== undefined) obj(c.routing, `${at}.routing`);
    const cit = obj(c.citation, `${at}.citation`);
    str(cit, 'clauseHash', `${at}.citation.`);
    text(cit.label, `${at}.citation.label`);
    text(cit.text, `${at}.citation.text`);
    text(obj(cit.group, `${at}.citation.group`).label, `${at}.citation.group.label`);
    if (cit.provisionalReason !== undefined) text(cit.provisionalReason, `${at}.citation.provisionalReason`);
    list(cit.sources, `${at}.citation.sources`);
    list(c.missing, `${at}.missing`).forEach((m, j) => {
      const mm = obj(m, `${at}.missing[${j}]`);
      str(mm, 'fact', `${at}.missing[${j}].`);
      str(mm, 'reason', `${at}.missing[${j}].`);
      list(mm.evidence, `${at}.missing[${j}].evidence`);
    });
    if (c.trace === undefined) return;
    const trace = obj(c.trace, `${at}.trace`);
    for (const part of ['check', 'appliesWhen']) {
      if (part === 'appliesWhen' && trace[part] === undefined) continue;
      list(trace[part], `${at}.trace.${part}`).forEach((l, j) => {
        const lp = `${at}.trace.${part}[${j}]`;
        const leaf = obj(l, lp);
        str(leaf, 'fact', `${lp}.`);
        str(leaf, 'operator', `${lp}.`);
        if (!RESULTS.includes(leaf.result)) bad(`${lp}.result`, `must be "true", "false" or "unknown", got ${preview(leaf.result)}`);
        if (leaf.requiredFrom !== undefined) obj(leaf.requiredFrom, `${lp}.requiredFrom`);
      });
    }
  });
}

/**
 * Explains the failed and indeterminate clauses of a verdict. Pass the edition it was made under (same content
 * hash) for labels, units and choice names, and the observation for its evidence references.
 *
 * The verdict may come from anywhere (a file, a server): one that is not a verdict in a part the explanation
 * reads is a `RecordError` naming that part; one nested too deeply or holding a cycle, a BigInt or a
 * non-finite number is an `InputError` (`E_DEPTH`, `E_VALUE`). Nothing else is thrown.
 */
export function explainVerdict(verdict: Verdict, options: { edition?: CompiledEdition; observation?: Observation; locale?: Locale } = {}): Explanation {
  checkVerdict(verdict);
  if (options.observation !== undefined) checkJsonValue(options.observation, '<observation>');
  if (options.locale !== undefined && options.locale !== 'zh' && options.locale !== 'en') throw new RecordError(`locale must be "zh" or "en", got ${preview(options.locale)}`);
  const locale = options.locale ?? verdict.locale;
  const ed = options.edition && options.edition.hash === verdict.standard.hash ? options.edition : undefined;
  const given = isObject(options.observation) && isObject(options.observation.evidence) ? options.observation.evidence : {};
  const evidence = (f: string): EvidenceRef[] => (Object.hasOwn(given, f) && Array.isArray(given[f]) ? given[f].filter(isObject) : []);
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
        evidence: [...facts].flatMap((f) => evidence(f).map((e) => ({ fact: f, label: ed?.factById.get(f)?.spec.label[locale] ?? f, ...e }))),
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
