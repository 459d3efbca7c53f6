/**
 * Errors in the user's language: Chinese by default, English with --locale en, in text and with --format json
 * (whose `code` stays the same), through the tables of src/messages/index.ts. Every sentence the engine writes for
 * these inputs has its Chinese entry; every sentence of the CLI's own has both languages.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ObservationError, InputError } from '../../src/errors.js';
import { parseJson } from '../../src/input/index.js';
import { CLI_MESSAGES, engineMessage, inputMessage, observationMessage } from '../../src/messages/index.js';
import { main } from '../../src/cli/main.js';
import { builtin, runCli } from '../support/helpers.js';

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
  {
    standard: 'san-duan',
    facts: {},
    evidence: { nope: [], 'water-cut': [{ kind: 'smell', ref: 3, sha256: 'x', capturedAt: 'now', extra: 1 }] },
  },
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
  const texts = [
    '{',
    '{"a": 1,}',
    '{"a" 1}',
    '[1 2]',
    '{"a": 1, "a": 2}',
    '// c\n{}',
    '{"a": "\u0001"}',
    '{"a": tru}',
    '1 2',
    '"abc',
    '{"a": 1}}',
  ];
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
    expect(r.stderr).toBe(
      `daoze check: ${p}:2:2: E_DUPLICATE_KEY 同一对象中键 "standard" 出现两次(第一次在 1:2);只保留一个\n`,
    );
    const missing = runCli('check', join(tmp, 'nope.json'));
    expect(missing.stderr).toContain('E_NO_SUCH_FILE 没有这个文件或文件夹');
  });
});

const CJK = /[\u3400-\u9fff]/;
const OBS = 'examples/observations/01-toilet-ammonia-high.json';

/** Runs the CLI in process and waits for it (check --batch streams); what it printed, colour off. */
async function runCliAsync(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

// The sentence of a one-line error report, `daoze <command>: <sentence> (<CODE>)` or `daoze <command>: <place>: <CODE> <sentence>`.
const sentenceOf = (stderr: string) =>
  stderr
    .split('\n')[0]!
    .replace(/^daoze( \w+)?: /, '')
    .replace(/ \(E_USAGE\)$/, '');

describe("the CLI's own sentences", () => {
  it('each has English and Chinese with the same placeholders; the Chinese is Chinese', () => {
    const holes = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [id, m] of Object.entries(CLI_MESSAGES)) {
      expect(holes(m.zh), id).toEqual(holes(m.en));
      expect(m.zh, id).toMatch(CJK);
      expect(m.en, id).not.toMatch(CJK);
    }
  });
});

describe('usage errors', () => {
  // Each of these command lines is wrong in its own way.
  const CASES: string[][] = [
    ['check', OBS, '--bogus'],
    ['check'],
    ['check', OBS, '--locale'],
    ['check', OBS, '--no-trace=yes'],
    ['check', OBS, '--evaluated-at', 'yesterday'],
    ['check', OBS, '--format', 'csv'],
    ['check', OBS, '--format', 'xml'],
    ['check', OBS, '--sign', 'k.key'],
    ['check', '--batch', ''],
    ['check', '--batch', OBS, OBS],
    ['check', '--batch', OBS, '--workers', '99'],
    ['check', '--batch', OBS, '--full', '--format', 'csv'],
    ['check', '--batch', OBS, '--record', 'r.json'],
    ['show'],
    ['list', '--format', 'csv'],
    ['doc', '--format', 'csv'],
    ['diff', 'san-duan'],
    ['explain'],
    ['verify'],
    ['keygen'],
    ['keygen', 'k'],
    ['build', 'standards'],
    ['build', '--only', 'no-such-standard', '--out', '/nonexistent-daoze/b.json'],
    ['chek'],
  ];

  it('are in Chinese by default and in English with --locale en, with E_USAGE and the usage, exit 4', async () => {
    for (const args of CASES) {
      const zh = await runCliAsync(...args);
      expect(zh.code, args.join(' ')).toBe(4);
      expect(zh.stderr, args.join(' ')).toContain('(E_USAGE)');
      expect(sentenceOf(zh.stderr), args.join(' ')).toMatch(CJK);
      if (args[0] !== 'chek') expect(zh.stderr.split('\n')[1], args.join(' ')).toMatch(/^用法: daoze /);
      const en = await runCliAsync(...args, '--locale', 'en');
      expect(en.code, args.join(' ')).toBe(4);
      // (An unknown command is followed by the help, whose title names the 导则.)
      expect(en.stderr.split('\n').slice(0, 2).join('\n'), args.join(' ')).not.toMatch(CJK);
      if (args[0] !== 'chek') expect(en.stderr.split('\n')[1], args.join(' ')).toMatch(/^usage: daoze /);
    }
  });

  it('with --format json: one error object on stdout, the same code, the message in the locale', async () => {
    // Not those whose mistake is the format itself: a --format json after it would mend them.
    for (const args of CASES.filter((a) => !a.includes('--format'))) {
      const zh = await runCliAsync(...args, '--format', 'json');
      expect(zh.code, args.join(' ')).toBe(4);
      const ez = (JSON.parse(zh.stdout) as { error: { code: string; message: string } }).error;
      expect(ez.code, args.join(' ')).toBe('E_USAGE');
      expect(ez.message, args.join(' ')).toMatch(CJK);
      const en = await runCliAsync(...args, '--format', 'json', '--locale', 'en');
      const ee = (JSON.parse(en.stdout) as { error: { code: string; message: string } }).error;
      expect(ee.code).toBe('E_USAGE');
      expect(ee.message, args.join(' ')).not.toMatch(CJK);
    }
    expect(JSON.parse(runCli('check', OBS, '--bogus', '--format', 'json').stdout).error.message).toBe(
      '未知选项 --bogus',
    );
  });
});

describe('input, key, record and not-found errors of the CLI', () => {
  const dir = mkdtempSync(join(tmp, 'cli-errors-'));
  const pub = join(dir, 'k.pub');
  const empty = mkdtempSync(join(tmp, 'empty-'));
  runCli('keygen', '--out', join(dir, 'k'));
  const verdictless = join(dir, 'no-verdict.json');
  writeFileSync(verdictless, JSON.stringify({ format: 'daoze-verdict-record/1' }));
  const notVerdict = join(dir, 'not-verdict.json');
  writeFileSync(
    notVerdict,
    JSON.stringify({
      standard: { ref: 'san-duan@1.0.0', id: 'san-duan', version: '1.0.0', hash: 'x' },
      locale: 'zh',
      outcome: 'maybe',
      clauses: [],
    }),
  );
  // [command line, its code]: each reaches the user as a one-line error on stderr and one JSON error on stdout.
  const CASES: [string[], string][] = [
    [['check', OBS, '--profiles', join(dir, 'no-profiles')], 'E_NO_SUCH_FILE'],
    [['check', empty], 'E_NO_SUCH_FILE'],
    [['check', '--batch', dir], 'E_NOT_FILE'],
    [['check', '--batch', join(dir, 'none.ndjson')], 'E_NO_SUCH_FILE'],
    [['build', '--out', join(dir, 'b.json'), '--sign', join(dir, 'none.key')], 'E_NO_SUCH_FILE'],
    [['build', '--out', join(dir, 'b.json'), '--sign', pub], 'E_KEY'],
    [['verify', OBS, '--trust', join(dir, 'k.key')], 'E_KEY'],
    [['keygen', '--out', join(dir, 'k')], 'E_VALUE'],
    [['explain', OBS], 'E_VALUE'],
    [['explain', notVerdict], 'E_RECORD'],
    [['show', 'no-such-standard'], 'E_NOT_FOUND'],
    [['diff', 'san-duan@1.0.0', 'san-duan@9.0.0'], 'E_NOT_FOUND'],
  ];

  it('are in Chinese by default and in English with --locale en, in text and in JSON, with the same code', async () => {
    for (const [args, code] of CASES) {
      const what = args.join(' ');
      const zh = await runCliAsync(...args);
      expect(zh.code, what).toBe(3);
      expect(zh.stderr, what).toContain(`${code} `);
      // The sentence after the code: Chinese, without the engine's English words.
      const zhSentence = zh.stderr.slice(zh.stderr.indexOf(`${code} `) + code.length + 1).split('\n')[0]!;
      expect(zhSentence, what).toMatch(CJK);
      expect(zhSentence.replace(/"[^"]*"|\S*\.(key|pub)\b/g, ''), what).not.toMatch(LATIN_WORDS);
      const en = await runCliAsync(...args, '--locale', 'en');
      expect(en.code, what).toBe(3);
      expect(en.stderr, what).toContain(`${code} `);
      expect(en.stderr, what).not.toMatch(CJK);
      // build prints text only (a --format json is itself a usage error).
      if (args[0] === 'build') continue;
      const jz = JSON.parse((await runCliAsync(...args, '--format', 'json')).stdout).error;
      expect(jz.code, what).toBe(code);
      expect(jz.message, what).toMatch(CJK);
      const je = JSON.parse((await runCliAsync(...args, '--format', 'json', '--locale', 'en')).stdout).error;
      expect(je.code, what).toBe(code);
      expect(je.message, what).not.toMatch(CJK);
    }
  });

  it('a key file is named once, with its code once', () => {
    const r = runCli('build', '--out', join(dir, 'b.json'), '--sign', pub, '--locale', 'en');
    expect(r.stderr).toBe(
      `daoze build: ${pub}: E_KEY expected a private key, found type "public": this is a public key; signing needs the .key file\n`,
    );
    expect(runCli('build', '--out', join(dir, 'b.json'), '--sign', pub).stderr).toBe(
      `daoze build: ${pub}: E_KEY 此处应为私钥,实为类型 "public":这是公钥;签名需要 .key 文件\n`,
    );
  });

  it('every sentence of a key, record or not-found error has its Chinese (no fallback)', () => {
    const sentences: [string, string][] = [
      ['E_NOT_FOUND', 'no edition "x"; known: a@1.0.0, b@1.0.0'],
      ['E_NOT_FOUND', 'no edition "x" in force on 2026-01-01; known: a@1.0.0'],
      ['E_NOT_FOUND', 'no profile "x"; known: none'],
      ['E_KEY', 'not a Daoze key file (expected format "daoze-key/1", found "x")'],
      [
        'E_KEY',
        'expected a public key, found type "private": this is a private key; give its .pub file, and keep the .key file secret',
      ],
      ['E_KEY', 'expected a private key, found type "x"'],
      ['E_KEY', 'algorithm "rsa" is not supported (ed25519)'],
      ['E_KEY', 'publicKey must be 32 bytes in base64'],
      ['E_KEY', 'privateKey must be 32 bytes in base64'],
      ['E_KEY', 'keyId "x" is not the id of its public key (abc)'],
      ['E_KEY', 'unexpected member "x" in a public key file'],
      ['E_KEY', 'privateKey does not belong to publicKey'],
      ['E_KEY', 'E_JSON not valid JSON: expected a value, found "nope"'],
      ['E_RECORD', 'not a verdict: locale: must be "zh" or "en", got "fr"'],
      ['E_RECORD', 'not a verdict: outcome: not an outcome: "maybe"'],
      ['E_RECORD', 'not a verdict: standard.ref: missing or not a string'],
      ['E_RECORD', 'not a verdict: clauses[0].trace.check[0].result: must be "true", "false" or "unknown", got 1'],
      ['E_RECORD', 'not a verdict: totals.pass: missing or not a number'],
    ];
    for (const [code, en] of sentences) {
      const zh = engineMessage(code, en, 'zh');
      expect(zh, en).toMatch(CJK);
      expect(zh.replace(/"[^"]*"|\S*\.(key|pub)\b|E_JSON/g, ''), en).not.toMatch(LATIN_WORDS);
      expect(engineMessage(code, en, 'en')).toBe(en);
    }
  });
});

describe('batch lines', () => {
  const input = join(tmp, 'lines.ndjson');
  writeFileSync(
    input,
    [
      JSON.stringify({ standard: 'san-duan', facts: {} }),
      '{bad',
      JSON.stringify({ standard: 'san-duan', facts: { nope: 1 } }),
      JSON.stringify({ standard: 'no-such-standard', facts: {} }),
      '{"a": 1, "a": 2}',
    ].join('\n'),
  );

  it('a bad line is named in Chinese by default and in English with --locale en', async () => {
    const zh = await runCliAsync('check', '--batch', input, '--workers', '0');
    expect(zh.code).toBe(3);
    const zhLines = zh.stderr.split('\n').filter((l) => /^第 \d+ 行/.test(l));
    expect(zhLines).toHaveLength(4);
    for (const l of zhLines) expect(l.replace(/"[^"]*"|E_[A-Z_]+/g, '')).not.toMatch(LATIN_WORDS);
    expect(zhLines[0]).toBe('第 2 行 2 列: E_JSON 不是有效的 JSON:此处应为带双引号的键或 "}",实为"bad"');
    expect(zhLines[1]).toBe('第 3 行: E_OBSERVATION facts.nope: san-duan@1.0.0 没有事实项 "nope"');
    const en = await runCliAsync('check', '--batch', input, '--workers', '0', '--locale', 'en');
    expect(en.stderr).toContain('line 2:2: E_JSON not valid JSON: expected a key in double quotes or "}", found "bad"');
    expect(en.stderr).toContain('line 3: E_OBSERVATION facts.nope: unknown fact "nope" for san-duan@1.0.0');
    expect(en.stderr).not.toMatch(CJK);
  });

  it('with --format json each bad line is a JSON record in its place: the same code, the message in the locale', async () => {
    for (const locale of ['zh', 'en'] as const) {
      const r = await runCliAsync('check', '--batch', input, '--workers', '0', '--format', 'json', '--locale', locale);
      const out = r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { line: number; outcome?: string; error?: { code: string; message: string } });
      expect(out.map((x) => x.line)).toEqual([1, 2, 3, 4, 5]);
      expect(out.map((x) => x.error?.code ?? x.outcome)).toEqual([
        'indeterminate',
        'E_JSON',
        'E_OBSERVATION',
        'E_OBSERVATION',
        'E_DUPLICATE_KEY',
      ]);
      for (const x of out.slice(1))
        expect(x.error!.message).toSatisfy((m: string) => CJK.test(m) === (locale === 'zh'));
    }
  });
});
