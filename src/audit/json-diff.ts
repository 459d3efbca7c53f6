/** Paths and differences inside plain JSON values, for naming exactly which field of a record differs. */
import { getLocation, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** A path inside a JSON value: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

const IDENT = /^[A-Za-z_$][\w$-]*$/;

/**
 * Renders a path as people read it: `verdict.clauses[6].message`, `inputHashes["observation.facts.x"]`.
 * Keys that are not plain identifiers (kebab-case counts as plain) are quoted.
 */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** One place where two JSON values differ. `a`/`b` are absent when the key exists on one side only. */
export interface JsonDifference {
  path: JsonPath;
  a?: unknown;
  b?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Every leaf path at which two JSON values differ, in document order of `a` then keys only in `b`. Values are
 * compared as JSON: `undefined` members count as absent, as they do in JSON text and canonical hashes.
 */
export function jsonDifferences(
  a: unknown,
  b: unknown,
  path: JsonPath = [],
  out: JsonDifference[] = [],
  limit = 1000,
): JsonDifference[] {
  if (out.length >= limit) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= a.length) out.push({ path: [...path, i], b: b[i] });
      else if (i >= b.length) out.push({ path: [...path, i], a: a[i] });
      else jsonDifferences(a[i], b[i], [...path, i], out, limit);
    }
    return out;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) {
      if (a[k] === undefined) continue;
      if (!Object.hasOwn(b, k) || b[k] === undefined) out.push({ path: [...path, k], a: a[k] });
      else jsonDifferences(a[k], b[k], [...path, k], out, limit);
    }
    for (const k of Object.keys(b)) {
      if (b[k] !== undefined && (!Object.hasOwn(a, k) || a[k] === undefined)) out.push({ path: [...path, k], b: b[k] });
    }
    return out;
  }
  if (!Object.is(a, b) && !(typeof a === 'number' && typeof b === 'number' && a === b)) out.push({ path, a, b });
  return out;
}

/** The value at a path, or undefined. Reads own properties only, so `__proto__` in a path finds nothing. */
export function valueAt(value: unknown, path: JsonPath): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/**
 * The path of the value at `offset` of a JSON text, even a broken one, and where the first syntax error is (by
 * jsonc-parser, the parser of VS Code: `JSON.parse` does not always say where it stopped). A key the offset falls
 * in is left out, since it may be the broken part.
 */
export function jsonPathAt(text: string, offset: number): JsonPath {
  const loc = getLocation(text, offset);
  const prev = loc.previousNode;
  // At a key (its first character included): the key may be what broke, so name the object that holds it.
  const inKey =
    loc.isAtPropertyKey || (prev?.type === 'property' && offset >= prev.offset && offset <= prev.offset + prev.length);
  return inKey ? loc.path.slice(0, -1) : loc.path;
}

/** The offset and kind of the first syntax error of a JSON text, or undefined when it is valid JSON. */
export function jsonSyntaxError(text: string): { offset: number; error: string } | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const e = errors[0];
  return e ? { offset: e.offset, error: printParseErrorCode(e.error) } : undefined;
}
