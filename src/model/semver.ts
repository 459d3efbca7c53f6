/**
 * Edition versions by semver.org: their grammar (§2, §9, §10) and their ordering by §11 precedence, written here so that the browser SDK, which resolves
 * editions in force, carries no CommonJS dependency for one comparison (test/unit/model/semver.test.ts checks it
 * against the `semver` package).
 */

/** A numeric identifier as §2 and §9 define it: digits, no leading zero. */
const NUMERIC = /^(0|[1-9]\d*)$/;

/** Compares two strings of digits as numbers, exactly, whatever their length. */
function compareDigits(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two pre-release identifiers (§11.4.1–3): numbers numerically, below any alphanumeric, which compare in ASCII order. */
function compareIdentifier(a: string, b: string): number {
  const an = NUMERIC.test(a);
  const bn = NUMERIC.test(b);
  if (an && bn) return compareDigits(a, b);
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares two versions (`1.2.3`, `2.0.0-rc.1`): negative if a < b, 0 if equal, positive if a > b. Build metadata
 * (`+…`) is ignored (§10). Total on any `major.minor.patch[-pre]` string the edition schema accepts, including ones
 * the `semver` package rejects (`1.0.0-01`), which it orders as alphanumeric identifiers rather than throwing.
 *
 * @example
 * ```ts
 * ['1.10.0', '1.2.0', '1.2.0-rc.1'].sort(compareSemver);   // ['1.2.0-rc.1', '1.2.0', '1.10.0']
 * ```
 */
export function compareSemver(a: string, b: string): number {
  const [coreA = '', preA] = splitVersion(a);
  const [coreB = '', preB] = splitVersion(b);
  const partsA = coreA.split('.');
  const partsB = coreB.split('.');
  for (let i = 0; i < 3; i++) {
    const c = compareDigits(partsA[i] ?? '0', partsB[i] ?? '0');
    if (c !== 0) return Math.sign(c);
  }
  // §11.3: a version with a pre-release has lower precedence than the same version without one.
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  const idsA = preA.split('.');
  const idsB = preB.split('.');
  for (let i = 0; i < Math.min(idsA.length, idsB.length); i++) {
    const c = compareIdentifier(idsA[i]!, idsB[i]!);
    if (c !== 0) return Math.sign(c);
  }
  // §11.4.4: a larger set of pre-release fields has higher precedence when all the preceding ones are equal.
  return Math.sign(idsA.length - idsB.length);
}

/** The version's `major.minor.patch` and its pre-release (undefined when there is none), build metadata dropped. */
function splitVersion(v: string): [string, string | undefined] {
  const plus = v.indexOf('+');
  const noBuild = plus < 0 ? v : v.slice(0, plus);
  const dash = noBuild.indexOf('-');
  return dash < 0 ? [noBuild, undefined] : [noBuild.slice(0, dash), noBuild.slice(dash + 1)];
}

/** The grammar of a version (semver.org's own expression): major.minor.patch, an optional pre-release, optional build metadata. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/**
 * The numbers of a version, or undefined when it is not one by semver.org's grammar (`1.0`, `01.0.0` and
 * `1.0.0-01` are not) or a number is above 2^53 − 1 (as the `semver` package has it; test/unit/model/semver.test.ts
 * compares the two).
 */
export function semverParts(v: string): { major: number; minor: number; patch: number } | undefined {
  const m = SEMVER.exec(v);
  if (!m) return undefined;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (![major, minor, patch].every(Number.isSafeInteger)) return undefined;
  return { major, minor, patch };
}
