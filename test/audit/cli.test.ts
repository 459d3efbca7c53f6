/**
 * verify, explain, diff and check --record beyond docs/audit.md, through the CLI's own entry point. The page's own
 * commands, with their output, are run as written by test/docs/recipes.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as run } from '../support/helpers.js';

const root = join(__dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'daoze-audit-'));
const RECORD = join(root, 'examples/records/01-toilet-ammonia-high.record.json');

afterEach(() => vi.restoreAllMocks());

describe('daoze verify / explain / diff / check --record', () => {
  it('verify accepts the example record', () => {
    const r = run('verify', RECORD, '--locale', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ intact');
    expect(r.stdout).toContain('✓ reproduces');
  });

  it('verify names the field a syntax-breaking change fell in', () => {
    const text = readFileSync(RECORD, 'utf8');
    const broken = join(tmp, 'broken.json');
    const at = text.indexOf('"message"') + 3;
    writeFileSync(broken, text.slice(0, at) + '"' + text.slice(at + 1));
    const r = run('verify', broken, '--locale', 'en');
    expect(r.code).toBe(3); // a record that is not JSON is invalid input
    expect(r.stderr).toMatch(/broken\.json:\d+:\d+: E_JSON not valid JSON inside verdict\.clauses\[0\]/);
  });

  it('verify --observation compares the record with the original observation', () => {
    const r = run(
      'verify',
      RECORD,
      '--observation',
      join(root, 'examples/observations/01-toilet-ammonia-high.json'),
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ ok: true, observationMatches: true });
  });

  it('explain re-renders a Chinese record in English from the same edition', () => {
    const r = run('explain', RECORD, '--locale', 'en');
    expect(r.stdout).toContain(
      'Odour over the limit: intensity grade 2 (limit grade 2), ammonia 1.5 mg/m³ (limit 1 mg/m³).',
    );
    expect(r.stdout).toContain('✗ Ammonia: observed 1.5 mg/m³; required ≤ 1 mg/m³ (Ammonia limit)');
  });

  it('explain names what an undecided clause still needs', () => {
    const out = join(tmp, 'two.json');
    run(
      'check',
      join(root, 'examples/observations/02-toilet-no-ammonia-reading.json'),
      '--record',
      out,
      '--evaluated-at',
      '2026-11-21T16:00:00+08:00',
    );
    const r = run('explain', out);
    expect(r.stdout).toContain('? 无法判定  无臭味');
    expect(r.stdout).toContain('仍需: 氨浓度');
  });

  it('explain shows a nested any under its own result, its comparisons indented below it', () => {
    const obs = join(tmp, 'snow.json');
    const facts = {
      'snow-road-class': 'a-class',
      'snow-weather-state': 'stopped',
      'snow-clearing-complete': false,
      'snow-hauling-complete': true,
      'snow-hours-stop-to-hauled': 20,
    };
    const evidence = {
      'snow-clearing-complete': [{ kind: 'photo', ref: 'p/1.jpg' }],
      'snow-hauling-complete': [{ kind: 'photo', ref: 'p/2.jpg' }],
    };
    writeFileSync(obs, JSON.stringify({ standard: 'snow-clearing@1.0.0', facts, evidence }));
    const out = join(tmp, 'snow.record.json');
    run('check', obs, '--record', out, '--evaluated-at', '2026-12-04T09:00:00+08:00', '--locale', 'en');
    const lines = run('explain', out, '--locale', 'en').stdout.split('\n');
    const at = lines.findIndex((l) => l.trim() === 'Applies when:');
    expect(at).toBeGreaterThan(0);
    // The top all is the list itself; the any is a line with its result, its two comparisons two columns in.
    expect(lines.slice(at + 1, at + 5).map((l) => l.replace(/:.*/, ''))).toEqual([
      '     ✓ Snowfall state',
      '     ? any of',
      '       ✗ Clearing complete',
      '       ? Hours since the snow stopped',
    ]);
  });

  it('explain reads a /1 record as it stands: its comparisons as the flat list it holds', () => {
    const r = run('explain', join(root, 'test/fixtures/records/v1-en.json'), '--locale', 'en', '--format', 'json');
    expect(r.code).toBe(0);
    const [x] = JSON.parse(r.stdout) as { clauses: { clause: string; counts: boolean; check: unknown }[] }[];
    const odour = x!.clauses.find((c) => c.clause === 'no-odour')!;
    expect(odour.counts).toBe(true);
    expect(odour.check).toMatchObject({
      leaves: [{ fact: 'odour-grade' }, { fact: 'ammonia-mg-m3', result: 'unknown' }],
    });
    expect(run('explain', join(root, 'test/fixtures/records/v1-en.json'), '--locale', 'en').stdout).toContain(
      '? Ammonia: observed not recorded',
    );
  });

  it('verify names an altered field of an NDJSON line as file:line:col (the line once)', () => {
    const rec = JSON.parse(readFileSync(RECORD, 'utf8')) as { verdict: { outcome: string } };
    const line = JSON.stringify(rec);
    const altered = JSON.stringify({ ...rec, verdict: { ...rec.verdict, outcome: 'pass' } });
    const file = join(tmp, 'two.ndjson');
    writeFileSync(file, `${line}\n${altered}\n`);
    const v = run('verify', file, '--locale', 'en');
    expect(v.code).not.toBe(0);
    expect(v.stdout).toMatch(/two\.ndjson:2:\d+ {2}verdict\.outcome/);
    expect(v.stdout).not.toMatch(/two\.ndjson:2:2:/);
  });

  it('check --record writes records that verify, one per line for several observations', () => {
    const out = join(tmp, 'all.ndjson');
    const n = readdirSync(join(root, 'examples/observations')).filter((f) => f.endsWith('.json')).length;
    const c = run('check', join(root, 'examples/observations'), '--record', out, '--exit-zero');
    expect(c.code).toBe(0);
    expect(c.stderr).toContain(`已写入 ${n} 份审计记录`);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(n);
    // Without --evaluated-at the CLI records the current time, with the machine's offset.
    expect(JSON.parse(lines[0]!).evaluatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    const v = run('verify', out);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain(`${n} 份记录,${n} 份校验通过`);
    expect(run('check', join(root, 'examples/observations'), '--record', join(tmp, 'x.json')).code).toBe(4);
  });

  it('diff --replay shows which recorded inspections 2.0.0 of 四净三无两通一明 flips', () => {
    const r = run(
      'diff',
      'si-jing-san-wu-liang-tong-yi-ming@1.0.0',
      'si-jing-san-wu-liang-tong-yi-ming@2.0.0',
      '--replay',
      join(root, 'examples/inspections/si-jing-2026-11.ndjson'),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('按版本规则至少需要: 主版本 (major)');
    expect(r.stdout).toContain('删除检查项 [breaking]  adult-fly-count');
    expect(r.stdout).toContain('(published → published)');
    expect(r.stdout).toContain('删除检查项 [breaking]  odour-grade');
    expect(r.stdout).toContain('结果不变 0 · 结论改变 6 · 仅条款结果或得分改变 2');
    expect(r.stdout).toContain('no-flies 无蚊蝇: 合格 → 无法判定');
  });

  it('diff of an edition with itself finds nothing', () => {
    const r = run('diff', 'san-duan@1.0.0', 'san-duan@1.0.0', '--locale', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The two editions have the same content.');
  });
});
