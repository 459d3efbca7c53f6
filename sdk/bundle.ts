/** Reading a bundle for the SDK: its signature checked under the caller's trust, compiled once per bundle object and trust. */
import {
  BundleError,
  KeyError,
  readBundle,
  SignatureError,
  type LoadedBundle,
  type Locale,
  type Trust,
} from '../src/index.js';
import { ChecklistError } from './errors.js';
import { fill, MESSAGES } from './messages.js';
import type { BundleInput } from './types.js';

// Compiled bundles by bundle object, and by the trust they were accepted under: a bundle accepted under one
// trust is checked again under another (a cached 'unsigned' read never lets a bundle past a key check).
const loadedBundles = new WeakMap<object, Map<string, LoadedBundle>>();

function isLoaded(b: unknown): b is LoadedBundle {
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof (b as LoadedBundle).find === 'function' &&
    Array.isArray((b as LoadedBundle).editions)
  );
}

function trustKey(trust: Trust | undefined): string | undefined {
  if (trust === 'unsigned') return 'unsigned';
  if (!Array.isArray(trust)) return undefined;
  try {
    return JSON.stringify(trust);
  } catch {
    return undefined;
  }
}

/**
 * Reads a bundle once: its signature is checked against `trust`, it is compiled and its hashes checked on
 * first use, and kept for the life of the bundle object (per trust), so that every checklist made from it
 * shares the compiled editions. A bundle given as JSON text is read on every call: parse it once and pass
 * the object, or pass what this returns. A bundle that is already loaded is returned as it is.
 *
 * @example
 * ```ts
 * const loaded = loadBundle(bundle, 'zh', [publicKey]);   // publicKey: the parsed .pub file of `daoze keygen`
 * loaded.signedBy;                                        // its key id
 * ```
 */
export function loadBundle(bundle: BundleInput, locale: Locale = 'zh', trust?: Trust): LoadedBundle {
  if (isLoaded(bundle)) return bundle;
  const key = trustKey(trust);
  const cached =
    typeof bundle === 'object' && bundle !== null && key !== undefined
      ? loadedBundles.get(bundle)?.get(key)
      : undefined;
  if (cached) return cached;
  try {
    const lb = readBundle(bundle, { trust: trust as Trust });
    if (typeof bundle === 'object' && bundle !== null && key !== undefined) {
      const byTrust = loadedBundles.get(bundle) ?? new Map<string, LoadedBundle>();
      byTrust.set(key, lb);
      loadedBundles.set(bundle, byTrust);
    }
    return lb;
  } catch (e) {
    if (e instanceof BundleError)
      throw new ChecklistError('E_BUNDLE', fill(MESSAGES.bundle, { detail: e.message }), locale, { issues: e.issues });
    if (e instanceof SignatureError) {
      throw new ChecklistError(
        'E_SIGNATURE',
        fill(MESSAGES.signature, { detail: e.message }),
        locale,
        e.keyId !== undefined ? { keyId: e.keyId } : {},
      );
    }
    if (e instanceof KeyError)
      throw new ChecklistError('E_OPTIONS', fill(MESSAGES.options, { detail: `trust: ${e.message}` }), locale);
    throw e;
  }
}
