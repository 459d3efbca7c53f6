/**
 * Object-level inspection (docs/units.md), on the small street unit of test/fixtures/units/street-objects/1.0.0.yaml:
 * clauses checked per instance, quantifiers over instances, findings routed to whoever answers for them, and the
 * laws that keep it honest — a kind not recorded is never a pass, `[]` is not applicable, an undecided instance
 * keeps "all" undecided unless another fails, and settling an undecided fact never flips a decided outcome.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileEdition,
  evaluate,
  evaluateOutcomes,
  loadEdition,
  ObservationError,
  type CompiledEdition,
  type Observation,
  type Verdict,
} from '../../src/index.js';
import { normaliseObservation } from '../../src/evaluate/observation.js';
import { aggregatePair, quantify } from '../../src/evaluate/instances.js';

const root = join(__dirname, '..', '..');
const text = readFileSync(join(root, 'test/fixtures/units/street-objects/1.0.0.yaml'), 'utf8');
const ed: CompiledEdition = compileEdition(loadEdition(text, { file: 'street-objects.yaml' }));
const photo = [{ kind: 'photo' as const, ref: 'photos/m.jpg' }];

type Instances = NonNullable<Observation['instances']>;
const lamp = (id: string, facts: Record<string, unknown>, extra: object = {}) => ({
  id,
  label: `${id}号路灯`,
  facts,
  ...extra,
});
const manhole = (id: string, intact: boolean | null, withPhoto = true) => ({
  id,
  facts: { 'cover-intact': intact },
  ...(withPhoto ? { evidence: { 'cover-intact': photo } } : {}),
});
const obs = (instances: Instances, facts: Record<string, unknown> = { 'street-is-main-road': true }): Observation => ({
  standard: 'street-objects',
  observedAt: '2026-11-20T09:30:00+08:00',
  facts,
  instances,
});
const GOOD: Instances = {
  'street-lamp': [lamp('1', { 'lamp-pole-tilted': false, 'lamp-lit': true })],
  manhole: [manhole('m1', true)],
  'shop-frontage': [
    { id: 's1', label: '便民超市', responsible: { name: '便民超市' }, facts: { 'goods-outside': false } },
  ],
};
const clause = (v: Verdict, id: string) => v.clauses.find((c) => c.clause === id)!;

describe('a street unit inspected object by object', () => {
  it('passes when every object passes, and names each object in its own result', () => {
    const v = evaluate(ed, obs(GOOD), { locale: 'en' });
    expect(v.outcome).toBe('pass');
    expect(v.findings).toEqual([]);
    const r = clause(v, 'lamp-pole-upright');
    expect(r.scope).toBe('street-lamp');
    expect(r.instances!.map((x) => [x.instance.id, x.outcome, x.message])).toEqual([
      ['1', 'pass', '1号路灯: Pole upright.'],
    ]);
  });

  it('fails on the one lamp that fails, says which, and deducts per finding up to the cap', () => {
    const tilted = (id: string) => lamp(id, { 'lamp-pole-tilted': true, 'lamp-lit': true });
    const v = evaluate(ed, obs({ ...GOOD, 'street-lamp': [...GOOD['street-lamp']!, tilted('3')] }));
    const r = clause(v, 'lamp-pole-upright');
    expect(r.outcome).toBe('fail');
    expect(r.message).toBe('1/2 个路灯不合格:3号路灯。');
    expect(r.deduction).toBe(2);
    expect(v.findings!.map((f) => [f.clause, f.instance?.id, f.message])).toEqual([
      ['lamp-pole-upright', '3', '3号路灯:灯杆倾斜。'],
    ]);
    // Three failing lamps at 2 points each deduct 3, the clause's cap (扣完为止), and their findings add up to it.
    const three = evaluate(ed, obs({ ...GOOD, 'street-lamp': [tilted('3'), tilted('4'), tilted('5')] }));
    expect(clause(three, 'lamp-pole-upright').deduction).toBe(3);
    expect(three.findings!.reduce((s, f) => s + (f.deduction ?? 0), 0)).toBe(3);
    expect(three.score).toMatchObject({ deducted: 3, value: 97 });
  });

  it('routes a frontage finding to the shop, and a lamp finding to the clause’s units, with the deadline', () => {
    const v = evaluate(
      ed,
      obs({
        ...GOOD,
        'street-lamp': [lamp('3', { 'lamp-pole-tilted': true, 'lamp-lit': true })],
        'shop-frontage': [
          { id: 's1', label: '便民超市', responsible: { name: '便民超市 张三' }, facts: { 'goods-outside': true } },
        ],
      }),
    );
    const byClause = new Map(v.findings!.map((f) => [f.clause, f]));
    expect(byClause.get('no-goods-outside')!.mustAct).toMatchObject({ from: 'instance', parties: ['便民超市 张三'] });
    expect(byClause.get('lamp-pole-upright')!.mustAct).toMatchObject({ from: 'clause', parties: ['各区政府'] });
    expect(byClause.get('lamp-pole-upright')!.deadline).toEqual({
      hours: 24,
      param: 'rectify-major-hours',
      dueBy: '2026-11-21T09:30:00+08:00',
    });
  });

  it('keeps a kind not recorded apart from a unit that has none', () => {
    const { 'street-lamp': _lamps, ...noLamps } = GOOD;
    const notRecorded = evaluate(ed, obs(noLamps));
    expect(clause(notRecorded, 'lamp-pole-upright').outcome).toBe('indeterminate');
    expect(notRecorded.outcome).toBe('indeterminate');
    expect(notRecorded.missing.find((m) => m.list)).toMatchObject({ fact: 'street-lamp', kind: 'street-lamp' });
    const none = evaluate(ed, obs({ ...GOOD, 'street-lamp': [] }));
    expect(clause(none, 'lamp-pole-upright').outcome).toBe('not_applicable');
    expect(none.outcome).toBe('pass');
  });

  it('asks for the missing facts of the object that lacks them, by name', () => {
    const v = evaluate(ed, obs({ ...GOOD, 'street-lamp': [lamp('7', { 'lamp-pole-tilted': false })] }), {
      locale: 'en',
    });
    const r = clause(v, 'main-road-lamp-lit');
    expect(r.outcome).toBe('indeterminate');
    expect(r.missing).toMatchObject([{ fact: 'lamp-lit', instance: '7', kind: 'street-lamp', label: '7号路灯 Lit' }]);
    expect(r.instances![0]!.message).toBe('7号路灯: Missing: Lit.');
    expect(v.missing).toMatchObject([{ fact: 'lamp-lit', instance: '7' }]);
  });

  it('reads a unit fact in a per-instance clause: off the main road, the lighting clause does not apply', () => {
    const v = evaluate(ed, obs({ ...GOOD, 'street-lamp': [lamp('7', {})] }, { 'street-is-main-road': false }));
    expect(clause(v, 'main-road-lamp-lit').outcome).toBe('not_applicable');
    expect(clause(v, 'main-road-lamp-lit').instances![0]!.outcome).toBe('not_applicable');
  });

  it('counts a share of intact covers, three-valued: an unbacked cover keeps it undecided until the bound is settled', () => {
    const covers = (n: number, broken: number, unknown = 0) => [
      ...Array.from({ length: n - broken - unknown }, (_, i) => manhole(`ok${i}`, true)),
      ...Array.from({ length: broken }, (_, i) => manhole(`bad${i}`, false)),
      ...Array.from({ length: unknown }, (_, i) => manhole(`unk${i}`, true, false)),
    ];
    const share = (m: ReturnType<typeof covers>) =>
      clause(evaluate(ed, obs({ ...GOOD, manhole: m })), 'covers-intact-share');
    expect(share(covers(50, 1)).outcome).toBe('pass'); // 98 %
    expect(share(covers(50, 2)).outcome).toBe('fail'); // 96 %
    // One cover's photo is missing: 49/50 or 50/50 are both ≥ 98 %, so the bound is settled either way.
    expect(share(covers(50, 0, 1)).outcome).toBe('pass');
    // 48 intact and 2 undecided: 96 % to 100 % — undecided, and it names the covers to photograph.
    const r = share(covers(50, 0, 2));
    expect(r.outcome).toBe('indeterminate');
    expect(r.missing.map((m) => [m.fact, m.instance, m.reason])).toEqual([
      ['cover-intact', 'unk0', 'no-evidence'],
      ['cover-intact', 'unk1', 'no-evidence'],
    ]);
    expect(r.message).toContain('检查井 unk0 井盖完好');
  });

  it('refuses malformed instances with typed errors naming where', () => {
    const issues = (instances: unknown) => {
      try {
        evaluate(ed, { ...obs(GOOD), instances });
      } catch (e) {
        expect(e).toBeInstanceOf(ObservationError);
        return (e as ObservationError).issues.map((i) => [i.code, i.path]);
      }
      throw new Error('accepted');
    };
    expect(issues({ bollard: [] })).toEqual([['E_UNKNOWN_KIND', 'instances.bollard']]);
    expect(issues({ ...GOOD, 'street-lamp': [lamp('1', {}), lamp('1', {})] })).toEqual([
      ['E_DUPLICATE_ID', 'instances.street-lamp[1].id'],
    ]);
    expect(issues({ ...GOOD, 'street-lamp': [lamp('1', { 'goods-outside': true })] })).toEqual([
      ['E_UNKNOWN_FACT', 'instances.street-lamp[0].facts.goods-outside'],
    ]);
    expect(issues({ ...GOOD, 'street-lamp': [lamp('1', { 'lamp-lit': 'yes' })] })).toEqual([
      ['E_FACT_TYPE', 'instances.street-lamp[0].facts.lamp-lit'],
    ]);
    expect(issues({ ...GOOD, 'street-lamp': [lamp('1', {}, { part: 'facade-a' })] })).toEqual([
      ['E_SHAPE', 'instances.street-lamp[0].part'],
    ]);
    expect(issues({ ...GOOD, 'street-lamp': [lamp('1', {}, { location: { lat: 40, lng: 111 } })] })).toEqual([
      ['E_SHAPE', 'instances.street-lamp[0].location.crs'],
    ]);
    expect(issues({ ...GOOD, 'street-lamp': [lamp('1', {}, { ['__proto__']: 1 })] })[0]).toEqual([
      'E_HOSTILE_KEY',
      'instances.street-lamp[0].__proto__',
    ]);
    expect(issues({ ...GOOD, 'street-lamp': 'many' })).toEqual([['E_SHAPE', 'instances.street-lamp']]);
  });

  it('refuses instances for an edition that declares no kinds', () => {
    const plain = compileEdition(
      loadEdition(readFileSync(join(root, 'standards/san-duan/1.0.0.yaml'), 'utf8'), { file: 'san-duan.yaml' }),
    );
    expect(() => evaluate(plain, { standard: 'san-duan', facts: {}, instances: {} })).toThrow(ObservationError);
  });
});

describe('the laws of counting instances', () => {
  const tri = fc.constantFrom(0, 1, 2);
  const rules = fc.oneof(
    fc.constantFrom('all', 'any', 'none').map((kind) => ({ kind, n: 0 }) as const),
    fc.integer({ min: 1, max: 6 }).map((n) => ({ kind: 'atLeast', n }) as const),
    fc.double({ min: 0.01, max: 1, noNaN: true }).map((n) => ({ kind: 'share', n }) as const),
  );
  /** The classical value over fully known instances. */
  const classical = (rule: { kind: string; n: number }, xs: boolean[]): boolean | undefined => {
    const t = xs.filter(Boolean).length;
    switch (rule.kind) {
      case 'all':
        return t === xs.length;
      case 'any':
        return t > 0;
      case 'none':
        return t === 0;
      case 'atLeast':
        return t >= rule.n;
      default:
        return xs.length === 0 ? undefined : t / xs.length >= rule.n;
    }
  };
  const count = (xs: number[]) =>
    [xs.filter((x) => x === 1).length, xs.filter((x) => x === 0).length, xs.filter((x) => x === 2).length] as const;

  it('a decided quantifier is what every way of settling the undecided instances gives; otherwise undecided', () => {
    fc.assert(
      fc.property(rules, fc.array(tri, { maxLength: 7 }), (rule, xs) => {
        const [t, f, u] = count(xs);
        const r = quantify(rule, t, f, u);
        // Every completion of the undecided instances, classically.
        const holes = xs.map((x, i) => (x === 2 ? i : -1)).filter((i) => i >= 0);
        const answers = new Set<boolean | undefined>();
        for (let m = 0; m < 1 << holes.length; m++) {
          const full = xs.map((x, i) => (x === 2 ? ((m >> holes.indexOf(i)) & 1) === 1 : x === 1));
          answers.add(classical(rule, full));
        }
        if (answers.size === 1 && !answers.has(undefined)) expect(r).toBe([...answers][0] ? 1 : 0);
        else expect(r).toBe(2);
      }),
    );
  });

  it('a per-instance clause passes only when every instance it applies to passes and one does', () => {
    const pair = fc.constantFrom([0, 0], [1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2]);
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 6 }), (ps) => {
        const [a, k] = aggregatePair(Uint8Array.from(ps.flat()));
        const outcomes = ps.map(([x, y]) => (x === 0 ? 'na' : x === 2 || y === 2 ? 'ind' : y === 1 ? 'pass' : 'fail'));
        const expected = outcomes.includes('fail')
          ? [1, 0]
          : outcomes.includes('ind')
            ? [1, 2]
            : outcomes.includes('pass')
              ? [1, 1]
              : [0, 0];
        expect([a, k]).toEqual(expected);
      }),
    );
    expect(aggregatePair(undefined)).toEqual([1, 2]); // not recorded: never a pass
  });

  it('settling an undecided object never flips a decided outcome of the unit (and never passes with one unknown)', () => {
    const lampFacts = fc.record(
      {
        'lamp-pole-tilted': fc.option(fc.boolean(), { nil: undefined }),
        'lamp-lit': fc.option(fc.boolean(), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(lampFacts, { maxLength: 5 }), fc.array(fc.boolean(), { maxLength: 5 }), (lamps, fill) => {
        const clean = (f: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
        const partial = obs({ ...GOOD, 'street-lamp': lamps.map((f, i) => lamp(String(i), clean(f))) });
        const filled = obs({
          ...GOOD,
          'street-lamp': lamps.map((f, i) =>
            lamp(String(i), {
              'lamp-pole-tilted': f['lamp-pole-tilted'] ?? fill[i] ?? false,
              'lamp-lit': f['lamp-lit'] ?? !(fill[i] ?? false),
            }),
          ),
        });
        const n1 = normaliseObservation(ed, partial);
        const before = evaluateOutcomes(ed, n1.values, n1.instances);
        const n2 = normaliseObservation(ed, filled);
        const after = evaluateOutcomes(ed, n2.values, n2.instances);
        before.forEach((o, i) => {
          if (o !== 'indeterminate') expect(after[i]).toBe(o);
        });
        // The fast path and the verdict agree.
        expect(evaluate(ed, partial, { trace: false }).clauses.map((c) => c.outcome)).toEqual(before);
      }),
    );
  });
});

describe('cases with objects', () => {
  it('run as the standard’s own tests, naming missing object facts as <instance>.<fact> and kinds not recorded', async () => {
    const { runCase } = await import('../../src/cases/run.js');
    const c = ed.spec.cases![0]!;
    expect(c.expect.missing).toEqual(['l7.lamp-lit', 'manhole']);
    expect(runCase(ed, c).mismatches).toEqual([]);
    const wrong = { ...c, expect: { ...c.expect, missing: ['l7.lamp-lit'] } };
    expect(runCase(ed, wrong).mismatches.map((m) => m.what)).toEqual(['missing']);
  });

  it('are checked when loaded: a missing entry must name a fact, a kind, or a fact of an instance the case gives', async () => {
    const { checkCases } = await import('../../src/load/validate.js');
    const c = ed.spec.cases![0]!;
    const bad = { ...ed.spec, cases: [{ ...c, expect: { ...c.expect, missing: ['l9.lamp-lit', 'l7.cover-intact'] } }] };
    expect(checkCases(bad, { file: 'x.yaml', locate: () => undefined }).map((d) => d.message)).toEqual([
      'unknown fact "l9.lamp-lit"',
      'unknown fact "l7.cover-intact"',
    ]);
  });
});

describe('the programs of a kind', () => {
  it('give the same per-object outcomes as generated code and as the closure tree', async () => {
    const { closureProgram, codegenProgram } = await import('../../src/compile/codegen.js');
    const kind = ed.kindById.get('street-lamp')!;
    const closures = closureProgram(kind);
    const generated = codegenProgram(kind);
    expect(generated.kind).toBe('codegen');
    const tri = [true, false, undefined];
    for (const main of tri)
      for (const tilted of tri)
        for (const lit of tri) {
          const v: unknown[] = new Array(kind.facts.length).fill(undefined);
          v[ed.factById.get('street-is-main-road')!.index] = main;
          v[kind.factById.get('lamp-pole-tilted')!.index] = tilted;
          v[kind.factById.get('lamp-lit')!.index] = lit;
          const a = new Uint8Array(2 * kind.clauses.length);
          const b = new Uint8Array(2 * kind.clauses.length);
          closures.run(v, a);
          generated.run(v, b);
          expect([...b], `${String(main)} ${String(tilted)} ${String(lit)}`).toEqual([...a]);
        }
  });
});
