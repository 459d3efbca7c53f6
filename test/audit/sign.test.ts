/** Signed verdict records (src/audit/sign.ts): signRecord, and verifyRecord's trust option. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateKeyPair,
  recordHashOf,
  recordVerdict,
  signRecord,
  verifyRecord,
  type Observation,
  type VerdictRecord,
} from '../../src/index.js';
import { builtin } from '../support/helpers.js';

const root = join(__dirname, '..', '..');
const OBS = JSON.parse(
  readFileSync(join(root, 'examples/observations/01-toilet-ammonia-high.json'), 'utf8'),
) as Observation;
const AT = '2026-11-20T10:00:00+08:00';
const A = generateKeyPair();
const B = generateKeyPair();
const record = (obs: Observation = OBS): VerdictRecord => recordVerdict(builtin(), obs, { evaluatedAt: AT });

describe('signed records', () => {
  it('verify under a trusted key, naming it; the signature is outside the record hash', () => {
    const r = record();
    const s = signRecord(r, A.privateKey);
    expect(s.recordHash).toBe(r.recordHash);
    expect(recordHashOf(s)).toBe(r.recordHash);
    const report = verifyRecord(JSON.parse(JSON.stringify(s)), builtin(), { trust: [A.publicKey] });
    expect(report).toMatchObject({
      ok: true,
      intact: true,
      reproduces: true,
      signature: { status: 'verified', keyId: A.publicKey.keyId },
    });
    expect(report.differences).toEqual([]);
    // Several trusted keys during a rotation.
    expect(verifyRecord(s, builtin(), { trust: [B.publicKey, A.publicKey] }).signature.status).toBe('verified');
  });

  it('without trusted keys: the signature is reported as present and not checked', () => {
    const report = verifyRecord(signRecord(record(), A.privateKey), builtin());
    expect(report.ok).toBe(true);
    expect(report.signature).toMatchObject({ status: 'unchecked', keyId: A.publicKey.keyId });
    expect(report.signature.message).toContain('not checked');
    expect(verifyRecord(record(), builtin()).signature.status).toBe('unsigned');
  });

  it('a re-sealed record — altered, re-hashed, with the old signature — is not signed by a trusted key', () => {
    const original = signRecord(record(), A.privateKey);
    // The forger changes the ammonia reading and re-seals the record with Daoze: intact and reproducible.
    const resealed = {
      ...record({ ...OBS, facts: { ...OBS.facts, 'ammonia-mg-m3': 0.5 } }),
      signature: original.signature,
    };
    expect(verifyRecord(resealed, builtin())).toMatchObject({
      ok: true,
      intact: true,
      signature: { status: 'unchecked' },
    });
    const report = verifyRecord(resealed, builtin(), { trust: [A.publicKey] });
    expect(report.ok).toBe(false);
    expect(report.intact).toBe(true);
    expect(report.signature).toMatchObject({ status: 'invalid', keyId: A.publicKey.keyId });
    expect(report.signature.message).toMatch(/^not signed by a trusted key/);
  });

  it('an unsigned record, one signed by another key, and a malformed signature fail under trust', () => {
    expect(verifyRecord(record(), builtin(), { trust: [A.publicKey] })).toMatchObject({
      ok: false,
      signature: { status: 'unsigned' },
    });
    expect(verifyRecord(signRecord(record(), B.privateKey), builtin(), { trust: [A.publicKey] })).toMatchObject({
      ok: false,
      signature: { status: 'untrusted', keyId: B.publicKey.keyId },
    });
    const bad = {
      ...signRecord(record(), A.privateKey),
      signature: { algorithm: 'ed25519', keyId: A.publicKey.keyId, value: 'x' },
    };
    expect(verifyRecord(bad, builtin(), { trust: [A.publicKey] })).toMatchObject({
      ok: false,
      signature: { status: 'malformed' },
    });
  });

  it('a change after signing is named as before, and the signature no longer verifies', () => {
    const s = signRecord(record(), A.privateKey);
    const altered = JSON.parse(JSON.stringify(s).replace('"ammonia-mg-m3":1.5', '"ammonia-mg-m3":0.5'));
    const report = verifyRecord(altered, builtin(), { trust: [A.publicKey] });
    expect(report.ok).toBe(false);
    expect(report.altered[0]!.field).toBe('observation.facts.ammonia-mg-m3');
    expect(report.signature.status).toBe('invalid');
  });
});
