/** The CLI's words (src/cli/words.ts): both locales have the same keys and, per phrase, the same placeholders. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderVerifyReport } from '../../../src/cli/commands/verify.js';
import { setColor } from '../../../src/cli/io.js';
import { phrase, SIGNATURE_WORDS, words, type SignatureCase } from '../../../src/cli/words.js';
import {
  generateKeyPair,
  recordVerdict,
  signRecord,
  verifyRecord,
  type Observation,
  type VerifyReport,
} from '../../../src/index.js';
import { placeholdersOf } from '../../../src/model/template.js';
import { builtin } from '../../support/helpers.js';

/** Every string in a words table, by its dotted key. */
function leaves(v: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof v === 'string') out.set(path, v);
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) for (const [p, s] of leaves(x, path ? `${path}.${k}` : k)) out.set(p, s);
  else throw new Error(`${path}: a word is a string, not ${typeof v}`);
  return out;
}

const zh = leaves(words('zh'));
const en = leaves(words('en'));

describe('CLI words', () => {
  it('zh and en have the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    expect(zh.size).toBeGreaterThan(100);
  });

  it('each phrase has the same placeholders in zh and en', () => {
    const differ = [...zh].filter(([k, s]) => {
      const a = [...placeholdersOf(s)].sort();
      const b = [...placeholdersOf(en.get(k) ?? '')].sort();
      return a.join() !== b.join();
    });
    expect(differ.map(([k]) => k)).toEqual([]);
    // The check sees placeholders: phrases with values have them.
    expect([...placeholdersOf(words('en').verify.reproducesYes)].sort()).toEqual(['engine', 'n', 'ref']);
  });

  it('no phrase is empty, and each locale speaks its own language', () => {
    const cjk = /[\u3400-\u9fff]/;
    for (const [k, s] of en) {
      expect(s.trim(), k).not.toBe('');
      expect(s, k).not.toMatch(cjk);
    }
    for (const [k, s] of zh) expect(s.trim(), k).not.toBe('');
  });
});

describe('phrase', () => {
  it('fills each placeholder, every time it occurs', () => {
    expect(phrase(words('zh').signedRecords, { n: 3, key: 'k1', file: 'out.ndjson' })).toBe(
      '已写入 3 份审计记录(以密钥 k1 签名):out.ndjson',
    );
    expect(phrase('{n} and {n}', { n: 0 })).toBe('0 and 0');
  });

  it('leaves a placeholder without a value visible, and never fills a value a second time', () => {
    expect(phrase(words('en').records, { n: 1 })).toBe('1 record(s) written to {file}');
    expect(phrase(words('en').records, { n: 1, file: '{n}.json' })).toBe('1 record(s) written to {n}.json');
    // A key inherited by every object is not a value.
    expect(phrase('{constructor}', {})).toBe('{constructor}');
  });
});

describe('the signature statement of daoze verify', () => {
  const OBS = JSON.parse(
    readFileSync(join(__dirname, '../../../examples/observations/01-toilet-ammonia-high.json'), 'utf8'),
  ) as Observation;
  const A = generateKeyPair();
  const B = generateKeyPair();
  const record = recordVerdict(builtin(), OBS, { evaluatedAt: '2026-11-20T10:00:00+08:00' });
  const signed = signRecord(record, A.privateKey);
  const trust = [A.publicKey];
  // One real report per case, as verifyRecord gives it.
  const reports: Record<SignatureCase, { report: VerifyReport; trusted: boolean }> = {
    verified: { report: verifyRecord(signed, builtin(), { trust }), trusted: true },
    unchecked: { report: verifyRecord(signed, builtin()), trusted: false },
    unsigned: { report: verifyRecord(record, builtin()), trusted: false },
    unsignedTrusted: { report: verifyRecord(record, builtin(), { trust }), trusted: true },
    untrusted: { report: verifyRecord(signed, builtin(), { trust: [B.publicKey] }), trusted: true },
    // Changed after it was signed: the signature no longer covers the content.
    invalid: {
      report: verifyRecord({ ...signed, evaluatedAt: '2026-11-21T10:00:00+08:00' }, builtin(), { trust }),
      trusted: true,
    },
    malformed: { report: verifyRecord({ ...record, signature: 'nope' }, builtin(), { trust }), trusted: true },
  };
  const input = { label: 'r.json', file: 'r.json', locate: () => undefined, value: record };
  const statement = (c: SignatureCase, locale: 'zh' | 'en') => {
    setColor(false);
    const { report, trusted } = reports[c];
    const prefix = phrase(words(locale).verify.signature, { status: '' });
    const line = renderVerifyReport(input, report, locale, trusted).find((l) => l.includes(prefix))!;
    return line.slice(line.indexOf(prefix) + prefix.length);
  };

  it('has every case in both languages, and the reports above reach each of them', () => {
    expect(Object.keys(SIGNATURE_WORDS.en).sort()).toEqual(Object.keys(SIGNATURE_WORDS.zh).sort());
    for (const [c, { report }] of Object.entries(reports))
      expect(report.signature.status, c).toBe(c === 'unsignedTrusted' ? 'unsigned' : c);
  });

  it("is the verifier's own sentence in English, and a Chinese sentence naming the key in Chinese", () => {
    for (const c of Object.keys(reports) as SignatureCase[]) {
      const { signature } = reports[c].report;
      expect(statement(c, 'en'), c).toBe(signature.message);
      expect(statement(c, 'zh'), c).toMatch(/[\u3400-\u9fff]/);
      // Every placeholder filled.
      expect([...placeholdersOf(statement(c, 'zh'))], c).toEqual([]);
      if (c === 'verified' || c === 'unchecked') expect(statement(c, 'zh'), c).toContain(A.publicKey.keyId);
    }
    expect(statement('verified', 'zh')).toBe(`由受信任的密钥 ${A.publicKey.keyId} 签名`);
    expect(statement('unsigned', 'zh')).toBe('未签名');
    expect(statement('unsignedTrusted', 'zh')).toBe('未由受信任的密钥签名:记录没有签名');
    expect(statement('malformed', 'zh')).toBe(`未由受信任的密钥签名(${reports.malformed.report.signature.message})`);
  });
});
