/**
 * 门前三包 2.0.0 and the street 五乱 2.0.0 check frontages, barbecue restaurants and signboards one by one. Their
 * own cases settle the outcomes; these tests read what a case cannot state: who a finding goes to (the object's
 * own responsible party, or the clause's units for a street-wide clause) and which object facts or lists a
 * verdict still asks for (a case's `expect.missing` names unit facts only).
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Verdict } from '../../src/index.js';
import { builtin } from '../support/helpers.js';

/** A verdict of an edition with kinds, which always lists its findings. */
type UnitVerdict = Verdict & { findings: NonNullable<Verdict['findings']> };

/** The verdict of an edition's own case, found by its name. */
function caseVerdict(ref: string, name: string): UnitVerdict {
  const ed = builtin().get(ref);
  const c = ed.spec.cases?.find((k) => k.name === name);
  if (!c) throw new Error(`${ref} has no case "${name}"`);
  const v = evaluate(
    ed,
    { standard: ed.ref, facts: c.facts, ...(c.instances ? { instances: c.instances } : {}) },
    { locale: 'zh' },
  );
  if (!v.findings) throw new Error(`${ref} gave no findings list`);
  return v as UnitVerdict;
}

const missingOf = (v: Verdict) => v.missing.map((m) => (m.instance ? `${m.instance}:${m.fact}` : m.fact)).sort();

describe('men-qian-san-bao@2.0.0', () => {
  const ref = 'men-qian-san-bao@2.0.0';

  it('sends the one failing frontage to its own shop, with the districts as implementing units', () => {
    const v = caseVerdict(ref, 'one shop piling crates among kept frontages fails 乱堆乱放 on that shop alone');
    expect(v.findings.map((f) => [f.clause, f.instance?.id])).toEqual([['frontage-no-piled-sundries', 'shop-14']]);
    const f = v.findings[0]!;
    expect(f.message).toBe('新华大街14号 老李面馆:门前堆放杂物(门前三包要求无)。');
    expect(f.mustAct).toEqual({
      parties: ['老李面馆'],
      from: 'instance',
      responsible: { name: '老李面馆', contact: '0310-1234567' },
      implementing: ['各城区人民政府(管委会)'],
    });
  });

  it('asks for the list of frontages when it was not recorded', () => {
    const v = caseVerdict(ref, 'frontages not recorded leave every clause indeterminate, asking for the list');
    expect(missingOf(v)).toEqual(['shop-frontage']);
    expect(v.missing[0]!.list).toBe(true);
  });

  it('asks for the one frontage fact still open, naming that frontage', () => {
    const v = caseVerdict(ref, "one frontage's sewage not yet checked leaves that clause indeterminate and asks for it");
    expect(missingOf(v)).toEqual(['shop-14:frontage-sewage-or-muck-present']);
    const shopOrNot = caseVerdict(ref, "whether a frontage is a shop's is unknown, so trading outside stays undecided for it");
    expect(missingOf(shopOrNot)).toEqual(['shop-12:frontage-is-shop']);
  });
});

describe('street-wu-luan@2.0.0', () => {
  const ref = 'street-wu-luan@2.0.0';

  it('sends a restaurant fanning charcoal outside to that restaurant', () => {
    const v = caseVerdict(ref, 'one restaurant fanning charcoal outside among orderly ones fails 吹炭 on it alone');
    expect(v.findings.map((f) => [f.clause, f.instance?.id])).toEqual([['no-charcoal-fanning-outside-shops', 'bbq-8']]);
    expect(v.findings[0]!.mustAct).toMatchObject({
      parties: ['串串香'],
      from: 'instance',
      implementing: ['各城区人民政府(管委会)', '市住房城乡建设局'],
    });
  });

  it('sends an unapproved sign to its owner', () => {
    const v = caseVerdict(ref, 'one sign put up without approval among compliant ones fails 按规定设置 only');
    expect(v.findings.map((f) => [f.clause, f.instance?.id, f.mustAct?.parties])).toEqual([
      ['signboards-and-lightboxes-compliant', 'sign-20', ['美发店']],
    ]);
  });

  it('routes a street-wide clause to the units printed after task 28, not to any shop', () => {
    const v = caseVerdict(ref, 'a hawker with a megaphone fails both task-26 clauses');
    expect(v.findings.map((f) => f.clause)).toEqual(['no-mobile-hawkers', 'no-loudspeaker-hawking']);
    for (const f of v.findings) {
      expect(f.instance).toBeUndefined();
      expect(f.mustAct).toEqual({
        parties: ['市公安局', '市交通运输局'],
        from: 'clause',
        implementing: ['各城区人民政府(管委会)', '市住房城乡建设局'],
      });
    }
  });

  it('reports an optional lighting failure as a finding that does not count', () => {
    const v = caseVerdict(ref, 'a light box with dark letters is reported but does not fail the street (optional clause)');
    expect(v.outcome).toBe('pass');
    expect(v.findings.map((f) => [f.clause, f.counts, f.mustAct?.parties])).toEqual([
      ['signboard-lighting-complete', false, ['老王烧烤']],
    ]);
  });

  it('asks for both object lists when neither was recorded, and for the one sign fact still open', () => {
    const none = caseVerdict(ref, 'restaurants and signs not recorded leave their clauses indeterminate while the street clauses pass');
    expect(missingOf(none)).toEqual(['barbecue-restaurant', 'signboard']);
    const open = caseVerdict(ref, "one sign's fixing not yet checked leaves 牢固安全 indeterminate");
    expect(missingOf(open)).toEqual(['sign-12:sign-insecure']);
  });
});
