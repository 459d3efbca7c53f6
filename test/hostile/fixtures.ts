/** Builders for hostile inputs: valid observations to start from, deep JSON text, small editions and profiles, records. */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadRegistry } from '../../src/node.js';
import { recordVerdict, type Registry, type VerdictRecord } from '../../src/index.js';

/** The repository root (this file is test/hostile/fixtures.ts). */
export const REPO = resolve(__dirname, '..', '..');

/** The built-in standards folder. */
export const STANDARDS = join(REPO, 'standards');

/** The built-in profiles folder. */
export const PROFILES = join(REPO, 'profiles');

/** The toilet standard every evidence and duplicate-key case starts from. */
export const TOILET = 'si-jing-san-wu-liang-tong-yi-ming';

/** A fixed evaluation time, so records are reproducible. */
export const EVALUATED_AT = '2026-11-27T10:00:00+08:00';

let registry: Registry | undefined;
/** The built-in registry, loaded once per test file. */
export function builtinRegistry(): Registry {
  registry ??= loadRegistry();
  return registry;
}

/** Reads one of examples/observations as an object (a fresh copy each call). */
export function example(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(REPO, 'examples', 'observations', name), 'utf8')) as Record<string, any>;
}

/**
 * A toilet observation that passes every clause of si-jing@1.0.0 only because its two measurements carry
 * measurement evidence (the catalogue requires it): the base of every evidence case.
 */
export function toiletPass(): Record<string, any> {
  const o = example('01-toilet-ammonia-high.json');
  o.facts['ammonia-mg-m3'] = 0.5;
  o.facts['water-supply-ok'] = true;
  o.facts['odour-grade'] = 1;
  return o;
}

/** Writes a file (creating folders); returns its path. */
export function write(dir: string, name: string, data: string | Uint8Array | object): string {
  const p = join(dir, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, typeof data === 'string' || data instanceof Uint8Array ? data : JSON.stringify(data, null, 2));
  return p;
}

/** JSON text of `n` nested arrays around `leaf` (built as text: nothing here recurses). */
export function deepArrayText(n: number, leaf = '1'): string {
  return `${'['.repeat(n)}${leaf}${']'.repeat(n)}`;
}

/** JSON text of `n` nested objects `{"a":…}` around `leaf`. */
export function deepObjectText(n: number, leaf = '1'): string {
  return `${'{"a":'.repeat(n)}${leaf}${'}'.repeat(n)}`;
}

/** A value of `n` nested arrays, built iteratively. */
export function deepArray(n: number, leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

/** A value of `n` nested objects, built iteratively. */
export function deepObject(n: number, leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

/** The observation as pretty JSON text with one member's value text replaced (`"key": <old>` → `"key": <text>`). */
export function withRawValue(obs: object, key: string, text: string): string {
  const marker = '"__HOSTILE_MARKER__"';
  let done = false;
  // Only the first member of that name (a fact id is also a key of `evidence`).
  const json = JSON.stringify(obs, (k, v) => (k === key && !done ? ((done = true), '__HOSTILE_MARKER__') : v), 2);
  if (!json.includes(marker)) throw new Error(`no member ${key}`);
  return json.replace(marker, text);
}

/** JSON text of `obj` with `extra` inserted as the first member of the object under `path` (a duplicate key when it repeats one). */
export function withFirstMember(obj: object, path: readonly (string | number)[], extra: string): string {
  const marker = '__HOSTILE_FIRST__';
  const copy = JSON.parse(JSON.stringify(obj)) as Record<string, any>;
  let at: any = copy;
  for (const seg of path) at = at[seg];
  const entries = Object.entries(at);
  for (const k of Object.keys(at)) delete at[k];
  at[marker] = 0;
  for (const [k, v] of entries) at[k] = v;
  return JSON.stringify(copy, null, 2).replace(`"${marker}": 0`, extra);
}

/** Copies the built-in standards (with their lock) into `dir/standards`; returns the path. */
export function copyStandards(dir: string): string {
  const to = join(dir, 'standards');
  cpSync(STANDARDS, to, { recursive: true });
  return to;
}

/** Copies the built-in profiles into `dir/profiles`; returns the path. */
export function copyProfiles(dir: string): string {
  const to = join(dir, 'profiles');
  cpSync(PROFILES, to, { recursive: true });
  return to;
}

/** Replaces text in a file, failing loudly when the text is not there (so a changed fixture cannot make a case vacuous). */
export function editFile(path: string, from: string | RegExp, to: string): void {
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${path}: ${String(from)} not found`);
  writeFileSync(path, next);
}

/** Removes a file or folder. */
export function remove(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/**
 * YAML text of a small draft edition `id@1.0.0` with one boolean fact `lights-ok` and one clause; `facts`,
 * `parameters`, `check` and `extra` replace or add parts (given as YAML/JSON text) for the hostile variants.
 */
export function miniEdition(
  id: string,
  parts: {
    facts?: string;
    parameters?: string;
    check?: string;
    extraTop?: string;
    status?: string;
    labelZh?: string;
  } = {},
): string {
  return [
    `id: ${id}`,
    'version: 1.0.0',
    `status: ${parts.status ?? 'draft'}`,
    'nickname: 测试',
    `title: { zh: ${parts.labelZh ?? '测试'}, en: test }`,
    'effective: { from: 2023-01-01 }',
    'sources:',
    '  - id: seed-plan',
    '    kind: plan',
    '    title: { zh: 方案, en: plan }',
    ...(parts.parameters ? ['parameters:', parts.parameters] : []),
    'facts:',
    parts.facts ??
      [
        '  lights-ok:',
        '    type: boolean',
        '    label: { zh: 灯, en: lights }',
        '    question: { zh: 灯亮?, en: lit? }',
      ].join('\n'),
    ...(parts.extraTop ? [parts.extraTop] : []),
    'groups:',
    '  - id: yi-ming',
    '    label: { zh: 一明, en: one light }',
    '    clauses:',
    '      - id: lights-on',
    '        label: { zh: 灯明, en: lights on }',
    '        text: { zh: 灯明。, en: Lights on. }',
    '        cites: [{ source: seed-plan, task: 12 }]',
    '        provenance: seed',
    '        severity: minor',
    `        check: ${parts.check ?? '{ fact: lights-ok, operator: equal, value: true }'}`,
    '        messages:',
    '          pass: { zh: 灯明, en: lit }',
    '          fail: { zh: 灯不明, en: dark }',
    '          indeterminate: { zh: "缺少{missing}", en: "{missing} needed" }',
    '',
  ].join('\n');
}

/** YAML text of a city profile `id@1.0.0` over `base`, with the given parameters block (YAML text, indented by 2). */
export function profileYaml(
  id: string,
  base: string,
  parameters: string,
  options: { status?: string; from?: string } = {},
): string {
  return [
    `id: ${id}`,
    'version: 1.0.0',
    `status: ${options.status ?? 'draft'}`,
    `extends: ${base}`,
    'title: { zh: 测试配置, en: test profile }',
    'authority: { zh: 测试, en: test }',
    `effective: { from: ${options.from ?? '2023-01-01'} }`,
    'sources:',
    '  - id: city-rule',
    '    kind: local',
    '    title: { zh: 规定, en: rule }',
    'parameters:',
    parameters,
    '',
  ].join('\n');
}

/** A passing case of a built-in edition (its facts and evidence), read from the YAML, for observations valid under that edition. */
export function passingCase(
  id: string,
  version: string,
): { facts: Record<string, unknown>; evidence?: Record<string, unknown> } {
  const spec = parseYaml(readFileSync(join(STANDARDS, id, `${version}.yaml`), 'utf8')) as {
    cases: { facts: Record<string, unknown>; evidence?: Record<string, unknown>; expect: { outcome: string } }[];
  };
  const c = spec.cases.find((x) => x.expect.outcome === 'pass');
  if (!c) throw new Error(`${id}@${version} has no passing case`);
  return { facts: c.facts, ...(c.evidence ? { evidence: c.evidence } : {}) };
}

/** A verdict record of an observation under the built-in standards, made in process. */
export function makeRecord(obs: object = example('01-toilet-ammonia-high.json')): VerdictRecord {
  return recordVerdict(builtinRegistry(), obs, { evaluatedAt: EVALUATED_AT, locale: 'en' });
}
