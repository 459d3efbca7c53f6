/**
 * The observation JSON Schema that `daoze build --schemas` writes for each edition, for apps in other
 * languages, must accept exactly what the engine's own checks accept: a law over all fact values and all
 * observations, checked here with ajv (the engine itself carries no ajv at run time).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020.js';
import {
  compileEdition,
  evaluate,
  observationSchema,
  ObservationError,
  validateEdition,
  type CompiledEdition,
} from '../../src/index.js';
import { anyJson, dateTimeLike, everyType, valuesFor } from '../support/fact-values.js';
import { builtin } from '../support/helpers.js';

const checked = validateEdition(everyType);
if (!checked.edition) throw new Error(JSON.stringify(checked.diagnostics, null, 2));
const editions: CompiledEdition[] = [...builtin().editions, compileEdition(checked.edition)];

const ajv = new Ajv2020({ strict: true });
const validators = new Map(editions.map((ed) => [ed.ref, ajv.compile(observationSchema(ed))]));

/** Whether the engine accepts an observation: evaluate returns, or throws its typed ObservationError. */
function engineAccepts(ed: CompiledEdition, obs: unknown): boolean {
  try {
    evaluate(ed, obs, { trace: false });
    return true;
  } catch (e) {
    if (e instanceof ObservationError) return false;
    throw e;
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
          // The synthetic edition carries every fact type (dates and times among them): it gets the most runs.
          { numRuns: ed.id === 'every-type' ? 400 : 60 },
        );
      }
    });

    it(`${ed.ref}: ajv accepts exactly the observations the engine accepts`, () => {
      const factIds = ed.facts.map((f) => f.id);
      // An edition whose facts are all its objects' (`facts: {}`) has no unit fact to draw: only unknown keys then.
      const unknownKey = fc.constantFrom('unknown-fact', 'toString');
      const facts = fc.dictionary(
        factIds.length ? fc.oneof(fc.constantFrom(...factIds), unknownKey) : unknownKey,
        ed.facts.length
          ? fc.oneof(...ed.facts.map((f) => valuesFor(f.spec)))
          : fc.oneof(fc.boolean(), fc.integer(), fc.string({ maxLength: 8 })),
        { maxKeys: 5 },
      );
      const str = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null));
      const evidenceRef = fc.record(
        {
          kind: fc.oneof(
            fc.constantFrom('photo', 'measurement', 'document', 'video', 'gps'),
            fc.constantFrom('meter', 'Photo', 1),
          ),
          ref: str,
          sha256: fc.oneof(
            fc.constant(`sha256:${'ab'.repeat(32)}`),
            fc.constant(`sha256:${'AB'.repeat(32)}`),
            fc.constant('sha256:12'),
            str,
          ),
          capturedAt: fc.oneof(dateTimeLike, str),
          note: str,
          extra: str,
        },
        { requiredKeys: [] },
      );
      const evidence = fc.oneof(
        fc.dictionary(
          factIds.length
            ? fc.oneof(fc.constantFrom(...factIds), fc.constant('unknown-fact'))
            : fc.constant('unknown-fact'),
          fc.oneof(fc.array(evidenceRef, { maxLength: 3 }), str),
          { maxKeys: 3 },
        ),
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
              fc.record(
                {
                  address: str,
                  lat: fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), str),
                  lng: fc.oneof(fc.double({ min: -200, max: 200, noNaN: true }), str),
                  alt: str,
                },
                { requiredKeys: [] },
              ),
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
        { numRuns: ed.id === 'every-type' ? 1500 : 300 },
      );
    });
  }

  it('agrees at the limits the generators do not reach: long strings, many evidence references, keys that reach into objects', () => {
    const ed = builtin().get('si-jing-san-wu-liang-tong-yi-ming');
    const validate = validators.get(ed.ref)!;
    const cases: unknown[] = [
      { standard: ed.ref, facts: {}, observer: { id: 'x'.repeat(10_000) } },
      { standard: ed.ref, facts: {}, observer: { id: 'x'.repeat(10_001) } },
      {
        standard: ed.ref,
        facts: {},
        evidence: { 'floor-clean': Array.from({ length: 100 }, (_, i) => ({ kind: 'photo', ref: `p${i}` })) },
      },
      {
        standard: ed.ref,
        facts: {},
        evidence: { 'floor-clean': Array.from({ length: 101 }, (_, i) => ({ kind: 'photo', ref: `p${i}` })) },
      },
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
