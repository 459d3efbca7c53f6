/**
 * `municipal-facilities@2.0.0` inspects the street plane's objects one by one. Its own cases give each clause's
 * unit-level outcome; these tests check what the cases cannot state: which object a failure or a missing fact is
 * on (a case's `expect.missing` may name only the unit's facts), who the finding goes to, and that a kind left out
 * of the record is asked for as a list.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type CompiledEdition, type Verdict } from '../../src/index.js';
import { builtin } from '../support/helpers.js';

const edition = (): CompiledEdition => builtin().get('municipal-facilities@2.0.0');

/** Evaluates the edition's own case whose name starts with `name`, in Chinese. */
function runCase(name: string): Verdict {
  const ed = edition();
  const c = ed.spec.cases!.find((x) => x.name.startsWith(name));
  if (!c) throw new Error(`no case "${name}…" in ${ed.ref}`);
  const obs = { standard: ed.ref, facts: c.facts, evidence: c.evidence, instances: c.instances };
  return evaluate(ed, obs as Parameters<typeof evaluate>[1], { locale: 'zh', trace: false });
}

const clause = (v: Verdict, id: string) => v.clauses.find((c) => c.clause === id)!;
const perObject = (v: Verdict, id: string) => clause(v, id).instances?.map((x) => [x.instance.id, x.outcome]);

describe('municipal-facilities@2.0.0', () => {
  it('fails 照明正常 when one lamp of three is out, naming that lamp, with one finding routed to the G1 units', () => {
    const v = runCase('one lamp out at night');
    const r = clause(v, 'street-lighting-normal');
    expect(r.outcome).toBe('fail');
    expect(r.message).toBe('1/3 个路灯不合格:2号路灯。');
    expect(perObject(v, 'street-lighting-normal')).toEqual([
      ['lamp-01', 'pass'],
      ['lamp-02', 'fail'],
      ['lamp-03', 'pass'],
    ]);
    expect(v.findings).toHaveLength(1);
    const f = v.findings![0]!;
    expect(f).toMatchObject({ clause: 'street-lighting-normal', instance: { id: 'lamp-02', kind: 'street-lamp', part: 'street-plane' } });
    expect(f.message).toBe('2号路灯:路灯不亮或照明不正常(要求照明正常)。');
    expect(f.mustAct).toMatchObject({ from: 'clause', implementing: ['市住房城乡建设局'] });
    // No source for a deadline could be cited, so the standard sets none (the street unit does).
    expect(f.deadline).toBeUndefined();
  });

  it('fails a lamp missing from the register on the pole clause only: the fitting, light and cover clauses do not apply to it', () => {
    const v = runCase('a lamp the register lists but the street lacks');
    expect(perObject(v, 'lamp-poles-upright-and-present')).toEqual([
      ['lamp-01', 'pass'],
      ['lamp-02', 'fail'],
      ['lamp-03', 'pass'],
    ]);
    for (const id of ['lamp-fittings-undamaged', 'street-lighting-normal', 'lamp-covers-intact-and-clear'])
      expect(perObject(v, id), id).toEqual([
        ['lamp-01', 'pass'],
        ['lamp-02', 'not_applicable'],
        ['lamp-03', 'pass'],
      ]);
    expect(v.missing).toEqual([]);
  });

  it('asks for the list of a kind left out of the record, once for the clauses it settles, and not for an empty one', () => {
    const unrecorded = runCase('traffic signals left out of the record');
    expect(unrecorded.missing).toEqual([
      expect.objectContaining({ fact: 'traffic-signal', kind: 'traffic-signal', list: true, clauses: 2 }),
    ]);
    expect(clause(unrecorded, 'traffic-signals-complete-and-undamaged').message).toBe(
      '未记录本单元的交通信号灯清单(没有则记为空清单),无法判定。',
    );
    const none = runCase('a street recorded with no traffic signals');
    expect(none.missing).toEqual([]);
    expect(clause(none, 'traffic-signals-set-properly').outcome).toBe('not_applicable');
  });

  it('asks for a missing fact on the object that lacks it: one well unmeasured, one lamp-lit answer per lamp by day', () => {
    const level = runCase('a well whose level was not measured');
    expect(level.missing).toEqual([
      expect.objectContaining({ fact: 'manhole-level-difference', instance: 'well-02', label: '2号检查井 井盖与路面高差' }),
    ]);
    expect(perObject(level, 'manholes-level-with-road')).toEqual([
      ['well-01', 'pass'],
      ['well-02', 'indeterminate'],
    ]);
    const day = runCase('a daytime visit');
    expect(day.missing.map((m) => [m.fact, m.instance])).toEqual([
      ['lamp-lit-normally', 'lamp-01'],
      ['lamp-lit-normally', 'lamp-02'],
      ['lamp-lit-normally', 'lamp-03'],
    ]);
  });

  it('holds an unphotographed missing cover undecided on all four cover clauses, asking for the one photo that settles them', () => {
    const v = runCase('a missing cover reported without its photo');
    expect(v.missing).toEqual([
      expect.objectContaining({ fact: 'manhole-cover-missing', instance: 'well-02', reason: 'no-evidence', clauses: 4 }),
    ]);
    expect(v.findings).toEqual([]);
  });

  it('asks a blank record for every list as well as the unit facts', () => {
    const v = runCase('nothing recorded');
    expect(v.missing.filter((m) => m.list).map((m) => m.fact).sort()).toEqual(
      ['gully-inlet', 'manhole', 'street-lamp', 'traffic-signal', 'tree-pit'],
    );
  });

  it('passes a street in good order with no finding', () => {
    const v = runCase('a street in good order');
    expect(v.outcome).toBe('pass');
    expect(v.findings).toEqual([]);
  });

  it('words every object question about one object (这… / this …), never "any"', () => {
    for (const [kind, k] of Object.entries(edition().spec.kinds!))
      for (const [id, f] of Object.entries(k.facts)) {
        expect(f.question.zh, `${kind}.${id}`).toMatch(/这/);
        expect(f.question.en, `${kind}.${id}`).toMatch(/\bthis\b/i);
        expect(f.question.en, `${kind}.${id}`).not.toMatch(/\bany\b/i);
      }
  });
});
