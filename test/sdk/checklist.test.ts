/** The checklist SDK: a session's answers, verdicts, progress, subscriptions and saved inspections. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
  compileEdition,
  createBundle,
  evaluate,
  ObservationError,
  type Bundle,
  type CompiledEdition,
  type EditionSpec,
  type EvidenceRef,
} from '../../src/index.js';
import {
  ChecklistError,
  createChecklist,
  loadBundle,
  restore,
  type Checklist,
  type ChecklistUpdate,
} from '../../sdk/index.js';
import { builtin } from '../support/helpers.js';
import { everyType, validSamples, valuesFor } from '../support/fact-values.js';

const TOILET_ID = 'si-jing-san-wu-liang-tong-yi-ming';
/** The checklist tests fill in 1.0.0's facts (the fly count, the odour grade), so they pin that edition. */
const TOILET = `${TOILET_ID}@1.0.0`;
const allEditions = (): CompiledEdition[] => [...builtin().editions, compileEdition(everyType)];
const bundle = (): Bundle => JSON.parse(JSON.stringify(createBundle(allEditions())));
const BUNDLE = bundle();
/** These tests are about sessions, not signatures (test/sdk/trust.test.ts): bundles are read with the opt-out. */
const U = { trust: 'unsigned' } as const;

function error(f: () => unknown): ChecklistError {
  try {
    f();
  } catch (e) {
    if (e instanceof ChecklistError) return e;
    throw e;
  }
  throw new Error('expected a ChecklistError');
}

/** Everything observable about a session, to show that a refused change left it exactly as it was. */
function observable(cl: Checklist) {
  return {
    revision: cl.revision,
    locale: cl.locale,
    observation: cl.observation(),
    verdict: cl.verdict(),
    progress: cl.progress(),
    items: cl.items(),
    json: JSON.stringify(cl),
  };
}

describe('createChecklist', () => {
  it('lists the sections in the standard’s printed order, each item once, with what the form needs', () => {
    const cl = createChecklist(BUNDLE, TOILET, U);
    const sections = cl.sections();
    expect(sections.map((s) => s.label)).toEqual(['四净', '三无', '两通', '一明', '国家标准其他指标(选用)']);
    expect(sections.map((s) => s.clauses.map((c) => c.label).join(''))).toEqual([
      '地面净墙壁净厕位净周边净',
      '无溢流无蚊蝇无臭味',
      '水通电通',
      '灯明',
      '硫化氢',
    ]);
    const listed = sections.flatMap((s) => s.items.map((i) => i.fact));
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort()).toEqual(
      builtin()
        .get(TOILET)
        .facts.map((f) => f.id)
        .sort(),
    );
    expect(cl.items().map((i) => i.fact)).toEqual(sections.flatMap((s) => s.items.map((i) => i.fact)));
    // The class sets the limit the fly count is held to, so it is asked first.
    const sanWu = sections[1]!.items.map((i) => i.fact);
    expect(sanWu.indexOf('toilet-class')).toBeLessThan(sanWu.indexOf('adult-fly-count'));
    expect(cl.item('ammonia-mg-m3')).toMatchObject({
      label: '氨浓度',
      input: 'number',
      unit: 'mg/m³',
      range: { min: 0, max: 1000 },
      evidence: { kinds: ['measurement'], required: true, note: '须附仪器读数记录' },
      clauses: ['no-odour'],
      answered: false,
      relevance: 'required',
    });
    expect(cl.item('adult-fly-count').range).toEqual({ min: 0, max: 100000, step: 1 });
    expect(cl.item('toilet-class')).toMatchObject({
      input: 'choice',
      choices: [
        { value: 'class-1', label: '一类' },
        { value: 'class-2', label: '二类' },
        { value: 'class-3', label: '三类' },
      ],
    });
    expect(cl.item('h2s-mg-m3').relevance).toBe('optional');
  });

  it('pins the edition: a bare id takes the highest published edition, an unknown ref is a typed error', () => {
    const cl = createChecklist(BUNDLE, TOILET_ID, U);
    expect(cl.edition).toMatchObject({
      ref: `${TOILET_ID}@2.0.0`,
      hash: builtin().get(TOILET_ID).hash,
      nickname: '四净三无两通一明',
    });
    expect(createChecklist(BUNDLE, TOILET, U).edition).toMatchObject({ ref: TOILET, hash: builtin().get(TOILET).hash });
    const e = error(() => createChecklist(BUNDLE, `${TOILET_ID}@9.9.9`, { ...U, locale: 'en' }));
    expect(e.code).toBe('E_NOT_FOUND');
    expect(e.message).toContain(TOILET);
    expect(error(() => createChecklist(BUNDLE, TOILET, { ...U, locale: 'fr' as never })).code).toBe('E_OPTIONS');
    expect(error(() => createChecklist(BUNDLE, TOILET, { ...U, observedAt: 'yesterday' })).code).toBe('E_OPTIONS');
  });

  it('takes, for a bare id and a day, the edition in force that day, as the engine does', () => {
    const on = (observedAt: string) => createChecklist(BUNDLE, TOILET_ID, { ...U, observedAt }).edition.ref;
    expect(on('2026-11-20T09:30:00+08:00')).toBe(builtin().get(TOILET_ID, '2026-11-20').ref);
    expect(on('2026-11-30T23:30:00+08:00')).toBe(TOILET);
    expect(on('2026-12-01T00:30:00+08:00')).toBe(`${TOILET_ID}@2.0.0`);
    const before = error(() =>
      createChecklist(BUNDLE, TOILET_ID, { ...U, observedAt: '2019-05-01T09:00:00+08:00', locale: 'en' }),
    );
    expect(before.code).toBe('E_NOT_FOUND');
    expect(before.message).toContain('in force on 2019-05-01');
    expect(createChecklist(BUNDLE, TOILET, { ...U, observedAt: '2019-05-01T09:00:00+08:00' }).edition.version).toBe(
      '1.0.0',
    ); // pinned: dates do not matter
  });

  it('refuses a bundle changed after its build', () => {
    const b = bundle();
    b.editions.find((e) => e.ref === TOILET)!.spec.groups[2]!.clauses[0]!.check = {
      fact: 'water-supply-ok',
      operator: 'equal',
      value: false,
    };
    const e = error(() => createChecklist(b, TOILET, U));
    expect(e.code).toBe('E_BUNDLE');
    expect(e.issues[0]!.path).toMatch(/^editions\[\d+\]\.hash$/);
  });

  it('compiles a bundle once, however many checklists are made from it', () => {
    const b = bundle();
    const first = loadBundle(b, 'zh', 'unsigned');
    expect(loadBundle(b, 'zh', 'unsigned')).toBe(first);
    expect(loadBundle(first)).toBe(first);
  });
});

describe('answer and clear', () => {
  it('turns 水通 red the instant the water is off, citing task 12, and not-applicable for a non-flush toilet', () => {
    const cl = createChecklist(BUNDLE, TOILET, U);
    expect(cl.answer('flush-type', 'water-flush').changes).toEqual([]);
    const u = cl.answer('water-supply-ok', false);
    expect(u.changes).toEqual([
      {
        clause: 'water-flowing',
        group: 'liang-tong',
        label: { zh: '水通', en: 'Water flowing' },
        from: 'indeterminate',
        to: 'fail',
        counts: true,
      },
    ]);
    expect(u.outcome).toBe('fail');
    expect(u.previous).toBe('indeterminate');
    const water = u.verdict.clauses.find((c) => c.clause === 'water-flowing')!;
    expect(water.message).toBe('水不通(要求冲水和洗手用水正常)。');
    expect(water.citation.sources.map((s) => s.task)).toContain(12);
    const n = cl.answer('flush-type', 'non-flush');
    expect(n.changes.map((c) => [c.clause, c.to])).toEqual([['water-flowing', 'not_applicable']]);
    expect(cl.item('water-supply-ok')).toMatchObject({
      relevance: 'moot',
      moot: 'not-applicable',
      answered: true,
      value: false,
    });
    const c = cl.clear('flush-type');
    expect(c.changes.map((x) => [x.clause, x.to])).toEqual([['water-flowing', 'indeterminate']]);
    expect(cl.item('flush-type')).toMatchObject({ answered: false, value: undefined });
  });

  it('counts a reading that needs evidence only once evidence is attached, and keeps the evidence across a corrected value', () => {
    const cl = createChecklist(BUNDLE, TOILET, U);
    cl.answer('toilet-class', 'class-2');
    cl.answer('odour-grade', 1);
    expect(cl.answer('ammonia-mg-m3', 0.5).changes).toEqual([]);
    expect(cl.item('ammonia-mg-m3')).toMatchObject({ awaitingEvidence: true, display: '0.5 mg/m³' });
    expect(cl.progress().needed.find((m) => m.fact === 'ammonia-mg-m3')).toMatchObject({
      reason: 'no-evidence',
      evidenceRequired: true,
    });
    const meter: EvidenceRef[] = [{ kind: 'measurement', ref: 'meter/0931.csv' }];
    expect(cl.answer('ammonia-mg-m3', 0.5, meter).changes.map((c) => [c.clause, c.to])).toEqual([['no-odour', 'pass']]);
    expect(cl.answer('ammonia-mg-m3', 1.5).changes.map((c) => [c.clause, c.to])).toEqual([['no-odour', 'fail']]);
    expect(cl.item('ammonia-mg-m3').attached).toEqual(meter);
    expect(cl.answer('ammonia-mg-m3', 1.5, []).changes.map((c) => [c.clause, c.to])).toEqual([
      ['no-odour', 'indeterminate'],
    ]);
  });

  it('records "could not determine" as null: answered, and still needed', () => {
    const cl = createChecklist(BUNDLE, TOILET, U);
    cl.answer('floor-clean', null);
    expect(cl.item('floor-clean')).toMatchObject({ answered: true, value: null });
    expect(cl.progress().needed.find((m) => m.fact === 'floor-clean')!.reason).toBe('unknown');
    expect(cl.observation().facts).toEqual({ 'floor-clean': null });
  });

  it('refuses a wrong value with a typed error in the session’s language and changes nothing', () => {
    const cl = createChecklist(BUNDLE, TOILET, U);
    cl.answer('toilet-class', 'class-2');
    const before = observable(cl);
    const range = error(() => cl.answer('ammonia-mg-m3', 5000));
    expect(range).toMatchObject({
      code: 'E_VALUE',
      fact: 'ammonia-mg-m3',
      message: '“氨浓度”须在 0 至 1000 mg/m³ 之间,收到 5000。',
    });
    expect(range.text.en).toBe('"Ammonia" must be from 0 to 1000 mg/m³; got 5000.');
    expect(range.issues[0]).toMatchObject({ code: 'E_FACT_RANGE', path: 'facts.ammonia-mg-m3' });
    expect(error(() => cl.answer('toilet-class', 'class-9')).message).toBe(
      '“公厕类别”须为以下之一:一类、二类、三类;收到 "class-9"。',
    );
    expect(error(() => cl.answer('adult-fly-count', 2.5)).message).toBe('“成蝇数”须为整数(单位 只),收到 2.5。');
    expect(error(() => cl.answer('floor-clean', 'yes')).code).toBe('E_VALUE');
    expect(error(() => cl.answer('floor-clean', undefined)).code).toBe('E_VALUE');
    expect(error(() => cl.answer('no-such-fact', true)).code).toBe('E_UNKNOWN_FACT');
    expect(error(() => cl.answer('__proto__', true)).code).toBe('E_UNKNOWN_FACT');
    expect(error(() => cl.clear('toString')).code).toBe('E_UNKNOWN_FACT');
    expect(error(() => cl.answer('ammonia-mg-m3', 1, [{ kind: 'meter', ref: 'x' } as never])).code).toBe('E_EVIDENCE');
    expect(error(() => cl.answer('ammonia-mg-m3', 1, 'photo.jpg' as never)).code).toBe('E_EVIDENCE');
    expect(observable(cl)).toEqual(before);
    cl.setLocale('en');
    expect(error(() => cl.answer('ammonia-mg-m3', -1)).message).toBe('"Ammonia" must be from 0 to 1000 mg/m³; got -1.');
  });

  it('keeps each update’s verdict as it was at that revision', () => {
    const cl = createChecklist(BUNDLE, TOILET, U);
    const a = cl.answer('lights-ok', false);
    cl.answer('lights-ok', true);
    expect(a.verdict.clauses.find((c) => c.clause === 'lights-on')!.outcome).toBe('fail');
    expect(a.verdict).toBe(a.verdict);
    expect(cl.verdict().clauses.find((c) => c.clause === 'lights-on')!.outcome).toBe('pass');
    expect(a.revision).toBe(1);
    expect(cl.revision).toBe(2);
  });

  it('speaks English when asked, items, verdict and errors alike', () => {
    const cl = createChecklist(BUNDLE, TOILET, { ...U, locale: 'en' });
    expect(
      cl
        .sections()
        .map((s) => s.label)
        .slice(0, 4),
    ).toEqual(['Four cleans', 'Three nones', 'Two flows', 'One light']);
    cl.answer('flush-type', 'water-flush');
    const u = cl.answer('water-supply-ok', false);
    expect(u.verdict.clauses.find((c) => c.clause === 'water-flowing')!.message).toBe(
      'Water is not flowing (required: flushing and hand-washing water).',
    );
    const zh = cl.setLocale('zh');
    expect(zh.changes).toEqual([]);
    expect(zh.verdict.locale).toBe('zh');
    expect(cl.item('water-supply-ok').label).toBe('供水正常');
  });
});

describe('the law of the session', () => {
  // Whatever the inspector does, in any order, with valid and invalid values: after each accepted step the
  // session's verdict is the engine's verdict on the session's observation, the update's outcome, totals,
  // score and changes agree with it, and a refused step is refused by the engine too and changes nothing.
  for (const ed of allEditions()) {
    it(`${ed.ref}: every answer gives the engine’s verdict on the whole observation, and a refused one changes nothing`, () => {
      const facts = ed.facts;
      const evidenceArb = (kinds: readonly string[]) =>
        fc.oneof(
          fc.constant(undefined),
          fc.constant([]),
          fc.constantFrom(...(kinds.length ? kinds : ['photo'])).map((kind) => [{ kind, ref: 'r/1' }]),
          fc.constant([{ kind: 'meter', ref: 'r/1' }]),
        );
      // An edition whose facts are all its objects' (facts: {}) has no unit item to answer: only languages.
      const onFacts = facts.length > 0;
      const step = fc.oneof(
        {
          weight: onFacts ? 6 : 0,
          arbitrary: fc
            .integer({ min: 0, max: Math.max(0, facts.length - 1) })
            .chain((i) =>
              fc.tuple(
                fc.constant('answer' as const),
                fc.constant(i),
                valuesFor(facts[i]!.spec),
                evidenceArb(facts[i]!.spec.evidence?.kinds ?? []),
              ),
            ),
        },
        {
          weight: onFacts ? 1 : 0,
          arbitrary: fc.tuple(
            fc.constant('clear' as const),
            fc.integer({ min: 0, max: Math.max(0, facts.length - 1) }),
          ),
        },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.constant('locale' as const), fc.constantFrom('zh' as const, 'en' as const)),
        },
      );
      fc.assert(
        fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
          const cl = createChecklist(BUNDLE, ed.ref, U);
          for (const s of steps) {
            const before = { revision: cl.revision, observation: cl.observation(), verdict: cl.verdict() };
            let u: ChecklistUpdate;
            if (s[0] === 'answer') {
              const [, i, value, ev] = s;
              const f = facts[i]!;
              const next = structuredClone(before.observation);
              next.facts[f.id] = value;
              if (ev !== undefined) next.evidence = { ...next.evidence, [f.id]: ev as EvidenceRef[] };
              let engineError: unknown;
              try {
                evaluate(ed, next);
              } catch (e) {
                if (!(e instanceof ObservationError)) throw e;
                engineError = e;
              }
              try {
                u = cl.answer(f.id, value, ev as EvidenceRef[] | undefined);
              } catch (e) {
                if (!(e instanceof ChecklistError)) throw e;
                // Refused: the engine refuses it too (or no value was given), and nothing changed.
                expect(engineError !== undefined || value === undefined).toBe(true);
                expect({ revision: cl.revision, observation: cl.observation(), verdict: cl.verdict() }).toEqual(before);
                continue;
              }
              expect(engineError).toBeUndefined();
            } else if (s[0] === 'clear') u = cl.clear(facts[s[1]]!.id);
            else u = cl.setLocale(s[1]);
            const expected = evaluate(ed, cl.observation(), { locale: cl.locale, trace: false });
            expect(u.verdict).toEqual(expected);
            expect(cl.verdict()).toBe(u.verdict);
            expect(u.revision).toBe(before.revision + 1);
            expect([u.outcome, u.previous, u.totals, u.score]).toEqual([
              expected.outcome,
              before.verdict.outcome,
              expected.totals,
              expected.score,
            ]);
            const moved = expected.clauses
              .filter((c, k) => c.outcome !== before.verdict.clauses[k]!.outcome)
              .map((c, _k) => c.clause);
            expect(u.changes.map((c) => c.clause)).toEqual(moved);
            for (const c of u.changes) {
              expect(c.from).toBe(before.verdict.clauses.find((x) => x.clause === c.clause)!.outcome);
              expect(c.to).toBe(expected.clauses.find((x) => x.clause === c.clause)!.outcome);
            }
          }
        }),
        { numRuns: 60 },
      );
    });

    it(`${ed.ref}: an item marked moot cannot change any clause, whatever it is answered`, () => {
      const facts = ed.facts;
      const answers = fc.array(
        fc
          .integer({ min: 0, max: Math.max(0, facts.length - 1) })
          .chain((i) =>
            fc.tuple(fc.constant(i), fc.oneof(fc.constantFrom(...validSamples(facts[i]!.spec)), fc.constant(null))),
          ),
        { maxLength: facts.length ? 20 : 0 },
      );
      fc.assert(
        fc.property(answers, (list) => {
          const cl = createChecklist(BUNDLE, ed.ref, U);
          for (const [i, v] of list) {
            const f = facts[i]!;
            cl.answer(f.id, v, f.spec.evidence ? [{ kind: f.spec.evidence.kinds[0]!, ref: 'r' }] : undefined);
          }
          const now = cl.verdict().clauses.map((c) => c.outcome);
          for (const item of cl.items().filter((x) => x.relevance === 'moot')) {
            const f = ed.factById.get(item.fact)!;
            for (const v of [...validSamples(f.spec), null]) {
              const obs = structuredClone(cl.observation());
              obs.facts[f.id] = v;
              if (f.spec.evidence)
                obs.evidence = { ...obs.evidence, [f.id]: [{ kind: f.spec.evidence.kinds[0]!, ref: 'r' }] };
              delete (obs as { standard?: string }).standard;
              expect(
                evaluate(ed, { ...obs, standard: ed.ref }).clauses.map((c) => c.outcome),
                `${item.fact} = ${JSON.stringify(v)}`,
              ).toEqual(now);
            }
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});

describe('score', () => {
  it('deducts for failed clauses, puts the undecided at stake, and never goes below zero', () => {
    const cl = createChecklist(BUNDLE, 'every-type@1.0.0', U);
    expect(cl.answer('flag', true).score).toEqual({ base: 30, deducted: 4, value: 26, atStake: 32, lowest: 0 });
    const failing: [string, unknown][] = [
      ['level', 1],
      ['free', 1],
      ['count', 1],
      ['whole', 1],
      ['kind', 'b'],
      ['day', '2023-01-01'],
      ['at', '2023-01-01T00:00:00Z'],
    ];
    let u = cl.answer('wait', 2); // passes: 4 points no longer at stake
    expect(u.score).toEqual({ base: 30, deducted: 4, value: 26, atStake: 28, lowest: 0 });
    for (const [f, v] of failing) u = cl.answer(f, v);
    expect(u.score).toEqual({ base: 30, deducted: 32, value: 0, atStake: 0, lowest: 0 });
    expect(u.verdict.score).toEqual(u.score);
  });
});

describe('progress', () => {
  it('orders what is still needed as the verdict does, those settling most clauses first, and is decided when all is answered', () => {
    const cl = createChecklist(BUNDLE, TOILET, U);
    let p = cl.progress();
    expect(p).toMatchObject({
      total: 15,
      answered: 0,
      decided: false,
      outcome: 'indeterminate',
      clauses: { total: 11, decided: 0 },
    });
    expect(p.applicable).toBe(14); // every item but the optional hydrogen-sulphide reading
    expect(p.needed[0]!.fact).toBe('toilet-class'); // it settles both 无蚊蝇 and 无臭味
    expect(p.needed.map((m) => m.fact)).toEqual(
      cl
        .verdict()
        .missing.filter((m) => m.fact !== 'h2s-mg-m3')
        .map((m) => m.fact),
    );
    expect(p.optional.map((m) => m.fact)).toEqual(['h2s-mg-m3']);
    const clean: [string, unknown][] = [
      ['toilet-class', 'class-2'],
      ['flush-type', 'water-flush'],
      ['floor-clean', true],
      ['walls-clean', true],
      ['stalls-clean', true],
      ['surroundings-clean', true],
      ['overflow-present', false],
      ['adult-fly-count', 2],
      ['maggots-present', false],
      ['odour-grade', 2],
      ['water-supply-ok', true],
      ['power-supply-ok', true],
      ['lights-ok', true],
    ];
    for (const [f, v] of clean) cl.answer(f, v);
    cl.answer('ammonia-mg-m3', 0.8, [{ kind: 'measurement', ref: 'meter/1.csv' }]);
    p = cl.progress();
    expect(p).toMatchObject({ answered: 14, applicable: 14, decided: true, outcome: 'pass', needed: [] });
    expect(p.optional.map((m) => m.fact)).toEqual(['h2s-mg-m3']);
    cl.answer('flush-type', 'non-flush');
    expect(cl.progress()).toMatchObject({ applicable: 13, answered: 13 }); // 供水正常 no longer applies
  });
});

describe('subscribe', () => {
  afterEach(() => vi.useRealTimers());

  it('tells every listener of every change until it unsubscribes; a listener that throws neither undoes the change nor stops the others', () => {
    vi.useFakeTimers();
    const cl = createChecklist(BUNDLE, TOILET, U);
    const seen: number[] = [];
    const { subscribe } = cl; // unbound, as React's useSyncExternalStore takes it
    const stop = subscribe((u) => seen.push(u.revision));
    cl.subscribe(() => {
      throw new Error('listener bug');
    });
    const also: string[] = [];
    cl.subscribe((u) => also.push(u.kind));
    const u = cl.answer('lights-ok', false);
    expect(u.outcome).toBe('fail');
    cl.clear('lights-ok');
    stop();
    cl.setLocale('en');
    expect(seen).toEqual([1, 2]);
    expect(also).toEqual(['answer', 'clear', 'locale']);
    expect(() => vi.runAllTimers()).toThrow('listener bug');
  });
});

describe('toJSON and restore', () => {
  it('round-trips any inspection in progress through JSON text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 14 }),
            fc.oneof(
              fc.boolean(),
              fc.integer({ min: 0, max: 5 }),
              fc.constantFrom('class-1', 'class-3', 'water-flush', null),
            ),
          ),
          { maxLength: 15 },
        ),
        fc.constantFrom('zh' as const, 'en' as const),
        (answers, locale) => {
          const cl = createChecklist(BUNDLE, TOILET, {
            ...U,
            locale,
            subject: { id: 'toilet-0012', name: '人民公园东门公厕' },
            observedAt: '2026-11-20T09:30:00+08:00',
          });
          const ed = builtin().get(TOILET);
          for (const [i, v] of answers) {
            try {
              cl.answer(ed.facts[i]!.id, v, i % 3 === 0 ? [{ kind: 'measurement', ref: 'm' }] : undefined);
            } catch (e) {
              if (!(e instanceof ChecklistError)) throw e;
            }
          }
          const again = restore(BUNDLE, JSON.stringify(cl), U);
          expect(again.toJSON()).toEqual(cl.toJSON());
          expect(again.verdict()).toEqual(cl.verdict());
          expect(again.items()).toEqual(cl.items());
        },
      ),
      { numRuns: 50 },
    );
  });

  it('says so, and does not re-base, when the bundle no longer has the exact edition', () => {
    const cl = createChecklist(BUNDLE, TOILET, U);
    cl.answer('flush-type', 'water-flush');
    const saved = JSON.stringify(cl);
    const spec = builtin().get(TOILET).spec;
    // A bundle where the standard moved on to 1.1.0.
    const newer: EditionSpec = { ...spec, version: '1.1.0' };
    const moved = createBundle([compileEdition(newer)]);
    const missing = error(() => restore(moved, saved, U));
    expect(missing.code).toBe('E_EDITION_MISSING');
    expect(missing.message).toContain(TOILET);
    expect(missing.message).toContain('1.1.0');
    expect(missing.text.en).toContain('was not moved onto another edition');
    // A bundle whose 1.0.0 says something else (a published edition must never change; if it did, refuse).
    const changed: EditionSpec = { ...spec, title: { ...spec.title, en: 'changed' } };
    const e = error(() => restore(createBundle([compileEdition(changed)]), saved, { ...U, locale: 'en' }));
    expect(e.code).toBe('E_EDITION_CHANGED');
    expect(e.message).toContain(builtin().get(TOILET).hash);
  });

  it('refuses a malformed saved inspection with a typed error', () => {
    const good = createChecklist(BUNDLE, TOILET, U).toJSON();
    expect(error(() => restore(BUNDLE, '{', U)).code).toBe('E_SNAPSHOT');
    expect(error(() => restore(BUNDLE, { ...good, format: 'x' }, U)).code).toBe('E_SNAPSHOT');
    expect(error(() => restore(BUNDLE, { ...good, formatVersion: 2 }, U)).code).toBe('E_SNAPSHOT');
    expect(
      error(() =>
        restore(BUNDLE, { ...good, observation: { ...good.observation, facts: { 'floor-clean': 'yes' } } }, U),
      ).issues[0],
    ).toMatchObject({ path: 'facts.floor-clean' });
    expect(
      error(() => restore(BUNDLE, { ...good, observation: { ...good.observation, standard: 'san-duan@1.0.0' } }, U))
        .code,
    ).toBe('E_SNAPSHOT');
  });
});
