/** canonicalJson gives the `canonicalize` package's RFC 8785 text on every value, by its fast way or by the package. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { canonicalJson } from '../../../src/hash/index.js';

/** The package's answer, or the fact that it refused the value. */
function reference(v: unknown): string | 'throws' {
  try {
    const t = canonicalize(v);
    return t === undefined ? 'throws' : t;
  } catch {
    return 'throws';
  }
}

function ours(v: unknown): string | 'throws' {
  try {
    return canonicalJson(v);
  } catch {
    return 'throws';
  }
}

describe('canonicalJson', () => {
  it('is the canonicalize package on JSON data: keys in any order, unicode, numbers, index-like and __proto__ keys', () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom('__proto__', '0', '1', '10', '01', 'é', '\u{1F600}', 'b', 'a', 'toJSON'),
    );
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.double(),
        fc.integer(),
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'binary' }),
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 5 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
    })).value;
    fc.assert(
      fc.property(json, (v) => {
        expect(ours(v)).toBe(reference(v));
      }),
      { seed: 3, numRuns: 3000 },
    );
  });

  it('is the canonicalize package on anything else: undefined, dates, class instances, holes, lone surrogates, null prototypes', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withSparseArray: true,
          withBoxedValues: true,
          withTypedArray: true,
        }),
        (v) => {
          expect(ours(v)).toBe(reference(v));
        },
      ),
      { seed: 4, numRuns: 3000 },
    );
    for (const v of [
      { a: '\ud800' },
      ['\udc00x'],
      { x: 'a\\ud800' },
      { n: -0 },
      { n: NaN },
      [undefined],
      { u: undefined, a: 1 },
      new Date(0),
      Object.create(null),
    ])
      expect(ours(v)).toBe(reference(v));
  });

  it('takes a deep value the package can take, and refuses a cycle as the package does', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(ours(deep)).toBe(reference(deep));
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(ours(cyclic)).toBe('throws');
    expect(reference(cyclic)).toBe('throws');
  });
});
