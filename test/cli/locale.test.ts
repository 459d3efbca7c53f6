/**
 * Observation and input errors in the user's language: Chinese by default, English with --locale en, through
 * the table of src/cli/messages.ts. Every sentence the engine writes for these inputs has its Chinese entry.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObservationError, InputError } from '../../src/errors.js';
import { parseJson } from '../../src/input/index.js';
import { inputMessage, observationMessage } from '../../src/cli/messages.js';
import { builtin, runCli } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'daoze-locale-'));
const LATIN_WORDS = /\b(must|unknown|is|the|not|got|expected|found|key|allowed)\b/;

// Observations that break each rule the engine checks.
const BAD: unknown[] = [
  [],
  { standard: 'san-duan', facts: { 'water-cut': 'yes', 'boiler-fuel': 'peat', nope: 1 } },
  { standard: 'san-duan', facts: 3 },
  { standard: 'san-duan', extra: 1, facts: {} },
  { standard: 'si-jing-san-wu-liang-tong-yi-ming', facts: { 'ammonia-mg-m3': -1, 'adult-fly-count': 1.5 } },
  { standard: 'si-jing-san-wu-liang-tong-yi-ming', facts: { 'ammonia-mg-m3': 'x' } },
  { standard: 'si-jing-san-wu-liang-tong-yi-ming', facts: { 'ammonia-mg-m3': 5000 } },
  { standard: 'san-duan', observedAt: 'yesterday', facts: {} },
  { standard: 'san-duan', facts: {}, evidence: { nope: [], 'water-cut': [{ kind: 'smell', ref: 3, sha256: 'x', capturedAt: 'now', extra: 1 }] } },
  { standard: 'san-duan', facts: {}, evidence: 5 },
  { standard: 'no-such-standard', facts: {} },
  { standard: 'san-duan@9.9.9', facts: {} },
  { standard: 7, facts: {} },
  { standard: 'san-duan', profile: 'nope@1.0.0', facts: {} },
];

function issuesOf(obs: unknown) {
  try {
    builtin().evaluate(obs);
  } catch (e) {
    if (e instanceof ObservationError) return e.issues;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(obs)}`);
}

describe('observation errors', () => {
  it('every issue the engine raises for these observations has a Chinese sentence (no fallback)', () => {
    let n = 0;
    for (const obs of BAD) {
      for (const i of issuesOf(obs)) {
        const zh = observationMessage(i.code, i.message, 'zh');
        expect(zh, `${i.code} ${i.message}`).not.toMatch(LATIN_WORDS);
        expect(observationMessage(i.code, i.message, 'en')).toBe(i.message);
        n++;
      }
    }
    expect(n).toBeGreaterThan(15);
  });

  it('the CLI prints them in Chinese by default and in English with --locale en', () => {
    const p = join(tmp, 'bad.json');
    writeFileSync(p, JSON.stringify(BAD[1]));
    const zh = runCli('check', p);
    expect(zh.code).toBe(3);
    expect(zh.stderr).toContain(`${p}: E_OBSERVATION 检查记录无效:`);
    expect(zh.stderr).toContain('facts.nope: san-duan@1.0.0 没有事实项 "nope" (E_UNKNOWN_FACT)');
    expect(zh.stderr).toContain('    允许: ');
    const en = runCli('check', p, '--locale', 'en');
    expect(en.stderr).toContain('E_OBSERVATION the observation is invalid:');
    expect(en.stderr).toContain('facts.nope: unknown fact "nope" for san-duan@1.0.0 (E_UNKNOWN_FACT)');
    expect(en.stderr).not.toMatch(/[\u3400-\u9fff]/);
  });

  it('an unknown sentence stays as written (a generic sentence for its code could be untrue)', () => {
    expect(observationMessage('E_SHAPE', 'something new', 'zh')).toBe('something new');
  });
});

describe('input errors', () => {
  const texts = ['{', '{"a": 1,}', '{"a" 1}', '[1 2]', '{"a": 1, "a": 2}', '// c\n{}', '{"a": "\u0001"}', '{"a": tru}', '1 2', '"abc', '{"a": 1}}'];
  it('every JSON error for these texts has a Chinese sentence', () => {
    for (const t of texts) {
      let e: unknown;
      try {
        parseJson(t, 'x.json');
      } catch (x) {
        e = x;
      }
      expect(e, t).toBeInstanceOf(InputError);
      const ie = e as InputError;
      expect(inputMessage(ie.code, ie.reason, 'zh'), `${t}: ${ie.reason}`).not.toMatch(LATIN_WORDS);
    }
  });

  it('the CLI words a file error in Chinese by default', () => {
    const p = join(tmp, 'dup.json');
    writeFileSync(p, '{"standard": "san-duan",\n "standard": "x"}');
    const r = runCli('check', p);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`daoze check: ${p}:2:2: E_DUPLICATE_KEY 同一对象中键 "standard" 出现两次(第一次在 1:2);只保留一个\n`);
    const missing = runCli('check', join(tmp, 'nope.json'));
    expect(missing.stderr).toContain('E_NO_SUCH_FILE 没有这个文件或文件夹');
  });
});
