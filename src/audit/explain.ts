/**
 * Explanations of a verdict for people: for each clause that failed or could not be decided, what was observed
 * against what is required, the clause text, its sources and who answers for it. Built from the verdict's own
 * traces and citations; the edition, when at hand, adds the facts' labels, units and choice names.
 */
import type { CompiledEdition, Scope } from '../compile/compile.js';

/** Where a trace's fact and parameter labels come from: an edition, or a kind of object (its facts and the unit's). */
type FactScope = Pick<Scope, 'factById' | 'params'>;
import type { I18nText, Locale, Outcome, Provenance, Routing, Severity } from '../model/edition.js';
import { isEvidenceReason, type EvidenceReason, type EvidenceRef, type Observation } from '../evaluate/observation.js';
import type { CitedSource, ClauseResult, InstanceRef, MissingFact, Verdict } from '../result/types.js';
import { formatFactValue, joinList } from '../result/format.js';
import { preview } from '../errors.js';
import { checkJsonValue } from '../input/depth.js';
import { OPERATORS } from '../operators/index.js';
import { traceLeaves, type ConditionTrace, type LeafTrace, type TraceResult } from '../model/trace.js';
import { MAX_RECORD_DEPTH, RecordError } from './record.js';
import type { ClauseResultV1, VerdictV1 } from './record-v1.js';

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
  result: TraceResult;
  /** Why an observed value did not count (its required evidence is missing). */
  note?: string;
}

/**
 * A condition explained, node for node as the verdict's trace holds it: a comparison, or an `all` / `any` /
 * `not` with its result over its children. `{ leaves }` is a condition from a verdict that records only its
 * leaves (one made for a `daoze-verdict-record/1` record): the comparisons in document order, without the
 * results of the nodes above them.
 */
export type ExplainedCondition =
  | ExplainedComparison
  | { all: ExplainedCondition[]; result: TraceResult }
  | { any: ExplainedCondition[]; result: TraceResult }
  | { not: ExplainedCondition; result: TraceResult }
  | { leaves: ExplainedComparison[] };

/** A clause that failed or was not decided, explained. */
export interface ExplainedClause {
  clause: string;
  label: string;
  group: string;
  outcome: Outcome;
  severity: Severity;
  /** Whether the clause counts towards the overall outcome (false for an optional, local-practice clause). */
  counts: boolean;
  message: string;
  text: string;
  provenance: Provenance;
  provisionalReason?: string;
  sources: CitedSource[];
  /** The clause's check, node for node; absent when the verdict was made without traces. */
  check?: ExplainedCondition;
  /** The clause's applicability condition, node for node, when it has one (and the verdict has traces). */
  appliesWhen?: ExplainedCondition;
  missing: MissingFact[];
  /** Evidence attached to the facts this clause reads, with the fact's label. */
  evidence: (EvidenceRef & { fact: string; label: string })[];
  routing?: Routing;
  deduction?: number;
  clauseHash: string;
  /** For a clause checked per object: each object that failed or is undecided, by name and place, with its own conditions. */
  instances?: ExplainedInstance[];
}

/** One object's result on a clause checked per object, explained. */
export interface ExplainedInstance {
  instance: InstanceRef;
  outcome: Outcome;
  message: string;
  check?: ExplainedCondition;
  appliesWhen?: ExplainedCondition;
  missing: MissingFact[];
  /** Evidence attached to this object's facts the clause reads. */
  evidence: (EvidenceRef & { fact: string; label: string })[];
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
  /** Failed clauses, then indeterminate ones; clauses that count before optional ones. */
  clauses: ExplainedClause[];
  /** Whether labels and units came from the edition (false: fact ids and raw values). */
  withEdition: boolean;
}

/** Why an observed value did not count, by the reason its fact is missing; `{kinds}` are the kinds asked for. */
const EVIDENCE_NOTE: Record<EvidenceReason, I18nText> = {
  'no-evidence': { zh: '未附所需证据,不计', en: 'required evidence not attached, so it does not count' },
  'wrong-evidence-kind': {
    zh: '所附证据类型不符(须为 {kinds}),不计',
    en: 'the evidence attached is not of a required kind ({kinds}), so it does not count',
  },
  'empty-evidence-ref': {
    zh: '所附证据的引用为空,不指向任何文件,不计',
    en: 'the evidence attached has a blank reference that points nowhere, so it does not count',
  },
};

/** A condition's trace as a verdict holds it: a tree, or (a verdict made for a `/1` record) the list of its leaves. */
type RecordedTrace = ConditionTrace | LeafTrace[];

/** The leaves of a trace of either shape. */
const leavesOf = (t: RecordedTrace): LeafTrace[] => (Array.isArray(t) ? t : traceLeaves(t));

function explainCondition(
  t: RecordedTrace,
  ed: FactScope | undefined,
  missing: readonly MissingFact[],
  locale: Locale,
): ExplainedCondition {
  const at = (x: ConditionTrace): ExplainedCondition => {
    if ('all' in x) return { all: x.all.map(at), result: x.result };
    if ('any' in x) return { any: x.any.map(at), result: x.result };
    if ('not' in x) return { not: at(x.not), result: x.result };
    return comparison(x, ed, missing, locale);
  };
  return Array.isArray(t) ? { leaves: t.map((x) => comparison(x, ed, missing, locale)) } : at(t);
}

function comparison(
  t: LeafTrace,
  ed: FactScope | undefined,
  missing: readonly MissingFact[],
  locale: Locale,
): ExplainedComparison {
  const spec = ed?.factById.get(t.fact)?.spec;
  const param = t.requiredFrom && 'param' in t.requiredFrom ? t.requiredFrom.param : undefined;
  const keyFact = param ? ed?.params.get(param)?.byFact : undefined;
  // A value nested deeper than a trace makes (a verdict read from a file may hold anything) is shown as data.
  const one = (x: unknown): string =>
    x !== null && typeof x === 'object' ? preview(x) : formatFactValue(spec, x, locale);
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
  else if (t.requiredFrom && 'fact' in t.requiredFrom)
    c.requiredFrom = ed?.factById.get(t.requiredFrom.fact)?.spec.label[locale] ?? t.requiredFrom.fact;
  const lacking =
    t.observed !== undefined && t.result === 'unknown'
      ? missing.find((m) => m.fact === t.fact && isEvidenceReason(m.reason))
      : undefined;
  if (lacking)
    c.note = EVIDENCE_NOTE[lacking.reason as EvidenceReason][locale].replace('{kinds}', lacking.evidence.join(' / '));
  return c;
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
function checkVerdict(v: unknown): asserts v is Verdict | VerdictV1 {
  checkJsonValue(v, '<verdict>', '', MAX_RECORD_DEPTH);
  const bad = (path: string, what: string): never => {
    throw new RecordError(`not a verdict: ${path}: ${what}`);
  };
  const str = (o: Record<string, unknown>, k: string, path: string) =>
    typeof o[k] === 'string' || bad(`${path}${k}`, 'missing or not a string');
  const obj = (x: unknown, path: string): Record<string, unknown> =>
    isObject(x) ? x : bad(path, 'missing or not an object');
  const list = (x: unknown, path: string): unknown[] => (Array.isArray(x) ? x : bad(path, 'missing or not a list'));
  const traced = (t: Record<string, unknown>, at: string) => checkTrace(t, at, bad, str, obj, list);
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
  for (const k of OUTCOMES as string[])
    if (typeof totals[k] !== 'number') bad(`totals.${k}`, 'missing or not a number');
  for (const k of ['subject', 'observer', 'profile', 'score']) if (r[k] !== undefined) obj(r[k], k);
  list(r.clauses, 'clauses').forEach((x, i) => {
    const at = `clauses[${i}]`;
    const c = obj(x, at);
    for (const k of ['clause', 'severity', 'message']) str(c, k, `${at}.`);
    if (!OUTCOMES.includes(c.outcome)) bad(`${at}.outcome`, `not an outcome: ${preview(c.outcome)}`);
    // `counts`; a verdict made for a `/1` record calls it `required`.
    if (typeof c.counts !== 'boolean' && !(c.counts === undefined && typeof c.required === 'boolean'))
      bad(`${at}.counts`, 'missing or not true/false');
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
    // A clause checked per object: each instance's result, named and traced like a clause's.
    if (c.instances !== undefined)
      list(c.instances, `${at}.instances`).forEach((y, j) => {
        const ip = `${at}.instances[${j}]`;
        const x = obj(y, ip);
        const ref = obj(x.instance, `${ip}.instance`);
        for (const k of ['id', 'kind', 'label']) str(ref, k, `${ip}.instance.`);
        if (!OUTCOMES.includes(x.outcome)) bad(`${ip}.outcome`, `not an outcome: ${preview(x.outcome)}`);
        str(x, 'message', `${ip}.`);
        list(x.missing, `${ip}.missing`);
        if (x.trace !== undefined) traced(obj(x.trace, `${ip}.trace`), `${ip}.trace`);
      });
    if (c.trace === undefined) return;
    traced(obj(c.trace, `${at}.trace`), `${at}.trace`);
  });
}

/** Checks a clause's (or an instance's) trace: every node with its result, every leaf with its fact and operator. */
function checkTrace(
  trace: Record<string, unknown>,
  at: string,
  bad: (path: string, what: string) => never,
  str: (o: Record<string, unknown>, k: string, path: string) => unknown,
  obj: (x: unknown, path: string) => Record<string, unknown>,
  list: (x: unknown, path: string) => unknown[],
): void {
  {
    const result = (x: Record<string, unknown>, lp: string) => {
      if (!RESULTS.includes(x.result))
        bad(`${lp}.result`, `must be "true", "false" or "unknown", got ${preview(x.result)}`);
    };
    const leaf = (l: unknown, lp: string) => {
      const x = obj(l, lp);
      str(x, 'fact', `${lp}.`);
      str(x, 'operator', `${lp}.`);
      result(x, lp);
      if (x.requiredFrom !== undefined) obj(x.requiredFrom, `${lp}.requiredFrom`);
    };
    // A node: `all` / `any` (a list), `not` (a node) or a leaf, each with its result. Nesting is bounded above (checkJsonValue).
    const node = (n: unknown, lp: string): void => {
      const x = obj(n, lp);
      if ('all' in x || 'any' in x) {
        const k = 'all' in x ? 'all' : 'any';
        list(x[k], `${lp}.${k}`).forEach((y, j) => node(y, `${lp}.${k}[${j}]`));
        result(x, lp);
      } else if ('not' in x) {
        node(x.not, `${lp}.not`);
        result(x, lp);
      } else leaf(x, lp);
    };
    for (const part of ['check', 'appliesWhen']) {
      if (part === 'appliesWhen' && trace[part] === undefined) continue;
      const p = `${at}.${part}`;
      // A verdict made for a `/1` record holds each condition as the list of its leaves.
      if (Array.isArray(trace[part])) (trace[part] as unknown[]).forEach((l, j) => leaf(l, `${p}[${j}]`));
      else node(trace[part], p);
    }
  }
}

/**
 * Explains the failed and indeterminate clauses of a verdict. Pass the edition it was made under (same content
 * hash) for labels, units and choice names, and the observation for its evidence references.
 *
 * The verdict may come from anywhere (a file, a server): one that is not a verdict in a part the explanation
 * reads is a `RecordError` naming that part; one nested too deeply or holding a cycle, a BigInt or a
 * non-finite number is an `InputError` (`E_DEPTH`, `E_VALUE`). Nothing else is thrown. A verdict made for a
 * `daoze-verdict-record/1` record (`required` for `counts`, each condition as a list of leaves) is explained too.
 */
export function explainVerdict(
  verdict: Verdict | VerdictV1,
  options: { edition?: CompiledEdition; observation?: Observation; locale?: Locale } = {},
): Explanation {
  checkVerdict(verdict);
  if (options.observation !== undefined) checkJsonValue(options.observation, '<observation>');
  if (options.locale !== undefined && options.locale !== 'zh' && options.locale !== 'en')
    throw new RecordError(`locale must be "zh" or "en", got ${preview(options.locale)}`);
  const locale = options.locale ?? verdict.locale;
  const ed = options.edition && options.edition.hash === verdict.standard.hash ? options.edition : undefined;
  const given =
    isObject(options.observation) && isObject(options.observation.evidence) ? options.observation.evidence : {};
  const evidence = (f: string): EvidenceRef[] =>
    Object.hasOwn(given, f) && Array.isArray(given[f]) ? given[f].filter(isObject) : [];
  const clauses = (verdict.clauses as (ClauseResult | ClauseResultV1)[])
    .filter((r) => r.outcome === 'fail' || r.outcome === 'indeterminate')
    .map((r) => ({ r, counts: 'counts' in r ? r.counts : r.required }))
    .sort((a, b) => Number(b.counts) - Number(a.counts) || ORDER[a.r.outcome] - ORDER[b.r.outcome])
    .map(({ r, counts }): ExplainedClause => {
      const trace = r.trace;
      const facts = new Set(
        [...(trace ? leavesOf(trace.check) : []), ...(trace?.appliesWhen ? leavesOf(trace.appliesWhen) : [])].map(
          (t) => t.fact,
        ),
      );
      const x: ExplainedClause = {
        clause: r.clause,
        label: r.citation.label[locale],
        group: r.citation.group.label[locale],
        outcome: r.outcome,
        severity: r.severity,
        counts,
        message: r.message,
        text: r.citation.text[locale],
        provenance: r.citation.provenance,
        sources: r.citation.sources,
        missing: r.missing,
        evidence: [...facts].flatMap((f) =>
          evidence(f).map((e) => ({ fact: f, label: ed?.factById.get(f)?.spec.label[locale] ?? f, ...e })),
        ),
        clauseHash: r.citation.clauseHash,
      };
      // The unit's scope: its facts and, for an edition with kinds, the quantifiers its clauses read.
      if (trace) x.check = explainCondition(trace.check, ed?.unitScope, r.missing, locale);
      if (trace?.appliesWhen) x.appliesWhen = explainCondition(trace.appliesWhen, ed?.unitScope, r.missing, locale);
      if (r.citation.provisionalReason) x.provisionalReason = r.citation.provisionalReason[locale];
      if (r.routing) x.routing = r.routing;
      if (r.deduction !== undefined) x.deduction = r.deduction;
      if ('instances' in r && r.instances)
        x.instances = explainInstances(r as ClauseResult, ed, options.observation, locale);
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

/**
 * The objects that failed or are undecided on a clause checked per object: each with its own conditions (labels
 * from its kind), missing facts and evidence, failures first.
 */
function explainInstances(
  r: ClauseResult,
  ed: CompiledEdition | undefined,
  observation: unknown,
  locale: Locale,
): ExplainedInstance[] {
  const out: ExplainedInstance[] = [];
  for (const x of r.instances ?? []) {
    if (!isObject(x) || (x.outcome !== 'fail' && x.outcome !== 'indeterminate')) continue;
    const kind = ed?.kindById.get(x.instance.kind);
    const scope: FactScope | undefined = kind ?? ed;
    const observed = instanceOf(observation, x.instance.kind, x.instance.id);
    const given = isObject(observed?.evidence) ? observed.evidence : {};
    const facts = new Set(
      [...(x.trace ? leavesOf(x.trace.check) : []), ...(x.trace?.appliesWhen ? leavesOf(x.trace.appliesWhen) : [])].map(
        (t) => t.fact,
      ),
    );
    const e: ExplainedInstance = {
      instance: x.instance,
      outcome: x.outcome,
      message: x.message,
      missing: x.missing,
      evidence: [...facts].flatMap((f) =>
        (Object.hasOwn(given, f) && Array.isArray(given[f]) ? (given[f] as unknown[]).filter(isObject) : []).map(
          (ev) => ({
            fact: f,
            label: scope?.factById.get(f)?.spec.label[locale] ?? f,
            ...(ev as unknown as EvidenceRef),
          }),
        ),
      ),
    };
    if (x.trace) e.check = explainCondition(x.trace.check, scope, x.missing, locale);
    if (x.trace?.appliesWhen) e.appliesWhen = explainCondition(x.trace.appliesWhen, scope, x.missing, locale);
    out.push(e);
  }
  return out.sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome]);
}

/** An instance of an observation, by kind and id, when the observation is at hand and well formed there. */
function instanceOf(observation: unknown, kind: string, id: string): Record<string, unknown> | undefined {
  if (!isObject(observation) || !isObject(observation.instances)) return undefined;
  const list = Object.hasOwn(observation.instances, kind) ? observation.instances[kind] : undefined;
  return Array.isArray(list) ? (list.find((x) => isObject(x) && x.id === id) as Record<string, unknown>) : undefined;
}
