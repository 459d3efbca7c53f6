/**
 * Inferred routing is said in the verdict: `routing.inferred` travels into each clause result and `daoze check`
 * and `daoze explain` print it next to the units, so an inspector never takes an inferred unit for a printed one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/index.js';
import { builtin, runCli } from '../support/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'daoze-inferred-'));
const report = (f: string) => [{ kind: 'document', ref: `reports/2026/${f}.pdf` }];
const observation = {
  standard: 'city-kpi@1.1.0',
  observedAt: '2026-12-01T10:00:00+08:00',
  facts: { 'kpi-report-year': 2026, 'kpi-sewage-treatment-rate-reported': 70, 'kpi-water-repair-timeliness-reported': 90 },
  evidence: { 'kpi-sewage-treatment-rate-reported': report('sewage'), 'kpi-water-repair-timeliness-reported': report('water') },
};
const file = join(dir, 'kpi.json');
writeFileSync(file, JSON.stringify(observation));

describe('inferred routing', () => {
  const ed = builtin().editions.find((e) => e.ref === 'city-kpi@1.1.0')!;
  const verdict = evaluate(ed, observation);
  const sewage = verdict.clauses.find((c) => c.clause === 'kpi-sewage-treatment-rate-target')!;
  const water = verdict.clauses.find((c) => c.clause === 'kpi-water-repair-timeliness-target')!;

  it('is carried into the clause result with its reason', () => {
    expect(sewage.outcome).toBe('fail');
    expect(sewage.routing?.responsible).toEqual(['市城市精细化管理工作领导小组办公室']);
    expect(sewage.routing?.inferred?.zh).toContain('未列实施单位');
    expect(sewage.routing?.inferred?.en).toContain('names no implementing or responsible unit');
  });

  it('is absent from printed routing', () => {
    expect(water.outcome).toBe('fail');
    expect(water.routing).toEqual({ implementing: ['市水务集团'], responsible: ['市住房城乡建设局', '市城市建设服务中心'] });
  });

  it('daoze check prints it under the routing of the failed clause, in both locales', () => {
    const zh = runCli('check', file);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toMatch(/实施 \/ 责任单位: 市政公用设施治理工作推进组 \/ 市城市精细化管理工作领导小组办公室\n\s+推定: 方案第二部分的污水处理目标未列实施单位/);
    const en = runCli('check', file, '--locale', 'en');
    expect(en.stdout).toMatch(/inferred: The plan's §二 sewage target names no implementing or responsible unit/);
    // The printed routing of the water clause carries no such line.
    expect(en.stdout.match(/inferred: /g)?.length).toBe(1);
  });

  it('daoze check --format json keeps it on the clause routing', () => {
    const r = runCli('check', file, '--format', 'json');
    const v = JSON.parse(r.stdout);
    const c = v.clauses.find((x: { clause: string }) => x.clause === 'kpi-sewage-treatment-rate-target');
    expect(c.routing.inferred.en).toContain('names no implementing or responsible unit');
  });

  it('daoze explain prints it after the units', () => {
    const json = join(dir, 'verdict.json');
    writeFileSync(json, runCli('check', file, '--format', 'json').stdout);
    const r = runCli('explain', json);
    expect(r.stdout).toMatch(/责任单位: 市城市精细化管理工作领导小组办公室\n\s+推定: 方案第二部分的污水处理目标/);
    const en = runCli('explain', json, '--locale', 'en');
    expect(en.stdout).toMatch(/inferred: The plan's §二 sewage target/);
  });
});
