/**
 * Units in the reader's language. Fact and parameter units are written in the standards as the source prints
 * them (`只`, `级`, `m²/人`, `mg/m³`); English output shows them in English through this one table, keyed by
 * the unit as written. A unit not in the table is shown as written, in both locales.
 */
import type { Locale } from '../model/edition.js';

/** An English unit: its text, and whether it goes before the number (`grade 2`) rather than after (`2 h`). */
export interface EnglishUnit {
  /** Empty for a plain count, whose sentence already names what is counted (`1 adult flies`). */
  text: string;
  before?: boolean;
}

/** The English of each Chinese (or mixed) unit used by the standards. */
export const UNITS_EN: Readonly<Record<string, EnglishUnit>> = {
  只: { text: '' },
  个: { text: '' },
  座: { text: '' },
  处: { text: '' },
  级: { text: 'grade', before: true },
  小时: { text: 'h' },
  天: { text: 'd' },
  米: { text: 'm' },
  'm²/人': { text: 'm²/person' },
  '只/m²': { text: 'per m²' },
  '处/km': { text: 'per km' },
};

/** The unit as shown in `locale` (the English text for a Chinese unit; empty for a plain count in English). */
export function unitName(unit: string, locale: Locale): string {
  return locale === 'en' ? (Object.hasOwn(UNITS_EN, unit) ? UNITS_EN[unit]!.text : unit) : unit;
}

/** A number (already formatted) with its unit, in `locale`: `2 级`, `grade 2`, `1 只`, `1`, `1.5 mg/m³`. */
export function withUnit(n: string, unit: string | undefined, locale: Locale): string {
  if (!unit) return n;
  if (locale === 'en' && Object.hasOwn(UNITS_EN, unit)) {
    const u = UNITS_EN[unit]!;
    if (!u.text) return n;
    return u.before ? `${u.text} ${n}` : `${n} ${u.text}`;
  }
  return `${n} ${unit}`;
}
