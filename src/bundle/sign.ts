/**
 * Signing bundles: an Ed25519 signature over the bundle's digest (SHA-256 of its canonical JSON without the
 * `signature` member), under the domain prefix `daoze-bundle/1\n`. Pure; `daoze build --sign` writes it.
 */
import { hashJson } from '../hash/index.js';
import { BUNDLE_DOMAIN, signDigest, type PrivateKey } from '../sign/index.js';
import type { Bundle } from './types.js';

/** The digest a bundle signature covers: `hashJson` of every member but `signature`. */
export function bundleDigest(bundle: Bundle | Record<string, unknown>): string {
  const { signature: _ignored, ...rest } = bundle as Record<string, unknown>;
  return hashJson(rest);
}

/**
 * The bundle, signed with a private key (any earlier signature replaced).
 *
 * @example
 * ```ts
 * const signed = signBundle(createBundle(loadRegistry().editions), readPrivateKey(readFileSync('k.key', 'utf8')));
 * readBundle(signed, { trust: [publicKeyOf(key)] });
 * ```
 */
export function signBundle(bundle: Bundle, key: PrivateKey): Bundle {
  const { signature: _ignored, ...rest } = bundle;
  return { ...rest, signature: signDigest(BUNDLE_DOMAIN, bundleDigest(rest), key) };
}
