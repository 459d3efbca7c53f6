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
});
