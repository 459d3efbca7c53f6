/** Date and date-time checks for fact values and edition dates. */

/** YYYY-MM-DD that names a real day. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** An RFC 3339 date-time with a time zone (`2026-11-20T09:30:00+08:00`). */
export function isIsoDateTime(s: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
    isIsoDate(s.slice(0, 10)) &&
    !Number.isNaN(Date.parse(s))
  );
}

// The checks above as regular expressions, for the observation JSON Schema (`src/bundle/write.ts`): any JSON
// Schema validator, in any language, then accepts the same strings without a `format` plug-in. [0-9] rather
// than \d: some regex dialects let \d match other scripts' digits.
const D = '[0-9]';
/** A real Gregorian day YYYY-MM-DD (years 0000–9999, leap years by the 4/100/400 rule). */
export const DATE_PATTERN =
  `(?:${D}{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]${D}|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]${D}|30)|02-(?:0[1-9]|1${D}|2[0-8]))` +
  `|(?:${D}{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)`;
/**
 * A time with a zone as ECMAScript's `Date.parse` accepts it after the engine's shape check: hours 00–23,
 * or 24:00 (end of day) with zero seconds; seconds and 1–9 fraction digits optional; Z or ±hh:mm.
 */
export const TIME_PATTERN = `T(?:(?:[01]${D}|2[0-3]):[0-5]${D}(?::[0-5]${D}(?:\\.${D}{1,9})?)?|24:00(?::00(?:\\.0{1,9})?)?)(?:Z|[+-](?:[01]${D}|2[0-3]):[0-5]${D})`;

/**
 * `hours` after an RFC 3339 date-time, written in the same zone offset as given (`2026-11-20T09:30:00+08:00` + 24
 * → `2026-11-21T09:30:00+08:00`), so a deadline reads in the inspector's local time. Pure: no clock is read.
 */
export function addHours(dateTime: string, hours: number): string {
  const zone = /(Z|[+-]\d{2}:\d{2})$/.exec(dateTime)![1]!;
  const offsetMin =
    zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  const t = Date.parse(dateTime) + hours * 3_600_000 + offsetMin * 60_000;
  const local = new Date(t).toISOString().slice(0, 19);
  return `${local}${zone === 'Z' ? 'Z' : zone}`;
}
