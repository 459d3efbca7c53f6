/** Formats observed and required values for people, in Chinese or English. */
import type { FactSpec, Locale } from '../model/edition.js';
import { FACT_TYPE_DEFS, isPartialAnswer } from '../model/fact-types.js';
import { withUnit } from './units.js';

const WORDS = {
  zh: { yes: '是', no: '否', none: '未记录', and: '、', noOption: '均无', atLeast: '至少:' },
  en: { yes: 'yes', no: 'no', none: 'not recorded', and: ', ', noOption: 'none of them', atLeast: 'at least: ' },
} as const;

/**
 * Formats a fact value (as given by the inspector) as its fact type's `display` says: yes/no, its choice label,
 * a list answer's labels (a partial one as "at least: …"), or a number with its unit (in `locale`, src/result/units.ts). A value without a fact reads by its JavaScript type.
 */
export function formatFactValue(spec: FactSpec | undefined, v: unknown, locale: Locale): string {
  const w = WORDS[locale];
  if (v === undefined || v === null) return w.none;
  if (typeof v === 'boolean') return v ? w.yes : w.no;
  if (spec !== undefined && FACT_TYPE_DEFS[spec.type].display === 'choice-label') {
    return spec.choices?.find((c) => c.value === v)?.label[locale] ?? String(v);
  }
  if (spec !== undefined && FACT_TYPE_DEFS[spec.type].display === 'choice-labels') {
    const partial = isPartialAnswer(v);
    const items = partial ? v.atLeast : Array.isArray(v) ? (v as unknown[]) : undefined;
    if (items === undefined) return String(v);
    const labels = items.map((x) => spec.choices?.find((c) => c.value === x)?.label[locale] ?? String(x));
    if (!partial) return labels.length ? labels.join(w.and) : w.noOption;
    return `${w.atLeast}${labels.join(w.and)}`;
  }
  if (typeof v === 'number') return withUnit(formatNumber(v), spec?.unit, locale);
  return String(v);
}

/** A number without float noise (0.30000000000000004 → 0.3). */
export function formatNumber(n: number): string {
  // Integers have no float noise; toPrecision is slow enough to show in batch profiles.
  if (Number.isInteger(n) && Math.abs(n) < 1e12) return String(n); // at most 12 digits: toPrecision(12) keeps them all
  return String(Number(n.toPrecision(12)));
}

/** Formats a parameter value with its unit, in `locale`. */
export function formatParamValue(v: unknown, unit: string | undefined, locale: Locale): string {
  if (typeof v === 'boolean') return v ? WORDS[locale].yes : WORDS[locale].no;
  if (typeof v === 'number') return withUnit(formatNumber(v), unit, locale);
  return String(v);
}

/** Joins a list the way the locale does. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(WORDS[locale].and);
}
