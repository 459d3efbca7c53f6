/** What every command gets: parsed options and the standards they work on. */
import type { Locale } from '../model/edition.js';
import { UsageError } from './io.js';

/** Common options. */
export interface CommonOptions {
  locale: Locale;
  /** `csv` only where a command accepts it (`check --batch`). */
  format: 'text' | 'json' | 'csv';
  /** Folder (or file) of standards; defaults to the built-in ones. */
  standards?: string;
  /** Folder of city profiles; defaults to the built-in examples. */
  profiles?: string;
}

/** Reads --locale, --format and --standards from parsed values; `formats` are what the command accepts beyond text and json. */
export function commonOptions(values: Record<string, unknown>, formats: readonly 'csv'[] = []): CommonOptions {
  const locale = (values.locale as string | undefined) ?? 'zh';
  if (locale !== 'zh' && locale !== 'en') throw new UsageError(`--locale must be zh or en, not "${locale}"`);
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json' && !(format === 'csv' && formats.includes(format))) {
    const allowed = ['text', 'json', ...formats];
    throw new UsageError(`--format must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, not "${format}"`);
  }
  return {
    locale,
    format,
    ...(values.standards ? { standards: values.standards as string } : {}),
    ...(values.profiles ? { profiles: values.profiles as string } : {}),
  };
}

/** The option definitions shared by all commands, for node:util parseArgs. */
export const COMMON_ARGS = {
  locale: { type: 'string', short: 'l' },
  format: { type: 'string', short: 'f' },
  standards: { type: 'string', short: 's' },
  profiles: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
