/** Fact values for property tests: an edition with a fact of every type, and generators of valid, edge and nonsense values. */
import fc from 'fast-check';
import type { EditionSpec, FactSpec } from '../../src/index.js';

const text = (s: string) => ({ zh: s, en: s });
const msgs = { pass: text('p'), fail: text('f'), indeterminate: text('i') };

/** An edition with a fact of every type, with and without ranges, so that every branch of the schema is exercised. */
export const everyType: EditionSpec = {
  id: 'every-type',
  version: '1.0.0',
  status: 'draft',
  nickname: '类型',
  title: text('every fact type'),
  effective: { from: '2023-01-01' },
  sources: [{ id: 'seed-plan', kind: 'plan', title: text('plan') }],
  // Scored, so that the laws over sessions cover the score too (no built-in standard scores yet).
  scoring: { base: 30 },
  facts: {
    flag: { type: 'boolean', label: text('flag'), question: text('?') },
    level: { type: 'number', unit: 'mg/m³', minimum: -2.5, maximum: 7.25, label: text('level'), question: text('?') },
    free: { type: 'number', unit: 'm', label: text('free'), question: text('?') },
    count: { type: 'integer', unit: '个', minimum: 0, maximum: 12, label: text('count'), question: text('?') },
    whole: { type: 'integer', label: text('whole'), question: text('?') },
    kind: {
      type: 'enum',
      choices: [
        { value: 'a-1', label: text('a') },
        { value: 'b', label: text('b') },
      ],
      label: text('kind'),
      question: text('?'),
    },
    day: { type: 'date', label: text('day'), question: text('?') },
    at: { type: 'datetime', label: text('at'), question: text('?') },
    wait: { type: 'duration', unit: 'h', minimum: 0, maximum: 48, label: text('wait'), question: text('?') },
  },
  groups: [
    {
      id: 'all',
      label: text('all'),
      clauses: ['flag', 'level', 'free', 'count', 'whole', 'kind', 'day', 'at', 'wait'].map((fact) => ({
        id: `c-${fact}`,
        label: text(fact),
        text: text(fact),
        cites: [{ source: 'seed-plan', task: 1 }],
        provenance: 'seed' as const,
        severity: 'minor' as const,
        deduction: fact.length,
        check: {
          fact,
          operator: 'notEqual',
          value:
            fact === 'flag'
              ? true
              : fact === 'kind'
                ? 'b'
                : fact === 'day'
                  ? '2023-01-01'
                  : fact === 'at'
                    ? '2023-01-01T00:00:00Z'
                    : 1,
        },
        messages: msgs,
      })),
    },
  ],
};

const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
const two = fc.oneof(
  digits(2),
  fc.constantFrom('00', '01', '09', '12', '23', '24', '28', '29', '30', '31', '59', '60', '99'),
);
const year = fc.oneof(digits(4), fc.constantFrom('0000', '1900', '2000', '2023', '2024', '2100', '2400', '9999'));
const dateLike = fc.tuple(year, two, two).map(([y, m, d]) => `${y}-${m}-${d}`);
const leapDay = year.map((y) => `${y}-02-29`);
const fraction = fc.oneof(
  fc.constant(''),
  digits(1).map((d) => `.${d}`),
  fc
    .integer({ min: 1, max: 11 })
    .chain((n) => digits(n))
    .map((d) => `.${d}`),
  fc.constantFrom('.0', '.000', '.000000000', '.5'),
);
const zone = fc.oneof(
  fc.constantFrom('Z', 'z', '', '+08', '+0800'),
  fc.tuple(fc.constantFrom('+', '-'), two, two).map(([s, h, m]) => `${s}${h}:${m}`),
);
const time = fc.oneof(
  fc.tuple(two, two).map(([h, m]) => `${h}:${m}`),
  fc.tuple(two, two, two, fraction).map(([h, m, s, f]) => `${h}:${m}:${s}${f}`),
  fc.constantFrom('24:00', '24:00:00', '24:00:00.000', '24:00:00.5', '23:59:60'),
);
export const dateTimeLike = fc
  .tuple(fc.oneof(dateLike, leapDay, fc.constant('2026-11-20')), fc.constantFrom('T', 'T', 'T', 't', ' '), time, zone)
  .map(([d, t, c, z]) => `${d}${t}${c}${z}`);
export const anyJson = fc.jsonValue({ maxDepth: 2 });

/** Values an inspector's app might send for a fact: valid ones, ones just outside, and nonsense. */
export function valuesFor(spec: FactSpec): fc.Arbitrary<unknown> {
  const edges = [spec.minimum, spec.maximum]
    .filter((x): x is number => x !== undefined)
    .flatMap((x) => [x, x - 1, x + 1, x - 1e-9, x + 1e-9, x + 0.5]);
  const common = [anyJson, fc.constant(null), fc.constantFrom(true, false, 0, -0, 1, '1', '', 'true', [], {})];
  switch (spec.type) {
    case 'boolean':
      return fc.oneof(fc.boolean(), ...common);
    case 'number':
    case 'integer':
    case 'duration':
      return fc.oneof(
        fc.integer({ min: -20, max: 60 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(...(edges.length ? edges : [0]), 1e21, -1e21, 2 ** 53, 0.1 + 0.2),
        ...common,
      );
    case 'enum':
      return fc.oneof(
        fc.constantFrom(...(spec.choices ?? []).map((c) => c.value)),
        fc.constantFrom('A-1', 'a-1 ', 'class-4', 'B'),
        ...common,
      );
    case 'date':
      return fc.oneof(
        dateLike,
        leapDay,
        dateLike.map((s) => `${s}T00:00:00Z`),
        dateLike.map((s) => ` ${s}`),
        ...common,
      );
    case 'datetime':
      return fc.oneof(dateTimeLike, dateLike, ...common);
    case 'list': {
      const options = (spec.choices ?? []).map((c) => c.value);
      const lists = fc.array(fc.constantFrom(...options, 'B', ''), { maxLength: options.length + 1 });
      return fc.oneof(
        fc.uniqueArray(fc.constantFrom(...options)),
        lists,
        lists.map((atLeast) => ({ atLeast })),
        fc.constantFrom(...options),
        fc.constantFrom({ atLeast: options[0] }, { atLeast: [], more: 1 }, { seen: [] }),
        ...common,
      );
    }
  }
}

/** A few valid values of a fact, spread over its range: for laws that must hold whatever the inspector answers. */
export function validSamples(spec: FactSpec): unknown[] {
  switch (spec.type) {
    case 'boolean':
      return [true, false];
    case 'enum':
      return (spec.choices ?? []).map((c) => c.value);
    case 'number':
    case 'duration':
    case 'integer': {
      const lo = spec.minimum ?? -1000;
      const hi = spec.maximum ?? 1000;
      const mid = (lo + hi) / 2;
      const xs = [lo, hi, mid, lo + (hi - lo) / 7, 0, 1, 2, 3, 5];
      return [
        ...new Set(xs.map((x) => (spec.type === 'integer' ? Math.round(x) : x)).filter((x) => x >= lo && x <= hi)),
      ];
    }
    case 'date':
      return ['2023-01-01', '2024-02-29', '2026-11-20'];
    case 'datetime':
      return ['2023-01-01T00:00:00Z', '2026-11-20T09:30:00+08:00', '2026-11-20T24:00Z'];
    case 'list': {
      const options = (spec.choices ?? []).map((c) => c.value);
      return [[], options, options.slice(0, 1), { atLeast: [] }, { atLeast: options.slice(-1) }];
    }
  }
}
