/** versionBump against the `semver` package: the same bump on every pair of versions it parses, 'none' when it does not. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import semverParse from 'semver/functions/parse.js';
import { versionBump } from '../../../src/audit/diff.js';

const num = fc.oneof(
  fc.constantFrom('0', '1', '2', '9', '10'),
  fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
  fc.constant('01'),
);
const version = fc
  .tuple(
    num,
    num,
    num,
    fc.option(fc.array(fc.constantFrom('alpha', 'rc', '1', '2', '01', 'x-y'), { minLength: 1, maxLength: 3 }), {
      nil: undefined,
    }),
  )
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre.join('.')}` : ''}`);

/** The bump as it was computed with the semver package. */
function reference(from: string, to: string): string {
  const a = semverParse(from);
  const b = semverParse(to);
  if (!a || !b) return 'none';
  const cmp = b.compare(a);
  if (cmp < 0) return 'downgrade';
  if (cmp === 0) return 'none';
  if (b.major !== a.major) return 'major';
  if (b.minor !== a.minor) return 'minor';
  return 'patch';
}

describe('versionBump', () => {
  it('names the bump the semver package would, on any two versions', () => {
    fc.assert(
      fc.property(
        fc.oneof(version, fc.constantFrom('1.0.0', '1.0.1', '1.1.0', '2.0.0-rc.1')),
        fc.oneof(version, fc.constantFrom('1.0.0', '1.0.1', '2.0.0')),
        (a, b) => {
          expect(versionBump(a, b)).toBe(reference(a, b));
        },
      ),
      { seed: 7, numRuns: 2000 },
    );
  });
});
