/**
 * fast-check generators for random editions (facts, condition trees over them) and observations that fit them,
 * used by the property tests of the evaluator.
 */
import fc from 'fast-check';
import type { Condition, EditionSpec, FactSpec, LeafCondition } from '../../src/index.js';
import { editionHeader } from './edition-header.js';

/** A fact of a random edition, with the values an observation may give it. */
export interface GenFact {
  id: string;
  spec: FactSpec;
  value: fc.Arbitrary<unknown>;
}

const CHOICES = ['a', 'b', 'c', 'd'];

/** The fixed fact catalogue random conditions draw from: every type the operators cover. */
export const FACTS: readonly GenFact[] = [
  {
    id: 'flag-a',
    spec: { type: 'boolean', label: { zh: 'a', en: 'a' }, question: { zh: 'a', en: 'a' } },
    value: fc.boolean(),
  },
  {
    id: 'flag-b',
    spec: { type: 'boolean', label: { zh: 'b', en: 'b' }, question: { zh: 'b', en: 'b' } },
    value: fc.boolean(),
  },
  {
    id: 'level',
    spec: {
      type: 'number',
      unit: 'mg/m³',
      minimum: -5,
      maximum: 5,
      label: { zh: 'l', en: 'l' },
      question: { zh: 'l', en: 'l' },
    },
    value: fc.double({ min: -5, max: 5, noNaN: true }),
  },
  {
    id: 'ratio',
    spec: {
      type: 'number',
      unit: 'mg/m³',
      minimum: -5,
      maximum: 5,
      label: { zh: 'r', en: 'r' },
      question: { zh: 'r', en: 'r' },
    },
    value: fc.integer({ min: -5, max: 5 }),
  },
  {
    id: 'count',
    spec: { type: 'integer', label: { zh: 'c', en: 'c' }, question: { zh: 'c', en: 'c' } },
    value: fc.integer({ min: -3, max: 3 }),
  },
  {
    id: 'kind',
    spec: {
      type: 'enum',
      choices: CHOICES.map((v) => ({ value: v, label: { zh: v, en: v } })),
      label: { zh: 'k', en: 'k' },
      question: { zh: 'k', en: 'k' },
    },
    value: fc.constantFrom(...CHOICES),
  },
  {
    id: 'marks',
    spec: {
      type: 'list',
      choices: CHOICES.map((v) => ({ value: v, label: { zh: v, en: v } })),
      label: { zh: 'm', en: 'm' },
      question: { zh: 'm', en: 'm' },
    },
    // A complete answer: the options ticked, none of them included.
    value: fc.uniqueArray(fc.constantFrom(...CHOICES)),
  },
];

const byId = new Map(FACTS.map((f) => [f.id, f]));

function leafFor(f: GenFact): fc.Arbitrary<LeafCondition> {
  const t = f.spec.type;
  if (t === 'boolean')
    return fc.record({ fact: fc.constant(f.id), operator: fc.constantFrom('equal', 'notEqual'), value: fc.boolean() });
  if (t === 'list')
    return fc.oneof(
      fc.record({
        fact: fc.constant(f.id),
        operator: fc.constantFrom(
          'contains',
          'doesNotContain',
          'someFact:equal',
          'someFact:notEqual',
          'everyFact:equal',
          'everyFact:notEqual',
        ),
        value: fc.constantFrom(...CHOICES),
      }),
      fc.record({
        fact: fc.constant(f.id),
        operator: fc.constantFrom('someFact:in', 'someFact:notIn', 'everyFact:in', 'everyFact:notIn'),
        value: fc.uniqueArray(fc.constantFrom(...CHOICES), { minLength: 1 }),
      }),
    );
  if (t === 'enum') {
    return fc.oneof(
      fc.record({
        fact: fc.constant(f.id),
        operator: fc.constantFrom('equal', 'notEqual'),
        value: fc.constantFrom(...CHOICES),
      }),
      fc.record({
        fact: fc.constant(f.id),
        operator: fc.constantFrom('in', 'notIn'),
        value: fc.uniqueArray(fc.constantFrom(...CHOICES), { minLength: 1 }),
      }),
    );
  }
  const num = fc.integer({ min: -4, max: 4 });
  const ops = fc.constantFrom(
    'equal',
    'notEqual',
    'lessThan',
    'lessThanInclusive',
    'greaterThan',
    'greaterThanInclusive',
  );
  const sameUnit = FACTS.filter((g) => g.spec.type === t && g.spec.unit === f.spec.unit).map((g) => g.id);
  return fc.oneof(
    fc.record({ fact: fc.constant(f.id), operator: ops, value: num as fc.Arbitrary<number> }),
    fc.record({
      fact: fc.constant(f.id),
      operator: fc.constantFrom('in', 'notIn'),
      value: fc.uniqueArray(num, { minLength: 1, maxLength: 4 }),
    }),
    // The right-hand side may be another fact of the same type and unit, as in json-rules-engine.
    fc.record({
      fact: fc.constant(f.id),
      operator: ops,
      value: fc.constantFrom(...sameUnit).map((id) => ({ fact: id })),
    }),
  ) as fc.Arbitrary<LeafCondition>;
}

/** A random condition tree (all / any / not / leaf), depth-bounded. */
export const condition: fc.Arbitrary<Condition> = fc.letrec<{ cond: Condition }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...FACTS).chain(leafFor),
    fc.record({ all: fc.array(tie('cond'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('cond'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ not: tie('cond') }),
  ),
})).cond;

/** An edition with 1–4 clauses over the fixed catalogue, some with an applicability condition. */
export const edition: fc.Arbitrary<EditionSpec> = fc
  .array(fc.record({ check: condition, appliesWhen: fc.option(condition, { nil: undefined }) }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((clauses) => ({
    ...editionHeader('random'),
    facts: Object.fromEntries(FACTS.map((f) => [f.id, f.spec])),
    groups: [
      {
        id: 'g',
        label: { zh: 'g', en: 'g' },
        clauses: clauses.map((c, i) => ({
          id: `clause-${i}`,
          label: { zh: `c${i}`, en: `c${i}` },
          text: { zh: 't', en: 't' },
          cites: [{ source: 'src' }],
          provenance: 'local' as const,
          severity: 'major' as const,
          check: c.check,
          ...(c.appliesWhen ? { appliesWhen: c.appliesWhen } : {}),
          messages: {
            pass: { zh: 'p', en: 'p' },
            fail: { zh: 'f', en: 'f' },
            indeterminate: { zh: 'i {missing}', en: 'i {missing}' },
          },
        })),
      },
    ],
  }));

/** A complete observation: every fact of the catalogue has a value. */
export const completeFacts: fc.Arbitrary<Record<string, unknown>> = fc.record(
  Object.fromEntries(FACTS.map((f) => [f.id, f.value])),
);

/** A complete observation and, alongside it, the set of facts to drop to make a partial one. */
export const completeAndDropped = fc.tuple(completeFacts, fc.subarray(FACTS.map((f) => f.id)));

/** The facts of a record minus the dropped ones. */
export function without(facts: Record<string, unknown>, dropped: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(facts).filter(([k]) => !dropped.includes(k)));
}

/** The spec of a catalogue fact. */
export function factSpec(id: string): FactSpec {
  return byId.get(id)!.spec;
}
