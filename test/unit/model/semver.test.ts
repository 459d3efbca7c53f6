/** compareSemver against the `semver` package's precedence, on versions both accept, and as a total order on all the schema accepts. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import semverCompare from 'semver/functions/compare.js';
import semverValid from 'semver/functions/valid.js';
import semverParse from 'semver/functions/parse.js';
import { compareSemver, semverParts } from '../../../src/model/semver.js';

const SCHEMA = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/; // schema/edition.schema.json $defs.semver
const num = fc.oneof(
  fc.constantFrom('0', '1', '2', '9', '10', '11'),
  fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
);
const ident = fc.oneof(
  num,
  fc.constantFrom('alpha', 'beta', 'rc', 'A', 'a', 'Z', '-', '-x', '1a', 'a1', '01', '0a', 'x-y'),
);
const version = fc
  .tuple(num, num, num, fc.option(fc.array(ident, { minLength: 1, maxLength: 4 }), { nil: undefined }))
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre.join('.')}` : ''}`);
const sign = (n: number) => Math.sign(n) || 0;

describe('compareSemver', () => {
  it('orders as the semver package does, wherever semver accepts both versions', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        fc.pre(
          semverValid(a) !== null &&
            semverValid(b) !== null &&
            BigInt(a.split('.')[0]!) < BigInt(Number.MAX_SAFE_INTEGER),
        );
        expect(sign(compareSemver(a, b))).toBe(sign(semverCompare(a, b)));
      }),
      { seed: 12, numRuns: 1000 },
    );
  });

  it('is a total order on every version the edition schema accepts (antisymmetric, transitive, never throws)', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        fc.pre(SCHEMA.test(a) && SCHEMA.test(b) && SCHEMA.test(c));
        expect(sign(compareSemver(a, b))).toBe(-sign(compareSemver(b, a)));
        if (compareSemver(a, b) <= 0 && compareSemver(b, c) <= 0) expect(compareSemver(a, c)).toBeLessThanOrEqual(0);
        expect(compareSemver(a, a)).toBe(0);
      }),
      { seed: 12, numRuns: 1000 },
    );
  });

  it('follows the examples of semver.org §11', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0',
      '2.1.0',
      '2.1.1',
      '10.0.0',
    ];
    expect([...ordered].reverse().sort(compareSemver)).toEqual(ordered);
    expect(compareSemver('1.0.0+build.5', '1.0.0')).toBe(0);
    expect(compareSemver('1.0.0-01', '1.0.0-1')).toBeGreaterThan(0); // '01' is not numeric (§9): alphanumeric, above numbers
  });
});

describe('semverParts', () => {
  it('accepts what the semver package parses and gives the same numbers; refuses what it refuses', () => {
    const anyVersion = fc.oneof(
      version,
      version.map((v) => `${v}+build.1`),
      fc.constantFrom('1.0', '01.0.0', '1.0.0-', '1.0.0-a..b', '1.0.0+', 'x.y.z', ''),
    );
    fc.assert(
      fc.property(anyVersion, (v) => {
        const theirs = semverParse(v);
        const ours = semverParts(v);
        expect(ours).toEqual(theirs ? { major: theirs.major, minor: theirs.minor, patch: theirs.patch } : undefined);
      }),
      { seed: 12, numRuns: 2000 },
    );
  });
});
