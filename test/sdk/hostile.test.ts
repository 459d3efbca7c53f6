/**
 * The checklist SDK with hostile values: evidence that does not back a fact settles nothing, deep values are
 * typed errors, and `restore` refuses a saved inspection it would otherwise have to repair.
 */
import { describe, expect, it } from 'vitest';
import { createBundle, type Bundle } from '../../src/index.js';
import { ChecklistError, createChecklist, restore, type ChecklistSnapshot } from '../../sdk/index.js';
import { builtin } from '../support/helpers.js';

// Pinned: these answers are 1.0.0's facts (2.0.0 replaced the odour grade).
const TOILET = 'si-jing-san-wu-liang-tong-yi-ming@1.0.0';
const BUNDLE = JSON.parse(JSON.stringify(createBundle(builtin().editions))) as Bundle;
// Built here, unsigned: these tests are about values, not trust (test/sdk/trust.test.ts is).
const U = { trust: 'unsigned' } as const;

function deep(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function caught(f: () => unknown): ChecklistError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ChecklistError);
    const c = e as ChecklistError;
    // Both languages filled in, no placeholder left.
    expect(c.text.zh).not.toMatch(/\{[a-z]+\}/);
    expect(c.text.en).not.toMatch(/\{[a-z]+\}/);
    expect(c.text.zh).not.toBe(c.text.en);
    return c;
  }
  throw new Error('expected a ChecklistError');
}

const ready = () => {
  const cl = createChecklist(BUNDLE, TOILET, U);
  cl.answer('toilet-class', 'class-2');
  cl.answer('odour-grade', 1);
  return cl;
};

describe('evidence in the SDK', () => {
  it('wrong-kind or blank evidence does not settle a reading that needs evidence', () => {
    const cl = ready();
    expect(cl.answer('ammonia-mg-m3', 0.5, [{ kind: 'gps', ref: 'fix/1' }]).changes).toEqual([]);
    expect(cl.item('ammonia-mg-m3')).toMatchObject({ awaitingEvidence: true });
    expect(cl.progress().needed.find((m) => m.fact === 'ammonia-mg-m3')).toMatchObject({
      reason: 'wrong-evidence-kind',
      evidence: ['measurement'],
    });
    expect(cl.answer('ammonia-mg-m3', 0.5, [{ kind: 'measurement', ref: '  ' }]).changes).toEqual([]);
    expect(cl.progress().needed.find((m) => m.fact === 'ammonia-mg-m3')).toMatchObject({
      reason: 'empty-evidence-ref',
    });
    expect(cl.verdict().clauses.find((c) => c.clause === 'no-odour')!.outcome).toBe('indeterminate');
    expect(
      cl
        .answer('ammonia-mg-m3', 0.5, [{ kind: 'measurement', ref: 'meter/1.csv' }])
        .changes.map((c) => [c.clause, c.to]),
    ).toEqual([['no-odour', 'pass']]);
    expect(cl.item('ammonia-mg-m3').awaitingEvidence).toBe(false);
  });

  it('a restored session judges its evidence by the same rule', () => {
    const cl = ready();
    cl.answer('ammonia-mg-m3', 0.5, [{ kind: 'photo', ref: 'p.jpg' }]);
    const again = restore(BUNDLE, JSON.stringify(cl), U);
    expect(again.item('ammonia-mg-m3').awaitingEvidence).toBe(true);
  });
});

describe('deep values in the SDK', () => {
  it('a deep answer or deep evidence is a ChecklistError, and the session is unchanged', () => {
    const cl = ready();
    const before = cl.revision;
    expect(caught(() => cl.answer('ammonia-mg-m3', deep(100_000))).code).toBe('E_VALUE');
    expect(
      caught(() => cl.answer('ammonia-mg-m3', 0.5, [{ kind: 'measurement', ref: deep(100_000) }] as never)).code,
    ).toBe('E_EVIDENCE');
    expect(cl.revision).toBe(before);
  });

  it('a deep subject or observer is E_OPTIONS', () => {
    expect(
      caught(() => createChecklist(BUNDLE, TOILET, { ...U, subject: { id: 'x', name: deep(100_000) } as never })).code,
    ).toBe('E_OPTIONS');
    expect(caught(() => createChecklist(BUNDLE, TOILET, { ...U, observer: { id: deep(100_000) } as never })).code).toBe(
      'E_OPTIONS',
    );
    expect(caught(() => createChecklist(BUNDLE, deep(100_000) as never, U)).code).toBe('E_NOT_FOUND');
  });
});

describe('restore refuses what it would have to repair', () => {
  const saved = (): ChecklistSnapshot => JSON.parse(JSON.stringify(ready())) as ChecklistSnapshot;
  const refuses = (snapshot: unknown, pattern: RegExp) => {
    const e = caught(() => restore(BUNDLE, snapshot, U));
    expect(e.code).toBe('E_SNAPSHOT');
    expect(e.text.en).toMatch(pattern);
    return e;
  };

  it('accepts what toJSON wrote, as object or text', () => {
    expect(restore(BUNDLE, saved(), U).revision).toBe(2);
    expect(restore(BUNDLE, JSON.stringify(saved()), U).revision).toBe(2);
  });

  it('a negative, fractional or missing revision', () => {
    for (const revision of [-1, 1.5, '2', null, undefined])
      refuses({ ...saved(), revision }, /revision must be a whole number/);
  });

  it('an unknown or missing locale', () => {
    for (const locale of ['fr', 'ZH', '', undefined]) refuses({ ...saved(), locale }, /locale must be zh or en/);
    // Even when the caller names a locale of its own.
    expect(caught(() => restore(BUNDLE, { ...saved(), locale: 'fr' }, { ...U, locale: 'en' })).code).toBe('E_SNAPSHOT');
  });

  it('an edition.ref that is not its id and version, or missing', () => {
    const s = saved();
    refuses(
      { ...s, edition: { ...s.edition, ref: `${TOILET}@9.9.9` } },
      /edition\.ref is ".*@9\.9\.9", which is not its id and version/,
    );
    const { ref: _ref, ...noRef } = s.edition;
    refuses({ ...s, edition: noRef }, /edition must be/);
  });

  it('unknown fields, at the top and in the edition', () => {
    refuses({ ...saved(), extra: 1 }, /unknown field "extra"/);
    const s = saved();
    refuses({ ...s, edition: { ...s.edition, note: 'x' } }, /unknown field "edition\.note"/);
  });

  it('a key given twice in saved text, naming both positions', () => {
    const text = JSON.stringify(saved()).replace('"revision":2', '"revision":0,"revision":2');
    const e = refuses(text, /key "revision" appears twice/);
    expect(e.message).toMatch(/snapshot:1:\d+: .*\(first at 1:\d+\)/);
  });

  it('deep or non-JSON saved data', () => {
    refuses({ ...saved(), observation: deep(100_000) }, /nested deeper than 64/);
    refuses('['.repeat(100_000), /nested deeper than 64/);
    refuses({ ...saved(), revision: 10n }, /bigint is not JSON data/);
  });
});
