/** The CLI end to end, in process: output and exit codes as a user sees them (colour off: not a terminal). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as run } from '../support/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'daoze-cli-'));
function obsFile(name: string, obs: unknown): string {
  const p = join(tmp, name);
  writeFileSync(p, typeof obs === 'string' ? obs : JSON.stringify(obs));
  return p;
}

afterEach(() => vi.restoreAllMocks());

describe('daoze check', () => {
  it('a toilet observation without the ammonia reading is indeterminate and names that reading (exit 2)', () => {
    const r = run('check', 'examples/observations/02-toilet-no-ammonia-reading.json', '--locale', 'en');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Verdict: ? indeterminate');
    expect(r.stdout).toMatch(/No odour\s+No-odour undecided: Ammonia still needed/);
    expect(r.stdout).toContain('Still needed: Ammonia (evidence: measurement)');
  });

  it('a class-2 toilet with ammonia 1.5 mg/m³ fails 无臭味 in numbers, with its citation (exit 1)', () => {
    const r = run('check', 'examples/observations/01-toilet-ammonia-high.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('结论: ✗ 不合格');
    expect(r.stdout).toContain('氨 1.5 mg/m³(限值 1 mg/m³)');
    expect(r.stdout).toContain('依据: GB/T 17217-1998 城市公厕卫生标准 · 3.1 表 第3、4项');
    expect(r.stdout).toContain('依据: 2023年城市精细化管理工作方案 · 四(二)12 · 任务12');
  });

  it('--format json prints the verdict object', () => {
    const r = run('check', 'examples/observations/03-coal-boiler-removed.json', '--format', 'json');
    const v = JSON.parse(r.stdout);
    expect(r.code).toBe(0);
    expect(v.outcome).toBe('pass');
    expect(v.clauses[0].citation).toMatchObject({
      standard: 'san-duan',
      version: '1.0.0',
      clause: 'water-cut',
      label: { zh: '断水' },
    });
  });

  it('invalid observations exit 3 and name the fact and why', () => {
    const bad = obsFile('bad.json', {
      standard: 'san-duan',
      facts: { 'water-cut': 'yes', 'boiler-fuel': 'peat', __proto__: 1 },
    });
    const r = run('check', bad, '--locale', 'en');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('facts.water-cut: must be true or false, got "yes"');
    expect(r.stderr).toContain('facts.boiler-fuel: must be one of the choices, got "peat"');
    // In the default locale, the same problems in Chinese, like the verdicts.
    const zh = run('check', bad);
    expect(zh.code).toBe(3);
    expect(zh.stderr).toContain('facts.water-cut: 应为 true 或 false,实为 "yes" (E_FACT_TYPE)');
    expect(zh.stderr).toContain('facts.boiler-fuel: 应为选项之一,实为 "peat" (E_FACT_CHOICE)');
    const json = run('check', obsFile('broken.json', '{"standard": "san-duan", "facts": {'), '--locale', 'en');
    expect(json.code).toBe(3);
    expect(json.stderr).toContain('not valid JSON');
  });

  it('usage errors exit 4', () => {
    expect(run('check').code).toBe(4);
    expect(run('check', 'x.json', '--locale', 'fr').code).toBe(4);
    expect(run('nonsense').code).toBe(4);
  });
});

describe('daoze validate', () => {
  it('prints every problem of a broken standard as file:line:col and exits 1', () => {
    const r = run('validate', 'test/fixtures/broken-standards');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('test/fixtures/broken-standards/broken-toilet/1.0.0.yaml:47:48  E_UNKNOWN_OPERATOR');
    expect(r.stdout).toContain('unknown operator "atleast"');
    expect(r.stdout).toMatch(/\d+ problem\(s\) found\./);
  });

  it('passes on the built-in standards', () => {
    const r = run('validate');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ \d+ edition\(s\) and \d+ profile\(s\) valid\./);
  });
});

describe('daoze list, show, test', () => {
  it('list shows every standard with version, status and provisional count', () => {
    const r = run('list', '--format', 'json');
    const rows = (JSON.parse(r.stdout) as { standards: { ref: string; provisional: number }[] }).standards;
    expect(rows.find((x) => x.ref === 'san-duan@1.0.0')?.provisional).toBe(1);
  });

  it('show prints the checklist with questions, units and evidence', () => {
    const r = run('show', 'si-jing-san-wu-liang-tong-yi-ming', '--locale', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ammonia-mg-m3 (number) What is the ammonia concentration');
    expect(r.stdout).toContain('Unit: mg/m³ · Evidence: measurement (required)');
  });

  it('test runs the standards’ own cases', () => {
    const r = run('test', 'san-duan');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
  });
});

describe('city profiles from the command line', () => {
  it('a city profile that sets the snow-clearing hours changes the verdict for the same observation, and the verdict names the profile', () => {
    const file = 'examples/observations/04-snow-a-class-30h.json';
    const base = JSON.parse(run('check', file, '--format', 'json').stdout);
    const city = JSON.parse(run('check', file, '--format', 'json', '--profile', 'example-city-snow@1.0.0').stdout);
    expect(base.outcome).toBe('fail');
    expect(base.profile).toBeUndefined();
    expect(city.outcome).toBe('pass');
    expect(city.profile).toMatchObject({ id: 'example-city-snow', version: '1.0.0' });
    const clause = city.clauses.find((c: { clause: string }) => c.clause === 'snow-cleared-within-hours');
    expect(clause.citation.profile.id).toBe('example-city-snow');
    expect(clause.citation.standard).toBe('snow-clearing');
    expect(run('check', file, '--profile', 'example-city-snow@1.0.0').stdout).toContain(
      '配置: example-city-snow@1.0.0',
    );
  });

  it('the built-in example profiles pass their own cases', () => {
    const r = run('test', 'example-city-snow');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 passed, 0 failed/);
  });
});
