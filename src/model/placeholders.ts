/** The placeholder syntax of message templates: `{name}`, a kebab-case name filled from named data. */

/** Placeholders the engine fills itself: `{missing}` lists the facts still needed. */
export const BUILTIN_PLACEHOLDERS: readonly string[] = ['missing'];

/** A `{name}` placeholder; the name is kebab-case, like fact and parameter ids. Global: use with `matchAll`/`replace`. */
export const PLACEHOLDER = /\{([a-z0-9]+(?:-[a-z0-9]+)*)\}/g;

/** The placeholder names a template uses. */
export function placeholdersOf(template: string): Set<string> {
  const names = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) names.add(m[1]!);
  return names;
}

/** Fills a template; a name without data stays visible as `{name}` rather than vanishing. */
export function renderTemplate(template: string, data: (name: string) => string | undefined): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => data(name) ?? whole);
}
