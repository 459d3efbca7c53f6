/**
 * Ed25519 signatures for bundles and verdict records: key files, signing and verifying, synchronous and pure
 * (browser-safe: no Node built-ins), so that the SDK's synchronous `createChecklist` can check a bundle.
 *
 * What is signed is never the raw document but a domain-separated digest: the UTF-8 bytes of a prefix naming
 * the kind of document and its format (`daoze-bundle/1\n`, `daoze-record/1\n`) followed by the document's
 * SHA-256 over canonical JSON (`sha256:<hex>`). The prefix keeps a signature over a bundle from ever passing
 * as a signature over a record with the same hash text, and the other way round (docs/security.md).
 *
 * Ed25519 is @noble/ed25519 (audited, no dependencies) with @noble/hashes' SHA-512 for its synchronous API;
 * verification is strict RFC 8032 (`zip215: false`), so a signature has one valid encoding.
 */
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { DaozeError, preview } from '../errors.js';
import { parseJson } from '../input/json.js';

/** The `format` of a key file. */
export const KEY_FORMAT = 'daoze-key/1';

/** The domain prefix of a bundle signature. */
export const BUNDLE_DOMAIN = 'daoze-bundle/1\n';

/** The domain prefix of a verdict record signature. */
export const RECORD_DOMAIN = 'daoze-record/1\n';

/** A public key, as a `.pub` file holds it (JSON). */
export interface PublicKey {
  format: typeof KEY_FORMAT;
  type: 'public';
  algorithm: 'ed25519';
  /** The first 16 hex digits of the SHA-256 of the 32 public key bytes: names the key in signatures and messages. */
  keyId: string;
  /** The 32 public key bytes, base64. */
  publicKey: string;
}

/** A private key, as a `.key` file holds it (JSON, unencrypted: keep the file mode 0600). */
export interface PrivateKey extends Omit<PublicKey, 'type'> {
  type: 'private';
  /** The 32-byte Ed25519 secret seed, base64. */
  privateKey: string;
}

/** A signature inside a signed document. */
export interface Signature {
  algorithm: 'ed25519';
  /** The id of the key that made it. */
  keyId: string;
  /** The 64 signature bytes, base64. */
  value: string;
}

/** Whom to trust: public keys (parsed `.pub` files or their text), or `'unsigned'`: check no signature at all. */
export type Trust = readonly (PublicKey | string)[] | 'unsigned';

/** Why a signature check failed. */
export type SignatureProblem =
  /** The document carries no signature. */
  | 'unsigned'
  /** It is signed by a key that is not among the trusted ones. */
  | 'untrusted'
  /** It is signed in a trusted key's name, but the signature does not verify: the document was changed, or forged. */
  | 'invalid'
  /** The signature member is not `{ algorithm: "ed25519", keyId, value }`. */
  | 'malformed'
  /** No trust was given (neither keys nor `'unsigned'`). */
  | 'no-trust';

/** A document's signature does not verify under a trusted key (or it has none). Code `E_SIGNATURE`. */
export class SignatureError extends DaozeError {
  /** The key id the document names, when it names one. */
  readonly keyId?: string;
  readonly problem: SignatureProblem;
  constructor(problem: SignatureProblem, message: string, keyId?: string) {
    super('E_SIGNATURE', `E_SIGNATURE ${message}`);
    this.name = 'SignatureError';
    this.problem = problem;
    if (keyId !== undefined) this.keyId = keyId;
  }
}

/** A key file (or key value) is malformed. Code `E_KEY`. */
export class KeyError extends DaozeError {
  /** The file or label the key came from. */
  readonly file: string;
  constructor(file: string, message: string) {
    super('E_KEY', `${file}: E_KEY ${message}`);
    this.name = 'KeyError';
    this.file = file;
  }
}

// Base64 by hand (RFC 4648 §4, padded, strict): mini-program runtimes have no atob/btoa, and atob accepts
// white space and missing padding.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes to base64 (browser-safe: no Buffer, no btoa). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    s += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=';
    s += i + 2 < bytes.length ? ALPHABET[n & 63]! : '=';
  }
  return s;
}

/** Base64 to bytes, or undefined when the text is not strict base64 of exactly `length` bytes. */
export function fromBase64(text: unknown, length: number): Uint8Array | undefined {
  if (typeof text !== 'string' || !BASE64.test(text)) return undefined;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if ((text.length / 4) * 3 - pad !== length) return undefined;
  const out = new Uint8Array(length);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].reduce(
      (acc, j) => (acc << 6) | (text[i + j] === '=' ? 0 : ALPHABET.indexOf(text[i + j]!)),
      0,
    );
    for (const b of [(n >> 16) & 255, (n >> 8) & 255, n & 255]) if (o < length) out[o++] = b;
  }
  // Canonical only: the unused bits of the last character must be zero, so each key has one spelling.
  return toBase64(out) === text ? out : undefined;
}

/** The key id of 32 public key bytes: the first 16 hex digits of their SHA-256. */
export function keyIdOf(publicKey: Uint8Array): string {
  return bytesToHex(sha256(publicKey)).slice(0, 16);
}

// @noble/ed25519's synchronous functions need a synchronous SHA-512; set it before each use rather than at
// import, so that importing this module has no side effect (the package declares sideEffects: false).
function noble(): typeof ed {
  if (!ed.hashes.sha512) ed.hashes.sha512 = sha512;
  return ed;
}

/**
 * A new key pair from the platform's secure random source (`crypto.getRandomValues`).
 *
 * @example
 * ```ts
 * const { privateKey, publicKey } = generateKeyPair();
 * publicKey.keyId; // '3f9c0e51a2b47d08'
 * ```
 */
export function generateKeyPair(): { privateKey: PrivateKey; publicKey: PublicKey } {
  const seed = noble().utils.randomSecretKey();
  const pub = noble().getPublicKey(seed);
  const publicKey: PublicKey = {
    format: KEY_FORMAT,
    type: 'public',
    algorithm: 'ed25519',
    keyId: keyIdOf(pub),
    publicKey: toBase64(pub),
  };
  return { privateKey: { ...publicKey, type: 'private', privateKey: toBase64(seed) }, publicKey };
}

/** The public half of a private key, as a `.pub` file holds it. */
export function publicKeyOf(key: PrivateKey): PublicKey {
  return { format: KEY_FORMAT, type: 'public', algorithm: 'ed25519', keyId: key.keyId, publicKey: key.publicKey };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readKey(
  input: unknown,
  label: string,
  type: 'public' | 'private',
): { key: Record<string, unknown>; pub: Uint8Array; seed?: Uint8Array } {
  const value = typeof input === 'string' ? parseJson(input, label) : input;
  if (!isObject(value) || value.format !== KEY_FORMAT)
    throw new KeyError(
      label,
      `not a Daoze key file (expected format "${KEY_FORMAT}", found ${preview(isObject(value) ? value.format : value)})`,
    );
  if (value.type !== type) {
    const hint =
      value.type === 'private'
        ? ': this is a private key; give its .pub file, and keep the .key file secret'
        : value.type === 'public'
          ? ': this is a public key; signing needs the .key file'
          : '';
    throw new KeyError(label, `expected a ${type} key, found type ${preview(value.type)}${hint}`);
  }
  if (value.algorithm !== 'ed25519')
    throw new KeyError(label, `algorithm ${preview(value.algorithm)} is not supported (ed25519)`);
  const pub = fromBase64(value.publicKey, 32);
  if (!pub) throw new KeyError(label, 'publicKey must be 32 bytes in base64');
  if (value.keyId !== keyIdOf(pub))
    throw new KeyError(label, `keyId ${preview(value.keyId)} is not the id of its public key (${keyIdOf(pub)})`);
  if (type === 'public') {
    const extra = Object.keys(value).filter((k) => !['format', 'type', 'algorithm', 'keyId', 'publicKey'].includes(k));
    if (extra.length) throw new KeyError(label, `unexpected member ${preview(extra[0])} in a public key file`);
    return { key: value, pub };
  }
  const seed = fromBase64(value.privateKey, 32);
  if (!seed) throw new KeyError(label, 'privateKey must be 32 bytes in base64');
  if (bytesToHex(noble().getPublicKey(seed)) !== bytesToHex(pub))
    throw new KeyError(label, 'privateKey does not belong to publicKey');
  return { key: value, pub, seed };
}

/** Reads a public key (a parsed `.pub` file or its text); throws `KeyError` (E_KEY) naming `label` when malformed. */
export function readPublicKey(input: unknown, label = '<public key>'): PublicKey {
  const { key } = readKey(input, label, 'public');
  return {
    format: KEY_FORMAT,
    type: 'public',
    algorithm: 'ed25519',
    keyId: key.keyId as string,
    publicKey: key.publicKey as string,
  };
}

/** Reads a private key (a parsed `.key` file or its text); throws `KeyError` (E_KEY) naming `label` when malformed. */
export function readPrivateKey(input: unknown, label = '<private key>'): PrivateKey {
  const { key } = readKey(input, label, 'private');
  return {
    format: KEY_FORMAT,
    type: 'private',
    algorithm: 'ed25519',
    keyId: key.keyId as string,
    publicKey: key.publicKey as string,
    privateKey: key.privateKey as string,
  };
}

/** The key file text (JSON, two-space indented, final newline) of a key. */
export function keyFileText(key: PublicKey | PrivateKey): string {
  return `${JSON.stringify(key, null, 2)}\n`;
}

/**
 * Signs a digest under a domain: Ed25519 over the UTF-8 bytes of `domain + digest`.
 *
 * @example
 * ```ts
 * const sig = signDigest(RECORD_DOMAIN, record.recordHash, privateKey);
 * ```
 */
export function signDigest(domain: string, digest: string, key: PrivateKey): Signature {
  const { seed } = readKey(key, `key ${preview(key?.keyId)}`, 'private');
  const value = noble().sign(utf8ToBytes(domain + digest), seed!);
  return { algorithm: 'ed25519', keyId: key.keyId, value: toBase64(value) };
}

/** The trusted keys, each checked (a malformed one is `KeyError`), by key id. */
export function trustedKeys(keys: readonly (PublicKey | string)[]): Map<string, PublicKey> {
  const out = new Map<string, PublicKey>();
  keys.forEach((k, i) => {
    const key = readPublicKey(k, `trust[${i}]`);
    out.set(key.keyId, key);
  });
  return out;
}

/**
 * Checks a signature over `domain + digest` against trusted keys; returns the key id that signed. Throws
 * `SignatureError` naming the key id when the document is unsigned, signed by a key not trusted, or the
 * signature does not verify (the document changed after signing, or the signature is forged).
 * `what` names the document in messages ("the bundle", "rec.json").
 */
export function verifyDigest(
  domain: string,
  digest: string,
  signature: unknown,
  trust: readonly (PublicKey | string)[] | Map<string, PublicKey>,
  what: string,
): string {
  const keys = trust instanceof Map ? trust : trustedKeys(trust);
  const ids = [...keys.keys()].join(', ') || 'none';
  if (signature === undefined) throw new SignatureError('unsigned', `${what} is not signed; trusted keys: ${ids}`);
  const sig = signatureShape(signature);
  if (typeof sig === 'string') throw new SignatureError('malformed', `${what}: signature ${sig}`);
  const key = keys.get(sig.keyId);
  if (!key)
    throw new SignatureError(
      'untrusted',
      `${what} is signed by key ${sig.keyId}, which is not trusted (trusted keys: ${ids})`,
      sig.keyId,
    );
  const bytes = fromBase64(sig.value, 64)!;
  let ok: boolean;
  try {
    ok = noble().verify(bytes, utf8ToBytes(domain + digest), fromBase64(key.publicKey, 32)!, { zip215: false });
  } catch {
    ok = false;
  }
  if (!ok)
    throw new SignatureError(
      'invalid',
      `${what}: the signature by key ${sig.keyId} does not verify: the content was changed after it was signed, or the signature is forged`,
      sig.keyId,
    );
  return sig.keyId;
}

/** The signature if well-formed, else what is wrong with it. */
export function signatureShape(signature: unknown): Signature | string {
  if (!isObject(signature)) return `must be { algorithm, keyId, value }, found ${preview(signature)}`;
  const extra = Object.keys(signature).filter((k) => k !== 'algorithm' && k !== 'keyId' && k !== 'value');
  if (extra.length) return `has an unexpected member ${preview(extra[0])}`;
  if (signature.algorithm !== 'ed25519') return `algorithm ${preview(signature.algorithm)} is not supported (ed25519)`;
  if (typeof signature.keyId !== 'string' || !/^[0-9a-f]{16}$/.test(signature.keyId))
    return `keyId must be 16 hex digits, found ${preview(signature.keyId)}`;
  if (!fromBase64(signature.value, 64)) return `value must be 64 bytes in base64, found ${preview(signature.value)}`;
  return signature as unknown as Signature;
}
