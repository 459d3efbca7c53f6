/** Ed25519 keys and signatures (src/sign): key files, strict base64, domain separation, tampering. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BUNDLE_DOMAIN,
  RECORD_DOMAIN,
  KeyError,
  SignatureError,
  fromBase64,
  generateKeyPair,
  keyFileText,
  keyIdOf,
  publicKeyOf,
  readPrivateKey,
  readPublicKey,
  signDigest,
  toBase64,
  verifyDigest,
} from '../../../src/sign/index.js';

const A = generateKeyPair();
const B = generateKeyPair();
const DIGEST = `sha256:${'ab'.repeat(32)}`;

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('keys', () => {
  it('round-trips through its file text, and the key id is the public key hash', () => {
    expect(readPrivateKey(keyFileText(A.privateKey), 'a.key')).toEqual(A.privateKey);
    expect(readPublicKey(keyFileText(A.publicKey), 'a.pub')).toEqual(A.publicKey);
    expect(publicKeyOf(A.privateKey)).toEqual(A.publicKey);
    expect(A.publicKey.keyId).toBe(keyIdOf(fromBase64(A.publicKey.publicKey, 32)!));
    expect(A.publicKey.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(A.publicKey.keyId).not.toBe(B.publicKey.keyId);
  });

  it('refuses malformed key files with E_KEY naming the file', () => {
    const cases: unknown[] = [
      '{',
      '{"format":"daoze-key/1","format":"x"}',
      {},
      { ...A.publicKey, type: 'private' },
      { ...A.publicKey, algorithm: 'rsa' },
      { ...A.publicKey, keyId: B.publicKey.keyId },
      { ...A.publicKey, publicKey: 'AAAA' },
      { ...A.publicKey, publicKey: `${A.publicKey.publicKey} ` },
      { ...A.publicKey, extra: 1 },
      A.privateKey, // a private key where a public one is wanted: refused, with a hint to keep it secret
    ];
    for (const c of cases) {
      const e = thrown(() => readPublicKey(c, 'k.pub'));
      expect(e, JSON.stringify(c)).toBeInstanceOf(Error);
      expect((e as { code: string }).code, JSON.stringify(c)).toMatch(/^E_(KEY|JSON|DUPLICATE_KEY)$/);
      expect((e as Error).message).toContain('k.pub');
    }
    expect((thrown(() => readPublicKey(A.privateKey, 'k.pub')) as Error).message).toContain(
      'keep the .key file secret',
    );
    // A private key whose seed belongs to another public key.
    expect(
      thrown(() => readPrivateKey({ ...A.privateKey, privateKey: B.privateKey.privateKey }, 'k.key')),
    ).toBeInstanceOf(KeyError);
  });
});

describe('signatures', () => {
  it('verify under the signing key and name it', () => {
    const sig = signDigest(BUNDLE_DOMAIN, DIGEST, A.privateKey);
    expect(sig.keyId).toBe(A.publicKey.keyId);
    expect(verifyDigest(BUNDLE_DOMAIN, DIGEST, sig, [A.publicKey], 'x')).toBe(A.publicKey.keyId);
    // Several trusted keys (a rotation): any one of them.
    expect(verifyDigest(BUNDLE_DOMAIN, DIGEST, sig, [B.publicKey, keyFileText(A.publicKey)], 'x')).toBe(
      A.publicKey.keyId,
    );
  });

  it('refuse another digest, another domain, an untrusted key, a forged key id and no signature, each naming the key', () => {
    const sig = signDigest(BUNDLE_DOMAIN, DIGEST, A.privateKey);
    const problem = (f: () => unknown) => {
      const e = thrown(f);
      expect(e).toBeInstanceOf(SignatureError);
      return e as SignatureError;
    };
    expect(
      problem(() => verifyDigest(BUNDLE_DOMAIN, DIGEST.replace('ab', 'ac'), sig, [A.publicKey], 'x')),
    ).toMatchObject({
      problem: 'invalid',
      keyId: A.publicKey.keyId,
      code: 'E_SIGNATURE',
    });
    // Domain separation: a bundle signature is not a record signature over the same digest.
    expect(problem(() => verifyDigest(RECORD_DOMAIN, DIGEST, sig, [A.publicKey], 'x')).problem).toBe('invalid');
    const untrusted = problem(() => verifyDigest(BUNDLE_DOMAIN, DIGEST, sig, [B.publicKey], 'x'));
    expect(untrusted).toMatchObject({ problem: 'untrusted', keyId: A.publicKey.keyId });
    expect(untrusted.message).toContain(A.publicKey.keyId);
    // B's signature relabelled as A's.
    const forged = { ...signDigest(BUNDLE_DOMAIN, DIGEST, B.privateKey), keyId: A.publicKey.keyId };
    expect(problem(() => verifyDigest(BUNDLE_DOMAIN, DIGEST, forged, [A.publicKey], 'x')).problem).toBe('invalid');
    expect(problem(() => verifyDigest(BUNDLE_DOMAIN, DIGEST, undefined, [A.publicKey], 'x')).problem).toBe('unsigned');
    expect(
      problem(() => verifyDigest(BUNDLE_DOMAIN, DIGEST, { ...sig, value: 'AAAA' }, [A.publicKey], 'x')).problem,
    ).toBe('malformed');
  });

  it('never verify a signature with any one bit flipped', () => {
    const sig = signDigest(RECORD_DOMAIN, DIGEST, A.privateKey);
    const bytes = fromBase64(sig.value, 64)!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 511 }), (bit) => {
        const b = bytes.slice();
        b[bit >> 3]! ^= 1 << (bit & 7);
        expect(() => verifyDigest(RECORD_DOMAIN, DIGEST, { ...sig, value: toBase64(b) }, [A.publicKey], 'x')).toThrow(
          SignatureError,
        );
      }),
      { seed: 9, numRuns: 200 },
    );
  });
});

describe('base64', () => {
  it('agrees with Node’s encoder and accepts only the canonical spelling of the expected length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        const t = toBase64(b);
        expect(t).toBe(Buffer.from(b).toString('base64'));
        expect(fromBase64(t, b.length)).toEqual(b);
        expect(fromBase64(t, b.length + 1)).toBeUndefined();
      }),
      { seed: 4, numRuns: 300 },
    );
    expect(fromBase64('AB==', 1)).toBeUndefined(); // non-zero unused bits
    expect(fromBase64('AA=', 1)).toBeUndefined();
  });
});
