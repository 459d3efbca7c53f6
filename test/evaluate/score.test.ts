/** Scores: deductions of failed counted clauses come off the base; indeterminate ones are at stake, never assumed. */
import { describe, expect, it } from 'vitest';
import { compileEdition, evaluate, type EditionSpec } from '../../src/index.js';
import { editionHeader } from '../support/edition-header.js';

const clause = (id: string, deduction: number, optional = false) => ({
  id,
  label: { zh: id, en: id },
  text: { zh: 't', en: 't' },
  cites: [{ source: 's', task: 1 }],
  provenance: 'local' as const,
  severity: 'major' as const,
  deduction,
  ...(optional ? { optional } : {}),
  check: { fact: id, operator: 'equal', value: true },
  messages: { pass: { zh: 'p', en: 'p' }, fail: { zh: 'f', en: 'f' }, indeterminate: { zh: 'i', en: 'i' } },
});
const spec: EditionSpec = {
  ...editionHeader('scored', { source: 's' }),
  scoring: { base: 100 },
  facts: Object.fromEntries(
    ['a', 'b', 'c', 'd'].map((id) => [
      id,
      { type: 'boolean' as const, label: { zh: id, en: id }, question: { zh: id, en: id } },
    ]),
  ),
  groups: [
    {
      id: 'g',
      label: { zh: 'g', en: 'g' },
      clauses: [clause('a', 10), clause('b', 5), clause('c', 20), clause('d', 50, true)],
    },
  ],
};
const ed = compileEdition(spec);

describe('scoring', () => {
  it('deducts failed clauses, puts indeterminate ones at stake, and ignores optional clauses', () => {
    const v = evaluate(ed, { standard: 'scored', facts: { a: false, b: true, d: false } });
    expect(v.score).toEqual({ base: 100, deducted: 10, value: 90, atStake: 20, lowest: 70 });
    expect(v.clauses.find((c) => c.clause === 'a')!.deduction).toBe(10);
    expect(v.clauses.find((c) => c.clause === 'b')!.deduction).toBeUndefined();
    expect(v.clauses.find((c) => c.clause === 'c')!.deduction).toBe(20);
  });

  it('never goes below zero', () => {
    const many = { ...spec, groups: [{ ...spec.groups[0]!, clauses: [clause('a', 80), clause('b', 80)] }] };
    expect(evaluate(compileEdition(many), { standard: 'scored', facts: { a: false, b: false } }).score).toMatchObject({
      value: 0,
      deducted: 160,
    });
  });

  // The form of Chinese city assessment sheets (docs/units.md#scores): each item has points, 扣完为止 per item
  // and per section, items not checked leave the denominator (缺项按得分率折算), a 保证项目 failing zeroes the score.
  const applies = { fact: 'na', operator: 'equal', value: false };
  const sheet = (scoring: EditionSpec['scoring'], groupCap?: number): EditionSpec => ({
    ...spec,
    scoring,
    facts: { ...spec.facts, na: { type: 'boolean', label: { zh: 'na', en: 'na' }, question: { zh: 'na', en: 'na' } } },
    groups: [
      {
        id: 'g',
        label: { zh: 'g', en: 'g' },
        ...(groupCap !== undefined ? { deductionCap: groupCap } : {}),
        clauses: [clause('a', 10), clause('b', 30), { ...clause('c', 60), appliesWhen: applies }],
      },
      { id: 'h', label: { zh: 'h', en: 'h' }, clauses: [{ ...clause('d', 5), severity: 'critical' as const }] },
    ],
  });
  const score = (s: EditionSpec, facts: Record<string, boolean>) =>
    evaluate(compileEdition(s), { standard: 'scored', facts }).score;

  it('renormalises over the clauses that applied', () => {
    const renorm = sheet({ base: 100, notApplicable: 'renormalise' });
    // c does not apply: 45 points at play (a 10, b 30, d 5); a fails: 35/45 of 100.
    expect(score(renorm, { na: true, a: false, b: true, d: true })).toEqual({
      base: 100,
      deducted: 10,
      value: 77.78,
      atStake: 0,
      lowest: 77.78,
      applicable: 45,
    });
    // c applies: 105 points at play; the same failure costs less of the whole.
    expect(score(renorm, { na: false, a: false, b: true, c: true, d: true })!.value).toBe(90.48);
  });

  it('counts a capped section at most its cap, so a section that fails wholly loses all its points', () => {
    // Section g: a 10 + b 30 + c 60 (c applies here) capped at 25; section h: d 5. Everything fails but d.
    const s = score(sheet({ base: 100, notApplicable: 'renormalise' }, 25), {
      na: false,
      a: false,
      b: false,
      c: false,
      d: true,
    });
    expect(s).toMatchObject({ applicable: 30, deducted: 25, value: 16.67 });
  });

  it('caps a section, and zeroes the score when a critical clause fails', () => {
    expect(score(sheet({ base: 100 }, 25), { na: true, a: false, b: false, d: true })).toMatchObject({
      deducted: 25,
      value: 75,
    });
    expect(score(sheet({ base: 100, critical: 'zero' }), { na: true, a: true, b: true, d: false })).toEqual({
      base: 100,
      deducted: 5,
      value: 0,
      atStake: 0,
      lowest: 0,
      critical: ['d'],
    });
  });

  it('takes a clause’s deduction from its severity’s parameter when it gives none (a city sets it in a profile)', () => {
    const bySeverity = (each: number): EditionSpec => ({
      ...spec,
      parameters: {
        'deduct-major': { label: { zh: 'd', en: 'd' }, value: each, cites: [{ source: 's', task: 1 }] },
      },
      scoring: { base: 100, deductions: { major: { each: { param: 'deduct-major' } } } },
      groups: [
        {
          id: 'g',
          label: { zh: 'g', en: 'g' },
          clauses: [{ ...clause('a', 0), deduction: undefined }, clause('b', 7)],
        },
      ],
    });
    const run = (each: number) =>
      evaluate(compileEdition(bySeverity(each)), { standard: 'scored', facts: { a: false, b: false } }).score;
    // a has no deduction of its own: its severity's parameter; b keeps its own 7.
    expect(run(2)).toMatchObject({ deducted: 9, value: 91 });
    expect(run(4)).toMatchObject({ deducted: 11, value: 89 });
  });
});
