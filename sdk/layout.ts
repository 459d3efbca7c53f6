/**
 * The structure a checklist shows of an edition: which facts each clause reads, the printed sections, the
 * section each fact is asked in and the order of items; for an edition with kinds, the same of each kind's facts
 * (asked of every object) and which unit facts the objects' clauses read. Computed once per compiled edition and
 * shared.
 */
import type { CompiledEdition, Condition, I18nText } from '../src/index.js';
import { forEachLeaf, isValueRef, type CompiledKind } from '../src/internal.js';

/** What a session needs to know of a kind's facts, by position in the kind's own facts (`kind.own`). */
export interface KindLayout {
  readonly kind: CompiledKind;
  /**
   * Clause indexes reading each own fact: the kind's clauses, and the unit's clauses that read a quantifier over
   * it whose condition reads the fact.
   */
  factClauses: number[][];
  /** Quantifier indexes (`ed.quantifiers`) whose condition reads each own fact. */
  factQuantifiers: number[][];
  /** The section each own fact is listed in (undefined: read by no clause). */
  sectionOf: (string | undefined)[];
  /** Own positions in item order. */
  order: number[];
}

/** What a session needs to know about an edition's structure. */
export interface Layout {
  /** Fact indexes each clause reads (applicability and check), by clause index. */
  clauseFacts: number[][];
  /**
   * Clause indexes reading each fact, by fact index. With kinds: also the clauses checked per object that read
   * the unit's fact, and the unit clauses reading a quantifier whose condition reads it.
   */
  factClauses: number[][];
  /** Whether an object's clause or a quantifier reads each unit fact (by fact index): its relevance needs the objects. */
  readByObjects: boolean[];
  /** The unit clauses reading each quantifier, by quantifier index. */
  quantifierClauses: number[][];
  /** Each kind's layout, in the edition's kind order (empty without kinds). */
  kinds: Map<string, KindLayout>;
  /** The printed groups: their clause indexes, and the fact indexes first asked in each. */
  sections: { id: string; label: I18nText; clauses: number[]; facts: number[] }[];
  /** The section each fact is listed in, by fact index (undefined: read by no clause). */
  sectionOf: (string | undefined)[];
  /** Fact indexes in item order. */
  order: number[];
}

// Keyed by the compiled edition, which a loaded bundle keeps: every session over an edition shares one layout.
const layouts = new WeakMap<CompiledEdition, Layout>();

/** The layout of an edition, computed on first use. */
export function layoutOf(ed: CompiledEdition): Layout {
  let l = layouts.get(ed);
  if (l) return l;
  const clauseIndex = new Map(ed.clauses.map((c, i) => [c, i]));
  const m = ed.facts.length;
  const reads = ed.clauses.map((c) => {
    const s = new Set<number>();
    c.applies?.facts(s);
    c.check.facts(s);
    return s;
  });
  // With kinds a clause's indexes past the unit's facts are its kind's own facts (a clause checked per object)
  // or quantifier slots (a unit clause): the unit facts a clause reads are those below, and those a quantifier
  // it reads counts by.
  const whereReads = ed.quantifiers.map((q) => {
    const s = new Set<number>();
    q.where.facts(s);
    return s;
  });
  const quantifierClauses: number[][] = ed.quantifiers.map(() => []);
  const clauseFacts = reads.map((s, ci) => {
    const unit = new Set<number>();
    for (const i of s) {
      if (i < m) unit.add(i);
      else if (!ed.clauses[ci]!.scope) {
        quantifierClauses[i - m]!.push(ci);
        for (const j of whereReads[i - m]!) if (j < m) unit.add(j);
      }
    }
    return [...unit].sort((a, b) => a - b);
  });
  const factClauses: number[][] = ed.facts.map(() => []);
  clauseFacts.forEach((fs, ci) => fs.forEach((fi) => factClauses[fi]!.push(ci)));
  const readByObjects = ed.facts.map(() => false);
  reads.forEach((s, ci) => ed.clauses[ci]!.scope && s.forEach((i) => i < m && (readByObjects[i] = true)));
  whereReads.forEach((s) => s.forEach((i) => i < m && (readByObjects[i] = true)));
  const sectionOf: (string | undefined)[] = ed.facts.map(() => undefined);
  const order: number[] = [];
  // Items in the order a form asks them: clause by clause as printed, what decides applicability first, and
  // a classification fact (the key of a parameter table, 公厕类别) before the reading it sets the limit for.
  const sections = ed.groups.map((g) => {
    const facts: number[] = [];
    const add = (id: string) => {
      const f = ed.factById.get(id);
      if (f && sectionOf[f.index] === undefined) {
        sectionOf[f.index] = g.id;
        facts.push(f.index);
        order.push(f.index);
      }
    };
    const walk = (c: Condition): void =>
      forEachLeaf(c, (leaf) => {
        const ref = isValueRef(leaf.value) ? leaf.value : undefined;
        if (ref && 'param' in ref) {
          const key = ed.params.get(ref.param)?.byFact;
          if (key) add(key.id);
        }
        add(leaf.fact);
        if (ref && 'fact' in ref) add(ref.fact);
      });
    for (const c of g.clauses) {
      if (c.spec.appliesWhen) walk(c.spec.appliesWhen);
      walk(c.spec.check);
    }
    return { id: g.id, label: g.label, clauses: g.clauses.map((c) => clauseIndex.get(c)!), facts };
  });
  // Anything the compiled conditions read that the walk above missed would be a bug; add it rather than hide it.
  factClauses.forEach((cs, fi) => {
    if (cs.length && sectionOf[fi] === undefined) {
      const g = sections.find((s) => s.clauses.includes(cs[0]!))!;
      sectionOf[fi] = g.id;
      g.facts.push(fi);
      order.push(fi);
    }
  });
  ed.facts.forEach((f) => sectionOf[f.index] === undefined && order.push(f.index));
  const kinds = new Map(ed.kinds.map((k) => [k.id, kindLayout(ed, k, reads, whereReads, quantifierClauses)]));
  l = { clauseFacts, factClauses, readByObjects, quantifierClauses, kinds, sections, sectionOf, order };
  layouts.set(ed, l);
  return l;
}

/**
 * A kind's layout: the clauses reading each of its facts, and the order and sections its facts are asked in — as
 * the unit's, clause by clause as printed (the kind's clauses, and the unit clauses counting it through a
 * quantifier), then the catalogue's order.
 */
function kindLayout(
  ed: CompiledEdition,
  k: CompiledKind,
  reads: readonly Set<number>[],
  whereReads: readonly Set<number>[],
  quantifierClauses: readonly number[][],
): KindLayout {
  const m = ed.facts.length;
  const factClauses = k.own.map(() => new Set<number>());
  const factQuantifiers: number[][] = k.own.map(() => []);
  reads.forEach((s, ci) => {
    if (ed.clauses[ci]!.scope !== k) return;
    for (const i of s) if (i >= m) factClauses[i - m]!.add(ci);
  });
  ed.quantifiers.forEach((q, qi) => {
    if (q.kind !== k) return;
    for (const i of whereReads[qi]!) {
      if (i < m) continue;
      factQuantifiers[i - m]!.push(qi);
      for (const ci of quantifierClauses[qi]!) factClauses[i - m]!.add(ci);
    }
  });
  const sectionOf: (string | undefined)[] = k.own.map(() => undefined);
  const order: number[] = [];
  for (const g of ed.groups) {
    const add = (id: string) => {
      const f = k.factById.get(id);
      if (f && f.index >= m && sectionOf[f.index - m] === undefined) {
        sectionOf[f.index - m] = g.id;
        order.push(f.index - m);
      }
    };
    const walk = (c: Condition): void =>
      forEachLeaf(c, (leaf) => {
        add(leaf.fact);
        if (isValueRef(leaf.value) && 'fact' in leaf.value) add(leaf.value.fact);
      });
    for (const c of g.clauses) {
      if (c.scope === k) {
        if (c.spec.appliesWhen) walk(c.spec.appliesWhen);
        walk(c.spec.check);
      } else if (!c.scope) {
        const i = ed.clauses.indexOf(c);
        for (const q of ed.quantifiers)
          if (q.kind === k && quantifierClauses[q.slot - m]!.includes(i)) walk(q.spec.where);
      }
    }
  }
  k.own.forEach((_, p) => sectionOf[p] === undefined && order.push(p));
  return {
    kind: k,
    factClauses: factClauses.map((s) => [...s].sort((a, b) => a - b)),
    factQuantifiers,
    sectionOf,
    order,
  };
}
