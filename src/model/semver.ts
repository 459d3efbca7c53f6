/** Edition version ordering, by the semver package (semver.org §11 precedence). */
import semverCompare from 'semver/functions/compare.js';

/** Compares two versions: negative if a < b, 0 if equal, positive if a > b. */
export function compareSemver(a: string, b: string): number {
  return semverCompare(a, b);
}
