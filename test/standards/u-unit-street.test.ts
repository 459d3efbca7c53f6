/**
 * The U型空间 street unit (`u-unit-street`) composes task standards by reference. These tests check what the
 * issue's "done when" asks of it — a missing manhole cover fails, citing task 4, routed to its implementing
 * unit — and that every included clause reaches the unit unchanged, with its own citation and routing. For
 * 2.0.0 (objects, scoring, deadlines) they read what a case cannot state: which edition each clause comes from,
 * which object a finding names, who must act, by when, and what a city's parameters change.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyProfile, compileWithProfile, evaluate, type CompiledEdition, type ProfileSpec } from '../../src/index.js';
import { builtin } from '../support/helpers.js';

const unit = () => builtin().get('u-unit-street@1.0.0');
const example = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'observations', '04-u-unit-missing-manhole-cover.json'), 'utf8'));

describe('u-unit-street', () => {
  it('fails a unit whose manhole cover is missing on that clause alone, citing task 4 and routing to 市住房城乡建设局', () => {
    const v = evaluate(unit(), example, { locale: 'zh' });
    expect(v.outcome).toBe('fail');
    expect(v.clauses.filter((c) => c.outcome === 'fail').map((c) => c.clause)).toEqual(['manhole-covers-not-missing']);
    const c = v.clauses.find((x) => x.clause === 'manhole-covers-not-missing')!;
    expect(c.citation.sources).toContainEqual(expect.objectContaining({ id: 'seed-plan', section: '四(一)4', task: 4 }));
    expect(c.citation.origin).toMatchObject({ standard: 'municipal-facilities', version: '1.0.0' });
    expect(c.routing?.implementing).toEqual(['市住房城乡建设局']);
    expect(c.message).toBe('井盖缺失(要求无缺失)。');
  });

  it('brings every included clause unchanged: same outcome, message, citation and routing as in its own standard', () => {
    const u = unit();
    const ev = evaluate(u, example, { locale: 'zh', trace: false });
    expect(ev.clauses.length).toBe(u.clauses.length);
    for (const r of ev.clauses) {
      const origin = r.citation.origin;
      expect(origin, `${r.clause} has no origin`).toBeDefined();
      const part = builtin().get(`${origin!.standard}@${origin!.version}`);
      // The same observation, cut down to the facts the component standard knows.
      const known = new Set(part.facts.map((f) => f.id));
      const pick = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => known.has(k)));
      const obs = { standard: part.ref, facts: pick(example.facts), evidence: pick(example.evidence) };
      const own = evaluate(part, obs, { locale: 'zh', trace: false }).clauses.find((x) => x.clause === r.clause);
      expect(own, `${r.clause} is not in ${part.ref}`).toBeDefined();
      const { standard: _s, version: _v, editionHash: _e, clauseHash: _c, group: _g, origin: _o, ...mine } = r.citation;
      const { standard: _s2, version: _v2, editionHash: _e2, clauseHash: _c2, group: _g2, origin: _o2, ...theirs } = own!.citation;
      expect(mine, r.clause).toEqual(theirs);
      expect(r.outcome, r.clause).toBe(own!.outcome);
      expect(r.message, r.clause).toBe(own!.message);
      expect(r.routing, r.clause).toEqual(own!.routing);
      expect(r.routing?.implementing.length, `${r.clause} has no implementing unit to route to`).toBeGreaterThan(0);
    }
  });

  it('asks a fact shared by task 23 and 门前三包 once, and fails both clauses with their different routing', () => {
    const u = unit();
    const v = evaluate(u, { standard: u.ref, facts: { 'sundries-piled-outside-along-street': true } }, { locale: 'zh', trace: false });
    const t23 = v.clauses.find((c) => c.clause === 'no-sundries-piled-along-street')!;
    const mqsb = v.clauses.find((c) => c.clause === 'frontage-no-piled-sundries')!;
    expect([t23.outcome, mqsb.outcome]).toEqual(['fail', 'fail']);
    expect(t23.routing).toEqual({ implementing: ['各城区人民政府(管委会)', '市住房城乡建设局'], responsible: ['市公安局'] });
    expect(mqsb.routing).toEqual({ implementing: ['各城区人民政府(管委会)'], responsible: ['各城区人民政府(管委会)'] });
    expect(u.facts.filter((f) => f.id === 'sundries-piled-outside-along-street')).toHaveLength(1);
  });
});

describe('u-unit-street@2.0.0', () => {
  const unit2 = () => builtin().get('u-unit-street@2.0.0');
  const defects =
    'a tilted lamp, a missing cover, a shop trading outside and a dirty toilet fail their clauses; the missing cover is critical and scores the unit 0';
  const run = (ed: CompiledEdition, name: string) => {
    const c = unit2().spec.cases?.find((k) => k.name === name);
    if (!c) throw new Error(`no case "${name}"`);
    const obs = { standard: ed.ref, facts: c.facts, evidence: c.evidence, instances: c.instances, observedAt: '2027-03-01T09:00:00+08:00' };
    return evaluate(ed, obs as Parameters<typeof evaluate>[1], { locale: 'zh', trace: false });
  };

  it('includes the newest edition of each task standard, by reference, and keeps the 1.0.0 group ids it can', () => {
    const u = unit2();
    const origins = new Set(u.clauses.map((c) => `${c.spec.origin!.standard}@${c.spec.origin!.version}`));
    expect([...origins].sort()).toEqual([
      'ba-ge-bai-fen-zhi-bai@3.0.0',
      'facades-and-clearance@1.1.0',
      'garbage-collection@2.0.0',
      'greening-maintenance@2.0.0',
      'hoarding-removal@2.0.0',
      'men-qian-san-bao@2.0.0',
      'municipal-facilities@2.0.0',
      'sanitation-facilities@2.0.0',
      'shi-jing@1.1.0',
      'si-jing-san-wu-liang-tong-yi-ming@2.0.0',
      'snow-clearing@1.0.0',
      'static-parking@1.0.1',
      'street-wu-luan@2.0.0',
    ]);
    // Each is the highest published edition of its standard.
    for (const c of u.clauses) expect(builtin().get(c.spec.origin!.standard).version, c.id).toBe(c.spec.origin!.version);
    const ids = new Set(u.spec.groups.map((g) => g.id));
    const dropped = builtin()
      .get('u-unit-street@1.0.0')
      .spec.groups.map((g) => g.id)
      .filter((id) => !ids.has(id));
    // Only the one 门前三包 group is gone: 2.0.0 has the three groups men-qian-san-bao@2.0.0 prints.
    expect(dropped).toEqual(['unit-frontage-duties']);
    // 四净三无两通一明 judges one toilet: every one of its clauses is checked per toilet of the unit.
    const toilet = u.clauses.filter((c) => c.spec.origin!.standard === 'si-jing-san-wu-liang-tong-yi-ming');
    expect(toilet.length).toBe(12);
    expect(new Set(toilet.map((c) => c.spec.each))).toEqual(new Set(['public-toilet']));
  });

  it('names the failing object in each finding, sends the shop its own, and sets deadlines by severity', () => {
    const v = run(unit2(), defects);
    expect(v.findings!.map((f) => [f.clause, f.instance?.id, f.severity, f.deadline?.hours, f.deduction])).toEqual([
      ['lamp-poles-upright-and-present', 'lamp-02', 'major', 8, 2],
      ['manhole-covers-not-missing', 'well-02', 'critical', 2, 5],
      ['no-processing-or-trading-outside-shops', undefined, 'major', 8, 2],
      ['frontage-no-trading-outside-shop', 'shop-14', 'major', 8, 2],
      ['floor-clean', 'toilet-02', 'major', 8, 2],
    ]);
    const [, cover, street, shop, toilet] = v.findings!;
    expect(cover!.deadline!.dueBy).toBe('2027-03-01T11:00:00+08:00');
    expect(shop!.mustAct).toEqual({
      parties: ['老李面馆'],
      from: 'instance',
      responsible: { name: '老李面馆', contact: '0310-1234567' },
      implementing: ['各城区人民政府(管委会)'],
    });
    // The same act seen street-wide is task 23's: its units, not the shop.
    expect(street!.mustAct).toMatchObject({ parties: ['市公安局'], from: 'clause' });
    expect(toilet!.message).toBe('新华商场附属公厕:地面不净(要求无粪便污物、水锈、尿垢和垃圾)。');
    expect(toilet!.instance?.label).toBe('新华商场附属公厕');
    expect(v.score).toMatchObject({ value: 0, deducted: 13, critical: ['manhole-covers-not-missing'] });
  });

  it("lets a city's profile set the deductions and deadlines, which change the findings and the score", () => {
    const base = unit2();
    const cites = [{ source: 'city-rules', section: '附表' }];
    const profile: ProfileSpec = {
      id: 'test-city-u-unit',
      version: '1.0.0',
      status: 'draft',
      extends: base.ref,
      title: { zh: '测试城市街路单元', en: 'Test city street unit' },
      authority: { zh: '测试城市城管局', en: 'Test city bureau' },
      effective: { from: '2027-01-01' },
      sources: [{ id: 'city-rules', kind: 'local', title: { zh: '本市考核细则', en: 'City assessment rules' } }],
      parameters: {
        'deduct-per-major-finding': { value: 3, cites },
        'rectify-major-hours': { value: 24, cites },
      },
    };
    const applied = applyProfile(base.spec, profile);
    expect(applied.diagnostics).toEqual([]);
    const city = compileWithProfile(base.spec, profile, applied.spec!);
    const name =
      "without the missing cover, the four major findings (the lamp, the shop and task 23's street-wide trading, the toilet) deduct 2 points each, 8 of the 241.5 points that applied (each section counted up to its cap), renormalised to 96.69";
    expect(run(base, name).score).toMatchObject({ deducted: 8, value: 96.69 });
    const v = run(city, name);
    expect(v.findings!.map((f) => [f.clause, f.deduction, f.deadline?.hours])).toEqual([
      ['lamp-poles-upright-and-present', 3, 24],
      ['no-processing-or-trading-outside-shops', 3, 24],
      ['frontage-no-trading-outside-shop', 3, 24],
      ['floor-clean', 3, 24],
    ]);
    expect(v.score!.deducted).toBe(12);
    expect(v.score!.value).toBeLessThan(96.69);
  });
});
