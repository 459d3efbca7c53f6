/**
 * Values handed to the engine directly: evidence counts only when it backs the fact (a required kind, a
 * non-blank reference, a well-formed hash), and a value nested too deeply is a typed error before anything
 * recurses into it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, InputError, ObservationError, type EvidenceRef, type Observation } from '../../../src/index.js';
import { evidenceShortfall, normaliseObservation } from '../../../src/evaluate/observation.js';
import { builtin } from '../../support/helpers.js';

const root = join(__dirname, '..', '..', '..');
const example = JSON.parse(
  readFileSync(join(root, 'examples/observations/01-toilet-ammonia-high.json'), 'utf8'),
) as Observation;
const ed = () => builtin().get('si-jing-san-wu-liang-tong-yi-ming@1.0.0');
/** The example with ammonia within the class-2 limit, so that 无臭味 passes when the reading counts. */
const passing = (evidence: unknown[]): Observation => ({
  ...example,
  facts: { ...example.facts, 'ammonia-mg-m3': 0.5 },
  evidence: { ...example.evidence, 'ammonia-mg-m3': evidence as EvidenceRef[] },
});
const noOdour = (obs: unknown) => evaluate(ed(), obs, { locale: 'en' }).clauses.find((c) => c.clause === 'no-odour')!;

/** A value nested `depth` levels deep, built without recursion. */
function deep(depth: number, leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('evidence that does not back a fact', () => {
  it('counts the reading with evidence of a required kind and a reference', () => {
    expect(noOdour(passing([{ kind: 'measurement', ref: 'meter/0931.csv' }])).outcome).toBe('pass');
    // One entry that backs it is enough, whatever else is attached.
    expect(
      noOdour(
        passing([
          { kind: 'gps', ref: '' },
          { kind: 'measurement', ref: 'meter/0931.csv' },
        ]),
      ).outcome,
    ).toBe('pass');
  });

  it('does not count it with evidence of another kind: indeterminate, naming the fact and the kind required', () => {
    const c = noOdour(
      passing([
        { kind: 'gps', ref: 'fix/1' },
        { kind: 'photo', ref: 'p.jpg' },
      ]),
    );
    expect(c.outcome).toBe('indeterminate');
    expect(c.missing).toEqual([
      expect.objectContaining({
        fact: 'ammonia-mg-m3',
        reason: 'wrong-evidence-kind',
        evidence: ['measurement'],
        evidenceRequired: true,
      }),
    ]);
    expect(c.message).toContain(c.missing[0]!.label);
  });

  it('does not count it with a blank reference, nor with nothing attached', () => {
    for (const ref of ['', '   ', '\t\n']) {
      expect(noOdour(passing([{ kind: 'measurement', ref }])).missing).toEqual([
        expect.objectContaining({ fact: 'ammonia-mg-m3', reason: 'empty-evidence-ref' }),
      ]);
    }
    expect(noOdour(passing([])).missing).toEqual([
      expect.objectContaining({ fact: 'ammonia-mg-m3', reason: 'no-evidence' }),
    ]);
    const { evidence: _none, ...bare } = passing([]);
    expect(noOdour(bare).missing).toEqual([expect.objectContaining({ fact: 'ammonia-mg-m3', reason: 'no-evidence' })]);
  });

  it('refuses a malformed reference as a typed error naming it: not an object, unknown key, wrong type, bad hash', () => {
    const cases: [unknown, string][] = [
      ['meter.csv', 'evidence.ammonia-mg-m3[0]'],
      [{ kind: 'measurement', ref: 'm', extra: 1 }, 'evidence.ammonia-mg-m3[0].extra'],
      [{ kind: 'measurement', ref: 7 }, 'evidence.ammonia-mg-m3[0].ref'],
      [{ kind: 'selfie', ref: 'm' }, 'evidence.ammonia-mg-m3[0].kind'],
      [{ kind: 'measurement', ref: 'm', sha256: `sha256:${'A'.repeat(64)}` }, 'evidence.ammonia-mg-m3[0].sha256'],
      [{ kind: 'measurement', ref: 'm', sha256: 'sha256:12' }, 'evidence.ammonia-mg-m3[0].sha256'],
      [{ kind: 'measurement', ref: 'm', sha256: 'a'.repeat(64) }, 'evidence.ammonia-mg-m3[0].sha256'],
    ];
    for (const [entry, path] of cases) {
      const e = thrown(() => normaliseObservation(ed(), passing([entry])));
      expect(e).toBeInstanceOf(ObservationError);
      expect((e as ObservationError).issues.map((i) => i.path)).toEqual([path]);
    }
    expect(noOdour(passing([{ kind: 'measurement', ref: 'm', sha256: `sha256:${'a'.repeat(64)}` }])).outcome).toBe(
      'pass',
    );
  });

  it('law: a reading that needs evidence counts exactly when an entry has a required kind and a non-blank ref', () => {
    const entry = fc.record({
      kind: fc.constantFrom('photo', 'measurement', 'document', 'video', 'gps' as const),
      ref: fc.constantFrom('', ' ', 'm.csv', ' x ', '\u3000'),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), (list) => {
        const counts = list.some((e) => e.kind === 'measurement' && e.ref.trim() !== '');
        const n = normaliseObservation(ed(), passing(list));
        const i = ed().factById.get('ammonia-mg-m3')!.index;
        expect(n.values[i] !== undefined).toBe(counts);
        expect(n.why[i]).toBe(evidenceShortfall(['measurement'], list));
        expect(noOdour(passing(list)).outcome).toBe(counts ? 'pass' : 'indeterminate');
      }),
      { seed: 9, numRuns: 400 },
    );
  });
});

describe('values nested too deeply', () => {
  const depthError = (obs: unknown, path: string) => {
    const e = thrown(() => evaluate(ed(), obs));
    expect(e).toBeInstanceOf(InputError);
    expect(e).toMatchObject({ code: 'E_DEPTH' });
    expect((e as InputError).path!.startsWith(path)).toBe(true);
    return e as InputError;
  };

  it('a fact value 10⁵ deep is E_DEPTH naming the fact, not a RangeError', () => {
    depthError({ ...example, facts: { ...example.facts, 'ammonia-mg-m3': deep(100_000) } }, 'facts.ammonia-mg-m3');
  });

  it('so are deep evidence, subject and observer members, and a deep observation', () => {
    depthError(
      { ...example, evidence: { 'ammonia-mg-m3': [{ kind: 'measurement', ref: deep(100_000) }] } },
      'evidence.ammonia-mg-m3[0].ref',
    );
    depthError({ ...example, evidence: { 'ammonia-mg-m3': deep(100_000) } }, 'evidence.ammonia-mg-m3');
    depthError({ ...example, subject: { id: 'x', name: deep(100_000) } }, 'subject.name');
    depthError({ ...example, observer: { id: deep(100_000) } }, 'observer.id');
    const arr: unknown[] = [];
    let a = arr;
    for (let i = 0; i < 100_000; i++) a = (a[0] = []) as unknown[];
    depthError({ ...example, facts: arr }, 'facts');
    depthError(arr, '');
    // A deep object in place of the observation has only unknown fields: refused without reading into them.
    const e = thrown(() => evaluate(ed(), deep(100_000)));
    expect(e).toBeInstanceOf(ObservationError);
    expect(() => JSON.stringify((e as ObservationError).issues)).not.toThrow();
  });

  it('a shallow wrong value stays E_FACT_TYPE, and an error never carries a value that cannot be serialised', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const v of [{}, [1], deep(10), cyclic, [undefined], { n: 1n }]) {
      const e = thrown(() => evaluate(ed(), { ...example, facts: { ...example.facts, 'ammonia-mg-m3': v } }));
      expect(e).toBeInstanceOf(ObservationError);
      const issue = (e as ObservationError).issues[0]!;
      expect(issue).toMatchObject({ code: 'E_FACT_TYPE', path: 'facts.ammonia-mg-m3' });
      expect(() => JSON.stringify((e as ObservationError).issues)).not.toThrow();
    }
  });
});

describe('the inspection unit a subject lies in', () => {
  const withSubject = (subject: Record<string, unknown>) => ({ ...example, subject: { id: 't-1', ...subject } });
  it('is read under its name and under its first name, and kept in the verdict as given', () => {
    expect(evaluate(ed(), withSubject({ inspectionUnit: 'U-03-017' })).subject).toEqual({
      id: 't-1',
      inspectionUnit: 'U-03-017',
    });
    // Records sealed before the rename carry `unit`: they must still evaluate (and so verify) as written.
    expect(evaluate(ed(), withSubject({ unit: 'U-03-017' })).subject).toEqual({ id: 't-1', unit: 'U-03-017' });
    expect(evaluate(ed(), withSubject({ unit: 'U-1', inspectionUnit: 'U-1' })).outcome).toBeDefined();
  });
  it('is refused when the two names disagree, naming the old one', () => {
    let err: unknown;
    try {
      evaluate(ed(), withSubject({ unit: 'U-1', inspectionUnit: 'U-2' }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ObservationError);
    expect((err as ObservationError).issues.map((i) => [i.code, i.path])).toEqual([['E_SHAPE', 'subject.unit']]);
  });
});
