/**
 * The parts of a verdict an edition with kinds of object adds (docs/units.md): each per-instance clause's result
 * on every instance (outcome, message naming the instance, missing facts, trace), the facts still needed across
 * the unit and its objects ranked as one list, the findings (each failure with its object, place, evidence, who
 * must act and by when) and the tally by finding. Pure: built from the instance pass and the observation.
 */
import { F, U, type CompiledClause, type CompiledEdition, type CompiledKind } from '../compile/compile.js';
import type { Locale, Outcome } from '../model/edition.js';
import type { EvidenceRef, NormalisedInstance, NormalisedObservation, Observation } from '../model/observation.js';
import { addHours } from '../model/dates.js';
import type { ClauseResult, Finding, InstanceRef, InstanceResult, MissingFact, MustAct } from '../result/types.js';
import { rankMissing, tallyResults, verdictOf, type VerdictTally } from '../result/tally.js';
import { renderTemplate as fill } from '../model/template.js';

const renderTemplate = (t: string, data: Readonly<Record<string, string>>): string =>
  fill(t, (name) => (Object.hasOwn(data, name) ? data[name] : undefined));
import { missingFact, OUTCOME_OF, type ClauseOutcomes } from './outcome.js';
import type { InstancePass } from './instances.js';
import { renderPrepared, type Prepared } from './prepared.js';

/** The words of a per-instance clause's unit-level message, by outcome; `{n}` counts, `{kind}` names the kind. */
const UNIT_WORDS = {
  notRecorded: {
    zh: '未记录本单元的{kind}清单(没有则记为空清单),无法判定。',
    en: 'The unit’s {kind} were not recorded (record an empty list if there are none), so this cannot be decided.',
  },
  fail: { zh: '{failed}/{n} 个{kind}不合格:{labels}。', en: '{failed} of {n} {kind} fail: {labels}.' },
  indeterminate: {
    zh: '{undecided}/{n} 个{kind}尚无法判定:{labels}。',
    en: '{undecided} of {n} {kind} cannot be decided yet: {labels}.',
  },
  pass: { zh: '{n} 个{kind}均合格。', en: 'All {n} {kind} pass.' },
  /** Some of the kind's instances are ones the clause does not apply to. */
  passSome: {
    zh: '适用本条的 {passed} 个{kind}均合格(另 {skipped} 个不适用)。',
    en: 'All {passed} {kind} it applies to pass ({skipped} more it does not apply to).',
  },
  none: { zh: '本单元没有适用本条的{kind}。', en: 'No {kind} of the unit this clause applies to.' },
} as const;

/** How many labels a unit-level message lists before "…". */
const LABELS_SHOWN = 5;

/**
 * Numbers every missing item of a verdict in one order, so that `rankMissing` ranks unit facts and instance
 * facts as one list: a unit fact is its index; kind k's list is `listBase[k]`; fact f of instance j of kind k is
 * `base[k] + j × own + (f − unit facts)`. Ties then fall in catalogue order: the unit, then kind by kind, instance
 * by instance.
 */
class MissingKeys {
  private readonly listBase = new Map<string, number>();
  private readonly base = new Map<string, number>();
  private readonly decoded = new Map<number, (locale: Locale) => MissingFact>();
  constructor(
    private readonly ed: CompiledEdition,
    private readonly n: NormalisedObservation,
  ) {
    let next = ed.facts.length + ed.quantifiers.length;
    for (const k of ed.kinds) {
      this.listBase.set(k.id, next++);
      this.base.set(k.id, next);
      next += (n.instances?.get(k.id)?.length ?? 0) * k.own.length;
    }
  }
  unitFact(i: number): number {
    return i;
  }
  list(kind: CompiledKind): number {
    const key = this.listBase.get(kind.id)!;
    if (!this.decoded.has(key)) this.decoded.set(key, (locale) => listMissing(kind, locale));
    return key;
  }
  /** An index of an instance's vector: a unit fact below the unit's count, else one of the instance's own. */
  instanceFact(kind: CompiledKind, j: number, x: NormalisedInstance, i: number): number {
    const m = this.ed.facts.length;
    if (i < m) return i;
    const key = this.base.get(kind.id)! + j * kind.own.length + (i - m);
    if (!this.decoded.has(key)) this.decoded.set(key, (locale) => instanceMissing(this.ed, kind, x, i, locale));
    return key;
  }
  fact(key: number, locale: Locale, count: number): MissingFact {
    const m =
      key < this.ed.facts.length ? missingFact(this.ed, this.n, key, locale, count) : this.decoded.get(key)!(locale);
    m.clauses = count;
    return m;
  }
}

function listMissing(kind: CompiledKind, locale: Locale): MissingFact {
  const label = kind.spec.label[locale];
  return {
    fact: kind.id,
    label,
    question:
      locale === 'zh'
        ? `本单元有哪些${label}?逐个记录(没有则记为空清单)。`
        : `Which ${label} does the unit have? Record each (an empty list if none).`,
    reason: 'absent',
    evidence: [],
    evidenceRequired: false,
    clauses: 1,
    kind: kind.id,
    list: true,
  };
}

function instanceMissing(
  ed: CompiledEdition,
  kind: CompiledKind,
  x: NormalisedInstance,
  i: number,
  locale: Locale,
): MissingFact {
  const f = kind.facts[i]!;
  const ref = instanceRef(ed, kind, x, locale);
  return {
    fact: f.id,
    label: `${ref.label} ${f.spec.label[locale]}`,
    question: f.spec.question[locale],
    reason: x.why[i] ?? (x.values[i] !== undefined ? 'partial' : 'absent'),
    evidence: f.spec.evidence?.kinds ?? [],
    evidenceRequired: f.spec.evidence?.required ?? false,
    clauses: 1,
    kind: kind.id,
    instance: x.observed.id,
    instanceLabel: ref.label,
  };
}

/** How an object is named in results: its label as given, else the kind's label and its id. */
export function instanceRef(
  ed: CompiledEdition,
  kind: CompiledKind,
  x: NormalisedInstance,
  locale: Locale,
): InstanceRef {
  const o = x.observed;
  const r: InstanceRef = { id: o.id, kind: kind.id, label: o.label ?? `${kind.spec.label[locale]} ${o.id}` };
  if (o.part !== undefined) {
    r.part = o.part;
    const part = ed.spec.parts?.find((p) => p.id === o.part);
    if (part) r.partLabel = part.label[locale];
  }
  if (o.location !== undefined) r.location = o.location;
  if (o.code !== undefined) r.code = o.code;
  return r;
}

/** What `unitResults` adds to a verdict. */
export interface UnitResults {
  missing: MissingFact[];
  findings: Finding[];
  tally: VerdictTally;
}

/**
 * Completes the clause results of an edition with kinds (in place: `instances`, `scope`, messages, missing facts
 * and deductions of per-instance clauses; quantifier-derived missing facts of unit clauses) and returns the
 * verdict's missing list, findings and tally.
 */
export function unitResults(
  ed: CompiledEdition,
  n: NormalisedObservation,
  pass: InstancePass,
  read: ClauseOutcomes,
  clauses: ClauseResult[],
  prep: Prepared,
  obs: Partial<Observation>,
  locale: Locale,
  withTrace: boolean,
  raw: readonly unknown[],
): UnitResults {
  const keys = new MissingKeys(ed, n);
  const perClause: number[][] = [];
  const findings: Finding[] = [];
  // Instances' missing facts, numbered, to be told how many clauses each settles once all are ranked.
  const late: { m: MissingFact; key: number }[] = [];
  ed.clauses.forEach((c, i) => {
    const r = clauses[i]!;
    const own: number[] = [];
    if (c.scope) {
      perClause.push(own);
      scopedResult(ed, c, i, r, n, pass, prep, keys, own, late, locale, withTrace);
      // Each failing instance deducts the clause's points until its cap is used up (扣完为止).
      let left = c.deductionCap ?? Infinity;
      for (const x of r.instances ?? []) {
        if (x.outcome !== 'fail') continue;
        const f = finding(ed, c, r, x, n, obs, locale);
        if (f.deduction !== undefined) {
          f.deduction = Math.min(f.deduction, left);
          left -= f.deduction;
        }
        findings.push(f);
      }
      return;
    }
    for (const k of read.missing[i]!) {
      if (k < ed.facts.length) {
        own.push(keys.unitFact(k));
        continue;
      }
      // A quantifier's slot: what settles it is its kind's list, or the undecided instances' facts.
      const q = ed.quantifiers[k - ed.facts.length]!;
      const list = n.instances?.get(q.kind.id);
      const counted = pass.counted[k - ed.facts.length];
      if (!list || !counted) {
        own.push(keys.list(q.kind));
        continue;
      }
      list.forEach((x, j) => {
        if (counted[j] !== U) return;
        const set = new Set<number>();
        q.where.missing(x.values, set);
        for (const f of set) own.push(keys.instanceFact(q.kind, j, x, f));
      });
    }
    perClause.push(own);
    if (r.outcome === 'fail') findings.push(finding(ed, c, r, undefined, n, obs, locale));
  });

  const ranked = rankMissing(perClause.map((ks) => new Set(ks)));
  const count = new Map(ranked.map((m) => [m.fact, m.clauses]));
  const missing = ranked.map((m) => keys.fact(m.fact, locale, m.clauses));
  // Each clause's own list, in key order, with how many clauses each item settles overall.
  clauses.forEach((r, i) => {
    const ks = [...new Set(perClause[i]!)].sort((a, b) => a - b);
    const before = r.missing.length;
    r.missing = ks.map((k) => keys.fact(k, locale, count.get(k) ?? 1));
    // A unit clause that reads a quantifier now knows which objects' facts it needs: its message names them.
    if (!ed.clauses[i]!.scope && r.missing.length !== before)
      r.message = renderPrepared(prep.clauses[i]!.messages[r.outcome][locale], raw, r.missing, locale);
  });
  for (const { m, key } of late) m.clauses = count.get(key) ?? 1;

  return { missing, findings, tally: verdictOf(ed, tallyResults(ed, clauses)) };
}

/** Fills a per-instance clause's result: each instance's, then the unit-level message, missing and deduction. */
function scopedResult(
  ed: CompiledEdition,
  c: CompiledClause,
  i: number,
  r: ClauseResult,
  n: NormalisedObservation,
  pass: InstancePass,
  prep: Prepared,
  keys: MissingKeys,
  own: number[],
  late: { m: MissingFact; key: number }[],
  locale: Locale,
  withTrace: boolean,
): void {
  const kind = c.scope!;
  r.scope = kind.id;
  const list = n.instances?.get(kind.id);
  const pairs = pass.pairs.get(i);
  const words = { kind: kind.spec.label[locale] };
  if (!list || !pairs) {
    own.push(keys.list(kind));
    r.message = renderTemplate(UNIT_WORDS.notRecorded[locale], words);
    return; // `deduction` stays as buildVerdict set it: one clause's points at stake
  }
  const templates = prep.clauses[i]!.messages;
  const results: InstanceResult[] = [];
  const failed: string[] = [];
  const undecided: string[] = [];
  let passed = 0;
  list.forEach((x, j) => {
    const outcome = OUTCOME_OF[3 * pairs[2 * j]! + pairs[2 * j + 1]!]!;
    const ref = instanceRef(ed, kind, x, locale);
    const missing: MissingFact[] = [];
    if (outcome === 'indeterminate') {
      const set = new Set<number>();
      if (pairs[2 * j] === U) c.applies!.missing(x.values, set);
      else if (pairs[2 * j] !== F) c.check.missing(x.values, set);
      for (const f of [...set].sort((a, b) => a - b)) {
        const key = keys.instanceFact(kind, j, x, f);
        own.push(key);
        const m = keys.fact(key, locale, 1);
        late.push({ m, key });
        missing.push(m);
      }
    }
    // Within the instance's own message its facts go by their own labels (the message already names it).
    const plain = missing.map((m) => (m.instance ? { ...m, label: kind.factById.get(m.fact)!.spec.label[locale] } : m));
    const text = renderPrepared(templates[outcome][locale], x.raw, plain, locale);
    const res: InstanceResult = {
      instance: ref,
      outcome,
      message: `${ref.label}${locale === 'zh' ? ':' : ': '}${text}`,
      missing,
    };
    if (withTrace) {
      res.trace = { check: c.check.trace(x.values, x.raw) };
      if (c.applies) res.trace.appliesWhen = c.applies.trace(x.values, x.raw);
    }
    results.push(res);
    if (outcome === 'fail') failed.push(ref.label);
    else if (outcome === 'indeterminate') undecided.push(ref.label);
    else if (outcome === 'pass') passed++;
  });
  r.instances = results;
  const labels = (xs: string[]) =>
    xs.slice(0, LABELS_SHOWN).join(locale === 'zh' ? '、' : ', ') + (xs.length > LABELS_SHOWN ? '…' : '');
  const all = { ...words, n: String(list.length), failed: String(failed.length), undecided: String(undecided.length) };
  r.message =
    r.outcome === 'fail'
      ? renderTemplate(UNIT_WORDS.fail[locale], { ...all, labels: labels(failed) })
      : r.outcome === 'indeterminate'
        ? renderTemplate(UNIT_WORDS.indeterminate[locale], { ...all, labels: labels(undecided) })
        : r.outcome === 'pass'
          ? passed === list.length
            ? renderTemplate(UNIT_WORDS.pass[locale], all)
            : renderTemplate(UNIT_WORDS.passSome[locale], {
                ...all,
                passed: String(passed),
                skipped: String(list.length - passed),
              })
          : renderTemplate(UNIT_WORDS.none[locale], words);
  const d = scopedDeduction(c, r.outcome, failed.length, undecided.length, true);
  if (d === undefined) delete r.deduction;
  else r.deduction = d;
}

/**
 * The points a clause checked per instance deducts (failed) or puts at stake (indeterminate): one deduction per
 * failing instance (per undecided one at stake, at least one), up to the clause's cap (扣完为止); while its kind is
 * not recorded, one deduction at stake, as for a clause on the unit. Undefined when it deducts nothing. The one
 * rule for the verdict and the checklist SDK's running score.
 */
export function scopedDeduction(
  c: Pick<CompiledClause, 'deduction' | 'deductionCap'>,
  outcome: Outcome,
  failed: number,
  undecided: number,
  recorded: boolean,
): number | undefined {
  const per = c.deduction;
  if (per === undefined) return undefined;
  if (!recorded) return outcome === 'indeterminate' ? per : undefined;
  const cap = c.deductionCap ?? Infinity;
  if (outcome === 'fail') return Math.min(cap, per * failed);
  if (outcome === 'indeterminate') return Math.min(cap, per * Math.max(1, undecided));
  return undefined;
}

/** The facts a clause's conditions read, by id: the unit's, and (for a per-instance clause) its kind's own. */
function readsOf(ed: CompiledEdition, c: CompiledClause): { unit: string[]; own: string[] } {
  const idx = new Set<number>();
  c.check.facts(idx);
  c.applies?.facts(idx);
  const unit: string[] = [];
  const own: string[] = [];
  for (const i of [...idx].sort((a, b) => a - b)) {
    if (i < ed.facts.length) unit.push(ed.facts[i]!.id);
    else if (c.scope) own.push(c.scope.facts[i]!.id);
  }
  return { unit, own };
}

/** One failure: the clause on an object (or on the unit), with evidence, who must act and by when. */
function finding(
  ed: CompiledEdition,
  c: CompiledClause,
  r: ClauseResult,
  x: InstanceResult | undefined,
  n: NormalisedObservation,
  obs: Partial<Observation>,
  locale: Locale,
): Finding {
  const f: Finding = {
    clause: c.id,
    group: c.group.id,
    label: c.spec.label[locale],
    severity: c.spec.severity,
    counts: c.counts,
    message: x ? x.message : r.message,
    evidence: [],
  };
  const observed = x ? n.instances?.get(x.instance.kind)?.find((i) => i.observed.id === x.instance.id) : undefined;
  if (x) f.instance = x.instance;
  // Evidence: what was attached to the facts the clause read, on the object and on the unit.
  const reads = readsOf(ed, c);
  const attach = (ev: Record<string, EvidenceRef[]> | undefined, ids: readonly string[]) => {
    for (const id of ids) for (const e of ev?.[id] ?? []) f.evidence.push(e);
  };
  if (observed) attach(observed.observed.evidence, reads.own);
  attach(obs.evidence, reads.unit);
  const routing = c.spec.routing ?? ed.spec.routing;
  const party = observed?.observed.responsible;
  if (c.scope?.spec.responsibleParty && party) {
    const must: MustAct = { parties: [party.name], from: 'instance', responsible: party };
    if (routing?.implementing.length) must.implementing = routing.implementing;
    f.mustAct = must;
  } else if (routing) {
    f.mustAct = { parties: routing.responsible, from: 'clause', implementing: routing.implementing };
  }
  const deadline = ed.spec.rectification?.[c.spec.severity];
  const hours = deadline ? ed.params.get(deadline.param)?.value : undefined;
  if (deadline && typeof hours === 'number') {
    f.deadline = { hours, param: deadline.param };
    if (obs.observedAt) f.deadline.dueBy = addHours(obs.observedAt, hours);
  }
  if (c.deduction !== undefined) f.deduction = c.deduction;
  return f;
}
