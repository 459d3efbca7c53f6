/** Canonical JSON and SHA-256: the same bytes and the same hash for the same data on every machine. */
import canonicalizeJson from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Not plain JSON data: {@link sortedCopy} leaves the value to the `canonicalize` package. */
const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/** Keys an object lists first, in numeric order, whatever order they were added in: JSON.stringify would not keep them sorted. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/** Deeper than this, the `canonicalize` package (which walks without recursion) takes the value. */
const MAX_FAST_DEPTH = 200;

/**
 * A copy of plain JSON data (null-prototype objects, arrays, strings, finite numbers, booleans, null) with every
 * object's keys in RFC 8785 order, or NOT_PLAIN for anything else: undefined, a function, a non-finite number, a
 * class instance, an object with a key that looks like an array index, a hole, too deep a nesting.
 */
function sortedCopy(v: unknown, depth: number): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : NOT_PLAIN;
  if (typeof v !== 'object' || depth > MAX_FAST_DEPTH) return NOT_PLAIN;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = sortedCopy(v[i], depth + 1);
      if (x === NOT_PLAIN) return NOT_PLAIN;
      out[i] = x;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  // A null prototype, so that a `__proto__` key is copied as a key.
  const out = Object.create(null) as Record<string, unknown>;
  // Default sort: by UTF-16 code units, the order RFC 8785 prescribes.
  for (const k of Object.keys(v).sort()) {
    if (INDEX_KEY.test(k)) return NOT_PLAIN;
    const x = sortedCopy((v as Record<string, unknown>)[k], depth + 1);
    if (x === NOT_PLAIN) return NOT_PLAIN;
    out[k] = x;
  }
  return out;
}

/**
 * Canonical JSON text of a value (RFC 8785: sorted keys, no white space, fixed number form), so that
 * key order never changes a hash. Plain JSON data is copied with its keys sorted and written by JSON.stringify,
 * whose strings and numbers are RFC 8785's (it is how the standard defines them); anything else, and a string
 * that is not well-formed UTF-16, is left to the `canonicalize` package, which the fast way gives the same text
 * as on all plain data (test/unit/hash/index.test.ts).
 */
export function canonicalJson(value: unknown): string {
  const copy = sortedCopy(value, 0);
  // JSON.stringify writes a lone surrogate as `\udxxx` where RFC 8785 refuses it; any such escape goes the long way.
  if (copy !== NOT_PLAIN) {
    const fast = JSON.stringify(copy);
    if (!/\\u[dD][89a-fA-F]/.test(fast)) return fast;
  }
  const text = canonicalizeJson(value);
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return text;
}

/** `sha256:` followed by the hex SHA-256 of a UTF-8 string. */
export function sha256Text(text: string): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(text)))}`;
}

/** SHA-256 of a value's canonical JSON. */
export function hashJson(value: unknown): string {
  return sha256Text(canonicalJson(value));
}
