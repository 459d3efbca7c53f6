/**
 * Whether each item can still change a clause's outcome: `required` (a clause that counts), `optional` (only
 * optional clauses) or `moot`, with why. Read from the clauses' compiled conditions with the fact made unknown.
 */
import type { CompiledClause, CompiledEdition } from '../src/index.js';
import { clauseOutcome, F, T } from '../src/internal.js';
import type { Layout } from './layout.js';
import type { ChecklistItem, Relevance } from './types.js';

/** One item's relevance, and for a moot item why it cannot matter. */
export interface FactRelevance {
  relevance: Relevance;
  moot?: ChecklistItem['moot'];
}

/** Each fact's relevance given the values `values` (by fact index). */
export function relevanceOf(ed: CompiledEdition, layout: Layout, values: readonly unknown[]): FactRelevance[] {
  const tmp = values.slice();
  // Kleene logic is monotone: if a clause is decided while this fact is unknown, no value of the fact can
  // change it. So a fact can matter only to the clauses that are indeterminate without it.
  return ed.facts.map((f) => {
    const cs = layout.factClauses[f.index]!;
    if (!cs.length) return { relevance: 'moot' as const, moot: 'unused' as const };
    const saved = tmp[f.index];
    tmp[f.index] = undefined;
    let required = false;
    let optional = false;
    let applies = false;
    for (const ci of cs) {
      const c: CompiledClause = ed.clauses[ci]!;
      const a = c.applies ? c.applies.ev(tmp) : T;
      const o = clauseOutcome(a, a === F ? F : c.check.ev(tmp));
      if (o === 'indeterminate') {
        if (c.counts) required = true;
        else optional = true;
      }
      if (o !== 'not_applicable') applies = true;
    }
    tmp[f.index] = saved;
    if (required) return { relevance: 'required' as const };
    if (optional) return { relevance: 'optional' as const };
    return { relevance: 'moot' as const, moot: applies ? ('decided' as const) : ('not-applicable' as const) };
  });
}
