/**
 * Whether each item can still change a clause's outcome: `required` (a clause that counts), `optional` (only
 * optional clauses) or `moot`, with why. Read from the clauses' compiled conditions with the fact made unknown:
 * the unit's items, and each object's (for an edition with kinds).
 */
import type { CompiledClause, CompiledEdition, Outcome } from '../src/index.js';
import { clauseOutcome, F, quantify, runClauses, T, type InstancePass } from '../src/internal.js';
import type { Layout } from './layout.js';
import type { ObjectFacts, State } from './state.js';
import type { ChecklistItem, Relevance } from './types.js';

/** One item's relevance, and for a moot item why it cannot matter. */
export interface FactRelevance {
  relevance: Relevance;
  moot?: ChecklistItem['moot'];
}

type Values = readonly unknown[];

/** A clause's outcome over `values` (the unit's, or an object's over its kind's layout). */
function outcomeOn(c: CompiledClause, values: Values): Outcome {
  const a = c.applies ? c.applies.ev(values) : T;
  return clauseOutcome(a, a === F ? F : c.check.ev(values));
}

/** What the outcomes of the clauses reading a fact, with the fact made unknown, say of it. */
class Reading {
  private required = false;
  private optional = false;
  private applies = false;
  /**
   * One clause's outcome with the fact unknown; `undecided` whether that leaves it in need of the fact (for a
   * clause on the unit: indeterminate; for one checked per object, see the callers).
   */
  add(c: CompiledClause, outcome: Outcome, undecided = outcome === 'indeterminate'): void {
    if (undecided) {
      if (c.counts) this.required = true;
      else this.optional = true;
    }
    if (outcome !== 'not_applicable') this.applies = true;
  }
  result(): FactRelevance {
    if (this.required) return { relevance: 'required' };
    if (this.optional) return { relevance: 'optional' };
    return { relevance: 'moot', moot: this.applies ? 'decided' : 'not-applicable' };
  }
}

const UNUSED: FactRelevance = { relevance: 'moot', moot: 'unused' };

/** Each unit fact's relevance in state `s`, by fact index. */
export function relevanceOf(ed: CompiledEdition, layout: Layout, s: State): FactRelevance[] {
  // With kinds, the unit's clauses read the quantifiers' slots too: the values the instance pass filled them in.
  const tmp = (s.pass ? s.pass.values : s.unit.vector.values).slice();
  // Kleene logic is monotone: if a clause is decided while this fact is unknown, no value of the fact can
  // change it. So a fact can matter only to the clauses that are indeterminate without it.
  return ed.facts.map((f) => {
    const cs = layout.factClauses[f.index]!;
    if (!cs.length) return UNUSED;
    const r = new Reading();
    if (s.objects && layout.readByObjects[f.index]) {
      // Read by the objects' clauses or a quantifier too: every object holds the fact, so all are evaluated again.
      // A clause checked per object needs the fact while it leaves any object undecided (as the verdict's
      // `missing` lists it): each object's finding, and its deduction, hang on it.
      const { outcomes, pass } = outcomesWithout(ed, s, f.index);
      for (const ci of cs) {
        const c = ed.clauses[ci]!;
        const pairs = c.scope ? pass!.pairs.get(ci) : undefined;
        r.add(c, outcomes[ci]!, c.scope ? pairs === undefined || anyUndecided(pairs) : undefined);
      }
      return r.result();
    }
    const saved = tmp[f.index];
    tmp[f.index] = undefined;
    for (const ci of cs) r.add(ed.clauses[ci]!, outcomeOn(ed.clauses[ci]!, tmp));
    tmp[f.index] = saved;
    return r.result();
  });
}

/** Whether any object's (applies, check) pair in `pairs` is an indeterminate outcome. */
function anyUndecided(pairs: Uint8Array): boolean {
  for (let j = 0; j < pairs.length; j += 2)
    if (clauseOutcome(pairs[j] as 0 | 1 | 2, pairs[j + 1] as 0 | 1 | 2) === 'indeterminate') return true;
  return false;
}

/** Every clause's outcome in state `s` with the unit's fact `i` unknown, in the unit and in every object, and the instance pass. */
function outcomesWithout(
  ed: CompiledEdition,
  s: State,
  i: number,
): { outcomes: Outcome[]; pass: InstancePass | undefined } {
  const without = (v: Values) => {
    const copy = v.slice();
    copy[i] = undefined;
    return copy;
  };
  const instances = new Map<string, ObjectFacts[] | undefined>();
  for (const [kind, list] of s.objects!)
    instances.set(
      kind,
      list?.map((x) => ({ ...x, values: without(x.values) })),
    );
  const { out, pass } = runClauses(ed, { values: without(s.unit.vector.values), instances });
  const outcomes = ed.clauses.map((_, ci) => clauseOutcome(out[2 * ci] as 0 | 1 | 2, out[2 * ci + 1] as 0 | 1 | 2));
  return { outcomes, pass };
}

/**
 * Each object's facts' relevance in state `s` (an edition with kinds), by object id and position in its kind's own
 * facts. Worked out per object from the instance pass, without evaluating the unit again: a clause checked per
 * object needs the fact while the clause is undecided on this object without it (even if another object already
 * fails it: each object's finding and deduction are its own, and the verdict's `missing` lists it); a quantifier
 * is counted again with this object's value of its condition taken with the fact unknown.
 */
export function objectRelevanceOf(ed: CompiledEdition, layout: Layout, s: State): Map<string, FactRelevance[]> {
  const out = new Map<string, FactRelevance[]>();
  const pass = s.pass;
  if (!pass || !s.objects) return out;
  // Each quantifier's count of its objects' values (t true, f false, u undecided).
  const counts = pass.counted.map((each) => {
    const c = { t: 0, f: 0, u: 0 };
    for (const x of each ?? []) {
      if (x === T) c.t++;
      else if (x === F) c.f++;
      else c.u++;
    }
    return c;
  });
  const unit = pass.values.slice();
  for (const [kindId, list] of s.objects) {
    const kl = layout.kinds.get(kindId)!;
    list?.forEach((x, j) => {
      const tmp = x.values.slice();
      out.set(
        x.observed.id,
        kl.kind.own.map((f, p) => {
          const cs = kl.factClauses[p]!;
          if (!cs.length) return UNUSED;
          const saved = tmp[f.index];
          tmp[f.index] = undefined;
          // The quantifiers whose condition reads this fact, counted again with this object's value of it.
          for (const qi of kl.factQuantifiers[p]!) {
            const q = ed.quantifiers[qi]!;
            const before = pass.counted[qi]![j]!;
            const now = q.where.ev(tmp);
            const c = { ...counts[qi]! };
            if (before === T) c.t--;
            else if (before === F) c.f--;
            else c.u--;
            if (now === T) c.t++;
            else if (now === F) c.f++;
            else c.u++;
            const v = quantify(q.rule, c.t, c.f, c.u);
            unit[q.slot] = v === T ? true : v === F ? false : undefined;
          }
          const r = new Reading();
          for (const ci of cs) {
            const c = ed.clauses[ci]!;
            r.add(c, outcomeOn(c, c.scope ? tmp : unit));
          }
          for (const qi of kl.factQuantifiers[p]!) {
            const slot = ed.quantifiers[qi]!.slot;
            unit[slot] = pass.values[slot];
          }
          tmp[f.index] = saved;
          return r.result();
        }),
      );
    });
  }
  return out;
}
