/**
 * The checklist SDK on a unit with objects (docs/units.md): kinds, objects added and removed, a kind recorded as
 * having none or not recorded, answers and evidence per object, the running verdict with each object's progress,
 * and saved inspections. The law: whatever the inspector does, the session's verdict is the engine's on the
 * observation the steps describe, and what is still needed comes in the engine's order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compileEdition,
  createBundle,
  evaluate,
  loadEdition,
  ObservationError,
  validateEdition,
  type ClauseSpec,
  type CompiledEdition,
  type EditionSpec,
  type EvidenceRef,
  type InstanceObservation,
  type MissingFact,
  type Observation,
  type Outcome,
  type Verdict,
} from '../../src/index.js';
import {
  ChecklistError,
  createChecklist,
  restore,
  type Checklist,
  type ChecklistUpdate,
  type InstanceInput,
} from '../../sdk/index.js';
import { builtin, fixture } from '../support/helpers.js';
import { validSamples, valuesFor } from '../support/fact-values.js';

const STREET: EditionSpec = loadEdition(fixture('units', 'street-objects', '1.0.0.yaml'));
const text = (s: string) => ({ zh: s, en: s });
const msgs = { pass: text('p'), fail: text('f'), indeterminate: text('i: {missing}') };

/**
 * The fixture with more to count: a quantifier of each rule (one reading a unit fact in its condition), a unit
 * clause reading a unit fact and a quantifier together, an optional clause, and a kind fact that is a number.
 */
const MORE: EditionSpec = (() => {
  const s = structuredClone(STREET);
  s.id = 'street-objects-more';
  s.facts['night-inspection'] = { type: 'boolean', label: text('night'), question: text('At night?') };
  s.kinds!['street-lamp']!.facts['lamp-height-m'] = {
    type: 'number',
    unit: 'm',
    minimum: 0,
    maximum: 20,
    label: text('height'),
    question: text('How tall is this lamp?'),
  };
  s.quantifiers = {
    ...s.quantifiers,
    'all-lamps-lit': {
      label: text('all lit'),
      kind: 'street-lamp',
      where: { fact: 'lamp-lit', operator: 'equal', value: true },
      quantifier: 'all',
    },
    'some-goods-outside': {
      label: text('goods outside'),
      kind: 'shop-frontage',
      where: { fact: 'goods-outside', operator: 'equal', value: true },
      quantifier: 'any',
    },
    'two-upright': {
      label: text('two upright'),
      kind: 'street-lamp',
      where: {
        any: [
          { fact: 'lamp-pole-tilted', operator: 'equal', value: false },
          { fact: 'night-inspection', operator: 'equal', value: false },
        ],
      },
      quantifier: { atLeast: 2 },
    },
    'no-open-covers': {
      label: text('no open covers'),
      kind: 'manhole',
      where: { fact: 'cover-intact', operator: 'equal', value: false },
      quantifier: 'none',
    },
  };
  const clause = (id: string, extra: Pick<ClauseSpec, 'check'> & Partial<ClauseSpec>): ClauseSpec => ({
    id,
    label: text(id),
    text: text(id),
    cites: [{ source: 'seed-plan', task: 4 }],
    provenance: 'seed' as const,
    severity: 'minor' as const,
    messages: msgs,
    ...extra,
  });
  s.groups.push({
    id: 'unit-wide',
    label: text('unit-wide'),
    clauses: [
      clause('lamps-all-lit', {
        appliesWhen: { fact: 'night-inspection', operator: 'equal', value: true },
        check: { fact: 'all-lamps-lit', operator: 'equal', value: true },
      }),
      clause('shops-clear', { optional: true, check: { fact: 'some-goods-outside', operator: 'equal', value: false } }),
      clause('enough-upright', {
        check: {
          any: [
            { fact: 'two-upright', operator: 'equal', value: true },
            { fact: 'street-is-main-road', operator: 'equal', value: false },
          ],
        },
      }),
      clause('no-open-covers', { deduction: 5, check: { fact: 'no-open-covers', operator: 'equal', value: true } }),
      clause('lamps-tall', {
        each: 'street-lamp',
        deduction: 1,
        check: { fact: 'lamp-height-m', operator: 'greaterThanInclusive', value: 4 },
      }),
    ],
  });
  // A valid edition, as the engine's own validation holds it.
  const checked = validateEdition(s);
  if (!checked.edition) throw new Error(checked.diagnostics.map((d) => d.message).join('\n'));
  return checked.edition;
})();

const EDITIONS = [STREET, MORE].map((s) => compileEdition(s));
const [ED, ED_MORE] = EDITIONS as [CompiledEdition, CompiledEdition];
/** The built-in standards with objects (lamps, bins, hoardings, shop frontages…), held to the same laws. */
const BUILTIN = builtin().editions.filter((e) => e.kinds.length > 0);
const BUNDLE = JSON.parse(JSON.stringify(createBundle([...EDITIONS, ...BUILTIN])));
const U = { trust: 'unsigned' } as const;
const AT = '2026-11-20T21:00:00+08:00';

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
    observation: cl.observation(),
    verdict: cl.verdict(),
    progress: cl.progress(),
    kinds: cl.kinds(),
    items: cl.items(),
    json: JSON.stringify(cl),
  };
}

describe('inspecting a street unit object by object', () => {
  it('asks for each kind’s list, then each object’s facts, and names the object in what is needed and in findings', () => {
    const cl = createChecklist(BUNDLE, ED.ref, { ...U, observedAt: AT });
    expect(cl.kinds().map((k) => [k.kind, k.recorded, k.instances.length])).toEqual([
      ['street-lamp', false, 0],
      ['manhole', false, 0],
      ['shop-frontage', false, 0],
    ]);
    expect(cl.kinds()[0]!.clauses).toEqual(['lamp-pole-upright', 'main-road-lamp-lit']);
    // No list recorded yet: each is what is still needed, and the clauses about them cannot be decided.
    expect(cl.progress().needed.map((m) => [m.fact, m.list])).toEqual([
      ['street-lamp', true],
      ['manhole', true],
      ['shop-frontage', true],
    ]);
    expect(cl.sections()[0]!.clauses.map((c) => [c.id, c.outcome, c.each])).toEqual([
      ['lamp-pole-upright', 'indeterminate', 'street-lamp'],
      ['main-road-lamp-lit', 'indeterminate', 'street-lamp'],
    ]);

    cl.answer('street-is-main-road', true);
    let u = cl.addInstance('street-lamp', {
      id: 'lamp-3',
      label: '3号路灯',
      part: 'street-plane',
      location: { lat: 39.91, lng: 116.4, crs: 'GCJ-02' },
    });
    expect(u).toMatchObject({ kind: 'add-instance', instance: 'lamp-3', objectKind: 'street-lamp' });
    expect(cl.instance('lamp-3').items.map((i) => [i.fact, i.instance, i.kind, i.answered, i.relevance])).toEqual([
      ['lamp-pole-tilted', 'lamp-3', 'street-lamp', false, 'required'],
      ['lamp-lit', 'lamp-3', 'street-lamp', false, 'required'],
    ]);
    u = cl.answerInstance('lamp-3', 'lamp-pole-tilted', true, [{ kind: 'photo', ref: 'photos/lamp-3.jpg' }]);
    expect(u).toMatchObject({ kind: 'answer', fact: 'lamp-pole-tilted', instance: 'lamp-3', outcome: 'fail' });
    expect(u.changes.map((c) => [c.clause, c.from, c.to])).toEqual([['lamp-pole-upright', 'indeterminate', 'fail']]);
    cl.answerInstance('lamp-3', 'lamp-lit', true);
    cl.recordNone('shop-frontage');
    cl.addInstance('manhole', { id: 'mh-1' });
    cl.answerInstance('mh-1', 'cover-intact', true, [{ kind: 'photo', ref: 'photos/mh-1.jpg' }]);

    const lamp = cl.instance('lamp-3');
    expect(lamp).toMatchObject({ label: '3号路灯', part: 'street-plane', outcome: 'fail' });
    expect(lamp.clauses.map((c) => [c.clause, c.outcome])).toEqual([
      ['lamp-pole-upright', 'fail'],
      ['main-road-lamp-lit', 'pass'],
    ]);
    const p = cl.progress();
    expect(p).toMatchObject({ outcome: 'fail', decided: true, needed: [] });
    expect(p.instances!.map((x) => [x.id, x.outcome, x.answered, x.applicable])).toEqual([
      ['lamp-3', 'fail', 2, 2],
      ['mh-1', 'not_applicable', 1, 1],
    ]);
    expect(cl.kinds().map((k) => [k.kind, k.recorded, k.instances.map((x) => x.id)])).toEqual([
      ['street-lamp', true, ['lamp-3']],
      ['manhole', true, ['mh-1']],
      ['shop-frontage', true, []],
    ]);
    const [finding] = cl.verdict().findings!;
    expect(finding).toMatchObject({
      clause: 'lamp-pole-upright',
      instance: { id: 'lamp-3', label: '3号路灯', part: 'street-plane' },
      evidence: [{ kind: 'photo', ref: 'photos/lamp-3.jpg' }],
      mustAct: { parties: ['各区政府'], from: 'clause', implementing: ['区城管局'] },
      deadline: { hours: 24, dueBy: '2026-11-21T21:00:00+08:00' },
    });
    expect(cl.observation().instances).toEqual({
      'street-lamp': [
        {
          id: 'lamp-3',
          label: '3号路灯',
          part: 'street-plane',
          location: { lat: 39.91, lng: 116.4, crs: 'GCJ-02' },
          facts: { 'lamp-pole-tilted': true, 'lamp-lit': true },
          evidence: { 'lamp-pole-tilted': [{ kind: 'photo', ref: 'photos/lamp-3.jpg' }] },
        },
      ],
      manhole: [
        {
          id: 'mh-1',
          facts: { 'cover-intact': true },
          evidence: { 'cover-intact': [{ kind: 'photo', ref: 'photos/mh-1.jpg' }] },
        },
      ],
      'shop-frontage': [],
    });
    expect(cl.verdict()).toEqual(evaluate(ED, cl.observation(), { trace: false }));
  });

  it('lists what is still needed object by object, in the engine’s order', () => {
    const cl = createChecklist(BUNDLE, ED.ref, U);
    cl.addInstance('street-lamp', { id: 'a' });
    cl.addInstance('street-lamp', { id: 'b', label: '2号路灯' });
    const p = cl.progress();
    // Whether it is a main road settles 主干道亮灯 for both lamps, so it comes first; a lamp's lit state is not
    // asked until 主干道亮灯 is known to apply.
    expect(p.needed.map((m) => [m.instance ?? '', m.fact])).toEqual([
      ['', 'street-is-main-road'],
      ['a', 'lamp-pole-tilted'],
      ['b', 'lamp-pole-tilted'],
      ['', 'manhole'],
      ['', 'shop-frontage'],
    ]);
    expect(p.needed).toEqual(evaluate(ED, cl.observation()).missing);
    cl.answer('street-is-main-road', true);
    const q = cl.progress();
    expect(q.needed.map((m) => [m.instance ?? '', m.fact])).toEqual([
      ['a', 'lamp-pole-tilted'],
      ['a', 'lamp-lit'],
      ['b', 'lamp-pole-tilted'],
      ['b', 'lamp-lit'],
      ['', 'manhole'],
      ['', 'shop-frontage'],
    ]);
    expect(q.needed.map((m) => m.label).slice(0, 3)).toEqual(['路灯 a 灯杆倾斜', '路灯 a 亮灯', '2号路灯 灯杆倾斜']);
    expect(q.needed).toEqual(evaluate(ED, cl.observation()).missing);
    expect(q.instances!.map((x) => [x.id, x.applicable, x.needed.map((m) => m.fact)])).toEqual([
      ['a', 2, ['lamp-pole-tilted', 'lamp-lit']],
      ['b', 2, ['lamp-pole-tilted', 'lamp-lit']],
    ]);
    // Not a main road: 主干道亮灯 does not apply to any lamp, so their lit state is no longer asked.
    cl.answer('street-is-main-road', false);
    const lit = cl.instance('a').items.find((i) => i.fact === 'lamp-lit')!;
    expect([lit.relevance, lit.moot]).toEqual(['moot', 'not-applicable']);
    expect(cl.progress().instances!.map((x) => [x.id, x.applicable, x.needed.map((m) => m.fact)])).toEqual([
      ['a', 1, ['lamp-pole-tilted']],
      ['b', 1, ['lamp-pole-tilted']],
    ]);
  });

  it('tells a kind not recorded from a unit that has none, and never takes "none" from removing the last object', () => {
    const cl = createChecklist(BUNDLE, ED.ref, U);
    const outcome = () => cl.verdict().clauses.find((c) => c.clause === 'no-goods-outside')!.outcome;
    expect(outcome()).toBe('indeterminate');
    expect(cl.observation().instances).toBeUndefined();
    expect(cl.recordNone('shop-frontage')).toMatchObject({ kind: 'record-none', objectKind: 'shop-frontage' });
    expect(outcome()).toBe('not_applicable');
    expect(cl.observation().instances).toEqual({ 'shop-frontage': [] });
    // Recording none again changes nothing but the revision.
    const before = cl.verdict();
    expect(cl.recordNone('shop-frontage').changes).toEqual([]);
    expect(cl.verdict()).toEqual(before);
    // Adding a shop takes "none" back; removing it leaves the list not recorded, not empty.
    cl.addInstance('shop-frontage', { id: 'shop-1', responsible: { name: '便民超市' }, part: 'facade-a' });
    cl.answerInstance('shop-1', 'goods-outside', true);
    expect(outcome()).toBe('fail');
    expect(cl.verdict().findings![0]!.mustAct).toEqual({
      parties: ['便民超市'],
      from: 'instance',
      responsible: { name: '便民超市' },
      implementing: ['区城管局'],
    });
    expect(cl.removeInstance('shop-1')).toMatchObject({ kind: 'remove-instance', instance: 'shop-1' });
    expect(outcome()).toBe('indeterminate');
    expect(cl.kinds()[2]!.recorded).toBe(false);
    expect(cl.observation().instances).toBeUndefined();
    // clearKind takes a "none" back.
    cl.recordNone('shop-frontage');
    expect(cl.clearKind('shop-frontage')).toMatchObject({ kind: 'clear-kind', objectKind: 'shop-frontage' });
    expect(outcome()).toBe('indeterminate');
    // A kind with objects is neither recorded as none nor cleared: its objects go one by one.
    cl.addInstance('shop-frontage', { id: 'shop-2', label: '新华大街12号' });
    const was = observable(cl);
    for (const f of [() => cl.recordNone('shop-frontage'), () => cl.clearKind('shop-frontage')]) {
      const e = error(f);
      expect(e.code).toBe('E_INSTANCE');
      expect(e.message).toContain('新华大街12号');
      expect(observable(cl)).toEqual(was);
    }
  });

  it('counts an object’s reading that needs evidence only with it, keeps it across a corrected value, and clears both', () => {
    const cl = createChecklist(BUNDLE, ED.ref, U);
    cl.addInstance('manhole', { id: 'mh-1' });
    cl.answerInstance('mh-1', 'cover-intact', true);
    const item = () => cl.instance('mh-1').items[0]!;
    expect(item()).toMatchObject({ answered: true, value: true, awaitingEvidence: true, attached: [] });
    expect(cl.progress().needed.find((m) => m.instance === 'mh-1')).toMatchObject({
      fact: 'cover-intact',
      reason: 'no-evidence',
    });
    const photo = { kind: 'photo' as const, ref: 'photos/mh-1.jpg' };
    cl.answerInstance('mh-1', 'cover-intact', true, [photo]);
    expect(item()).toMatchObject({ awaitingEvidence: false, attached: [photo] });
    cl.answerInstance('mh-1', 'cover-intact', false);
    expect(item()).toMatchObject({ value: false, attached: [photo], awaitingEvidence: false });
    expect(cl.verdict().clauses.find((c) => c.clause === 'covers-intact-share')!.outcome).toBe('fail');
    expect(cl.clearInstance('mh-1', 'cover-intact')).toMatchObject({ kind: 'clear', instance: 'mh-1' });
    expect(item()).toMatchObject({ answered: false, value: undefined, attached: [] });
    expect(cl.observation().instances).toEqual({ manhole: [{ id: 'mh-1', facts: {} }] });
  });

  it('scores each failing object up to the clause’s cap, as the verdict does', () => {
    const cl = createChecklist(BUNDLE, ED.ref, U);
    for (const id of ['a', 'b', 'c']) cl.addInstance('street-lamp', { id });
    let u = cl.answerInstance('a', 'lamp-pole-tilted', true);
    expect(u.score).toMatchObject({ deducted: 2 });
    u = cl.answerInstance('b', 'lamp-pole-tilted', true);
    expect(u.score).toMatchObject({ deducted: 3 }); // 2 + 2, capped at 3 (扣完为止)
    expect(u.changes).toEqual([]); // no clause moved, yet the score did
    expect(u.score).toEqual(u.verdict.score);
    expect(u.score).toEqual(evaluate(ED, cl.observation()).score);
  });

  it('refuses a malformed change with a typed error naming the object, and changes nothing', () => {
    const cl = createChecklist(BUNDLE, ED.ref, U);
    cl.addInstance('street-lamp', { id: 'lamp-1', label: '1号路灯' });
    const was = observable(cl);
    const cases: [() => unknown, string, Partial<ChecklistError>][] = [
      [() => cl.addInstance('bench', { id: 'x' }), 'E_UNKNOWN_KIND', {}],
      [() => cl.addInstance('manhole', { id: 'lamp-1' }), 'E_INSTANCE', { instance: 'lamp-1' }],
      [() => cl.addInstance('street-lamp', { id: 'x', part: 'facade-a' }), 'E_INSTANCE', { instance: 'x' }],
      [() => cl.addInstance('street-lamp', { id: 'x', location: { lat: 39.9, lng: 116.4 } }), 'E_INSTANCE', {}],
      [() => cl.addInstance('street-lamp', null as unknown as InstanceInput), 'E_INSTANCE', {}],
      [
        () => cl.addInstance('street-lamp', { id: 'x', facts: { 'lamp-lit': true } } as unknown as InstanceInput),
        'E_INSTANCE',
        {},
      ],
      [() => cl.addInstance('street-lamp', { id: 'x', colour: 'red' } as unknown as InstanceInput), 'E_INSTANCE', {}],
      [() => cl.answerInstance('lamp-9', 'lamp-lit', true), 'E_UNKNOWN_INSTANCE', { instance: 'lamp-9' }],
      [() => cl.removeInstance('lamp-9'), 'E_UNKNOWN_INSTANCE', {}],
      [() => cl.instance('lamp-9'), 'E_UNKNOWN_INSTANCE', {}],
      [() => cl.answerInstance('lamp-1', 'cover-intact', true), 'E_UNKNOWN_FACT', { instance: 'lamp-1' }],
      [() => cl.answerInstance('lamp-1', 'street-is-main-road', true), 'E_UNKNOWN_FACT', {}],
      [() => cl.answerInstance('lamp-1', 'lamp-lit', 3), 'E_VALUE', { fact: 'lamp-lit', instance: 'lamp-1' }],
      [() => cl.answerInstance('lamp-1', 'lamp-lit', undefined), 'E_VALUE', {}],
      [
        () => cl.answerInstance('lamp-1', 'lamp-lit', true, [{ kind: 'photo', ref: 3 } as unknown as EvidenceRef]),
        'E_EVIDENCE',
        {},
      ],
      [() => cl.answer('lamp-lit', true), 'E_UNKNOWN_FACT', { fact: 'lamp-lit' }],
      [() => cl.clearInstance('lamp-1', 'no-such-fact'), 'E_UNKNOWN_FACT', {}],
    ];
    for (const [f, code, extra] of cases) {
      const e = error(f);
      expect([e.code, e.text.zh.length > 0, e.text.en.length > 0]).toEqual([code, true, true]);
      expect(e).toMatchObject(extra);
      expect(observable(cl)).toEqual(was);
    }
    // Messages name the object and say where, as the observation would hold it.
    const e = error(() => cl.answerInstance('lamp-1', 'lamp-lit', 3));
    expect(e.text.zh).toContain('1号路灯 亮灯');
    expect(e.issues[0]!.path).toBe('instances.street-lamp[0].facts.lamp-lit');
    expect(error(() => cl.answer('lamp-lit', true)).text.en).toContain('answerInstance(');
    expect(error(() => cl.addInstance('street-lamp', { id: 'x', part: 'facade-a' })).issues[0]!.path).toBe(
      'instances.street-lamp[1].part',
    );
  });

  it('leaves an edition without kinds as it was', () => {
    const ed = compileEdition({ ...STREET, id: 'no-kinds', kinds: undefined, quantifiers: undefined, groups: [] });
    expect(ed.kinds).toEqual([]);
    const cl = createChecklist(JSON.parse(JSON.stringify(createBundle([ed]))), ed.ref, U);
    expect(cl.kinds()).toEqual([]);
    expect(error(() => cl.addInstance('street-lamp', { id: 'x' })).code).toBe('E_UNKNOWN_KIND');
    expect(error(() => cl.recordNone('street-lamp')).code).toBe('E_UNKNOWN_KIND');
    expect(error(() => cl.answerInstance('x', 'lamp-lit', true)).code).toBe('E_UNKNOWN_INSTANCE');
    expect(cl.progress()).not.toHaveProperty('instances');
    expect(cl.observation()).not.toHaveProperty('instances');
  });
});

describe('toJSON and restore with objects', () => {
  it('keeps the objects, their answers and evidence, and a kind recorded as none: the same verdict', () => {
    const cl = createChecklist(BUNDLE, ED.ref, { ...U, observedAt: AT });
    cl.answer('street-is-main-road', true);
    cl.addInstance('street-lamp', { id: 'lamp-3', label: '3号路灯', code: '0301', part: 'street-plane' });
    cl.answerInstance('lamp-3', 'lamp-pole-tilted', true, [{ kind: 'photo', ref: 'p.jpg' }]);
    cl.addInstance('manhole', { id: 'mh-1' });
    cl.answerInstance('mh-1', 'cover-intact', null);
    cl.recordNone('shop-frontage');
    const again = restore(BUNDLE, JSON.stringify(cl), U);
    expect(again.toJSON()).toEqual(cl.toJSON());
    expect(again.verdict()).toEqual(cl.verdict());
    expect(again.progress()).toEqual(cl.progress());
    expect(again.kinds()).toEqual(cl.kinds());
    // And the inspection goes on from there: the restored session removes, adds and answers as the first would.
    again.removeInstance('lamp-3');
    expect(again.kinds()[0]!.recorded).toBe(false);
    again.answerInstance('mh-1', 'cover-intact', true, [{ kind: 'photo', ref: 'mh.jpg' }]);
    expect(again.verdict()).toEqual(evaluate(ED, again.observation(), { trace: false }));
  });

  it('stays pinned to its edition', () => {
    const cl = createChecklist(BUNDLE, ED.ref, U);
    cl.addInstance('street-lamp', { id: 'lamp-3' });
    const other = compileEdition({ ...STREET, version: '1.0.1' });
    const e = error(() => restore(JSON.parse(JSON.stringify(createBundle([other]))), JSON.stringify(cl), U));
    expect(e.code).toBe('E_EDITION_MISSING');
    // An object the saved observation gives in a shape its kind refuses is refused, never repaired.
    const saved = cl.toJSON();
    saved.observation.instances!['street-lamp']![0]!.part = 'facade-a';
    expect(error(() => restore(BUNDLE, saved, U)).code).toBe('E_SNAPSHOT');
  });
});

// ——— The law of the session, with objects ———

const IDS = ['o1', 'o2', 'o3', 'o4', 'o5'];

/** Details an app may give an object, some of which its kind refuses (a part it does not stand in, coordinates without their system). */
const META: InstanceInput[] = [
  { id: '' },
  { id: '', label: '3号' },
  { id: '', part: 'street-plane' },
  { id: '', part: 'facade-a' },
  { id: '', location: { lat: 30.1, lng: 120.2, crs: 'GCJ-02' } },
  { id: '', location: { lat: 30.1, lng: 120.2 } },
  { id: '', responsible: { name: '便民超市', contact: '0571' } },
  { id: '', code: '0301' },
];

/** Evidence with an answer: none, a photo (often: it backs 井盖完好), a blank one, one of the wrong kind. */
const evidenceArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 4, arbitrary: fc.constant([{ kind: 'photo', ref: 'p/1.jpg' }]) },
  { weight: 1, arbitrary: fc.constant([{ kind: 'photo', ref: ' ' }]) },
  { weight: 1, arbitrary: fc.constant([{ kind: 'gps', ref: 'g/1' }]) },
);

type Step =
  | ['unit', number, unknown, unknown]
  | ['unit-clear', number]
  | ['add', number, string, number]
  | ['remove', string]
  | ['none', number]
  | ['clear-kind', number]
  | ['answer', string, number, unknown, unknown]
  | ['clear', string, number]
  | ['locale', 'zh' | 'en'];

/** Steps an inspector might take on edition `ed`: valid and invalid, in any order. */
function steps(ed: CompiledEdition): fc.Arbitrary<Step[]> {
  const kinds = ed.kinds.length;
  const id = fc.constantFrom(...IDS);
  // An object's fact is picked by position in the kind's own facts (modulo their count): any kind's answer fits any id.
  const ownFact = fc.integer({ min: 0, max: 15 });
  const unitFacts = ed.facts.length;
  const anyOwnSpec = ed.kinds.flatMap((k) => k.own.map((f) => f.spec));
  const step: fc.Arbitrary<Step> = fc.oneof(
    {
      // An edition whose facts are all its objects' (facts: {}) has no unit item to answer.
      weight: unitFacts ? 2 : 0,
      arbitrary: fc
        .integer({ min: 0, max: Math.max(0, unitFacts - 1) })
        .chain((i) =>
          fc.tuple(fc.constant('unit' as const), fc.constant(i), valuesFor(ed.facts[i]!.spec), evidenceArb),
        ),
    },
    {
      weight: unitFacts ? 1 : 0,
      arbitrary: fc.tuple(fc.constant('unit-clear' as const), fc.integer({ min: 0, max: Math.max(0, unitFacts - 1) })),
    },
    {
      weight: 4,
      arbitrary: fc.tuple(
        fc.constant('add' as const),
        fc.integer({ min: 0, max: kinds - 1 }),
        id,
        fc.integer({ min: 0, max: META.length - 1 }),
      ),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constant('remove' as const), id) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('none' as const), fc.integer({ min: 0, max: kinds - 1 })) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('clear-kind' as const), fc.integer({ min: 0, max: kinds - 1 })) },
    {
      weight: 8,
      arbitrary: fc.tuple(
        fc.constant('answer' as const),
        id,
        ownFact,
        fc.oneof(
          { weight: 3, arbitrary: fc.oneof(fc.boolean(), fc.constant(null), fc.integer({ min: -2, max: 25 })) },
          { weight: 1, arbitrary: fc.constantFrom(...anyOwnSpec).chain((spec) => valuesFor(spec)) },
        ),
        evidenceArb,
      ),
    },
    { weight: 2, arbitrary: fc.tuple(fc.constant('clear' as const), id, ownFact) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('locale' as const), fc.constantFrom('zh' as const, 'en' as const)) },
  );
  return fc.array(step, { minLength: 1, maxLength: 30 });
}

/** Where object `id` is in an observation, if it is there. */
function find(obs: Observation, id: string): { kind: string; list: InstanceObservation[]; index: number } | undefined {
  for (const [kind, list] of Object.entries(obs.instances ?? {})) {
    const index = list.findIndex((x) => x.id === id);
    if (index >= 0) return { kind, list, index };
  }
  return undefined;
}

/**
 * The observation a step makes of `before`, written here from the documented meaning of each step (not from the
 * SDK): undefined when the step must be refused whatever the values (an unknown object, an id taken, a kind with
 * objects). Whether a value or an object's details are acceptable is left to the engine to say.
 */
function apply(ed: CompiledEdition, before: Observation, s: Step): Observation | undefined {
  const next = structuredClone(before);
  const instances = (next.instances ??= {});
  const tidy = () => {
    if (Object.keys(instances).length === 0) delete next.instances;
    return next;
  };
  switch (s[0]) {
    case 'unit': {
      const f = ed.facts[s[1]]!;
      next.facts[f.id] = s[2];
      if (s[3] !== undefined) next.evidence = { ...next.evidence, [f.id]: s[3] as EvidenceRef[] };
      return tidy();
    }
    case 'unit-clear': {
      const f = ed.facts[s[1]]!;
      delete next.facts[f.id];
      if (next.evidence) delete next.evidence[f.id];
      if (next.evidence && !Object.keys(next.evidence).length) delete next.evidence;
      return tidy();
    }
    case 'add': {
      if (find(next, s[2])) return undefined;
      const kind = ed.kinds[s[1]]!.id;
      (instances[kind] ??= []).push({ ...META[s[3]]!, id: s[2], facts: {} });
      return next;
    }
    case 'remove': {
      const at = find(next, s[1]);
      if (!at) return undefined;
      at.list.splice(at.index, 1);
      if (!at.list.length) delete instances[at.kind];
      return tidy();
    }
    case 'none':
    case 'clear-kind': {
      const kind = ed.kinds[s[1]]!.id;
      if (instances[kind]?.length) return undefined;
      if (s[0] === 'none') instances[kind] = [];
      else delete instances[kind];
      return tidy();
    }
    case 'answer':
    case 'clear': {
      const at = find(next, s[1]);
      if (!at) return undefined;
      const own = ed.kindById.get(at.kind)!.own;
      const fact = own[s[2] % own.length]!.id;
      const x = at.list[at.index]!;
      if (s[0] === 'answer') {
        x.facts[fact] = s[3];
        if (s[4] !== undefined) x.evidence = { ...x.evidence, [fact]: s[4] as EvidenceRef[] };
      } else {
        delete x.facts[fact];
        if (x.evidence) delete x.evidence[fact];
        if (x.evidence && !Object.keys(x.evidence).length) delete x.evidence;
      }
      return tidy();
    }
    case 'locale':
      return tidy();
  }
}

/** Runs step `s` on the session. */
function run(ed: CompiledEdition, cl: Checklist, obs: Observation, s: Step): ChecklistUpdate {
  switch (s[0]) {
    case 'unit':
      return cl.answer(ed.facts[s[1]]!.id, s[2], s[3] as EvidenceRef[] | undefined);
    case 'unit-clear':
      return cl.clear(ed.facts[s[1]]!.id);
    case 'add':
      return cl.addInstance(ed.kinds[s[1]]!.id, { ...META[s[3]]!, id: s[2] });
    case 'remove':
      return cl.removeInstance(s[1]);
    case 'none':
      return cl.recordNone(ed.kinds[s[1]]!.id);
    case 'clear-kind':
      return cl.clearKind(ed.kinds[s[1]]!.id);
    case 'answer':
    case 'clear': {
      // The fact by position in the object's kind, as `apply` picks it; an unknown object is refused either way.
      const at = find(obs, s[1]);
      const own = at ? ed.kindById.get(at.kind)!.own : ed.kinds[0]!.own;
      const fact = own[s[2] % own.length]!.id;
      return s[0] === 'answer'
        ? cl.answerInstance(s[1], fact, s[3], s[4] as EvidenceRef[] | undefined)
        : cl.clearInstance(s[1], fact);
    }
    case 'locale':
      return cl.setLocale(s[1]);
  }
}

/** What a missing entry is about (a unit fact, an object's fact, a kind's list): the test's own key. */
const about = (m: MissingFact) => JSON.stringify([m.list ?? false, m.instance ?? null, m.fact]);

/** An object's outcome as the verdict gives it: over the clauses checked on it that count. */
function objectOutcome(v: Verdict, id: string): Outcome {
  const outcomes = v.clauses
    .filter((c) => c.counts && c.instances)
    .flatMap((c) => c.instances!.filter((x) => x.instance.id === id).map((x) => x.outcome));
  for (const o of ['fail', 'indeterminate', 'pass'] as const) if (outcomes.includes(o)) return o;
  return 'not_applicable';
}

/** Runs per edition: the fixtures, made to exercise every path, get the most. */
const runs = (ed: CompiledEdition, n: number) => (EDITIONS.includes(ed) ? n : Math.ceil(n / 4));

describe('the law of the session, with objects', () => {
  for (const ed of [...EDITIONS, ...BUILTIN]) {
    it(`${ed.ref}: after every step the verdict, outcomes and what is still needed are the engine’s on the observation the steps describe`, () => {
      fc.assert(
        fc.property(steps(ed), (list) => {
          const cl = createChecklist(BUNDLE, ed.ref, { ...U, observedAt: AT });
          let model: Observation = { standard: ed.ref, observedAt: AT, facts: {} };
          for (const s of list) {
            const before = { revision: cl.revision, observation: cl.observation(), verdict: cl.verdict() };
            const next = apply(ed, model, s);
            let engineError: unknown;
            if (next) {
              try {
                evaluate(ed, next);
              } catch (e) {
                if (!(e instanceof ObservationError)) throw e;
                engineError = e;
              }
            }
            let u: ChecklistUpdate;
            try {
              u = run(ed, cl, model, s);
            } catch (e) {
              if (!(e instanceof ChecklistError)) throw e;
              // Refused: by the steps' meaning, by the engine, or for want of a value; and nothing changed.
              expect(next === undefined || engineError !== undefined || (s[0] === 'unit' && s[2] === undefined)).toBe(
                true,
              );
              expect({ revision: cl.revision, observation: cl.observation(), verdict: cl.verdict() }).toEqual(before);
              continue;
            }
            expect(next).toBeDefined();
            expect(engineError).toBeUndefined();
            model = next!;
            expect(cl.observation()).toEqual(model);
            const expected = evaluate(ed, model, { locale: cl.locale, trace: false });
            expect(cl.verdict()).toEqual(expected);
            expect(u.verdict).toBe(cl.verdict());
            expect([u.outcome, u.previous, u.totals, u.score]).toEqual([
              expected.outcome,
              before.verdict.outcome,
              expected.totals,
              expected.score,
            ]);
            expect(u.changes.map((c) => c.clause)).toEqual(
              expected.clauses.filter((c, k) => c.outcome !== before.verdict.clauses[k]!.outcome).map((c) => c.clause),
            );
            // What is still needed: the engine's missing list, in its order, less what only optional clauses need.
            const p = cl.progress();
            const forCounting = new Set(expected.clauses.filter((c) => c.counts).flatMap((c) => c.missing.map(about)));
            expect(p.needed).toEqual(expected.missing.filter((m) => forCounting.has(about(m))));
            expect(p.optional).toEqual(expected.missing.filter((m) => !forCounting.has(about(m))));
            const objects = ed.kinds.flatMap((k) => model.instances?.[k.id] ?? []);
            expect(p.instances!.map((x) => [x.id, x.outcome, x.needed])).toEqual(
              objects.map((x) => [x.id, objectOutcome(expected, x.id), p.needed.filter((m) => m.instance === x.id)]),
            );
            expect(cl.kinds().map((k) => [k.kind, k.recorded, k.instances.map((x) => x.id)])).toEqual(
              ed.kinds.map((k) => [
                k.id,
                model.instances?.[k.id] !== undefined,
                (model.instances?.[k.id] ?? []).map((x) => x.id),
              ]),
            );
          }
        }),
        { numRuns: runs(ed, 120) },
      );
    });

    it(`${ed.ref}: an item marked moot, of the unit or of an object, cannot change any clause on the unit or on an object`, () => {
      fc.assert(
        fc.property(steps(ed), (list) => {
          const cl = createChecklist(BUNDLE, ed.ref, U);
          let model: Observation = { standard: ed.ref, facts: {} };
          for (const s of list) {
            try {
              run(ed, cl, model, s);
              model = cl.observation();
            } catch (e) {
              if (!(e instanceof ChecklistError)) throw e;
            }
          }
          const outcomes = (v: Verdict) =>
            v.clauses.map((c) => [c.outcome, (c.instances ?? []).map((x) => [x.instance.id, x.outcome])]);
          const now = outcomes(cl.verdict());
          const tryValues = (
            spec: EditionSpec['facts'][string],
            set: (obs: Observation, v: unknown) => void,
            what: string,
          ) => {
            for (const v of [...validSamples(spec), null]) {
              const obs = cl.observation();
              set(obs, v);
              expect(outcomes(evaluate(ed, obs, { trace: false })), `${what} = ${JSON.stringify(v)}`).toEqual(now);
            }
          };
          const photo = [{ kind: 'photo' as const, ref: 'p.jpg' }];
          for (const item of cl.items().filter((x) => x.relevance === 'moot')) {
            const spec = ed.factById.get(item.fact)!.spec;
            tryValues(
              spec,
              (obs, v) => {
                obs.facts[item.fact] = v;
                if (spec.evidence) obs.evidence = { ...obs.evidence, [item.fact]: photo };
              },
              item.fact,
            );
          }
          for (const k of cl.kinds())
            for (const x of k.instances)
              for (const item of x.items.filter((i) => i.relevance === 'moot')) {
                const spec = ed.kindById.get(k.kind)!.factById.get(item.fact)!.spec;
                tryValues(
                  spec,
                  (obs, v) => {
                    const o = obs.instances![k.kind]!.find((y) => y.id === x.id)!;
                    o.facts[item.fact] = v;
                    if (spec.evidence) o.evidence = { ...o.evidence, [item.fact]: photo };
                  },
                  `${x.id} ${item.fact}`,
                );
              }
        }),
        { numRuns: runs(ed, 300) },
      );
    });
  }

  for (const ed of [...EDITIONS, ...BUILTIN]) {
    it(`${ed.ref}: each item’s relevance is what the engine decides of its clauses with the item unanswered`, () => {
      /**
       * The relevance the documentation defines, from the engine's verdict on the observation without the answer:
       * required if a clause that counts stays undecided (on the object asked, for a clause checked per object;
       * on any object, or its list not recorded, for a unit fact such a clause reads), optional if only an
       * optional one does, else moot: not-applicable if none of them applies, decided otherwise.
       */
      const expected = (v: Verdict, clauses: string[], object?: string): [string, string | undefined] => {
        let required = false;
        let optional = false;
        let applies = false;
        for (const id of clauses) {
          const c = v.clauses.find((x) => x.clause === id)!;
          const mine =
            object !== undefined && c.instances ? c.instances.find((x) => x.instance.id === object) : undefined;
          const outcome = mine ? mine.outcome : c.outcome;
          const undecided = mine
            ? outcome === 'indeterminate'
            : c.scope
              ? !c.instances || c.instances.some((x) => x.outcome === 'indeterminate')
              : outcome === 'indeterminate';
          if (undecided) {
            if (c.counts) required = true;
            else optional = true;
          }
          if (outcome !== 'not_applicable') applies = true;
        }
        if (!clauses.length) return ['moot', 'unused'];
        if (required) return ['required', undefined];
        if (optional) return ['optional', undefined];
        return ['moot', applies ? 'decided' : 'not-applicable'];
      };
      fc.assert(
        fc.property(steps(ed), (list) => {
          const cl = createChecklist(BUNDLE, ed.ref, U);
          for (const s of list) {
            try {
              run(ed, cl, cl.observation(), s);
            } catch (e) {
              if (!(e instanceof ChecklistError)) throw e;
            }
          }
          for (const item of cl.items()) {
            const obs = cl.observation();
            delete obs.facts[item.fact];
            const v = evaluate(ed, obs, { trace: false });
            expect([item.relevance, item.moot], item.fact).toEqual(expected(v, item.clauses));
          }
          for (const k of cl.kinds())
            for (const x of k.instances)
              for (const item of x.items) {
                const obs = cl.observation();
                delete obs.instances![k.kind]!.find((y) => y.id === x.id)!.facts[item.fact];
                const v = evaluate(ed, obs, { trace: false });
                expect([item.relevance, item.moot], `${x.id} ${item.fact}`).toEqual(expected(v, item.clauses, x.id));
              }
        }),
        { numRuns: runs(ed, 150) },
      );
    });
  }

  it('restores any inspection of objects to the same session', () => {
    fc.assert(
      fc.property(steps(ED_MORE), fc.constantFrom('zh' as const, 'en' as const), (list, locale) => {
        const cl = createChecklist(BUNDLE, ED_MORE.ref, { ...U, locale });
        for (const s of list) {
          try {
            run(ED_MORE, cl, cl.observation(), s);
          } catch (e) {
            if (!(e instanceof ChecklistError)) throw e;
          }
        }
        const again = restore(BUNDLE, JSON.stringify(cl), U);
        expect(again.toJSON()).toEqual(cl.toJSON());
        expect(again.verdict()).toEqual(cl.verdict());
        expect(again.progress()).toEqual(cl.progress());
        expect(again.kinds()).toEqual(cl.kinds());
      }),
      { numRuns: 50 },
    );
  });
});
