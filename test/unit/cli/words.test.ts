/** The CLI's words (src/cli/words.ts): both locales have the same keys and, per phrase, the same placeholders. */
import { describe, expect, it } from 'vitest';
import { phrase, words } from '../../../src/cli/words.js';
import { placeholdersOf } from '../../../src/model/template.js';

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
