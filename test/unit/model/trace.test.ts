/**
 * The condition trace mirrors the condition tree: the same `all` / `any` / `not` / leaf shape as the clause
 * as written, each node's result the plain three-valued interpreter's value for that node, and `traceLeaves`
 * the leaves in document order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compileEdition,
  evaluate,
  isLeafTrace,
  traceLeaves,
  type Condition,
  type ConditionTrace,
  type EditionSpec,
  type LeafTrace,
} from '../../../src/index.js';
import { extEdition, extObservation } from '../../support/arbitraries-extended.js';
import { knownFacts, refCondition, type Known } from '../../support/kleene-reference.js';
import { builtin } from '../../support/helpers.js';

const leaf = (fact: string, result: LeafTrace['result']): LeafTrace => ({
  fact,
  operator: 'equal',
  required: true,
  observed: true,
  result,
});

/** Fails unless `t` has the shape of `c` and every node's result is the reference value of the matching subcondition. */
function mirrors(spec: EditionSpec, c: Condition, t: ConditionTrace, known: Known, at: string): void {
  expect(t.result, `${at}.result`).toBe(refCondition(spec, c, known).value);
  if ('all' in c || 'any' in c) {
    const key = 'all' in c ? 'all' : 'any';
    const kids = 'all' in c ? c.all : c.any;
    expect(Object.keys(t).sort(), at).toEqual([key, 'result']);
    const traced = (t as unknown as Record<string, ConditionTrace[]>)[key]!;
    expect(traced.length, at).toBe(kids.length);
    kids.forEach((k, i) => mirrors(spec, k, traced[i]!, known, `${at}.${key}[${i}]`));
  } else if ('not' in c) {
    expect(Object.keys(t).sort(), at).toEqual(['not', 'result']);
    mirrors(spec, c.not, (t as { not: ConditionTrace }).not, known, `${at}.not`);
  } else {
    expect(isLeafTrace(t), at).toBe(true);
    expect({ fact: (t as LeafTrace).fact, operator: (t as LeafTrace).operator }, at).toEqual({
      fact: c.fact,
      operator: c.operator,
    });
  }
}

describe('condition traces', () => {
  it('traceLeaves lists the leaves in document order, through every kind of node', () => {
    const a = leaf('a', 'true');
    const b = leaf('b', 'false');
    const c = leaf('c', 'unknown');
    const tree: ConditionTrace = { all: [a, { any: [{ not: b, result: 'true' }, c], result: 'true' }], result: 'true' };
    expect(traceLeaves(tree)).toEqual([a, b, c]);
    expect(traceLeaves(a)).toEqual([a]);
    expect([a, tree, tree.all[1]!].map(isLeafTrace)).toEqual([true, false, false]);
  });

  it('every node of every clause mirrors the condition as written, with the reference three-valued result', () => {
    fc.assert(
      fc.property(extEdition, extObservation, (spec, obs) => {
        const v = evaluate(compileEdition(spec), { standard: spec.id, facts: obs.facts, evidence: obs.evidence });
        const known = knownFacts(spec, obs.facts, obs.evidence);
        const clauses = spec.groups.flatMap((g) => g.clauses);
        v.clauses.forEach((r, i) => {
          const cl = clauses[i]!;
          mirrors(spec, cl.check, r.trace!.check, known, `${r.clause}.check`);
          if (cl.appliesWhen) mirrors(spec, cl.appliesWhen, r.trace!.appliesWhen!, known, `${r.clause}.appliesWhen`);
          else expect(r.trace!.appliesWhen).toBeUndefined();
        });
      }),
      { numRuns: 400 },
    );
  });

  it('a nested any keeps its own result: it holds while the all above it fails (snow still falling)', () => {
    const ed = builtin().get('snow-clearing@1.0.0');
    const facts = { 'snow-weather-state': 'snowing', 'snow-clearing-complete': true };
    const evidence = { 'snow-clearing-complete': [{ kind: 'photo', ref: 'photos/cleared.jpg' }] };
    const r = evaluate(ed, { standard: ed.ref, facts, evidence }, { locale: 'en' }).clauses.find(
      (c) => c.clause === 'snow-cleared-within-hours',
    )!;
    expect(r.outcome).toBe('not_applicable');
    const seen = (t: ConditionTrace): unknown =>
      'all' in t
        ? { all: t.all.map(seen), result: t.result }
        : 'any' in t
          ? { any: t.any.map(seen), result: t.result }
          : 'not' in t
            ? t
            : `${t.fact} ${t.result}`;
    expect(seen(r.trace!.appliesWhen!)).toEqual({
      all: [
        'snow-weather-state false',
        { any: ['snow-clearing-complete true', 'snow-hours-since-stop unknown'], result: 'true' },
      ],
      result: 'false',
    });
    // The check is traced too, though the clause does not apply: what it would have compared.
    expect(seen(r.trace!.check)).toEqual({
      all: ['snow-clearing-complete true', 'snow-hours-stop-to-cleared unknown'],
      result: 'unknown',
    });
  });
});
