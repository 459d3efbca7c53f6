/** Signed bundles (src/bundle/sign.ts, readBundle's trust): a forged bundle with recomputed hashes is refused. */
import { describe, expect, it } from 'vitest';
import {
  BundleError,
  compileEdition,
  createBundle,
  generateKeyPair,
  readBundle,
  signBundle,
  SignatureError,
  type Bundle,
  type EditionSpec,
} from '../../../src/index.js';
import { builtin } from '../../support/helpers.js';

const TOILET = 'si-jing-san-wu-liang-tong-yi-ming@1.0.0';
const A = generateKeyPair();
const B = generateKeyPair();
const unsigned = (): Bundle => JSON.parse(JSON.stringify(createBundle([builtin().get(TOILET)])));
const signed = (key = A.privateKey): Bundle => JSON.parse(JSON.stringify(signBundle(unsigned(), key)));

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

/** The forgery of issue 9: remove a clause's required evidence, and recompute the edition hash as readBundle does. */
function forge(b: Bundle): Bundle {
  const spec = b.editions[0]!.spec as EditionSpec;
  for (const f of Object.values(spec.facts)) delete (f as { evidence?: unknown }).evidence;
  b.editions[0]!.hash = compileEdition(spec).hash;
  return b;
}

describe('readBundle with trust', () => {
  it('reads a bundle signed by a trusted key and says which', () => {
    expect(readBundle(signed(), { trust: [A.publicKey] }).signedBy).toBe(A.publicKey.keyId);
    expect(readBundle(JSON.stringify(signed()), { trust: [B.publicKey, A.publicKey] }).signedBy).toBe(
      A.publicKey.keyId,
    );
  });

  it('refuses a forged bundle whose hashes were recomputed, naming the key', () => {
    const b = forge(signed());
    expect(readBundle(b, { trust: 'unsigned' }).editions).toHaveLength(1); // the content hash alone cannot tell
    const e = thrown(() => readBundle(b, { trust: [A.publicKey] })) as SignatureError;
    expect(e).toBeInstanceOf(SignatureError);
    expect(e).toMatchObject({ code: 'E_SIGNATURE', problem: 'invalid', keyId: A.publicKey.keyId });
    expect(e.message).toContain(A.publicKey.keyId);
  });

  it('refuses an unsigned bundle, one signed by an untrusted key, and a call with no trust at all', () => {
    expect(thrown(() => readBundle(unsigned(), { trust: [A.publicKey] }))).toMatchObject({
      code: 'E_SIGNATURE',
      problem: 'unsigned',
    });
    const other = thrown(() => readBundle(signed(B.privateKey), { trust: [A.publicKey] })) as SignatureError;
    expect(other).toMatchObject({ code: 'E_SIGNATURE', problem: 'untrusted', keyId: B.publicKey.keyId });
    expect(other.message).toContain(B.publicKey.keyId);
    expect(thrown(() => readBundle(signed(), undefined as never))).toMatchObject({
      code: 'E_SIGNATURE',
      problem: 'no-trust',
    });
    expect(thrown(() => readBundle(signed(), {} as never))).toMatchObject({ code: 'E_SIGNATURE', problem: 'no-trust' });
  });

  it('refuses a re-signed bundle whose signature was moved to another key id', () => {
    const b = signed(B.privateKey);
    b.signature!.keyId = A.publicKey.keyId;
    expect(thrown(() => readBundle(b, { trust: [A.publicKey] }))).toMatchObject({ problem: 'invalid' });
  });

  it('refuses a malformed signature member, or an unknown top-level member, as E_BUNDLE even under the opt-out', () => {
    for (const signature of [
      null,
      'x',
      { algorithm: 'ed25519' },
      { ...signed().signature, value: 'AA==' },
      { ...signed().signature, extra: 1 },
    ]) {
      const e = thrown(() => readBundle({ ...unsigned(), signature }, { trust: 'unsigned' }));
      expect(e, JSON.stringify(signature)).toBeInstanceOf(BundleError);
      expect((e as BundleError).issues[0]!.path).toBe('signature');
    }
    expect(
      (thrown(() => readBundle({ ...signed(), note: 1 }, { trust: [A.publicKey] })) as BundleError).issues[0]!.path,
    ).toBe('note');
  });

  it('checks the signature over the whole bundle, not only the editions', () => {
    const b = signed();
    b.engine.version = '9.9.9';
    expect(thrown(() => readBundle(b, { trust: [A.publicKey] }))).toMatchObject({ problem: 'invalid' });
  });
});
