/** Laws of the three-valued evaluation that hold for every edition and every observation. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileEdition, DaozeError, evaluate, type EditionSpec, type Verdict } from '../../src/index.js';
import { completeAndDropped, edition, without } from '../support/arbitraries.js';

const run = (spec: EditionSpec, facts: Record<string, unknown>): Verdict =>
  evaluate(compileEdition(spec), { standard: spec.id, facts });

describe('three-valued evaluation', () => {
  it('adding missing facts never turns a pass into a fail or a fail into a pass', () => {
    fc.assert(
      fc.property(edition, completeAndDropped, (spec, [full, dropped]) => {
        const partial = run(spec, without(full, dropped));
        const complete = run(spec, full);
        partial.clauses.forEach((r, i) => {
          if (r.outcome !== 'indeterminate') expect(complete.clauses[i]!.outcome).toBe(r.outcome);
        });
        if (partial.outcome === 'fail') expect(complete.outcome).toBe('fail');
      }),
      { numRuns: 2000 },
    );
  });

  it('a complete observation decides every clause', () => {
    fc.assert(
      fc.property(edition, completeAndDropped, (spec, [full]) => {
        for (const r of run(spec, full).clauses) expect(r.outcome).not.toBe('indeterminate');
      }),
      { numRuns: 500 },
    );
  });

  it('an indeterminate clause names only absent facts, and giving exactly those decides it', () => {
    fc.assert(
      fc.property(edition, completeAndDropped, (spec, [full, dropped]) => {
        const partialFacts = without(full, dropped);
        const partial = run(spec, partialFacts);
        partial.clauses.forEach((r, i) => {
          if (r.outcome !== 'indeterminate') return expect(r.missing).toEqual([]);
          expect(r.missing.length).toBeGreaterThan(0);
          for (const m of r.missing) expect(dropped).toContain(m.fact);
          const filled = { ...partialFacts, ...Object.fromEntries(r.missing.map((m) => [m.fact, full[m.fact]])) };
          expect(run(spec, filled).clauses[i]!.outcome).not.toBe('indeterminate');
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('wrapping a check in `not` swaps pass and fail and keeps the rest', () => {
    fc.assert(
      fc.property(edition, completeAndDropped, (spec, [full, dropped]) => {
        const negated: EditionSpec = {
          ...spec,
          groups: spec.groups.map((g) => ({
            ...g,
            clauses: g.clauses.map((c) => ({ ...c, check: { not: c.check } })),
          })),
        };
        const facts = without(full, dropped);
        const a = run(spec, facts);
        const b = run(negated, facts);
        const swap = {
          pass: 'fail',
          fail: 'pass',
          indeterminate: 'indeterminate',
          not_applicable: 'not_applicable',
        } as const;
        a.clauses.forEach((r, i) => expect(b.clauses[i]!.outcome).toBe(swap[r.outcome]));
      }),
      { numRuns: 500 },
    );
  });

  it('the verdict does not depend on the key order of the observation', () => {
    fc.assert(
      fc.property(edition, completeAndDropped, fc.integer(), (spec, [full, dropped], seed) => {
        const facts = without(full, dropped);
        const entries = Object.entries(facts);
        const shuffled = Object.fromEntries(
          entries
            .map((e, i) => [e, (i * 7919 + seed) % 1009] as const)
            .sort((x, y) => x[1] - y[1])
            .map(([e]) => e),
        );
        expect(run(spec, shuffled)).toEqual(run(spec, facts));
      }),
      { numRuns: 300 },
    );
  });

  it('the overall outcome is fail if any clause fails, else indeterminate if any is, else pass, or not_applicable', () => {
    fc.assert(
      fc.property(edition, completeAndDropped, (spec, [full, dropped]) => {
        const v = run(spec, without(full, dropped));
        const o = v.clauses.map((c) => c.outcome);
        const expected = o.includes('fail')
          ? 'fail'
          : o.includes('indeterminate')
            ? 'indeterminate'
            : o.includes('pass')
              ? 'pass'
              : 'not_applicable';
        expect(v.outcome).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('random and hostile observations never throw anything but the engine’s own typed errors', () => {
    const hostileKey = fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'level',
      'kind',
    );
    const anyValue = fc.oneof(fc.anything(), fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -0, '', '1', null));
    const obs = fc.oneof(
      fc.anything(),
      fc.record({ standard: fc.oneof(fc.constant('random'), fc.string()), facts: fc.anything() }),
      fc.record({ standard: fc.constant('random'), facts: fc.dictionary(hostileKey, anyValue) }),
      fc.record({
        standard: fc.constant('random'),
        facts: fc.dictionary(fc.string(), anyValue),
        evidence: fc.anything(),
      }),
      // JSON.parse gives __proto__ as an own key, unlike an object literal
      fc.constantFrom(
        JSON.parse('{"standard":"random","facts":{"__proto__":{"level":1}}}'),
        JSON.parse('{"standard":"random","facts":{"constructor":{"prototype":{"x":1}}},"__proto__":{"facts":{}}}'),
      ),
    );
    fc.assert(
      fc.property(edition, obs, (spec, o) => {
        try {
          evaluate(compileEdition(spec), o);
        } catch (e) {
          if (!(e instanceof DaozeError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
    expect(({} as Record<string, unknown>).level).toBeUndefined(); // nothing leaked into Object.prototype
  });
});
