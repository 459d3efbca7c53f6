/**
 * A read document as the checks see it: its data, paths into it and a locator from a path to a line and column,
 * and the size limit of a source text. No parser here, so that the checks, composition and the registry load
 * without the YAML library (the CLI's start from the build's snapshot never parses YAML); yaml.ts builds these.
 */

/** A path inside a document: object keys and array indexes. */
export type DocPath = readonly (string | number)[];

/** Parsed text: the data and a locator from paths to positions. */
export interface ParsedText {
  file: string;
  data: unknown;
  /** Line and column of the node at `path` (or of its key, when `key` is true), or of the nearest ancestor that exists. */
  locate(path: DocPath, key?: boolean): { line: number; col: number } | undefined;
  /**
   * Whether the key at `path` has no value and sits in a `{ }` flow map: what YAML makes of the text after an
   * unquoted comma (`{ zh: 每日清运,不得积存 }` gives a key `不得积存`).
   */
  flowSplit?(path: DocPath): boolean;
}

/** Largest standard or profile file we read, in characters; a guard against accidental or hostile input. */
export const MAX_TEXT_LENGTH = 2_000_000;

/** Renders a path the way authors read it: `groups[0].clauses[2].check`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}
