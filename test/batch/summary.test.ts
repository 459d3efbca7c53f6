/**
 * The batch record is built without the full verdict; it must say exactly what the full verdict says
 * (outcomes, totals, score, missing facts in order, failed clauses), and refuse exactly what `evaluate` refuses.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileEdition, DaozeError, evaluate } from '../../src/index.js';
import { summarise } from '../../src/batch/summary.js';
import { csvRow, record } from '../../src/batch/format.js';
import { extEdition, extObservation } from '../support/arbitraries-extended.js';

describe('batch summaries', () => {
  it('give the same record and CSV row as the full verdict', () => {
    fc.assert(
      fc.property(
        extEdition.map((s) => ({
          ...s,
          scoring: { base: 100 },
          groups: s.groups.map((g) => ({
            ...g,
            clauses: g.clauses.map((c, i) => ({ ...c, deduction: i + 1, optional: i % 3 === 2 })),
          })),
        })),
        extObservation,
        fc.constantFrom('zh' as const, 'en' as const),
        fc.option(fc.constant('2026-01-02T03:04:05+08:00'), { nil: undefined }),
        (spec, obs, locale, evaluatedAt) => {
          const ed = compileEdition(spec);
          const o = { standard: spec.id, subject: { id: 's-1' }, observedAt: '2026-01-01T00:00:00Z', ...obs };
          const options = { locale, ...(evaluatedAt ? { evaluatedAt } : {}) };
          const full = evaluate(ed, o, { ...options, trace: false });
          const lean = summarise(ed, o, options);
          expect(record(7, lean)).toEqual(record(7, full));
          expect(csvRow(7, lean)).toBe(csvRow(7, full));
          expect(lean.clauses).toEqual(
            full.clauses.map((c) => ({ clause: c.clause, outcome: c.outcome, label: c.label, counts: c.counts })),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuse what evaluate refuses, with the same issues', () => {
    fc.assert(
      fc.property(extEdition, fc.anything(), fc.dictionary(fc.string(), fc.anything()), (spec, junk, facts) => {
        const ed = compileEdition(spec);
        for (const o of [junk, { standard: spec.id, facts }, { standard: 'other', facts: {} }]) {
          let a: unknown;
          let b: unknown;
          try {
            evaluate(ed, o);
          } catch (e) {
            a = e instanceof DaozeError ? JSON.stringify(e) + e.message : e;
          }
          try {
            summarise(ed, o, { locale: 'zh' });
          } catch (e) {
            b = e instanceof DaozeError ? JSON.stringify(e) + e.message : e;
          }
          expect(b).toEqual(a);
        }
      }),
      { numRuns: 500 },
    );
  });
});
