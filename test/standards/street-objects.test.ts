/**
 * The task standards whose objects stand in a street (litter bins and collection points, tasks 11 and 14; hoardings,
 * §二/35 and 39; green belts, 18 and 20) check them per instance. These tests hold what their own cases cannot: that
 * two standards judging the same objects define the kind identically (so a street unit including both composes and
 * records each bin or hoarding once), and what a verdict says about one object — its missing facts, the kind list
 * still to record, and who must act on a failing hoarding. (A case's `expect.missing` may name unit facts only.)
 */
import { describe, expect, it } from 'vitest';
import { composeEditions, createRegistry, type EditionSpec } from '../../src/index.js';
import { builtin } from '../support/helpers.js';

const spec = (ref: string): EditionSpec => builtin().get(ref).spec;
const GARBAGE = 'garbage-collection@2.0.0';
const SANITATION = 'sanitation-facilities@2.0.0';
const HOARDING = 'hoarding-removal@2.0.0';
const SITE = 'ba-ge-bai-fen-zhi-bai@3.0.0';
const GREEN = 'greening-maintenance@2.0.0';

/** A draft street unit including the given groups of the given editions. */
function street(includes: { standard: string; group: string }[]): EditionSpec {
  return {
    id: 'test-street',
    version: '1.0.0',
    status: 'draft',
    nickname: '测试街路',
    title: { zh: '测试街路', en: 'Test street' },
    effective: { from: '2027-01-01' },
    sources: [{ id: 'seed-plan', kind: 'plan', title: { zh: '2023年城市精细化管理工作方案', en: '2023 Work Plan for Refined City Management' } }],
    facts: {},
    groups: includes.map((inc, i) => ({ id: `g${i}`, label: { zh: inc.group, en: inc.group }, clauses: [], include: inc })),
  };
}

const streetIncludes = [
  { standard: SANITATION, group: 'sanitation-containers' },
  { standard: GARBAGE, group: 'garbage-collection-containers' },
  { standard: GARBAGE, group: 'garbage-collection-operations' },
  { standard: HOARDING, group: 'hoarding-removal' },
  { standard: SITE, group: 'standard-hoarding' },
  { standard: GREEN, group: 'greening-upkeep' },
];
const parts = [GARBAGE, SANITATION, HOARDING, SITE, GREEN];
const registry = () => createRegistry([...parts.map(spec), street(streetIncludes)]);

const cleanBin = {
  'bin-intact': true,
  'bin-body-clean': true,
  'bin-lidded': true,
  'bin-overflowing': false,
  'bin-upright-in-line': true,
  'bin-at-designated-spot': true,
  'bin-class-marked': true,
  'bin-surroundings-clean': true,
  'bin-scattered-waste-found': false,
  'bin-stains-found': false,
  'bin-day-end-holds-day-waste': false,
};
const dayEndPhoto = { 'bin-day-end-holds-day-waste': [{ kind: 'photo', ref: 'p.jpg' }] };

describe('objects in a street', () => {
  it('defines each shared kind identically in the standards that judge it', () => {
    for (const k of ['waste-bin', 'collection-point']) expect(spec(GARBAGE).kinds?.[k], k).toEqual(spec(SANITATION).kinds?.[k]);
    expect(spec(HOARDING).kinds?.hoarding).toEqual(spec(SITE).kinds?.hoarding);
    expect(spec(HOARDING).kinds?.hoarding?.responsibleParty).toBe(true);
  });

  it('composes into one street unit with each kind once and no conflict', () => {
    const { editions, diagnostics } = composeEditions([...parts.map((r) => ({ spec: spec(r) })), { spec: street(streetIncludes) }]);
    expect(diagnostics).toEqual([]);
    const flat = editions.at(-1)!;
    expect(Object.keys(flat.kinds ?? {}).sort()).toEqual(['collection-point', 'green-belt', 'hoarding', 'waste-bin']);
  });

  it('fails the one dirty bin, names it, and asks the bin questions of both tasks once', () => {
    const v = registry().evaluate({
      standard: 'test-street@1.0.0',
      facts: { 'garbage-vehicle-inspected': false },
      instances: {
        'waste-bin': [
          { id: 'bin-1', label: '3号路灯旁果皮箱', facts: cleanBin, evidence: dayEndPhoto },
          { id: 'bin-2', label: '公交站旁果皮箱', facts: { ...cleanBin, 'bin-lidded': false }, evidence: dayEndPhoto },
        ],
        'collection-point': [],
        hoarding: [],
        'green-belt': [],
      },
    });
    const failed = (v.findings ?? []).filter((f) => f.counts).map((f) => [f.clause, f.instance?.id]);
    // Task 11's 整洁密闭 and task 14's 密闭 both read the one `bin-lidded` answer.
    expect(failed.sort()).toEqual([
      ['garbage-bin-sealed', 'bin-2'],
      ['sanitation-bin-clean-and-closed', 'bin-2'],
    ]);
    const r = v.clauses.find((c) => c.clause === 'garbage-bin-sealed')!;
    expect(r.instances?.map((x) => x.outcome)).toEqual(['pass', 'fail']);
    expect(r.instances?.[1]?.message).toContain('公交站旁果皮箱');
  });

  it('names the bin whose day-end photo is missing, and the kind list not recorded', () => {
    const v = createRegistry([spec(GARBAGE)]).evaluate({
      standard: GARBAGE,
      facts: { 'garbage-vehicle-inspected': false },
      instances: { 'waste-bin': [{ id: 'bin-1', label: '3号路灯旁果皮箱', facts: cleanBin }] },
    });
    expect(v.clauses.find((c) => c.clause === 'garbage-bin-cleared-same-day')!.outcome).toBe('indeterminate');
    const facts = v.missing.map((m) => m.fact);
    expect(facts).toContain('bin-day-end-holds-day-waste');
    expect(facts).toContain('collection-point');
    expect(v.missing.find((m) => m.fact === 'bin-day-end-holds-day-waste')).toMatchObject({ kind: 'waste-bin', instance: 'bin-1', reason: 'no-evidence' });
    expect(v.missing.find((m) => m.fact === 'collection-point')).toMatchObject({ list: true });
  });

  it('sends a non-standard site hoarding to its construction unit and an unneeded one to its holder', () => {
    const permit = { 'hoarding-plot-status': [{ kind: 'document', ref: 'permit.pdf' }] };
    const v = registry().evaluate({
      standard: 'test-street@1.0.0',
      facts: { 'garbage-vehicle-inspected': false },
      instances: {
        hoarding: [
          {
            id: 'h-site',
            label: '17号地块施工围挡',
            responsible: { name: '某建设工程有限公司' },
            facts: { 'hoarding-plot-status': 'active-works', 'hoarding-standing': true, 'hoarding-standard-type': false },
            evidence: permit,
          },
          {
            id: 'h-old',
            label: '9号地块围挡',
            responsible: { name: '某置业有限公司' },
            facts: { 'hoarding-plot-status': 'no-works', 'hoarding-standing': true, 'hoarding-standard-type': true },
            evidence: permit,
          },
        ],
        'waste-bin': [],
        'collection-point': [],
        'green-belt': [],
      },
    });
    const by = (clause: string) => (v.findings ?? []).find((f) => f.clause === clause)!;
    expect(by('site-standard-hoarding').instance?.id).toBe('h-site');
    expect(by('site-standard-hoarding').mustAct).toMatchObject({ parties: ['某建设工程有限公司'], from: 'instance' });
    expect(by('site-standard-hoarding').mustAct?.implementing).toEqual(spec(SITE).routing?.implementing);
    expect(by('unnecessary-hoarding-removed').instance?.id).toBe('h-old');
    expect(by('unnecessary-hoarding-removed').mustAct).toMatchObject({ parties: ['某置业有限公司'], implementing: ['各城区人民政府(管委会)'] });
    // The site rule does not reach a hoarding round a finished plot, nor the removal rule a site under works.
    const per = (clause: string) => v.clauses.find((c) => c.clause === clause)!.instances?.map((x) => x.outcome);
    expect(per('site-standard-hoarding')).toEqual(['fail', 'not_applicable']);
    expect(per('unnecessary-hoarding-removed')).toEqual(['not_applicable', 'fail']);
  });
});
