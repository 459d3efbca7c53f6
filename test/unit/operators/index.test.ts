/** Each operator is one entry (src/operators/index.ts): its test, its sign and words, and its inline form agree. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OPERATORS, OPERATOR_NAMES } from '../../../src/operators/index.js';

const ops = [...OPERATORS.values()];

describe('OPERATORS', () => {
  it('gives every operator a sign, a relation and words in zh and en', () => {
    for (const op of ops) {
      expect(op.sign, op.name).toMatch(/^\S+$/u);
      for (const text of [op.relation, op.words]) {
        expect(text.zh.trim(), op.name).not.toBe('');
        expect(text.en.trim(), op.name).not.toBe('');
      }
    }
  });

  it('gives no two operators the same sign or the same words', () => {
    expect(new Set(ops.map((o) => o.sign)).size).toBe(ops.length);
    expect(new Set(ops.map((o) => o.words.zh)).size).toBe(ops.length);
    expect(new Set(ops.map((o) => o.words.en)).size).toBe(ops.length);
  });

  it('lists the same names in OPERATOR_NAMES, in order', () => {
    expect(OPERATOR_NAMES).toEqual(ops.map((o) => o.name));
  });

  it('writes each inline form as the same comparison as its test (property)', () => {
    const scalar = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.double({ noNaN: true, min: -3, max: 3 }),
      fc.constantFrom('a', 'b'),
      fc.boolean(),
    );
    for (const op of ops.filter((o) => o.inline)) {
      const inline = new Function('a', 'b', `return ${op.inline!('a', 'b')};`) as (a: unknown, b: unknown) => boolean;
      const required = op.operand === 'list' ? fc.array(scalar, { maxLength: 4 }) : scalar;
      fc.assert(
        fc.property(scalar, required, (a, b) => {
          expect(inline(a, b), op.name).toBe(op.test(a, b));
        }),
      );
    }
  });
});
