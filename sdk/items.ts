/**
 * What a checklist shows of a state: each item (its question, input, answer and relevance), the printed
 * sections with their clauses, the unit's objects with theirs, and the progress of the inspection. Pure
 * functions of the state and the relevance and verdict derived from it.
 */
import type {
  CompiledEdition,
  CompiledFact,
  EvidenceRef,
  MissingFact,
  MissingReason,
  Outcome,
  Verdict,
} from '../src/index.js';
import { clauseOutcome, FACT_TYPE_DEFS, formatFactValue, isEvidenceReason, overallOutcome } from '../src/internal.js';
import type { Layout } from './layout.js';
import { objectName } from './objects.js';
import type { FactRelevance } from './relevance.js';
import type { ObjectFacts, State } from './state.js';
import type {
  ChecklistClause,
  ChecklistInstance,
  ChecklistItem,
  ChecklistKind,
  ChecklistProgress,
  ChecklistSection,
  InputKind,
  InstanceClause,
  InstanceProgress,
} from './types.js';

/** What one view of a state reads: the edition, its layout, the state and the relevance derived from it. */
export interface View {
  readonly ed: CompiledEdition;
  readonly layout: Layout;
  readonly state: State;
  readonly relevance: readonly FactRelevance[];
  /** Each object's items' relevance, by object id (worked out on first call). */
  readonly objectRelevance: () => ReadonlyMap<string, readonly FactRelevance[]>;
}

/** An answer as an item shows it: whether one is recorded, the value as given, why it does not count, its evidence. */
interface Answer {
  given: boolean;
  raw: unknown;
  why: MissingReason | undefined;
  evidence: readonly EvidenceRef[] | undefined;
}

/** The item of fact `f` with answer `a`, as asked in `section`, read by the clauses `clauses`. */
function itemOf(
  f: CompiledFact,
  v: View,
  section: string,
  clauses: readonly number[],
  a: Answer,
  rel: FactRelevance,
): ChecklistItem {
  const loc = v.state.locale;
  const spec = f.spec;
  const kind = FACT_TYPE_DEFS[spec.type];
  const input: InputKind = kind.input;
  const item: ChecklistItem = {
    fact: f.id,
    section,
    label: spec.label[loc],
    question: spec.question[loc],
    type: spec.type,
    input,
    clauses: clauses.map((ci) => v.ed.clauses[ci]!.id),
    answered: a.given,
    value: a.given ? (a.raw === undefined ? null : a.raw) : undefined,
    attached: (a.evidence ?? []).map((e) => ({ ...e })),
    awaitingEvidence: isEvidenceReason(a.why),
    relevance: rel.relevance,
  };
  if (rel.moot) item.moot = rel.moot;
  if (a.given && a.raw !== undefined) item.display = formatFactValue(spec, a.raw, loc);
  if (spec.help) item.help = spec.help[loc];
  if (spec.unit) item.unit = spec.unit;
  if (input === 'number') {
    item.range = {
      ...(spec.minimum !== undefined ? { min: spec.minimum } : {}),
      ...(spec.maximum !== undefined ? { max: spec.maximum } : {}),
      ...(kind.step !== undefined ? { step: kind.step } : {}),
    };
  }
  if (spec.choices) item.choices = spec.choices.map((c) => ({ value: c.value, label: c.label[loc] }));
  if (spec.evidence) {
    item.evidence = {
      kinds: [...spec.evidence.kinds],
      required: spec.evidence.required ?? false,
      ...(spec.evidence.note ? { note: spec.evidence.note[loc] } : {}),
    };
  }
  return item;
}

/** The item of fact index `i`. */
export function itemAt(v: View, i: number): ChecklistItem {
  const { ed, layout, state: s } = v;
  const { given, evidence } = s.unit;
  const { raw, why } = s.unit.vector;
  const a = { given: given[i]!, raw: raw[i], why: why[i], evidence: evidence[i] };
  return itemOf(ed.facts[i]!, v, layout.sectionOf[i] ?? '', layout.factClauses[i]!, a, v.relevance[i]!);
}

const has = (o: object | undefined, k: string): boolean =>
  o !== undefined && Object.prototype.hasOwnProperty.call(o, k);

/** The item of object `x`'s own fact at position `p` of its kind. */
function objectItemAt(v: View, x: ObjectFacts, p: number): ChecklistItem {
  const kl = v.layout.kinds.get(x.kind.id)!;
  const f = x.kind.own[p]!;
  const o = x.observed;
  const a = {
    given: has(o.facts, f.id),
    raw: x.raw[f.index],
    why: x.why[f.index],
    evidence: has(o.evidence, f.id) ? o.evidence![f.id] : undefined,
  };
  const rel = v.objectRelevance().get(o.id)![p]!;
  const item = itemOf(f, v, kl.sectionOf[p] ?? '', kl.factClauses[p]!, a, rel);
  item.instance = o.id;
  item.kind = x.kind.id;
  return item;
}

/** Object `x`'s (at `j` in its kind's list) outcome on each clause checked on its kind's objects. */
function objectClauses(v: View, x: ObjectFacts, j: number): InstanceClause[] {
  const { ed, state: s } = v;
  return x.kind.clauseIndex.map((ci) => {
    const c = ed.clauses[ci]!;
    const pairs = s.pass!.pairs.get(ci)!;
    return {
      clause: c.id,
      label: c.spec.label[s.locale],
      outcome: clauseOutcome(pairs[2 * j] as 0 | 1 | 2, pairs[2 * j + 1] as 0 | 1 | 2),
      counts: c.counts,
      severity: c.spec.severity,
    };
  });
}

/** An object's outcome: over the clauses checked on it that count. */
function objectOutcome(clauses: readonly InstanceClause[]): Outcome {
  const totals = { pass: 0, fail: 0, indeterminate: 0, not_applicable: 0 };
  for (const c of clauses) if (c.counts) totals[c.outcome]++;
  return overallOutcome(totals);
}

/** Object `x`, at `j` in its kind's list. */
function objectAt(v: View, x: ObjectFacts, j: number): ChecklistInstance {
  const o = x.observed;
  const clauses = objectClauses(v, x, j);
  const r: ChecklistInstance = {
    id: o.id,
    kind: x.kind.id,
    label: objectName(x)[v.state.locale],
    outcome: objectOutcome(clauses),
    clauses,
    items: v.layout.kinds.get(x.kind.id)!.order.map((p) => objectItemAt(v, x, p)),
  };
  if (o.part !== undefined) r.part = o.part;
  if (o.location !== undefined) r.location = { ...o.location };
  if (o.code !== undefined) r.code = o.code;
  if (o.responsible !== undefined) r.responsible = { ...o.responsible };
  return r;
}

/** The kinds of object, with their objects. */
export function kindsOf(v: View): ChecklistKind[] {
  const { ed, state: s } = v;
  return ed.kinds.map((k) => {
    const list = s.objects?.get(k.id);
    const r: ChecklistKind = {
      kind: k.id,
      label: k.spec.label[s.locale],
      responsibleParty: k.spec.responsibleParty ?? false,
      recorded: list !== undefined,
      clauses: k.clauseIndex.map((ci) => ed.clauses[ci]!.id),
      instances: (list ?? []).map((x, j) => objectAt(v, x, j)),
    };
    if (k.spec.parts) r.parts = [...k.spec.parts];
    return r;
  });
}

/** The object `id`, or undefined. */
export function instanceOf(v: View, id: string): ChecklistInstance | undefined {
  for (const list of v.state.objects?.values() ?? []) {
    const j = list?.findIndex((x) => x.observed.id === id) ?? -1;
    if (j >= 0) return objectAt(v, list![j]!, j);
  }
  return undefined;
}

/** The sections in the standard's printed order, with their clauses' outcomes and their items. */
export function sectionsOf(v: View): ChecklistSection[] {
  const { ed, state: s } = v;
  return v.layout.sections.map((sec) => ({
    id: sec.id,
    label: sec.label[s.locale],
    clauses: sec.clauses.map((ci) => {
      const c = ed.clauses[ci]!;
      const r: ChecklistClause = {
        id: c.id,
        label: c.spec.label[s.locale],
        outcome: s.outcomes[ci]!,
        counts: c.counts,
        severity: c.spec.severity,
      };
      if (c.scope) r.each = c.scope.id;
      return r;
    }),
    items: sec.facts.map((fi) => itemAt(v, fi)),
  }));
}

/** Every item, in item order. */
export function itemsOf(v: View): ChecklistItem[] {
  return v.layout.order.map((fi) => itemAt(v, fi));
}

/** What a missing entry is about: a unit fact, an object's fact, or a kind's list (`fact` is then the kind's id). */
const missingKey = (m: MissingFact): string =>
  m.list ? `list\u0000${m.fact}` : m.instance !== undefined ? `${m.instance}\u0000${m.fact}` : m.fact;

/** How far the inspection of `v` is, with `verdict` its verdict. */
export function progressOf(v: View, verdict: Verdict): ChecklistProgress {
  const { ed, layout, state: s } = v;
  let total = 0;
  let applicable = 0;
  let answered = 0;
  ed.facts.forEach((f) => {
    if (!layout.factClauses[f.index]!.length) return;
    total++;
    if (v.relevance[f.index]!.relevance === 'required') {
      applicable++;
      if (s.unit.given[f.index]) answered++;
    }
  });
  const forRequired = new Set(
    verdict.clauses.filter((c) => c.counts).flatMap((c) => c.missing.map((m) => missingKey(m))),
  );
  const needed = verdict.missing.filter((m) => forRequired.has(missingKey(m)));
  const outcome = verdict.outcome;
  const p: ChecklistProgress = {
    revision: s.revision,
    outcome,
    decided: outcome !== 'indeterminate',
    total,
    applicable,
    answered,
    clauses: { total: s.outcomes.length, decided: s.outcomes.filter((o) => o !== 'indeterminate').length },
    needed,
    optional: verdict.missing.filter((m) => !forRequired.has(missingKey(m))),
  };
  if (s.objects) {
    const instances: InstanceProgress[] = [];
    for (const list of s.objects.values()) {
      list?.forEach((x, j) => {
        const kl = layout.kinds.get(x.kind.id)!;
        const rel = v.objectRelevance().get(x.observed.id)!;
        const one: InstanceProgress = {
          id: x.observed.id,
          kind: x.kind.id,
          label: objectName(x)[s.locale],
          outcome: objectOutcome(objectClauses(v, x, j)),
          total: 0,
          applicable: 0,
          answered: 0,
          needed: needed.filter((m) => m.instance === x.observed.id),
        };
        x.kind.own.forEach((f, q) => {
          if (!kl.factClauses[q]!.length) return;
          one.total++;
          if (rel[q]!.relevance !== 'required') return;
          one.applicable++;
          if (has(x.observed.facts, f.id)) one.answered++;
        });
        total += one.total;
        applicable += one.applicable;
        answered += one.answered;
        instances.push(one);
      });
    }
    Object.assign(p, { total, applicable, answered });
    p.instances = instances;
  }
  return p;
}
