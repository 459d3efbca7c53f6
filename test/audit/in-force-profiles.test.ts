/**
 * Profiles in force: a profile extends only a published edition, and is applied only on days both it and its
 * base are in force; otherwise a typed error that says which one is not. A bare id is never re-based onto a
 * profile's edition.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRegistry,
  ObservationError,
  parseProfile,
  StandardError,
  type EditionSpec,
  type ProfileSpec,
} from '../../src/index.js';
import { builtin, runCli } from '../support/helpers.js';

const SI = 'si-jing-san-wu-liang-tong-yi-ming';
const v100 = () => structuredClone(builtin().get(`${SI}@1.0.0`).spec);
// A draft 2.0.0, made from the published 2.0.0: the built-in standards carry no draft of their own.
const v200draft = (): EditionSpec => ({ ...structuredClone(builtin().get(`${SI}@2.0.0`).spec), status: 'draft' });
const v110 = (): EditionSpec => ({
  ...v100(),
  version: '1.1.0',
  effective: { from: '2027-01-01' },
  supersedes: `${SI}@1.0.0`,
});

const profileText = (extendsRef: string, effective = '{ from: 2024-11-01 }', body = '') => `id: demo-city-toilets
version: 1.0.0
status: published
extends: ${extendsRef}
title: { zh: 示例市公厕标准配置, en: Demo city toilet profile }
authority: { zh: 示例市城市管理局, en: Demo City urban management bureau }
effective: ${effective}
sources:
  - id: demo-city-rule
    kind: local
    title: { zh: 示例市公厕管理细则, en: Demo City public toilet rules }
parameters:
  ammonia-limit:
    values: { class-2: 2 }
    cites: [{ source: demo-city-rule, clause: "5.1" }]
${body}`;
const FILE = 'profiles/demo-city-toilets/1.0.0.yaml';
function profile(text: string): {
  spec: ProfileSpec;
  file: string;
  locate?: (p: readonly (string | number)[]) => { line: number; col: number } | undefined;
} {
  const r = parseProfile(text, { file: FILE });
  if (!r.profile) throw new StandardError(r.diagnostics);
  return { spec: r.profile, file: FILE, ...(r.locate ? { locate: r.locate } : {}) };
}
function standardError(f: () => unknown): StandardError {
  try {
    f();
  } catch (e) {
    if (e instanceof StandardError) return e;
    throw e;
  }
  throw new Error('expected a StandardError');
}
function observationError(f: () => unknown): ObservationError {
  try {
    f();
  } catch (e) {
    if (e instanceof ObservationError) return e;
    throw e;
  }
  throw new Error('expected an ObservationError');
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
const obs = (observedAt: string | undefined, standard = SI) => ({
  standard,
  ...(observedAt ? { observedAt } : {}),
  facts: clean,
  evidence: { 'ammonia-mg-m3': [{ kind: 'measurement', ref: 'm.csv' }] },
  profile: 'demo-city-toilets@1.0.0',
});

describe('profiles in force', () => {
  it('a profile over a draft edition is refused at its extends, with the published editions allowed', () => {
    const e = standardError(() =>
      createRegistry([v100(), v200draft()], { profiles: [profile(profileText(`${SI}@2.0.0`))] }),
    );
    expect(e.diagnostics).toHaveLength(1);
    expect(e.diagnostics[0]).toMatchObject({
      code: 'E_REFERENCE',
      location: { file: FILE, path: 'extends', line: 4, col: 10 },
      allowed: [`${SI}@1.0.0`],
    });
    expect(e.diagnostics[0]!.message).toMatch(/draft/);
  });

  it('applies a profile on a day both it and its base are in force, and says which one is not otherwise', () => {
    const reg = createRegistry([v100(), v110()], {
      profiles: [profile(profileText(`${SI}@1.0.0`, '{ from: 2024-11-01, until: 2026-06-30 }'))],
    });
    expect(reg.evaluate(obs('2024-12-01T09:00:00+08:00')).outcome).toBe('pass');
    // Before the profile's own dates: it did not hold yet, so its looser limit must not turn a fail into a pass.
    const before = observationError(() => reg.evaluate(obs('2023-12-01T09:00:00+08:00')));
    expect(before.issues[0]).toMatchObject({ code: 'E_STANDARD_REF', path: 'profile' });
    expect(before.issues[0]!.message).toContain(
      'profile demo-city-toilets@1.0.0 is in force from 2024-11-01 to 2026-06-30, not on 2023-12-01',
    );
    expect(observationError(() => reg.evaluate(obs('2026-07-01T09:00:00+08:00'))).issues[0]!.message).toMatch(
      /not on 2026-07-01/,
    );
    // Without the profile, that 2023 inspection fails under 1.0.0.
    const { profile: _p, ...plain } = obs('2023-12-01T09:00:00+08:00');
    expect(reg.evaluate(plain).outcome).toBe('fail');
  });

  it('refuses a profile whose base is not in force that day, even with the edition pinned', () => {
    const reg = createRegistry([v100(), v110()], { profiles: [profile(profileText(`${SI}@1.0.0`))] });
    const e = observationError(() => reg.evaluate(obs('2027-03-01T09:00:00+08:00', `${SI}@1.0.0`)));
    expect(e.issues[0]!.message).toContain(
      `extends ${SI}@1.0.0, which is in force from 2023-01-01 to 2026-12-31, not on 2027-03-01`,
    );
  });

  it('never re-bases a bare id: the edition in force that day is used, and a profile of another edition is refused', () => {
    const reg = createRegistry([v100(), v110()], { profiles: [profile(profileText(`${SI}@1.1.0`))] });
    const e = observationError(() => reg.evaluate(obs('2025-03-01T09:00:00+08:00')));
    expect(e.issues[0]!.message).toContain(
      `extends ${SI}@1.1.0, but ${SI}@1.0.0 is the edition in force on 2025-03-01`,
    );
    expect(reg.evaluate(obs('2027-03-01T09:00:00+08:00')).standard.version).toBe('1.1.0');
  });

  it('without observedAt there is no day to check: the profile applies, as a bare id takes the current edition', () => {
    const reg = createRegistry([v100()], { profiles: [profile(profileText(`${SI}@1.0.0`))] });
    expect(reg.evaluate(obs(undefined)).profile).toMatchObject({ id: 'demo-city-toilets' });
  });

  it('the built-in example profile applies from its own effective date only (check --profile)', () => {
    const snow = 'examples/observations/04-snow-a-class-30h.json';
    expect(runCli('check', snow, '--profile', 'example-city-snow@1.0.0', '--format', 'json').code).toBe(0);
    const early = join(mkdtempSync(join(tmpdir(), 'daoze-profile-day-')), 'snow-2023.json');
    writeFileSync(early, readFileSync(snow, 'utf8').replace('2026-12-03T16:00:00+08:00', '2023-12-01T16:00:00+08:00'));
    const r = runCli('check', early, '--profile', 'example-city-snow@1.0.0');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('profile example-city-snow@1.0.0 is in force from 2024-11-01, not on 2023-12-01');
  });
});

describe('profile keys that reach into object machinery', () => {
  const base = () => [v100()];
  it('a parameter named constructor is a positioned E_UNKNOWN_PARAM, not a crash', () => {
    const text = profileText(
      `${SI}@1.0.0`,
      undefined,
      `  constructor:\n    value: 3\n    cites: [{ source: demo-city-rule }]\n`,
    );
    const e = standardError(() => createRegistry(base(), { profiles: [profile(text)] }));
    expect(e.diagnostics.map((d) => [d.code, d.location.path, d.location.line])).toEqual([
      ['E_UNKNOWN_PARAM', 'parameters.constructor', 16],
    ]);
  });

  it.each(['__proto__', 'constructor'])('a values key %s is refused at its position', (key) => {
    const text = profileText(`${SI}@1.0.0`).replace('values: { class-2: 2 }', `values: { class-2: 2, ${key}: 1 }`);
    const e = standardError(() => createRegistry(base(), { profiles: [profile(text)] }));
    expect(e.diagnostics.map((d) => [d.code, d.location.path, d.location.line])).toEqual([
      ['E_SCHEMA', `parameters.ammonia-limit.values.${key}`, 14],
    ]);
  });

  it('a profile fact named prototype is E_FACT_SPEC', () => {
    const text =
      profileText(`${SI}@1.0.0`) +
      'facts:\n  prototype:\n    type: boolean\n    label: { zh: x, en: x }\n    question: { zh: x, en: x }\n';
    const e = standardError(() => createRegistry(base(), { profiles: [profile(text)] }));
    expect(e.diagnostics.map((d) => [d.code, d.location.path])).toEqual([['E_FACT_SPEC', 'facts.prototype']]);
  });
});
