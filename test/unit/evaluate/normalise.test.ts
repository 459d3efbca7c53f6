/**
 * The fast path of observation normalisation (plan per edition, for-in over the facts) accepts exactly what
 * `checkFactValue` accepts, and never reads a value inherited from a polluted Object.prototype.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileEdition, ObservationError } from '../../../src/index.js';
import { checkFactValue, normaliseObservation } from '../../../src/evaluate/observation.js';
import { checkJsonValue } from '../../../src/input/index.js';
import { extEdition, EXT_FACTS } from '../../support/arbitraries-extended.js';

/** Whether a value survives a JSON round trip unchanged in kind (no BigInt, undefined, function, NaN, cycle). */
function isJsonData(v: unknown): boolean {
  try {
    checkJsonValue(v, 'v');
    return true;
  } catch {
    return false;
  }
}

const spec = fc.sample(extEdition, { numRuns: 1, seed: 3 })[0]!;
const ed = compileEdition(spec);

describe('normaliseObservation fast path', () => {
  it('accepts a value exactly when checkFactValue does, and reports the same issue otherwise', () => {
    const anyValue = fc.oneof(
      fc.anything(),
      fc.double(),
      fc.integer({ min: -10, max: 10 }),
      fc.constantFrom(
        NaN,
        Infinity,
        -Infinity,
        -0,
        5.5,
        1e-9,
        'a',
        'e',
        '2024-02-29',
        '2024-02-30',
        '2023-06-30T08:00:00+08:00',
        '2023-06-30T08:00:00',
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...EXT_FACTS), anyValue, (f, v) => {
        const expected = checkFactValue(f.id, f.spec, v);
        let issues: readonly unknown[] = [];
        try {
          normaliseObservation(ed, { standard: spec.id, facts: { [f.id]: v } });
        } catch (e) {
          if (!(e instanceof ObservationError)) throw e;
          issues = e.issues;
        }
        // null means "unknown" and is accepted as such. An issue leaves out a value that is not JSON data (a
        // BigInt or undefined inside an object), so that nobody serialising the error trips over it.
        const { value: _v, ...withoutValue } = expected ?? {};
        const json = typeof v !== 'object' || v === null || isJsonData(v);
        expect(issues).toEqual(expected && v !== null ? [json ? expected : withoutValue] : []);
      }),
      { numRuns: 3000 },
    );
  });

  it('never takes a fact value from a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const clean = normaliseObservation(ed, { standard: spec.id, facts: { level: 1 } });
    try {
      proto['flag-a'] = true;
      const polluted = normaliseObservation(ed, { standard: spec.id, facts: { level: 1 } });
      expect(polluted).toEqual(clean);
      expect(polluted.values[ed.factById.get('flag-a')!.index]).toBeUndefined();
    } finally {
      delete proto['flag-a'];
    }
  });
});

describe('evidence fast path', () => {
  it('accepts an evidence reference exactly when the full check finds no issue', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 5 }),
      fc.anything(),
      fc.constantFrom('photo', 'measurement', 'sha256:' + 'a'.repeat(64), '2024-01-01T00:00:00Z', 'x'.repeat(10_001)),
    );
    const ref = fc.oneof(
      fc.anything(),
      fc.record({ kind: field, ref: field, sha256: field, capturedAt: field, note: field }, { requiredKeys: [] }),
      fc.record(
        { kind: fc.constantFrom('photo', 'video'), ref: fc.string(), extra: field },
        { requiredKeys: ['kind', 'ref'] },
      ),
      fc.constant(JSON.parse('{"kind":"photo","ref":"r","__proto__":{"x":1}}')),
    );
    fc.assert(
      fc.property(fc.array(ref, { maxLength: 3 }), (list) => {
        const obs = { standard: spec.id, facts: { reading: 1 }, evidence: { reading: list } };
        // The slow path, on its own: the issues it finds for each reference.
        let issues: readonly unknown[] = [];
        try {
          normaliseObservation(ed, obs);
        } catch (e) {
          if (!(e instanceof ObservationError)) throw e;
          issues = e.issues;
        }
        const valid = list.every((x) => {
          if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
          const o = x as Record<string, unknown>;
          const keys = Object.keys(o);
          return (
            keys.every((k) => ['kind', 'ref', 'sha256', 'capturedAt', 'note'].includes(k)) &&
            [Object.prototype, null].includes(Object.getPrototypeOf(o)) &&
            ['photo', 'measurement', 'document', 'video', 'gps'].includes(o.kind as string) &&
            typeof o.ref === 'string' &&
            o.ref.length <= 10_000 &&
            (o.sha256 === undefined || (typeof o.sha256 === 'string' && /^sha256:[0-9a-f]{64}$/.test(o.sha256))) &&
            (o.capturedAt === undefined ||
              (typeof o.capturedAt === 'string' &&
                /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(o.capturedAt))) &&
            (o.note === undefined || (typeof o.note === 'string' && o.note.length <= 10_000))
          );
        });
        expect(issues.length === 0).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});
