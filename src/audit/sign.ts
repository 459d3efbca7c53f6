/**
 * Signing verdict records: an Ed25519 signature over the record hash under the domain prefix
 * `daoze-record/1\n`, and its check for `verifyRecord`. The `signature` member is outside the record hash,
 * so a record can be signed after it is sealed (`daoze check --record --sign`). Pure.
 */
import {
  RECORD_DOMAIN,
  signDigest,
  SignatureError,
  signatureShape,
  trustedKeys,
  verifyDigest,
  type PrivateKey,
  type PublicKey,
  type Signature,
} from '../sign/index.js';
import { recordHashOf, type VerdictRecord } from './record.js';

/** A verdict record with its signature. */
export type SignedRecord = VerdictRecord & { signature: Signature };

/**
 * What `verifyRecord` found about a record's signature.
 * - `verified`: signed by `keyId`, one of the trusted keys, over the record's content as it is now;
 * - `unchecked`: signed in the name of `keyId`, but no trusted keys were given, so nothing was checked;
 * - `unsigned`: no signature (not ok when trusted keys were given);
 * - `untrusted`: signed by `keyId`, which is not a trusted key;
 * - `invalid`: signed in the name of a trusted `keyId`, but the signature does not verify over the record's
 *   content: the record was changed (and perhaps re-sealed) after it was signed, or the signature is forged;
 * - `malformed`: the `signature` member is not `{ algorithm, keyId, value }`.
 */
export interface RecordSignatureCheck {
  status: 'verified' | 'unchecked' | 'unsigned' | 'untrusted' | 'invalid' | 'malformed';
  keyId?: string;
  /** One sentence for people. */
  message: string;
}

/**
 * Signs a sealed record with a private key (any earlier signature replaced). The signature covers the
 * record hash as computed from the content, so it covers everything the hash seals.
 *
 * @example
 * ```ts
 * const signed = signRecord(recordVerdict(registry, observation, { evaluatedAt }), readPrivateKey(text));
 * verifyRecord(signed, registry, { trust: [publicKey] }).signature.status; // 'verified'
 * ```
 */
export function signRecord(record: VerdictRecord, key: PrivateKey): SignedRecord {
  const { signature: _ignored, ...rest } = record as VerdictRecord & { signature?: unknown };
  return { ...rest, signature: signDigest(RECORD_DOMAIN, recordHashOf(rest), key) };
}

/**
 * Checks a record's signature. With `trust` (public keys), the record must be signed by one of them over its
 * current content; without it, a signature is reported as present and `unchecked`. Never throws on a bad
 * record or signature; a malformed trusted key is a `KeyError`, since it is the caller's input, not the record's.
 */
export function checkRecordSignature(
  record: Record<string, unknown>,
  trust?: readonly (PublicKey | string)[],
): RecordSignatureCheck {
  const sig = record.signature;
  const keys = trust ? trustedKeys(trust) : undefined;
  if (sig === undefined) {
    return keys
      ? {
          status: 'unsigned',
          message: `not signed by a trusted key: the record carries no signature (trusted: ${[...keys.keys()].join(', ') || 'none'})`,
        }
      : { status: 'unsigned', message: 'not signed' };
  }
  const shape = signatureShape(sig);
  if (typeof shape === 'string') return { status: 'malformed', message: `signature ${shape}` };
  if (!keys)
    return {
      status: 'unchecked',
      keyId: shape.keyId,
      message: `signed by ${shape.keyId} — not checked: pass --trust <key.pub> (or the trust option)`,
    };
  try {
    verifyDigest(RECORD_DOMAIN, recordHashOf(record), sig, keys, 'the record');
    return { status: 'verified', keyId: shape.keyId, message: `signed by ${shape.keyId}, a trusted key` };
  } catch (e) {
    if (!(e instanceof SignatureError)) throw e;
    const status = e.problem === 'untrusted' ? 'untrusted' : 'invalid';
    return {
      status,
      keyId: shape.keyId,
      message: `not signed by a trusted key: ${e.message.replace(/^E_SIGNATURE /, '')}`,
    };
  }
}
