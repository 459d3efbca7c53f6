/** Every line true and in one language: English units, English headers, counts that match the lines, the record note in the locale. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/helpers.js';
import { UNITS_EN, withUnit } from '../../src/result/units.js';
import { csvHeader } from '../../src/batch/format.js';

const HIGH = 'examples/observations/01-toilet-ammonia-high.json';
const NO_READING = 'examples/observations/02-toilet-no-ammonia-reading.json';
const CJK = /[\u3400-\u9fff]/;

describe('units', () => {
  it('English output has English units; Chinese output keeps the units as written', () => {
    const en = runCli('check', HIGH, '--locale', 'en').stdout;
    expect(en).toContain('1 adult flies (limit 3)');
    expect(en).toContain('intensity grade 2 (limit grade 2), ammonia 1.5 mg/m³ (limit 1 mg/m³)');
    expect(en).not.toMatch(/\d (只|级|个)/);
    const zh = runCli('check', HIGH).stdout;
    expect(zh).toContain('臭味强度 2 级(限值 2 级)');
  });

  it('a unit not in the table stays as written; every table entry is a Chinese unit', () => {
    expect(withUnit('3', 'mg/m³', 'en')).toBe('3 mg/m³');
    expect(withUnit('3', '头', 'en')).toBe('3 头');
    expect(withUnit('3', 'm²/人', 'en')).toBe('3 m²/person');
    for (const k of Object.keys(UNITS_EN)) expect(k).toMatch(CJK);
  });
});

describe('show --locale en', () => {
  it('heads the fact list "Facts to record", with English types, evidence kinds and units, and no Chinese header', () => {
    const r = runCli('show', 'si-jing-san-wu-liang-tong-yi-ming', '--locale', 'en');
    expect(r.stdout).toContain('\nFacts to record\n');
    expect(r.stdout).not.toMatch(/^Question$/m);
    expect(r.stdout).toContain('floor-clean (yes/no)');
    expect(r.stdout).toContain('Evidence: photo');
    expect(r.stdout).not.toMatch(/Unit: (只|级|个)/);
  });

  it('in Chinese, the evidence kinds and types are Chinese too', () => {
    const r = runCli('show', 'si-jing-san-wu-liang-tong-yi-ming');
    expect(r.stdout).toContain('\n需记录的事实项\n');
    expect(r.stdout).toContain('floor-clean (是/否)');
    expect(r.stdout).toContain('证据: 测量 (必需)');
    expect(r.stdout).not.toContain('(required)');
  });
});

describe('totals', () => {
  it('count every listed clause: the optional ones beside the required', () => {
    for (const locale of ['zh', 'en']) {
      const out = runCli('check', NO_READING, '--locale', locale).stdout;
      const marks = out.split('\n').filter((l) => /^ {2}\? /.test(l)).length;
      const line = out.split('\n').find((l) => /^(结论|Verdict):/.test(l))!;
      const counted = [...line.matchAll(/(无法判定|indeterminate) (\d+)/g)].reduce((n, m) => n + Number(m[2]), 0);
      expect(marks).toBe(2);
      expect(counted, line).toBe(marks);
      expect(line).toMatch(locale === 'zh' ? /\(选用条款: 无法判定 1\)/ : /\(optional clauses: indeterminate 1\)/);
    }
  });
});

describe('check --record', () => {
  it('says what it wrote in the chosen locale', () => {
    const dir = mkdtempSync(join(tmpdir(), 'daoze-wording-'));
    expect(runCli('check', HIGH, '--record', join(dir, 'a.json')).stderr).toBe(
      `已写入 1 份审计记录:${join(dir, 'a.json')}\n`,
    );
    expect(runCli('check', HIGH, '--record', join(dir, 'b.json'), '--locale', 'en').stderr).toBe(
      `1 record(s) written to ${join(dir, 'b.json')}\n`,
    );
  });
});

describe('CSV', () => {
  it('headers in each locale name the same columns; labels sit beside the clause ids', () => {
    const en = csvHeader('en').split(',');
    const zh = csvHeader('zh').split(',');
    expect(zh).toHaveLength(en.length);
    expect(zh.filter((h) => !CJK.test(h))).toEqual([]);
    expect(en.indexOf('failed_clause_labels')).toBe(en.indexOf('failed_clauses') + 1);
    expect(en.indexOf('indeterminate_clause_labels')).toBe(en.indexOf('indeterminate_clauses') + 1);
  });
});
