/**
 * A wider random-edition generator than `arbitraries.ts`: besides the same fact types it has dates and
 * date-times, parameters (plain, and keyed by an enum fact), and a fact that counts only with evidence — every
 * kind of right-hand side the compiled evaluators handle. Observations come with random missing facts, facts
 * the inspector marked unknown (`null`), and evidence attached or not.
 */
import fc from 'fast-check';
import type { Condition, EditionSpec, FactSpec, LeafCondition, ParameterSpec } from '../../src/index.js';
import { FACTS as BASE_FACTS } from './arbitraries.js';
import { editionHeader } from './edition-header.js';

const t = (s: string) => ({ zh: s, en: s });
const CHOICES = ['a', 'b', 'c', 'd'];
const DATES = ['2023-01-01', '2023-06-30', '2024-02-29', '2024-12-31'];
const DATETIMES = [
  '2023-06-30T08:00:00+08:00',
  '2023-06-30T00:00:00Z',
  '2024-01-01T12:30:00-05:00',
  '2023-06-29T23:59:59Z',
];

/** One fact of the extended catalogue. */
export interface ExtFact {
  id: string;
  spec: FactSpec;
  value: fc.Arbitrary<unknown>;
}

/**
 * The base catalogue plus a date, a date-time and a number that needs evidence; its list fact is answered
 * completely or partially (`{ atLeast }`, the options seen), so that partial answers reach every evaluator.
 */
export const EXT_FACTS: readonly ExtFact[] = [
  ...BASE_FACTS.map((f) =>
    f.spec.type === 'list'
      ? {
          ...f,
          value: fc.oneof(
            f.value,
            fc.uniqueArray(fc.constantFrom(...CHOICES)).map((atLeast) => ({ atLeast })),
          ),
        }
      : f,
  ),
  { id: 'since', spec: { type: 'date', label: t('since'), question: t('since?') }, value: fc.constantFrom(...DATES) },
  { id: 'at', spec: { type: 'datetime', label: t('at'), question: t('at?') }, value: fc.constantFrom(...DATETIMES) },
  {
    id: 'reading',
    spec: {
      type: 'number',
      unit: 'mg/m³',
      minimum: -5,
      maximum: 5,
      label: t('reading'),
      question: t('reading?'),
      evidence: { kinds: ['measurement'], required: true },
    },
    value: fc.integer({ min: -5, max: 5 }),
  },
];

/** Parameters: a plain limit, a limit keyed by `kind`, a cut-off date. */
export const EXT_PARAMS: Record<string, ParameterSpec> = {
  lim: { label: t('lim'), unit: 'mg/m³', value: 1, cites: [{ source: 'src' }] },
  'lim-by-kind': {
    label: t('lim by kind'),
    unit: 'mg/m³',
    byFact: 'kind',
    values: { a: -2, b: 0, c: 2, d: 4 },
    cites: [{ source: 'src' }],
  },
  cutoff: { label: t('cutoff'), value: '2023-06-30', cites: [{ source: 'src' }] },
};

const byId = new Map(EXT_FACTS.map((f) => [f.id, f]));
const ORDER_OPS = ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

function leafFor(f: ExtFact): fc.Arbitrary<LeafCondition> {
  const type = f.spec.type;
  const ops = fc.constantFrom(...ORDER_OPS);
  const rec = (operator: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>) =>
    fc.record({ fact: fc.constant(f.id), operator, value }) as fc.Arbitrary<LeafCondition>;
  if (type === 'boolean') return rec(fc.constantFrom('equal', 'notEqual'), fc.boolean());
  if (type === 'list') return rec(fc.constantFrom('contains', 'doesNotContain'), fc.constantFrom(...CHOICES));
  if (type === 'enum') {
    return fc.oneof(
      rec(fc.constantFrom('equal', 'notEqual'), fc.constantFrom(...CHOICES)),
      rec(fc.constantFrom('in', 'notIn'), fc.uniqueArray(fc.constantFrom(...CHOICES), { minLength: 1 })),
    );
  }
  if (type === 'date') {
    return fc.oneof(
      rec(ops, fc.constantFrom(...DATES)),
      rec(fc.constantFrom('in', 'notIn'), fc.uniqueArray(fc.constantFrom(...DATES), { minLength: 1 })),
      rec(ops, fc.constant({ param: 'cutoff' })),
    );
  }
  if (type === 'datetime')
    return fc.oneof(
      rec(ops, fc.constantFrom(...DATETIMES)),
      rec(fc.constantFrom('in', 'notIn'), fc.uniqueArray(fc.constantFrom(...DATETIMES), { minLength: 1 })),
    );
  const num = fc.integer({ min: -4, max: 4 });
  const sameUnit = EXT_FACTS.filter((g) => g.spec.type === type && g.spec.unit === f.spec.unit).map((g) => g.id);
  const arms: fc.Arbitrary<LeafCondition>[] = [
    rec(ops, num),
    rec(fc.constantFrom('in', 'notIn'), fc.uniqueArray(num, { minLength: 1, maxLength: 4 })),
    rec(
      ops,
      fc.constantFrom(...sameUnit).map((id) => ({ fact: id })),
    ),
  ];
  if (f.spec.unit === 'mg/m³') arms.push(rec(ops, fc.constantFrom({ param: 'lim' }, { param: 'lim-by-kind' })));
  return fc.oneof(...arms);
}

/** A random condition tree over the extended catalogue. */
export const extCondition: fc.Arbitrary<Condition> = fc.letrec<{ cond: Condition }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...EXT_FACTS).chain(leafFor),
    fc.record({ all: fc.array(tie('cond'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('cond'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ not: tie('cond') }),
  ),
})).cond;

/** An edition of 1–6 clauses over the extended catalogue, with parameters and applicability conditions. */
export const extEdition: fc.Arbitrary<EditionSpec> = fc
  .array(fc.record({ check: extCondition, appliesWhen: fc.option(extCondition, { nil: undefined }) }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((clauses) => ({
    ...editionHeader('random-ext'),
    parameters: EXT_PARAMS,
    facts: Object.fromEntries(EXT_FACTS.map((f) => [f.id, f.spec])),
    groups: [
      {
        id: 'g',
        label: t('g'),
        clauses: clauses.map((c, i) => ({
          id: `clause-${i}`,
          label: t(`c${i}`),
          text: t('t'),
          cites: [{ source: 'src' }],
          provenance: 'local' as const,
          severity: 'major' as const,
          check: c.check,
          ...(c.appliesWhen ? { appliesWhen: c.appliesWhen } : {}),
          messages: { pass: t('p {lim}'), fail: t('f {lim-by-kind} {level}'), indeterminate: t('i {missing}') },
        })),
      },
    ],
  }));

/** A random observation: each fact given, unknown (`null`) or absent; evidence attached to some facts. */
export const extObservation: fc.Arbitrary<{
  facts: Record<string, unknown>;
  evidence: Record<string, { kind: 'measurement'; ref: string }[]>;
}> = fc
  .tuple(
    fc.tuple(
      ...EXT_FACTS.map((f) =>
        fc.oneof(
          { weight: 6, arbitrary: f.value.map((v) => ({ v })) },
          { weight: 1, arbitrary: fc.constant(null) },
          { weight: 3, arbitrary: fc.constant(undefined) },
        ),
      ),
    ),
    fc.boolean(),
  )
  .map(([vals, withEvidence]) => {
    const facts: Record<string, unknown> = {};
    EXT_FACTS.forEach((f, i) => {
      const x = vals[i];
      if (x === null) facts[f.id] = null;
      else if (x !== undefined) facts[f.id] = (x as { v: unknown }).v;
    });
    const evidence: Record<string, { kind: 'measurement'; ref: string }[]> = withEvidence
      ? { reading: [{ kind: 'measurement', ref: 'meter-1' }] }
      : {};
    return { facts, evidence };
  });

/** The spec of a fact of the extended catalogue. */
export function extFactSpec(id: string): FactSpec {
  return byId.get(id)!.spec;
}
