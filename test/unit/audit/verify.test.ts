/**
 * `verifyRecord` never throws, whatever it is handed, and names an altered `inputHashes` entry as that entry.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordVerdict, verifyRecord, type VerdictRecord } from '../../../src/index.js';
import { parseJson } from '../../../src/input/index.js';
import { INTERNAL } from '../../../src/audit/verify.js';
import { builtin } from '../../support/helpers.js';
import { getAt, leafPaths, setAt } from '../../audit/helpers.js';

const root = join(__dirname, '..', '..', '..');
const example = JSON.parse(readFileSync(join(root, 'examples/observations/01-toilet-ammonia-high.json'), 'utf8'));
const rec = recordVerdict(builtin(), example, { evaluatedAt: '2026-11-20T10:00:00+08:00' });
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function deep(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** The report of a record that must not verify: no throw, not ok, a reason given, no internal error. */
function refused(record: unknown) {
  const r = verifyRecord(record, builtin());
  expect(r.ok).toBe(false);
  expect(r.problems.length + r.altered.length).toBeGreaterThan(0);
  expect(r.problems.filter((p) => p.startsWith(INTERNAL))).toEqual([]);
  return r;
}

describe('verifyRecord on hostile records', () => {
  it('reports values a JSON file cannot hold or a reader cannot bound: 1e400, NaN, BigInt, a function, a cycle, 10⁵ levels', () => {
    const fromText = parseJson(JSON.stringify(rec).replace('"ammonia-mg-m3":1.5', '"ammonia-mg-m3":1e400'), 'rec.json');
    expect(refused(fromText).problems.join('\n')).toMatch(/E_VALUE .*Infinity is not a finite number/);
    const cyclic = copy(rec) as unknown as Record<string, unknown>;
    (cyclic.observation as Record<string, unknown>).self = cyclic;
    for (const [path, v, why] of [
      [['observation', 'facts', 'ammonia-mg-m3'], NaN, /E_VALUE/],
      [['observation', 'facts', 'ammonia-mg-m3'], 10n, /E_VALUE .*bigint/],
      [['verdict', 'clauses', 0, 'message'], () => 1, /E_VALUE .*function/],
      [['verdict', 'clauses', 0, 'message'], deep(100_000), /E_DEPTH/],
      [['provenance'], deep(100_000), /E_DEPTH/],
    ] as const) {
      const bad = copy(rec);
      setAt(bad, path, v);
      expect(refused(bad).problems.join('\n')).toMatch(why);
    }
    expect(refused(cyclic).problems.join('\n')).toMatch(/cycle/);
  });

  it('reports each missing or wrongly typed member, at the top and inside', () => {
    for (const key of Object.keys(rec)) {
      const bad = copy(rec) as unknown as Record<string, unknown>;
      delete bad[key];
      refused(bad);
      for (const v of [null, 0, 'x', [], {}, true]) refused({ ...copy(rec), [key]: v });
    }
    for (const path of [
      ['edition'],
      ['engine'],
      ['observation', 'facts'],
      ['observation', 'standard'],
      ['verdict', 'clauses'],
      ['clauses', 0],
      ['inputHashes', 'locale'],
    ]) {
      for (const v of [null, 5, 'x', [], {}]) {
        const bad = copy(rec);
        setAt(bad, path, v);
        refused(bad);
      }
    }
  });

  it('law: no mutation of a record, however hostile, makes it throw or verify', () => {
    const paths = leafPaths(rec);
    const hostile = fc.oneof(
      fc.anything({ maxDepth: 3, withBigInt: true, withNullPrototype: true, withObjectString: true }),
      fc.constantFrom(
        NaN,
        Infinity,
        -0,
        '',
        '__proto__',
        { toString: 'x' },
        { __proto__: null },
        deep(70),
        deep(100_000),
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), hostile, fc.boolean()), { minLength: 1, maxLength: 3 }), (edits) => {
        const bad = copy(rec) as unknown as Record<string, unknown>;
        let changed = false;
        for (const [pick, v, cut] of edits) {
          const path = paths[pick % paths.length]!;
          const at = cut ? path.slice(0, Math.max(1, pick % path.length)) : path;
          const before = getAt(bad, at);
          try {
            setAt(bad, at, v);
          } catch {
            continue; // the path no longer exists after an earlier edit
          }
          // Unchanged only when the same scalar went back in (undefined is an absent member, as in JSON).
          if (!Object.is(before, v) && !(before === undefined && v === undefined)) changed = true;
        }
        const r = verifyRecord(bad, builtin());
        expect(r.problems.filter((p) => p.startsWith(INTERNAL))).toEqual([]);
        if (changed) expect(r.ok).toBe(false);
      }),
      { seed: 11, numRuns: 400 },
    );
  });

  it('never throws on a hostile trusted observation either', () => {
    for (const o of [deep(100_000), NaN, 5n, () => 1, { standard: 1 }]) {
      const r = verifyRecord(copy(rec), builtin(), { observation: o });
      expect(r.ok).toBe(false);
      expect(r.problems.filter((p) => p.startsWith(INTERNAL))).toEqual([]);
    }
  });
});

describe('an altered inputHashes entry', () => {
  const key = 'observation.facts.ammonia-mg-m3';

  it('is named as the entry, not as the fact it seals', () => {
    const bad = copy(rec) as VerdictRecord;
    bad.inputHashes[key] = `sha256:${'0'.repeat(64)}`;
    const r = verifyRecord(bad, builtin());
    expect(r.ok).toBe(false);
    expect(r.altered.map((d) => d.field)).toEqual([`inputHashes["${key}"]`]);
    expect(r.altered[0]).toMatchObject({
      kind: 'seal',
      path: ['inputHashes', key],
      recorded: `sha256:${'0'.repeat(64)}`,
      expected: rec.inputHashes[key],
    });
  });

  it('removed or added, likewise; while an altered fact is still named as the fact', () => {
    const gone = copy(rec) as VerdictRecord;
    delete gone.inputHashes[key];
    expect(verifyRecord(gone, builtin()).altered.map((d) => d.path)).toEqual([['inputHashes', key]]);
    const extra = copy(rec) as VerdictRecord;
    extra.inputHashes['observation.facts.ghost'] = rec.inputHashes[key]!;
    expect(verifyRecord(extra, builtin()).altered.map((d) => d.path)).toEqual([
      ['inputHashes', 'observation.facts.ghost'],
    ]);
    const fact = copy(rec) as VerdictRecord;
    fact.observation.facts['ammonia-mg-m3'] = 0.9;
    expect(verifyRecord(fact, builtin()).altered).toEqual([
      expect.objectContaining({ field: 'observation.facts.ammonia-mg-m3', kind: 'input' }),
    ]);
    const locale = copy(rec) as VerdictRecord;
    locale.inputHashes.locale = `sha256:${'1'.repeat(64)}`;
    expect(verifyRecord(locale, builtin()).altered.map((d) => d.field)).toEqual(['inputHashes.locale']);
  });
});
