/** Paths and differences inside plain JSON values, for naming exactly which field of a record differs. */

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
export function jsonDifferences(a: unknown, b: unknown, path: JsonPath = [], out: JsonDifference[] = [], limit = 1000): JsonDifference[] {
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
 * The path of the value being read at `offset` of a JSON text, even a broken one: where a JSON syntax error
 * was found, this names the field the text broke in. Scans the text up to the offset, tracking the open
 * objects (with their current key) and arrays (with their current index).
 */
export function jsonPathAt(text: string, offset: number): JsonPath {
  type Frame = { kind: 'object'; key?: string; expectKey: boolean } | { kind: 'array'; index: number };
  const stack: Frame[] = [];
  let i = 0;
  const end = Math.min(offset, text.length);
  while (i < end) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      // A string running past the offset: the offset is inside it. Inside a key, the key is not known yet.
      if (j >= end) break;
      if (top?.kind === 'object' && top.expectKey) {
        try {
          top.key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          top.key = text.slice(i + 1, j);
        }
        top.expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (ch === '{') stack.push({ kind: 'object', expectKey: true });
    else if (ch === '[') stack.push({ kind: 'array', index: 0 });
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'array') top.index++;
      else if (top?.kind === 'object') {
        top.expectKey = true;
        delete top.key;
      }
    }
    i++;
  }
  const path: (string | number)[] = [];
  for (const f of stack) {
    if (f.kind === 'array') path.push(f.index);
    else if (f.key !== undefined) path.push(f.key);
    else break;
  }
  return path;
}
