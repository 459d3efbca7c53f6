/**
 * The observation JSON Schema that `daoze build --schemas` writes for each edition, for apps in other
 * languages, must accept exactly what the engine's own checks accept: a law over all fact values and all
 * observations, checked here with ajv (the engine itself carries no ajv at run time).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020.js';
import { compileEdition, evaluate, observationSchema, ObservationError, validateEdition, type CompiledEdition, type EditionSpec, type FactSpec } from '../../src/index.js';
import { builtin } from '../helpers.js';

const text = (s: string) => ({ zh: s, en: s });
const msgs = { pass: text('p'), fail: text('f'), indeterminate: text('i') };

/** An edition with a fact of every type, with and without ranges, so that every branch of the schema is exercised. */
const everyType: EditionSpec = {
  id: 'every-type',
  version: '1.0.0',
  status: 'draft',
  nickname: '类型',
  title: text('every fact type'),
  effective: { from: '2023-01-01' },
  sources: [{ id: 'seed-plan', kind: 'plan', title: text('plan') }],
  facts: {
    flag: { type: 'boolean', label: text('flag'), question: text('?') },
    level: { type: 'number', unit: 'mg/m³', minimum: -2.5, maximum: 7.25, label: text('level'), question: text('?') },
    free: { type: 'number', unit: 'm', label: text('free'), question: text('?') },
    count: { type: 'integer', unit: '个', minimum: 0, maximum: 12, label: text('count'), question: text('?') },
    whole: { type: 'integer', label: text('whole'), question: text('?') },
    kind: { type: 'enum', choices: [{ value: 'a-1', label: text('a') }, { value: 'b', label: text('b') }], label: text('kind'), question: text('?') },
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
        check: { fact, operator: 'notEqual', value: fact === 'flag' ? true : fact === 'kind' ? 'b' : fact === 'day' ? '2023-01-01' : fact === 'at' ? '2023-01-01T00:00:00Z' : 1 },
        messages: msgs,
      })),
    },
  ],
};

const checked = validateEdition(everyType);
if (!checked.edition) throw new Error(JSON.stringify(checked.diagnostics, null, 2));
const editions: CompiledEdition[] = [...builtin().editions, compileEdition(checked.edition)];

const ajv = new Ajv2020({ strict: true });
const validators = new Map(editions.map((ed) => [ed.ref, ajv.compile(observationSchema(ed))]));

/** Whether the engine accepts an observation: evaluate returns, or throws its typed ObservationError. */
function engineAccepts(ed: CompiledEdition, obs: unknown): boolean {
  try {
    evaluate(ed, obs);
    return true;
  } catch (e) {
    if (e instanceof ObservationError) return false;
    throw e;
  }
}

const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
const two = fc.oneof(digits(2), fc.constantFrom('00', '01', '09', '12', '23', '24', '28', '29', '30', '31', '59', '60', '99'));
const year = fc.oneof(digits(4), fc.constantFrom('0000', '1900', '2000', '2023', '2024', '2100', '2400', '9999'));
const dateLike = fc.tuple(year, two, two).map(([y, m, d]) => `${y}-${m}-${d}`);
const leapDay = year.map((y) => `${y}-02-29`);
const fraction = fc.oneof(fc.constant(''), digits(1).map((d) => `.${d}`), fc.integer({ min: 1, max: 11 }).chain((n) => digits(n)).map((d) => `.${d}`), fc.constantFrom('.0', '.000', '.000000000', '.5'));
const zone = fc.oneof(fc.constantFrom('Z', 'z', '', '+08', '+0800'), fc.tuple(fc.constantFrom('+', '-'), two, two).map(([s, h, m]) => `${s}${h}:${m}`));
const time = fc.oneof(
  fc.tuple(two, two).map(([h, m]) => `${h}:${m}`),
  fc.tuple(two, two, two, fraction).map(([h, m, s, f]) => `${h}:${m}:${s}${f}`),
  fc.constantFrom('24:00', '24:00:00', '24:00:00.000', '24:00:00.5', '23:59:60'),
);
const dateTimeLike = fc.tuple(fc.oneof(dateLike, leapDay, fc.constant('2026-11-20')), fc.constantFrom('T', 'T', 'T', 't', ' '), time, zone).map(([d, t, c, z]) => `${d}${t}${c}${z}`);
const anyJson = fc.jsonValue({ maxDepth: 2 });

/** Values an inspector's app might send for a fact: valid ones, ones just outside, and nonsense. */
function valuesFor(spec: FactSpec): fc.Arbitrary<unknown> {
  const edges = [spec.minimum, spec.maximum].filter((x): x is number => x !== undefined).flatMap((x) => [x, x - 1, x + 1, x - 1e-9, x + 1e-9, x + 0.5]);
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
      return fc.oneof(fc.constantFrom(...(spec.choices ?? []).map((c) => c.value)), fc.constantFrom('A-1', 'a-1 ', 'class-4', 'B'), ...common);
    case 'date':
      return fc.oneof(dateLike, leapDay, dateLike.map((s) => `${s}T00:00:00Z`), dateLike.map((s) => ` ${s}`), ...common);
    case 'datetime':
      return fc.oneof(dateTimeLike, dateLike, ...common);
  }
}

describe('observation JSON Schema ≡ the engine’s checks', () => {
  for (const ed of editions) {
    const validate = validators.get(ed.ref)!;
    it(`${ed.ref}: ajv accepts exactly the fact values the engine accepts, fact by fact`, () => {
      for (const f of ed.facts) {
        fc.assert(
          fc.property(valuesFor(f.spec), (v) => {
            const obs = { standard: ed.ref, facts: { [f.id]: v } };
            expect(validate(obs), `${f.id} = ${JSON.stringify(v)}`).toBe(engineAccepts(ed, obs));
          }),
          { numRuns: 300 },
        );
      }
    });

    it(`${ed.ref}: ajv accepts exactly the observations the engine accepts`, () => {
      const factIds = ed.facts.map((f) => f.id);
      const facts = fc.dictionary(fc.oneof(fc.constantFrom(...factIds), fc.constantFrom('unknown-fact', 'toString')), fc.oneof(...ed.facts.map((f) => valuesFor(f.spec))), { maxKeys: 5 });
      const str = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null));
      const evidenceRef = fc.record(
        {
          kind: fc.oneof(fc.constantFrom('photo', 'measurement', 'document', 'video', 'gps'), fc.constantFrom('meter', 'Photo', 1)),
          ref: str,
          sha256: fc.oneof(fc.constant(`sha256:${'ab'.repeat(32)}`), fc.constant(`sha256:${'AB'.repeat(32)}`), fc.constant('sha256:12'), str),
          capturedAt: fc.oneof(dateTimeLike, str),
          note: str,
          extra: str,
        },
        { requiredKeys: [] },
      );
      const evidence = fc.oneof(
        fc.dictionary(fc.oneof(fc.constantFrom(...factIds), fc.constant('unknown-fact')), fc.oneof(fc.array(evidenceRef, { maxLength: 3 }), str), { maxKeys: 3 }),
        anyJson,
      );
      const subject = fc.oneof(
        fc.record(
          {
            id: str,
            kind: str,
            name: str,
            unit: str,
            gridCell: str,
            location: fc.oneof(
              fc.record({ address: str, lat: fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), str), lng: fc.oneof(fc.double({ min: -200, max: 200, noNaN: true }), str), alt: str }, { requiredKeys: [] }),
              anyJson,
            ),
            floor: str,
          },
          { requiredKeys: [] },
        ),
        anyJson,
      );
      const observer = fc.oneof(fc.record({ id: str, name: str, role: str, team: str }, { requiredKeys: [] }), anyJson);
      const observation = fc.record(
        {
          standard: fc.oneof(fc.constantFrom(ed.id, ed.ref, `${ed.id}@0.0.1`, 'other'), str),
          facts: fc.oneof(facts, facts, facts, anyJson),
          evidence,
          subject,
          observer,
          observedAt: fc.oneof(dateTimeLike, str),
          profile: str,
          notes: str,
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(observation, (obs) => {
          expect(validate(obs), JSON.stringify(obs)).toBe(engineAccepts(ed, obs));
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('agrees at the limits the generators do not reach: long strings, many evidence references, keys that reach into objects', () => {
    const ed = builtin().get('si-jing-san-wu-liang-tong-yi-ming');
    const validate = validators.get(ed.ref)!;
    const cases: unknown[] = [
      { standard: ed.ref, facts: {}, observer: { id: 'x'.repeat(10_000) } },
      { standard: ed.ref, facts: {}, observer: { id: 'x'.repeat(10_001) } },
      { standard: ed.ref, facts: {}, evidence: { 'floor-clean': Array.from({ length: 100 }, (_, i) => ({ kind: 'photo', ref: `p${i}` })) } },
      { standard: ed.ref, facts: {}, evidence: { 'floor-clean': Array.from({ length: 101 }, (_, i) => ({ kind: 'photo', ref: `p${i}` })) } },
      JSON.parse(`{"standard":"${ed.ref}","facts":{"__proto__":{"floor-clean":true}}}`),
      JSON.parse(`{"standard":"${ed.ref}","facts":{},"__proto__":{}}`),
      JSON.parse(`{"standard":"${ed.ref}","facts":{},"constructor":1}`),
      JSON.parse(`{"standard":"${ed.ref}","facts":{},"subject":{"id":"s","prototype":1}}`),
    ];
    const verdicts = cases.map((obs) => [validate(obs), engineAccepts(ed, obs)]);
    expect(verdicts).toEqual([
      [true, true],
      [false, false],
      [true, true],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
    ]);
  });
});
