/** City profiles: set parameters, replace, add, disable and require clauses; errors for references the base lacks. */
import { describe, expect, it } from 'vitest';
import { createRegistry, parseProfile, StandardError, type ProfileSpec } from '../../../src/index.js';
import { builtin } from '../../support/helpers.js';

const TOILET = 'si-jing-san-wu-liang-tong-yi-ming@1.0.0';
const base = () => builtin().get(TOILET).spec;
const profileText = (body: string) => `id: demo-city-toilets
version: 1.0.0
status: draft
extends: ${TOILET}
title: { zh: 示例市公厕标准配置, en: Demo city toilet profile }
authority: { zh: 示例市城市管理局, en: Demo City urban management bureau }
effective: { from: 2024-01-01 }
sources:
  - id: demo-city-rule
    kind: local
    title: { zh: 示例市公厕管理细则, en: Demo City public toilet rules }
${body}`;

function registryWith(body: string) {
  const r = parseProfile(profileText(body), { file: 'profiles/demo-city-toilets/1.0.0.yaml' });
  if (!r.profile) throw new StandardError(r.diagnostics);
  return createRegistry([base()], {
    profiles: [
      { spec: r.profile, file: 'profiles/demo-city-toilets/1.0.0.yaml', ...(r.locate ? { locate: r.locate } : {}) },
    ],
  });
}

const clean = {
  'toilet-class': 'class-2',
  'flush-type': 'water-flush',
  'floor-clean': true,
  'walls-clean': true,
  'stalls-clean': true,
  'surroundings-clean': true,
  'overflow-present': false,
  'adult-fly-count': 0,
  'maggots-present': false,
  'odour-grade': 2,
  'ammonia-mg-m3': 1.5,
  'water-supply-ok': true,
  'power-supply-ok': true,
  'lights-ok': true,
};
const obs = (extra: object = {}) => ({
  standard: TOILET,
  facts: clean,
  evidence: { 'ammonia-mg-m3': [{ kind: 'measurement', ref: 'm.csv' }] },
  ...extra,
});

describe('city profiles', () => {
  it('a parameter set by the profile changes the verdict for the same observation, and the verdict names the profile and cites the base', () => {
    const reg = registryWith(`parameters:
  ammonia-limit:
    values: { class-2: 2 }
    cites: [{ source: demo-city-rule, clause: "5.1" }]
`);
    expect(reg.evaluate(obs()).outcome).toBe('fail');
    const v = reg.evaluate(obs({ profile: 'demo-city-toilets@1.0.0' }));
    expect(v.outcome).toBe('pass');
    expect(v.profile).toMatchObject({ id: 'demo-city-toilets', version: '1.0.0' });
    expect(v.profile!.hash).toMatch(/^sha256:/);
    expect(v.standard.hash).toBe(builtin().get(TOILET).hash); // the base edition, unchanged, is what is cited
    const odour = v.clauses.find((c) => c.clause === 'no-odour')!;
    expect(odour.citation.profile).toEqual(v.profile);
    expect(odour.message).toContain('2 mg/m³');
    expect(reg.evaluate(obs(), { profile: 'demo-city-toilets' }).outcome).toBe('pass');
  });

  it('replaces a clause with the city’s own definition, adds, disables and requires clauses', () => {
    const reg = registryWith(`facts:
  attendant-present:
    type: boolean
    label: { zh: 有管理员, en: Attendant present }
    question: { zh: 是否有管理员在岗?, en: Is an attendant on duty? }
clauses:
  disable:
    - { id: walls-clean, reason: { zh: 本市另行考核, en: Assessed separately in this city } }
  require: [hydrogen-sulphide]
  add:
    - group: si-jing
      clause:
        id: attendant-on-duty
        label: { zh: 有人管, en: Attended }
        text: { zh: 公厕有管理员在岗。, en: An attendant is on duty. }
        cites: [{ source: demo-city-rule }]
        provenance: local
        severity: minor
        check: { fact: attendant-present, operator: equal, value: true }
        messages:
          pass: { zh: 有人管。, en: Attended. }
          fail: { zh: 无人管。, en: Unattended. }
          indeterminate: { zh: "缺少{missing}。", en: "{missing} needed." }
`);
    const v = reg.evaluate(
      obs({
        profile: 'demo-city-toilets@1.0.0',
        facts: { ...clean, 'ammonia-mg-m3': 0.5, 'attendant-present': false, 'h2s-mg-m3': 0.001 },
        evidence: {
          'ammonia-mg-m3': [{ kind: 'measurement', ref: 'a' }],
          'h2s-mg-m3': [{ kind: 'measurement', ref: 'b' }],
        },
      }),
    );
    expect(v.clauses.map((c) => c.clause)).not.toContain('walls-clean');
    expect(v.clauses.find((c) => c.clause === 'attendant-on-duty')!.outcome).toBe('fail');
    expect(v.clauses.find((c) => c.clause === 'hydrogen-sulphide')!.counts).toBe(true);
    expect(v.outcome).toBe('fail');
  });

  it('rejects references the base does not have, each positioned in the profile file', () => {
    let error: StandardError | undefined;
    try {
      registryWith(`parameters:
  snow-hours:
    value: 12
    cites: [{ source: demo-city-rule }]
clauses:
  disable:
    - { id: no-such-clause, reason: { zh: x, en: x } }
  require: [floor-clean]
`);
    } catch (e) {
      error = e as StandardError;
    }
    expect(error).toBeInstanceOf(StandardError);
    const lines = error!.diagnostics.map(
      (d) => `${d.location.file}:${d.location.line}:${d.location.col} ${d.code} ${d.location.path}: ${d.message}`,
    );
    expect(lines).toEqual([
      'profiles/demo-city-toilets/1.0.0.yaml:13:3 E_UNKNOWN_PARAM parameters.snow-hours: the base si-jing-san-wu-liang-tong-yi-ming@1.0.0 has no parameter "snow-hours"',
      'profiles/demo-city-toilets/1.0.0.yaml:18:13 E_REFERENCE clauses.disable[0].id: the base has no clause "no-such-clause"',
      'profiles/demo-city-toilets/1.0.0.yaml:19:13 E_REFERENCE clauses.require[0]: clause "floor-clean" already counts; only optional clauses can be required',
    ]);
  });

  it('an observation pinned to another edition is not silently re-based onto the profile', () => {
    // An earlier edition, in force before the base (two published editions in force on one day would be an error).
    const other = { ...base(), version: '0.9.0', effective: { from: '2022-01-01', until: '2022-12-31' } };
    const r = parseProfile(profileText(''), {});
    const reg = createRegistry([base(), other], { profiles: [{ spec: r.profile as ProfileSpec }] });
    expect(() =>
      reg.evaluate({ ...obs(), standard: `${base().id}@0.9.0`, profile: 'demo-city-toilets@1.0.0' }),
    ).toThrow(/extends/);
  });
});
