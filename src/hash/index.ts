/** Canonical JSON and SHA-256: the same bytes and the same hash for the same data on every machine. */
import canonicalizeJson from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Canonical JSON text of a value (RFC 8785: sorted keys, no white space, fixed number form), so that
 * key order never changes a hash.
 */
export function canonicalJson(value: unknown): string {
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
