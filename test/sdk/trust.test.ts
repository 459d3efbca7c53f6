/** The SDK's trust option: createChecklist, restore and loadBundle verify a bundle's signature before use. */
import { describe, expect, it } from 'vitest';
import {
  compileEdition,
  createBundle,
  generateKeyPair,
  keyFileText,
  signBundle,
  type Bundle,
  type EditionSpec,
} from '../../src/index.js';
import { ChecklistError, createChecklist, loadBundle, restore } from '../../sdk/index.js';
import { builtin } from '../support/helpers.js';

const TOILET = 'si-jing-san-wu-liang-tong-yi-ming';
const A = generateKeyPair();
const B = generateKeyPair();
const plain = (): Bundle => JSON.parse(JSON.stringify(createBundle([builtin().get(`${TOILET}@1.0.0`)])));
const signed = (key = A.privateKey): Bundle => JSON.parse(JSON.stringify(signBundle(plain(), key)));

function error(f: () => unknown): ChecklistError {
  try {
    f();
  } catch (e) {
    if (e instanceof ChecklistError) return e;
    throw e;
  }
  throw new Error('expected a ChecklistError');
}

/** Issue 9's forgery: `evidence.required` removed, the edition hash recomputed. */
function forge(b: Bundle): Bundle {
  const spec = b.editions[0]!.spec as EditionSpec;
  for (const f of Object.values(spec.facts)) delete (f as { evidence?: unknown }).evidence;
  b.editions[0]!.hash = compileEdition(spec).hash;
  return b;
}

describe('createChecklist({ trust })', () => {
  it('runs a checklist from a bundle signed by a trusted key (the .pub object or its text)', () => {
    const cl = createChecklist(signed(), TOILET, { trust: [A.publicKey] });
    cl.answer('flush-type', 'water-flush');
    expect(cl.answer('water-supply-ok', false).outcome).toBe('fail');
    expect(createChecklist(JSON.stringify(signed()), TOILET, { trust: [keyFileText(A.publicKey)] }).edition.ref).toBe(
      `${TOILET}@1.0.0`,
    );
    expect(loadBundle(signed(), 'zh', [B.publicKey, A.publicKey]).signedBy).toBe(A.publicKey.keyId);
  });

  it('refuses, with E_SIGNATURE naming the key, a forged, an unsigned and a foreign-signed bundle', () => {
    const forged = error(() => createChecklist(forge(signed()), TOILET, { trust: [A.publicKey], locale: 'en' }));
    expect(forged).toMatchObject({ code: 'E_SIGNATURE', keyId: A.publicKey.keyId });
    expect(forged.message).toContain(A.publicKey.keyId);
    expect(forged.text.zh).toContain('签名');
    expect(error(() => createChecklist(plain(), TOILET, { trust: [A.publicKey] })).code).toBe('E_SIGNATURE');
    const foreign = error(() => createChecklist(signed(B.privateKey), TOILET, { trust: [A.publicKey] }));
    expect(foreign).toMatchObject({ code: 'E_SIGNATURE', keyId: B.publicKey.keyId });
  });

  it('needs a trust: without one, even a signed bundle is refused, saying how to pass one', () => {
    const e = error(() => createChecklist(signed(), TOILET));
    expect(e.code).toBe('E_SIGNATURE');
    expect(e.text.en).toContain("trust: 'unsigned'");
    const saved = JSON.stringify(createChecklist(signed(), TOILET, { trust: [A.publicKey] }));
    expect(error(() => restore(signed(), saved)).code).toBe('E_SIGNATURE');
  });

  it('uses an unsigned bundle only with the explicit opt-out', () => {
    expect(createChecklist(plain(), TOILET, { trust: 'unsigned' }).edition.ref).toBe(`${TOILET}@1.0.0`);
  });

  it('checks the signature again under another trust: a cached opt-out read never lets a forged bundle past a key', () => {
    const b = forge(signed());
    expect(loadBundle(b, 'zh', 'unsigned').editions).toHaveLength(1);
    expect(error(() => createChecklist(b, TOILET, { trust: [A.publicKey] })).code).toBe('E_SIGNATURE');
    const good = signed();
    expect(loadBundle(good, 'zh', [A.publicKey])).toBe(loadBundle(good, 'zh', [A.publicKey])); // still compiled once per trust
  });

  it('refuses a malformed trusted key as E_OPTIONS naming it', () => {
    const e = error(() => createChecklist(signed(), TOILET, { trust: [{ ...A.publicKey, keyId: 'x' }] as never }));
    expect(e.code).toBe('E_OPTIONS');
    expect(e.message).toContain('trust[0]');
  });

  it('restores a saved inspection only from a trusted bundle', () => {
    const cl = createChecklist(signed(), TOILET, { trust: [A.publicKey] });
    cl.answer('flush-type', 'water-flush');
    cl.answer('water-supply-ok', false);
    const saved = JSON.stringify(cl);
    expect(restore(signed(), saved, { trust: [A.publicKey] }).verdict().outcome).toBe('fail');
    expect(error(() => restore(forge(signed()), saved, { trust: [A.publicKey] })).code).toBe('E_SIGNATURE');
  });
});
