/**
 * `daoze check` on a unit inspected object by object (test/fixtures/units): each failing object named with its
 * place under its clause, and the findings — who must act, by when, with what evidence — in both languages.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../support/helpers.js';

const root = join(__dirname, '..', '..');
const standards = join(root, 'test/fixtures/units');
const unit = join(root, 'test/fixtures/units/observations/street-unit.json');

describe('daoze check on objects in a unit', () => {
  it('names the failing lamp with its place, and lists the findings with who must act and by when', () => {
    const r = runCli('check', unit, '--standards', standards, '--no-color', '--locale', 'zh');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ 灯杆不倾斜  1/2 个路灯不合格:3号路灯。');
    expect(r.stdout).toContain('✗ 3号路灯:灯杆倾斜。  街路平面 · 新华大街12号对面 · 40.815, 111.652 GCJ-02');
    const findings = r.stdout.slice(r.stdout.indexOf('整改清单 (2)'));
    expect(findings).toContain('✗ 3号路灯 — 灯杆不倾斜 [一般] 扣 2 分');
    expect(findings).toContain('责任方: 各区政府 · 限 2026-11-21T09:30:00+08:00');
    expect(findings).toContain('证据: 照片 photos/l3.jpg');
    expect(findings).toContain('✗ 便民超市 — 不出店经营 [一般] 扣 1 分');
    expect(findings).toContain('责任方: 便民超市 张三');
    expect(r.stdout).toContain('仍需: 检查井 m1 井盖完好');
  });

  it('says the same in English, and gives the findings in JSON', () => {
    const en = runCli('check', unit, '--standards', standards, '--no-color', '--locale', 'en');
    expect(en.stdout).toContain('Findings (2)');
    expect(en.stdout).toContain('Must act: 便民超市 张三 · by 2026-11-21T09:30:00+08:00');
    const json = runCli('check', unit, '--standards', standards, '--format', 'json');
    const v = JSON.parse(json.stdout) as { findings: { clause: string; instance: { id: string } }[] };
    expect(v.findings.map((f) => [f.clause, f.instance.id])).toEqual([
      ['lamp-pole-upright', 'l3'],
      ['no-goods-outside', 's1'],
    ]);
  });
});

describe('daoze explain on a record of objects', () => {
  it('names each failing object with its place, its comparison and its evidence', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const record = join(mkdtempSync(join(tmpdir(), 'daoze-units-')), 'r.json');
    runCli('check', unit, '--standards', standards, '--record', record, '--evaluated-at', '2026-11-20T10:00:00+08:00');
    const r = runCli('explain', record, '--standards', standards, '--no-color', '--locale', 'zh');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✗ 3号路灯:灯杆倾斜。  街路平面 · 新华大街12号对面 · 40.815, 111.652 GCJ-02');
    expect(r.stdout).toContain('✗ 灯杆倾斜: 实测 是,要求 = 否');
    expect(r.stdout).toContain('证据: 灯杆倾斜 photo photos/l3.jpg');
    expect(r.stdout).toContain('? 井盖完好率达标: 实测 未记录,要求 = 是');
    const json = JSON.parse(runCli('explain', record, '--standards', standards, '--format', 'json').stdout) as {
      clauses: { clause: string; instances?: { instance: { id: string } }[] }[];
    }[];
    expect(
      json[0]!.clauses.find((c) => c.clause === 'lamp-pole-upright')!.instances!.map((x) => x.instance.id),
    ).toEqual(['l3']);
  });
});
