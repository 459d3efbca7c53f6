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
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && isIsoDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s))
  );
}
