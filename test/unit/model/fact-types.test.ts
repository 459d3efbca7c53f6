/**
 * The fact-type table: one entry per fact type, and an edition's literal fits a fact exactly when an
 * observation may carry that value (its range aside), both as `literalFits` says and as validation reports it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compileEdition,
  FACT_TYPES,
  ObservationError,
  OPERATORS,
  validateEdition,
  type EditionSpec,
  type FactSpec,
} from '../../../src/index.js';
import { literalFits } from '../../../src/load/validate.js';
import { checkFactValue, normaliseObservation } from '../../../src/evaluate/observation.js';
import { comparable, FACT_TYPE_DEFS, factRefusal } from '../../../src/model/fact-types.js';
import { everyType, valuesFor } from '../../support/fact-values.js';

const facts = Object.entries(everyType.facts);
const ed = compileEdition(everyType);
const unbounded = (spec: FactSpec): FactSpec => {
  const { minimum: _min, maximum: _max, ...rest } = spec;
  return rest;
};
/** Whether an observation carrying `v` for fact `id` is accepted. */
function observable(id: string, v: unknown): boolean {
  try {
    normaliseObservation(ed, { standard: everyType.id, facts: { [id]: v } });
    return true;
  } catch (e) {
    if (e instanceof ObservationError) return false;
    throw e;
  }
}
const inRange = (spec: FactSpec, v: unknown) =>
  typeof v !== 'number' || ((spec.minimum ?? -Infinity) <= v && v <= (spec.maximum ?? Infinity));
/** A fact id and a value an app or an author might write for it (null aside: it means "unknown" in an observation). */
const factAndValue = fc.constantFrom(...facts).chain(([id, spec]) =>
  valuesFor(spec)
    .filter((v) => v !== null)
    .map((v) => [id, spec, v] as const),
);

describe('FACT_TYPE_DEFS', () => {
  it('has one entry per fact type', () => {
    expect(Object.keys(FACT_TYPE_DEFS).sort()).toEqual([...FACT_TYPES].sort());
  });

  it('decides which operators apply to which fact types', () => {
    expect(OPERATORS.get('lessThan')!.factTypes).toEqual(['number', 'integer', 'date', 'datetime', 'duration']);
    expect(OPERATORS.get('in')!.factTypes).toEqual(['number', 'integer', 'enum', 'date', 'datetime', 'duration']);
    expect(OPERATORS.get('equal')!.factTypes).toEqual(FACT_TYPES.filter((t) => t !== 'list'));
    expect(OPERATORS.get('contains')!.factTypes).toEqual(['list']);
    expect(OPERATORS.get('doesNotContain')!.factTypes).toEqual(['list']);
  });

  it('gives dates their comparable form and leaves other values as given', () => {
    expect(comparable(everyType.facts.day!, '2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(comparable(everyType.facts.at!, '2026-11-20T09:30:00+08:00')).toBe(Date.UTC(2026, 10, 20, 1, 30));
    expect(comparable(everyType.facts.count!, 3)).toBe(3);
  });
});

describe('literals and observed values agree', () => {
  it('refuses a fraction for an integer fact, as a literal and as an observed value', () => {
    const count = everyType.facts.count!;
    expect(literalFits(count, 2.5)).toBe(false);
    expect(factRefusal(count, 2.5)).toBe('whole');
    expect(literalFits(count, 2)).toBe(true);
    expect(literalFits(everyType.facts.level!, 2.5)).toBe(true);
  });

  it('a literal fits a fact exactly when an observation may carry the value (range aside)', () => {
    fc.assert(
      fc.property(factAndValue, ([id, spec, v]) => {
        // Both ways: whatever fits is observable once in range, and whatever is observable fits.
        expect(observable(id, v)).toBe(literalFits(spec, v) && inRange(spec, v));
        expect(literalFits(spec, v)).toBe(checkFactValue(id, unbounded(spec), v) === undefined);
      }),
      { numRuns: 3000, seed: 15 },
    );
  });

  it('validation refuses a literal in a condition exactly when it does not fit', () => {
    const scalar = factAndValue.filter(
      ([, , v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
    );
    fc.assert(
      fc.property(scalar, ([id, spec, v]) => {
        const edition = structuredClone(everyType) as EditionSpec;
        const at = edition.groups[0]!.clauses.findIndex((c) => c.id === `c-${id}`);
        edition.groups[0]!.clauses[at]!.check = { fact: id, operator: 'equal', value: v as string | number | boolean };
        const where = `groups[0].clauses[${at}].check.value`;
        const refused = validateEdition(edition).diagnostics.some(
          (d) => d.code === 'E_OPERATOR_TYPE' && d.location.path === where,
        );
        expect(refused).toBe(checkFactValue(id, unbounded(spec), v) !== undefined);
      }),
      { numRuns: 500, seed: 15 },
    );
  });
});
