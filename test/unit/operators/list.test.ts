/**
 * The list operators (`contains`, `doesNotContain`, src/operators/index.ts): json-rules-engine's on complete
 * answers, and on a partial answer (`{ atLeast }`) never a decided value that a completion of it contradicts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { compileEdition, evaluate, type EditionSpec } from '../../../src/index.js';
import { OPERATORS } from '../../../src/operators/index.js';
import { PartialList } from '../../../src/model/fact-types.js';
import { normaliseObservation } from '../../../src/evaluate/observation.js';
import { closureProgram, codegenProgram } from '../../../src/compile/codegen.js';
import { completeFacts, edition } from '../../support/arbitraries.js';

const CHOICES = ['a', 'b', 'c', 'd'];
const contains = OPERATORS.get('contains')!;
const doesNotContain = OPERATORS.get('doesNotContain')!;

/** json-rules-engine's verdict on one leaf over a fact `m`. */
async function jre(operator: string, m: unknown[], value: unknown): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addRule({ conditions: { all: [{ fact: 'm', operator, value: value as never }] }, event: { type: 'hit' } });
  return (await engine.run({ m })).events.length === 1;
}

/** Every completion of a partial answer: each superset of the options seen. */
function completions(seen: readonly string[]): string[][] {
  const rest = CHOICES.filter((c) => !seen.includes(c));
  return Array.from({ length: 2 ** rest.length }, (_, mask) => [...seen, ...rest.filter((_, i) => (mask >> i) & 1)]);
}

describe('contains and doesNotContain on complete answers', () => {
  it('decide as json-rules-engine does, in two values and in three (property)', async () => {
    const item = fc.constantFrom(...CHOICES, 'e', '');
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 6 }), item, async (m, x) => {
        for (const op of [contains, doesNotContain]) {
          const want = await jre(op.name, m, x);
          expect(op.test(m, x), op.name).toBe(want);
          expect(op.tri!(m, x), op.name).toBe(want ? 1 : 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("json-rules-engine's someFact and everyFact decorators on complete answers", () => {
  it('decide as json-rules-engine does, in two values and in three (property)', async () => {
    const item = fc.constantFrom(...CHOICES, 'e');
    const decorated = [...OPERATORS.values()].filter((o) => /^(some|every)Fact:/.test(o.name));
    expect(decorated.map((o) => o.name)).toHaveLength(8);
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 5 }),
        item,
        fc.uniqueArray(item, { minLength: 1, maxLength: 3 }),
        async (m, x, xs) => {
          for (const op of decorated) {
            const value = op.operand === 'list' ? xs : x;
            const want = await jre(op.name, m, value);
            expect(op.test(m, value), op.name).toBe(want);
            expect(op.tri!(m, value), op.name).toBe(want ? 1 : 0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('on a partial answer: someFact true once a seen option satisfies, everyFact false once one fails, else unknown', () => {
    const seen = new PartialList(['a'], ['b', 'c', 'd']);
    expect(OPERATORS.get('someFact:equal')!.tri!(seen, 'a')).toBe(1);
    expect(OPERATORS.get('someFact:equal')!.tri!(seen, 'b')).toBe(2);
    expect(OPERATORS.get('everyFact:in')!.tri!(seen, ['b', 'c'])).toBe(0);
    expect(OPERATORS.get('everyFact:in')!.tri!(seen, ['a', 'b'])).toBe(2);
    // Every option would pass: decided whatever the unseen ones are.
    expect(OPERATORS.get('everyFact:in')!.tri!(seen, ['a', 'b', 'c', 'd'])).toBe(1);
  });
});

describe('contains and doesNotContain on partial answers', () => {
  it('decide only what every completion agrees with: a seen option is there, an unseen one is unknown', () => {
    const seen = new PartialList(['a'], ['b', 'c', 'd']);
    expect(contains.tri!(seen, 'a')).toBe(1);
    expect(contains.tri!(seen, 'b')).toBe(2);
    expect(doesNotContain.tri!(seen, 'a')).toBe(0);
    expect(doesNotContain.tri!(seen, 'b')).toBe(2);
    expect(contains.tri!(new PartialList([], ['a', 'b']), 'a')).toBe(2);
  });

  it('a clause decided on {atLeast: S} is decided the same on every completion of S, by closures and generated code (property)', () => {
    fc.assert(
      fc.property(edition, completeFacts, fc.subarray(CHOICES), (spec: EditionSpec, facts, seen) => {
        const ed = compileEdition(spec);
        const run = (marks: unknown) => {
          const observation = { standard: spec.id, facts: { ...facts, marks } };
          const values = normaliseObservation(ed, observation).values;
          const outs = [closureProgram(ed), codegenProgram(ed)].map((p) => {
            const out = new Uint8Array(2 * ed.clauses.length);
            p.run(values, out);
            return [...out];
          });
          expect(outs[1], 'generated code and closures').toEqual(outs[0]);
          return evaluate(ed, observation).clauses.map((c) => c.outcome);
        };
        const partial = run({ atLeast: seen });
        for (const full of completions(seen)) {
          const decided = run(full);
          partial.forEach((o, i) => {
            if (o !== 'indeterminate') expect(decided[i], `clause ${i} on ${JSON.stringify(full)}`).toBe(o);
          });
        }
        // Every option seen leaves nothing to complete: the partial answer decides as the complete one does.
        expect(run({ atLeast: CHOICES })).toEqual(run(CHOICES));
      }),
      { numRuns: 300 },
    );
  });
});
