/**
 * A synthetic 40-clause checklist for the engine-vs-engine benchmark: the target size of a real inspection
 * checklist (the built-in editions have 6 and 11 clauses). It is not a standard: its facts and limits are made
 * up, but its shapes are the ones real editions use — boolean items, limits from parameters (plain and keyed by
 * an enum fact), lists, nested all/any/not, applicability conditions, and one fact compared with another.
 * `bench/handwritten.ts` evaluates the same 40 clauses with closures written by hand.
 */
import type { ClauseSpec, Condition, EditionSpec, FactSpec } from '../src/index.js';

const t = (s: string) => ({ zh: s, en: s });

const bool = (id: string): FactSpec => ({ type: 'boolean', label: t(id), question: t(`${id}?`) });
const num = (id: string, unit: string, max: number): FactSpec => ({
  type: 'number',
  unit,
  minimum: 0,
  maximum: max,
  label: t(id),
  question: t(`${id}?`),
});
const integer = (id: string, unit: string, max: number): FactSpec => ({
  type: 'integer',
  unit,
  minimum: 0,
  maximum: max,
  label: t(id),
  question: t(`${id}?`),
});
const choice = (id: string, values: string[]): FactSpec => ({
  type: 'enum',
  choices: values.map((v) => ({ value: v, label: t(v) })),
  label: t(id),
  question: t(`${id}?`),
});

/** The fact catalogue, in vector order: index = position here (the hand-written closures rely on it). */
export const FACT_IDS = [
  'ok-01',
  'ok-02',
  'ok-03',
  'ok-04',
  'ok-05',
  'ok-06',
  'ok-07',
  'ok-08',
  'ok-09',
  'ok-10',
  'ok-11',
  'ok-12',
  'ok-13',
  'ok-14',
  'ok-15',
  'ok-16',
  'level-1',
  'level-2',
  'level-3',
  'level-4',
  'level-5',
  'level-6',
  'count-1',
  'count-2',
  'count-3',
  'count-4',
  'site-class',
  'zone',
  'surface',
] as const;

const facts: Record<string, FactSpec> = {};
for (const id of FACT_IDS) {
  if (id.startsWith('ok-')) facts[id] = bool(id);
  else if (id.startsWith('level-')) facts[id] = num(id, 'mg/m³', 100);
  else if (id.startsWith('count-')) facts[id] = integer(id, '只', 1000);
}
facts['site-class'] = choice('site-class', ['class-1', 'class-2', 'class-3']);
facts.zone = choice('zone', ['a', 'b', 'c', 'd']);
facts.surface = choice('surface', ['asphalt', 'concrete', 'tile', 'gravel']);

const is = (fact: string, value: boolean | string): Condition => ({ fact, operator: 'equal', value });
const cmp = (
  fact: string,
  operator: string,
  value: number | string[] | { param: string } | { fact: string },
): Condition => ({ fact, operator, value });

/** The 40 checks (and applicability conditions), in clause order. */
export const CHECKS: { check: Condition; appliesWhen?: Condition }[] = [
  // 1–10: a boolean item must hold.
  ...Array.from({ length: 10 }, (_, i) => ({ check: is(`ok-${String(i + 1).padStart(2, '0')}`, true) })),
  // 11–14: a measured level within a plain limit.
  ...[1, 2, 3, 4].map((i) => ({ check: cmp(`level-${i}`, 'lessThanInclusive', { param: `limit-${i}` }) })),
  // 15–16: a level within a limit that depends on the site class.
  { check: cmp('level-5', 'lessThanInclusive', { param: 'limit-by-class' }) },
  { check: cmp('level-6', 'lessThanInclusive', { param: 'limit-by-class' }) },
  // 17–20: all of several conditions.
  { check: { all: [is('ok-11', true), is('ok-12', true)] } },
  { check: { all: [is('ok-13', true), cmp('level-1', 'lessThan', 50)] } },
  { check: { all: [is('ok-14', true), cmp('count-1', 'lessThanInclusive', 10)] } },
  { check: { all: [is('ok-15', true), is('ok-16', true), cmp('count-2', 'greaterThanInclusive', 1)] } },
  // 21–24: any of several conditions.
  { check: { any: [is('ok-01', true), cmp('level-2', 'lessThan', 5)] } },
  { check: { any: [is('ok-03', true), cmp('count-3', 'equal', 0)] } },
  { check: { any: [is('ok-05', true), is('ok-07', true)] } },
  { check: { any: [cmp('zone', 'in', ['a', 'b']), is('ok-09', true)] } },
  // 25–27: lists.
  { check: cmp('zone', 'in', ['a', 'b', 'c']) },
  { check: cmp('surface', 'notIn', ['gravel']) },
  { check: cmp('site-class', 'in', ['class-1', 'class-2']) },
  // 28–30: negations.
  { check: { not: { any: [is('ok-04', false), is('ok-06', false)] } } },
  { check: { not: { all: [cmp('count-4', 'greaterThan', 100), is('zone', 'd')] } } },
  { check: { not: cmp('level-3', 'greaterThan', 80) } },
  // 31–34: clauses that apply only to some subjects.
  {
    appliesWhen: cmp('site-class', 'in', ['class-1', 'class-2']),
    check: cmp('count-1', 'lessThanInclusive', { param: 'max-count' }),
  },
  { appliesWhen: is('zone', 'a'), check: is('ok-08', true) },
  { appliesWhen: is('surface', 'tile'), check: cmp('level-4', 'lessThan', 20) },
  { appliesWhen: is('ok-16', true), check: cmp('count-2', 'greaterThanInclusive', 2) },
  // 35–36: one fact against another.
  { check: cmp('level-1', 'lessThanInclusive', { fact: 'level-2' }) },
  { check: cmp('count-3', 'lessThanInclusive', { fact: 'count-4' }) },
  // 37–40: deeper nesting.
  {
    check: {
      all: [
        { any: [is('ok-10', true), is('ok-11', true)] },
        { not: is('ok-12', false) },
        cmp('level-5', 'lessThan', { param: 'limit-by-class' }),
      ],
    },
  },
  {
    check: {
      any: [
        { all: [is('zone', 'b'), cmp('count-1', 'greaterThan', 3)] },
        { all: [is('zone', 'c'), cmp('count-2', 'greaterThan', 3)] },
      ],
    },
  },
  {
    check: {
      all: [
        is('ok-13', true),
        { any: [cmp('surface', 'in', ['tile', 'gravel']), cmp('level-6', 'lessThanInclusive', 10)] },
      ],
    },
  },
  {
    appliesWhen: { not: is('zone', 'd') },
    check: { all: [is('ok-14', true), is('ok-15', true), cmp('level-2', 'lessThanInclusive', { param: 'limit-2' })] },
  },
];

/** Plain parameter values (limit-1 … limit-4, max-count) and the keyed table, as the hand-written closures use them. */
export const LIMITS = { 'limit-1': 60, 'limit-2': 40, 'limit-3': 70, 'limit-4': 30, 'max-count': 8 } as const;
export const LIMIT_BY_CLASS = { 'class-1': 20, 'class-2': 35, 'class-3': 50 } as const;

const clause = (i: number, c: { check: Condition; appliesWhen?: Condition }): ClauseSpec => ({
  id: `item-${String(i + 1).padStart(2, '0')}`,
  label: t(`item ${i + 1}`),
  text: t(`Synthetic requirement ${i + 1}.`),
  cites: [{ source: 'bench', section: `${i + 1}` }],
  provenance: 'local',
  severity: i % 3 === 0 ? 'critical' : 'major',
  ...(c.appliesWhen ? { appliesWhen: c.appliesWhen } : {}),
  check: c.check,
  deduction: 2,
  messages: {
    pass: t('Item met.'),
    fail: t('Item not met.'),
    indeterminate: t('Undecided: {missing} still needed.'),
  },
});

/** The 40-clause edition, in four groups of ten. */
export const CHECKLIST_40: EditionSpec = {
  id: 'bench-checklist-40',
  version: '1.0.0',
  status: 'draft',
  nickname: 'bench-40',
  title: t('Synthetic 40-clause checklist for the benchmark'),
  effective: { from: '2023-01-01' },
  sources: [{ id: 'bench', kind: 'other', title: t('Synthetic benchmark checklist') }],
  parameters: {
    ...Object.fromEntries(
      Object.entries(LIMITS).map(([id, value]) => [
        id,
        { label: t(id), unit: id === 'max-count' ? '只' : 'mg/m³', value, cites: [{ source: 'bench' }] },
      ]),
    ),
    'limit-by-class': {
      label: t('limit by class'),
      unit: 'mg/m³',
      byFact: 'site-class',
      values: { ...LIMIT_BY_CLASS },
      cites: [{ source: 'bench' }],
    },
  },
  facts,
  groups: [0, 1, 2, 3].map((g) => ({
    id: `group-${g + 1}`,
    label: t(`group ${g + 1}`),
    clauses: CHECKS.slice(g * 10, g * 10 + 10).map((c, j) => clause(g * 10 + j, c)),
  })),
  scoring: { base: 100 },
};
