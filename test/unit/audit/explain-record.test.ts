/** `explanationOf` (src/audit/explain-record.ts): a record or a plain verdict, told apart, checked and re-rendered, with its notes. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DaozeError,
  explanationOf,
  InputError,
  recordVerdict,
  type EditionLookup,
  type Observation,
} from '../../../src/index.js';
import { builtin } from '../../support/helpers.js';

const root = join(__dirname, '..', '..', '..');
const TOILET = JSON.parse(
  readFileSync(join(root, 'examples/observations/01-toilet-ammonia-high.json'), 'utf8'),
) as Observation;
const AT = '2026-11-20T10:00:00+08:00';
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const record = (locale: 'zh' | 'en' = 'zh') => copy(recordVerdict(builtin(), TOILET, { evaluatedAt: AT, locale }));

/** A lookup that holds no edition at all. */
const empty: EditionLookup = {
  get: () => builtin().get('no-such-standard'),
  evaluate: (o, opts) => builtin().evaluate(o, opts),
};

describe('explanationOf', () => {
  it('an intact record: its explanation with the edition, and the note that it is intact', () => {
    const r = explanationOf(record(), builtin(), 'zh');
    expect(r.notes).toEqual(['record-intact']);
    expect(r.explanation.withEdition).toBe(true);
    expect(r.explanation.outcome).toBe('fail');
    expect(r.explanation.clauses.map((c) => c.clause).length).toBeGreaterThan(0);
  });

  it('an altered record is noted as altered, still explained', () => {
    const rec = record();
    rec.verdict.outcome = 'pass';
    const r = explanationOf(rec, builtin(), 'zh');
    expect(r.notes).toEqual(['record-altered']);
    expect(r.explanation.outcome).toBe('pass');
  });

  it('a plain verdict is noted as such', () => {
    expect(explanationOf(record().verdict, builtin(), 'zh').notes).toEqual(['plain-verdict']);
  });

  it('re-renders a record in the asked language from its observation; a plain verdict keeps its language', () => {
    const zh = record('zh');
    const r = explanationOf(zh, builtin(), 'en');
    expect(r.notes).toEqual(['record-intact']);
    expect(r.explanation.locale).toBe('en');
    expect(r.explanation.clauses[0]!.message).toBe(
      explanationOf(record('en'), builtin(), 'en').explanation.clauses[0]!.message,
    );
    expect(r.explanation.clauses[0]!.message).not.toBe(
      explanationOf(zh, builtin(), 'zh').explanation.clauses[0]!.message,
    );
    // Without the observation the messages cannot be made again.
    expect(explanationOf(zh.verdict, builtin(), 'en').notes).toEqual(['plain-verdict', 'locale-kept']);
  });

  it('without the edition (or with another content hash): fact ids and raw values, and the note saying so', () => {
    const r = explanationOf(record(), empty, 'zh');
    expect(r.notes).toEqual(['record-intact', 'edition-missing']);
    expect(r.explanation.withEdition).toBe(false);
    const other = record().verdict;
    other.standard.hash = `sha256:${'0'.repeat(64)}`;
    expect(explanationOf(other, builtin(), 'en').notes).toEqual(['plain-verdict', 'edition-missing', 'locale-kept']);
  });

  it('what is neither a record nor a verdict, or names no edition, is an InputError named by the label', () => {
    expect(() => explanationOf({ hello: 1 }, builtin(), 'en', 'x.json')).toThrow(InputError);
    expect(() => explanationOf({ hello: 1 }, builtin(), 'en', 'x.json')).toThrow(
      /^x\.json: neither a verdict record nor a verdict/,
    );
    const noRef = record().verdict as unknown as { standard: Record<string, unknown> };
    delete noRef.standard.ref;
    expect(() => explanationOf(noRef, builtin(), 'en')).toThrow(
      expect.objectContaining({ code: 'E_VALUE', path: 'standard.ref' }),
    );
    const noVerdict = record() as unknown as Record<string, unknown>;
    delete noVerdict.verdict;
    expect(() => explanationOf(noVerdict, builtin(), 'en', 'r.json')).toThrow(/^r\.json: the record has no verdict$/);
  });

  it('hostile values (deep, cyclic, non-JSON, wrong kinds where a record or verdict has objects) are typed errors, never a crash', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const cyclic: Record<string, unknown> = { format: 'daoze-verdict-record/2' };
    cyclic.verdict = cyclic;
    const wrongKinds = [
      { ...record(), verdict: 'pass' },
      { ...record(), verdict: [] },
      { ...record().verdict, standard: 'si-jing@1.0.0' },
      { ...record().verdict, standard: { ref: 42 } },
    ];
    const hostile: unknown[] = [deep, cyclic, 10n, () => 1, Number.NaN, 'record', null, [], [record()], ...wrongKinds];
    for (const value of hostile) {
      let thrown: unknown;
      try {
        explanationOf(value, builtin(), 'en', 'h.json');
      } catch (e) {
        thrown = e;
      }
      expect(thrown, String(typeof value)).toBeInstanceOf(DaozeError);
    }
  });
});
