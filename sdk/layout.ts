/**
 * The structure a checklist shows of an edition: which facts each clause reads, the printed sections, the
 * section each fact is asked in and the order of items. Computed once per compiled edition and shared.
 */
import type { CompiledEdition, Condition, I18nText } from '../src/index.js';
import { forEachLeaf, isValueRef } from '../src/internal.js';

/** What a session needs to know about an edition's structure. */
export interface Layout {
  /** Fact indexes each clause reads (applicability and check), by clause index. */
  clauseFacts: number[][];
  /** Clause indexes reading each fact, by fact index. */
  factClauses: number[][];
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
  const clauseFacts = ed.clauses.map((c) => {
    const s = new Set<number>();
    c.applies?.facts(s);
    c.check.facts(s);
    return [...s].sort((a, b) => a - b);
  });
  const factClauses: number[][] = ed.facts.map(() => []);
  clauseFacts.forEach((fs, ci) => fs.forEach((fi) => factClauses[fi]!.push(ci)));
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
  l = { clauseFacts, factClauses, sections, sectionOf, order };
  layouts.set(ed, l);
  return l;
}
