/** The placeholder syntax of message templates: `{name}`, filled from named data (facts, parameters), never from code. */

/** Placeholders the engine fills itself: `{missing}` lists the facts still needed. */
export const BUILTIN_PLACEHOLDERS: readonly string[] = ['missing'];

const PLACEHOLDER = /\{([a-z0-9]+(?:-[a-z0-9]+)*)\}/g;

/** Each placeholder in a template, in order: `m[0]` is `{name}`, `m[1]` the name, `m.index` where it starts. */
export function placeholderMatches(template: string): IterableIterator<RegExpExecArray> {
  return template.matchAll(PLACEHOLDER);
}

/** The placeholder names a template uses. */
export function placeholdersOf(template: string): Set<string> {
  const names = new Set<string>();
  for (const m of placeholderMatches(template)) names.add(m[1]!);
  return names;
}

/** Fills a template; a name without data stays visible as `{name}` rather than vanishing. */
export function renderTemplate(template: string, data: (name: string) => string | undefined): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => data(name) ?? whole);
}

/**
 * Fills a template from a record of values (the CLI's and the batch's words, src/cli/words.ts and
 * src/batch/words.ts). Each placeholder is filled once, so a value holding `{name}` stays as it is; a name
 * without a value, or one only inherited (`{constructor}`), stays visible as `{name}`.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return renderTemplate(template, (name) => (Object.hasOwn(values, name) ? String(values[name]) : undefined));
}
