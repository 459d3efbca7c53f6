/**
 * The fast path of observation normalisation (plan per edition, for-in over the facts) accepts exactly what
 * `checkFactValue` accepts, and never reads a value inherited from a polluted Object.prototype.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkFactValue, compileEdition, normaliseObservation, ObservationError } from '../../src/index.js';
import { extEdition, EXT_FACTS } from '../property/arbitraries-extended.js';

const spec = fc.sample(extEdition, { numRuns: 1, seed: 3 })[0]!;
const ed = compileEdition(spec);

describe('normaliseObservation fast path', () => {
  it('accepts a value exactly when checkFactValue does, and reports the same issue otherwise', () => {
    const anyValue = fc.oneof(
      fc.anything(),
      fc.double(),
      fc.integer({ min: -10, max: 10 }),
      fc.constantFrom(NaN, Infinity, -Infinity, -0, 5.5, 1e-9, 'a', 'e', '2024-02-29', '2024-02-30', '2023-06-30T08:00:00+08:00', '2023-06-30T08:00:00'),
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
        // null means "unknown" and is accepted as such.
        expect(issues).toEqual(expected && v !== null ? [expected] : []);
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
