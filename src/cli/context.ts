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

/** Every output format a command can support. */
export type Format = CommonOptions['format'];

/** Formats a command supports when it does not say: text, and JSON for scripts. */
export const DEFAULT_FORMATS: readonly Format[] = ['text', 'json'];

/** Reads --locale, --format and --standards from parsed values; `formats` are the formats the command supports (any other is a usage error). */
export function commonOptions(
  values: Record<string, unknown>,
  formats: readonly Format[] = DEFAULT_FORMATS,
): CommonOptions {
  const locale = (values.locale as string | undefined) ?? 'zh';
  if (locale !== 'zh' && locale !== 'en') throw new UsageError('usage.locale', { value: locale });
  const format = (values.format as string | undefined) ?? 'text';
  if (!(formats as readonly string[]).includes(format)) {
    throw formats.length === 1
      ? new UsageError('usage.formatOnly', { format: formats[0]!, value: format })
      : new UsageError('usage.formatOneOf', {
          formats: formats.slice(0, -1).join(', '),
          last: formats.at(-1)!,
          value: format,
        });
  }
  return {
    locale,
    format: format as Format,
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
  // Read before parsing (main.ts), so that colour is set even for a parse error; declared so that both parse.
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const;
