/** `checkObservation` (src/audit/check.ts): the verdict shown, and the record sealed, profiled and signed as `daoze check --record` makes it. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkObservation,
  generateKeyPair,
  ObservationError,
  RecordError,
  verifyRecord,
  type Observation,
  type SignedRecord,
} from '../../../src/index.js';
import { builtin } from '../../support/helpers.js';

const root = join(__dirname, '..', '..', '..');
const read = (name: string) =>
  JSON.parse(readFileSync(join(root, 'examples/observations', name), 'utf8')) as Observation;
const TOILET = read('01-toilet-ammonia-high.json');
const SNOW = read('04-snow-a-class-30h.json');
const AT = '2026-11-20T10:00:00+08:00';

describe('checkObservation', () => {
  it('without record: the verdict the registry gives, and no record', () => {
    const r = checkObservation(builtin(), TOILET, { locale: 'en', evaluatedAt: AT });
    expect(r.record).toBeUndefined();
    expect(r.verdict).toEqual(builtin().evaluate(TOILET, { locale: 'en', trace: true, evaluatedAt: AT }));
    expect(r.verdict.outcome).toBe('fail');
  });

  it('trace false leaves the traces out of the verdict shown, never out of the record', () => {
    const r = checkObservation(builtin(), TOILET, { locale: 'zh', trace: false, evaluatedAt: AT, record: true });
    expect(r.verdict.clauses.every((c) => c.trace === undefined)).toBe(true);
    expect(r.record!.verdict.clauses.every((c) => c.trace !== undefined)).toBe(true);
    expect(verifyRecord(JSON.parse(JSON.stringify(r.record)), builtin()).ok).toBe(true);
  });

  it('the record names the profile in its observation, so that it replays without being told', () => {
    const r = checkObservation(builtin(), SNOW, {
      locale: 'en',
      profile: 'example-city-snow@1.0.0',
      evaluatedAt: AT,
      record: true,
    });
    expect(r.record!.observation.profile).toBe('example-city-snow@1.0.0');
    expect(r.record!.profile?.id).toBe('example-city-snow');
    expect(r.verdict.profile?.id).toBe('example-city-snow');
    expect(r.record!.outcome).toBe(r.verdict.outcome);
    expect(verifyRecord(JSON.parse(JSON.stringify(r.record)), builtin()).ok).toBe(true);
    // The observation handed in is not changed.
    expect(SNOW.profile).toBeUndefined();
  });

  it('signs the record with the key given; the signature verifies under that key only', () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    const r = checkObservation(builtin(), TOILET, { locale: 'zh', evaluatedAt: AT, record: true, sign: a.privateKey });
    const signed = JSON.parse(JSON.stringify(r.record)) as SignedRecord;
    expect(signed.signature.keyId).toBe(a.publicKey.keyId);
    expect(verifyRecord(signed, builtin(), { trust: [a.publicKey] }).signature.status).toBe('verified');
    expect(verifyRecord(signed, builtin(), { trust: [b.publicKey] }).ok).toBe(false);
    // A key without `record` signs nothing.
    expect(
      checkObservation(builtin(), TOILET, { locale: 'zh', evaluatedAt: AT, sign: a.privateKey }).record,
    ).toBeUndefined();
  });

  it('a record without an evaluation time is a RecordError; a bad observation is an ObservationError', () => {
    expect(() => checkObservation(builtin(), TOILET, { locale: 'en', record: true })).toThrow(RecordError);
    const bad = { ...TOILET, facts: { ...TOILET.facts, 'adult-fly-count': 'many' } };
    expect(() => checkObservation(builtin(), bad, { locale: 'en', evaluatedAt: AT, record: true })).toThrow(
      ObservationError,
    );
    expect(() => checkObservation(builtin(), bad, { locale: 'en' })).toThrow(ObservationError);
  });
});
