/**
 * Editions in force: which edition of a standard governs an inspection made on a given day.
 *
 * An observation that names a bare standard id (`san-duan`) is judged by the edition that was in force on the
 * day it was made, so that a verdict never depends on when someone happens to evaluate it; `id@version` pins an
 * edition regardless of dates. Only published editions are ever in force; a draft is used only when pinned.
 *
 * An edition is in force from `effective.from` to `effective.until` (inclusive), and no longer once a published
 * edition that `supersedes` it takes effect: a new standard announces that it replaces the old one from a date,
 * and the old document is not re-issued with an end date. That is also why a published edition never needs to
 * change when its successor appears (a change would break its content hash; see docs/versioning.md).
 */
import type { Diagnostic } from '../errors.js';
import type { EditionSpec, ProfileSpec } from './edition.js';
import { compareSemver } from './semver.js';
import { isIsoDate, isIsoDateTime } from './dates.js';

/** The days an edition is in force, both ends inclusive; `until` absent means open-ended. */
export interface InForceRange {
  from: string;
  until?: string;
}

const DAY_MS = 86_400_000;

/** The day before a `YYYY-MM-DD` day. */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/**
 * The calendar day of an inspection: the date part of `observedAt` as written, that is, in the time zone the
 * inspector recorded. Effective dates are local calendar days of the issuing city, so converting to UTC first
 * would move an inspection at 00:30+08:00 onto the previous day.
 */
export function observationDay(observedAt: string): string {
  return observedAt.slice(0, 10);
}

/**
 * The day a date or date-time names, or undefined when it is neither (so that the caller can report the bad
 * value where it validates it).
 */
export function dayOf(dateOrDateTime: unknown): string | undefined {
  if (typeof dateOrDateTime !== 'string') return undefined;
  if (isIsoDate(dateOrDateTime)) return dateOrDateTime;
  return isIsoDateTime(dateOrDateTime) ? observationDay(dateOrDateTime) : undefined;
}

/**
 * When an edition is in force, given the other editions of the same standard: its effective range, cut short by
 * the earliest published edition that supersedes it. Undefined for a draft (never in force) or an edition whose
 * successor takes effect before it would.
 */
export function inForceRange(spec: EditionSpec, all: readonly EditionSpec[]): InForceRange | undefined {
  if (spec.status !== 'published') return undefined;
  const ref = `${spec.id}@${spec.version}`;
  let until = spec.effective.until;
  for (const s of all) {
    if (s.status !== 'published' || s.id !== spec.id || s.supersedes !== ref) continue;
    const end = dayBefore(s.effective.from);
    if (until === undefined || end < until) until = end;
  }
  if (until !== undefined && until < spec.effective.from) return undefined;
  return until === undefined ? { from: spec.effective.from } : { from: spec.effective.from, until };
}

/** Whether a day falls in a range. Days are `YYYY-MM-DD`, so string order is date order. */
function covers(r: InForceRange, day: string): boolean {
  return r.from <= day && (r.until === undefined || day <= r.until);
}

/**
 * The edition of standard `id` in force on `day` (`YYYY-MM-DD`), or undefined when none is. When validation has
 * passed there is at most one; should there be several, the highest version wins, so the answer is still
 * deterministic.
 */
export function editionInForce<T extends { readonly spec: EditionSpec }>(
  editions: readonly T[],
  id: string,
  day: string,
): T | undefined {
  const specs = editions.filter((e) => e.spec.id === id).map((e) => e.spec);
  let best: T | undefined;
  for (const e of editions) {
    if (e.spec.id !== id) continue;
    const r = inForceRange(e.spec, specs);
    if (r && covers(r, day) && (!best || compareSemver(e.spec.version, best.spec.version) > 0)) best = e;
  }
  return best;
}

/**
 * The entry a reference names among entries sorted by id, then version: `id@version` exactly, else the highest
 * version of `id` that `published` accepts, else its highest version.
 */
export function pickByRef<T extends { readonly id: string; readonly version: string }>(
  sorted: readonly T[],
  ref: string,
  published: (t: T) => boolean,
): T | undefined {
  if (ref.includes('@')) return sorted.find((e) => `${e.id}@${e.version}` === ref);
  const same = sorted.filter((e) => e.id === ref);
  const pub = same.filter(published);
  return (pub.length ? pub : same).at(-1);
}

/**
 * Orders editions (or profiles) by id, then by version precedence. Ids are compared by UTF-16 code unit: they are
 * lowercase ASCII (the schema's kebab-case), so no locale's collation has a say, and none is loaded (the first
 * `localeCompare` costs milliseconds of the CLI's start).
 */
export function compareEditionRefs(
  a: { readonly id: string; readonly version: string },
  b: { readonly id: string; readonly version: string },
): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : compareSemver(a.version, b.version);
}

/**
 * Resolves an edition reference among editions (compiled ones, or any with `id`, `version` and `spec`):
 * - `id@version` is that edition, whatever its dates or status (pinning);
 * - a bare `id` with a day is the published edition in force that day (effective range, cut short by a
 *   published edition that supersedes it), or undefined when none is;
 * - a bare `id` without a day is the highest published version, else the highest draft.
 */
export function resolveEdition<T extends { readonly id: string; readonly version: string; readonly spec: EditionSpec }>(
  editions: readonly T[],
  ref: string,
  on?: string,
): T | undefined {
  const day = ref.includes('@') ? undefined : dayOf(on);
  if (day !== undefined) return editionInForce(editions, ref, day);
  const sorted = [...editions].sort(compareEditionRefs);
  return pickByRef(sorted, ref, (e) => e.spec.status === 'published');
}

/** Two published editions of one standard in force on the same days. */
export interface InForceOverlap {
  id: string;
  /** The earlier version. */
  earlier: string;
  /** The later version; diagnostics point at its `effective.from`. */
  later: string;
  /** First and last day both are in force (`until` absent: open-ended). */
  from: string;
  until?: string;
}

/** Every pair of published editions of one standard that are in force on a common day. */
export function findInForceOverlaps(specs: readonly EditionSpec[]): InForceOverlap[] {
  const out: InForceOverlap[] = [];
  const ids = [...new Set(specs.map((s) => s.id))].sort();
  for (const id of ids) {
    const same = specs.filter((s) => s.id === id).sort((a, b) => compareSemver(a.version, b.version));
    const ranges = same
      .map((s) => [s, inForceRange(s, same)] as const)
      .filter((x): x is readonly [EditionSpec, InForceRange] => x[1] !== undefined);
    for (let i = 0; i < ranges.length; i++) {
      for (let j = i + 1; j < ranges.length; j++) {
        const [a, ra] = ranges[i]!;
        const [b, rb] = ranges[j]!;
        const from = ra.from > rb.from ? ra.from : rb.from;
        const until =
          ra.until === undefined
            ? rb.until
            : rb.until === undefined
              ? ra.until
              : ra.until < rb.until
                ? ra.until
                : rb.until;
        if (until !== undefined && until < from) continue;
        out.push({ id, earlier: a.version, later: b.version, from, ...(until !== undefined ? { until } : {}) });
      }
    }
  }
  return out;
}

/** An edition as read from a file, for positioned diagnostics. */
export interface EditionSource {
  spec: EditionSpec;
  /** File name for messages; defaults to `id@version`. */
  file?: string;
  /** Locator of paths in the file, from parsing it (`readEditions` passes each file's along). */
  locate?: (path: readonly (string | number)[], key?: boolean) => { line: number; col: number } | undefined;
  /** The edition's content hash, when already computed (a compiled edition carries it). */
  hash?: string;
}

/**
 * Overlapping editions as diagnostics (code `E_EFFECTIVE_OVERLAP`), each at the later edition's
 * `effective.from`, with line and column when the source has a locator.
 */
export function inForceDiagnostics(sources: readonly EditionSource[]): Diagnostic[] {
  const overlaps = findInForceOverlaps(sources.map((s) => s.spec));
  return overlaps.map((o) => {
    const src = sources.find((s) => s.spec.id === o.id && s.spec.version === o.later)!;
    const file = src.file ?? `${o.id}@${o.later}`;
    const pos = src.locate?.(['effective', 'from']);
    const days =
      o.until === undefined
        ? `from ${o.from} on`
        : o.until === o.from
          ? `on ${o.from}`
          : `from ${o.from} to ${o.until}`;
    return {
      code: 'E_EFFECTIVE_OVERLAP',
      message:
        `${o.id}@${o.later} and ${o.id}@${o.earlier} are both in force ${days}, so an inspection on those days has two editions; ` +
        `make ${o.later} supersede ${o.earlier} (supersedes: ${o.id}@${o.earlier}) or give it an effective range that does not overlap`,
      location: { file, path: 'effective.from', ...(pos ? { line: pos.line, col: pos.col } : {}) },
      value: o.from,
    };
  });
}

/**
 * When a profile is in force: its own `effective` range. The profile format requires `effective.from`; a profile
 * given as data without one is taken to be in force whenever its base is (undefined here).
 */
export function profileRange(profile: Pick<ProfileSpec, 'effective'>): InForceRange | undefined {
  const e = (profile as { effective?: ProfileSpec['effective'] }).effective;
  if (!e || typeof e.from !== 'string') return undefined;
  return e.until === undefined ? { from: e.from } : { from: e.from, until: e.until };
}

/**
 * Why a profile cannot be applied to an inspection made on `day`, or undefined when it can: the profile and its
 * base edition must both be in force that day. A profile adapts one edition for the days the city set; applied
 * outside them it would judge an inspection by a rule that did not hold when it was made. `editions` are the
 * base's standard's editions (to find when the base is superseded).
 */
export function profileNotInForce(
  profile: ProfileSpec,
  base: EditionSpec,
  editions: readonly EditionSpec[],
  day: string,
): string | undefined {
  const name = `profile ${profile.id}@${profile.version}`;
  const own = profileRange(profile);
  if (own && !covers(own, day)) {
    return `${name} is in force ${own.until === undefined ? `from ${own.from}` : `from ${own.from} to ${own.until}`}, not on ${day} (the day of observedAt)`;
  }
  const baseRef = `${base.id}@${base.version}`;
  const r = inForceRange(base, editions);
  if (!r)
    return `${name} extends ${baseRef}, which is ${base.status === 'published' ? 'superseded before it takes effect' : 'a draft'} and so never in force`;
  if (!covers(r, day)) {
    return `${name} extends ${baseRef}, which is in force ${r.until === undefined ? `from ${r.from}` : `from ${r.from} to ${r.until}`}, not on ${day} (the day of observedAt)`;
  }
  return undefined;
}
