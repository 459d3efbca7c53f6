/** The clause tally (src/result/tally.ts): what it counts, the laws a count obeys, and that verdicts report it. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileEdition, evaluate, type Outcome } from '../../../src/index.js';
import {
  emptyTally,
  overallOutcome,
  rankMissing,
  scoreOf,
  tally,
  tallyOutcomes,
  tallyResults,
  verdictTally,
  type Counted,
  type Tally,
} from '../../../src/result/tally.js';
import { extEdition, extObservation } from '../../support/arbitraries-extended.js';

const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'indeterminate', 'not_applicable'];
const counted: fc.Arbitrary<Counted> = fc.record(
  { outcome: fc.constantFrom(...OUTCOMES), counts: fc.boolean(), deduction: fc.integer({ min: 0, max: 50 }) },
  { requiredKeys: ['outcome', 'counts'] },
);

const sum = (a: Tally, b: Tally): Tally => ({
  totals: {
    pass: a.totals.pass + b.totals.pass,
    fail: a.totals.fail + b.totals.fail,
    indeterminate: a.totals.indeterminate + b.totals.indeterminate,
    not_applicable: a.totals.not_applicable + b.totals.not_applicable,
  },
  deducted: a.deducted + b.deducted,
  atStake: a.atStake + b.atStake,
  applicable: a.applicable + b.applicable,
  critical: [...a.critical, ...b.critical],
  byGroup: new Map(),
  applicableByGroup: new Map(),
});

describe('the clause tally', () => {
  it('counts only the clauses that count, and deducts only for a failed or indeterminate one', () => {
    const t = tally([
      { outcome: 'fail', counts: true, deduction: 5 },
      { outcome: 'indeterminate', counts: true, deduction: 3 },
      { outcome: 'pass', counts: true, deduction: 7 },
      { outcome: 'not_applicable', counts: true, deduction: 11 },
      { outcome: 'fail', counts: false, deduction: 13 },
      { outcome: 'fail', counts: true },
    ]);
    expect(t).toEqual({
      totals: { pass: 1, fail: 2, indeterminate: 1, not_applicable: 1 },
      deducted: 5,
      atStake: 3,
      applicable: 0,
      critical: [],
      byGroup: new Map(),
      applicableByGroup: new Map(),
    });
    expect(scoreOf(100, t)).toEqual({ base: 100, deducted: 5, value: 95, atStake: 3, lowest: 92 });
    expect(scoreOf(4, t)).toEqual({ base: 4, deducted: 5, value: 0, atStake: 3, lowest: 0 });
  });

  it('totals sum to the number of clauses that count', () => {
    fc.assert(
      fc.property(fc.array(counted, { maxLength: 40 }), (cs) => {
        const t = tally(cs).totals;
        expect(t.pass + t.fail + t.indeterminate + t.not_applicable).toBe(cs.filter((c) => c.counts).length);
      }),
    );
  });

  it('of a concatenation is the sum of the tallies of its parts', () => {
    fc.assert(
      fc.property(fc.array(counted, { maxLength: 30 }), fc.array(counted, { maxLength: 30 }), (xs, ys) => {
        expect(tally([...xs, ...ys])).toEqual(sum(tally(xs), tally(ys)));
        expect(tally([])).toEqual(emptyTally());
      }),
    );
  });

  it('scores never below 0, and the lowest score never above the score', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.array(counted, { maxLength: 30 }), (base, cs) => {
        const s = scoreOf(base, tally(cs));
        expect(s.lowest).toBeGreaterThanOrEqual(0);
        expect(s.lowest).toBeLessThanOrEqual(s.value);
        expect(s.value).toBeLessThanOrEqual(base);
      }),
    );
  });

  it('gives the overall outcome: fail beats indeterminate beats pass, and nothing counted is not applicable', () => {
    const none = { pass: 0, fail: 0, indeterminate: 0, not_applicable: 0 };
    expect(overallOutcome(none)).toBe('not_applicable');
    expect(overallOutcome({ ...none, not_applicable: 3 })).toBe('not_applicable');
    expect(overallOutcome({ ...none, pass: 2, not_applicable: 1 })).toBe('pass');
    expect(overallOutcome({ ...none, pass: 2, indeterminate: 1 })).toBe('indeterminate');
    expect(overallOutcome({ ...none, pass: 2, indeterminate: 1, fail: 1 })).toBe('fail');
  });

  it('ranks missing facts by the clauses they settle, most first, ties by fact index', () => {
    expect(rankMissing([[3, 1], [], [1], [0, 3], [1, 5]])).toEqual([
      { fact: 1, clauses: 3 },
      { fact: 3, clauses: 2 },
      { fact: 0, clauses: 1 },
      { fact: 5, clauses: 1 },
    ]);
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.nat(12), { maxLength: 6 }), { maxLength: 20 }), (perClause) => {
        const ranked = rankMissing(perClause);
        for (const r of ranked) expect(r.clauses).toBe(perClause.filter((fs) => fs.includes(r.fact)).length);
        expect(ranked.map((r) => r.fact).sort((a, b) => a - b)).toEqual(
          [...new Set(perClause.flat())].sort((a, b) => a - b),
        );
        for (let i = 1; i < ranked.length; i++) {
          const [a, b] = [ranked[i - 1]!, ranked[i]!];
          expect(a.clauses > b.clauses || (a.clauses === b.clauses && a.fact < b.fact)).toBe(true);
        }
      }),
    );
  });

  it('is what a verdict reports, whether tallied from its clause results or from the outcomes alone', () => {
    fc.assert(
      fc.property(
        extEdition.map((s) => ({
          ...s,
          scoring: { base: 20 },
          groups: s.groups.map((g) => ({
            ...g,
            clauses: g.clauses.map((c, i) => ({ ...c, deduction: i + 2, optional: i % 3 === 1 })),
          })),
        })),
        extObservation,
        (spec, obs) => {
          const ed = compileEdition(spec);
          const v = evaluate(ed, { standard: spec.id, ...obs }, { trace: false });
          const outcomes = v.clauses.map((c) => c.outcome);
          expect(tallyResults(ed, v.clauses)).toEqual(tallyOutcomes(ed, outcomes));
          expect(tally(v.clauses).totals).toEqual(v.totals);
          expect(verdictTally(ed, outcomes)).toEqual({ outcome: v.outcome, totals: v.totals, score: v.score });
          expect(v.score).toEqual(scoreOf(20, tallyResults(ed, v.clauses)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
