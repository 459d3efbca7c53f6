/** `explainVerdict` on verdicts from anywhere: typed errors for what is not a verdict, notes for unbacked evidence. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DaozeError,
  evaluate,
  explainVerdict,
  InputError,
  RecordError,
  replay,
  type ExplainedComparison,
  type ExplainedCondition,
  type Observation,
  type Verdict,
} from '../../../src/index.js';
import { builtin } from '../../support/helpers.js';
import { getAt, leafPaths, setAt } from '../../audit/helpers.js';

const root = join(__dirname, '..', '..', '..');
const example = JSON.parse(
  readFileSync(join(root, 'examples/observations/01-toilet-ammonia-high.json'), 'utf8'),
) as Observation;
const ed = () => builtin().get('si-jing-san-wu-liang-tong-yi-ming@1.0.0');
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The comparisons of an explained condition, in document order. */
function comparisonsOf(c: ExplainedCondition): ExplainedComparison[] {
  if ('leaves' in c) return c.leaves;
  if ('all' in c) return c.all.flatMap(comparisonsOf);
  if ('any' in c) return c.any.flatMap(comparisonsOf);
  if ('not' in c) return comparisonsOf(c.not);
  return [c];
}

function deep(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe('explainVerdict', () => {
  const verdict = copy(evaluate(ed(), example, { locale: 'en' }));

  it('a plain verdict whose standard has no ref is a RecordError naming it, not a TypeError', () => {
    const bad = copy(verdict) as unknown as { standard: Record<string, unknown> };
    delete bad.standard.ref;
    expect(() => explainVerdict(bad as unknown as Verdict)).toThrow(RecordError);
    expect(() => explainVerdict(bad as unknown as Verdict)).toThrow(/standard\.ref: missing or not a string/);
  });

  it('a deep or non-JSON verdict is an InputError', () => {
    const bad = copy(verdict) as unknown as Record<string, unknown>;
    bad.subject = deep(100_000);
    expect(() => explainVerdict(bad as unknown as Verdict)).toThrow(expect.objectContaining({ code: 'E_DEPTH' }));
    expect(() => explainVerdict({ ...verdict, outcome: 1n } as unknown as Verdict)).toThrow(InputError);
    expect(() => explainVerdict(verdict, { observation: deep(100_000) as Observation })).toThrow(
      expect.objectContaining({ code: 'E_DEPTH' }),
    );
  });

  it('law: any one member of a verdict replaced by anything gives an explanation or a DaozeError, nothing else', () => {
    const paths = leafPaths(verdict);
    const hostile = fc.oneof(
      fc.anything({ maxDepth: 3, withBigInt: true }),
      fc.constantFrom(NaN, '__proto__', 'constructor', { toString: 'x' }, ['x', { toString: 1 }], deep(80)),
    );
    fc.assert(
      fc.property(fc.nat(), fc.nat(), hostile, (pick, cut, v) => {
        const path = paths[pick % paths.length]!;
        const bad = copy(verdict);
        setAt(bad, path.slice(0, Math.max(1, path.length - (cut % 3))), v);
        try {
          explainVerdict(bad, { edition: ed(), observation: example });
        } catch (e) {
          expect(e).toBeInstanceOf(DaozeError);
        }
      }),
      { seed: 5, numRuns: 500 },
    );
    expect(getAt(verdict, ['standard', 'ref'])).toBe('si-jing-san-wu-liang-tong-yi-ming@1.0.0');
  });

  it('says why an observed value did not count: evidence missing, of the wrong kind, or with a blank reference', () => {
    const note = (evidence: unknown[]) => {
      const obs = { ...example, evidence: { ...example.evidence, 'ammonia-mg-m3': evidence } } as Observation;
      const x = explainVerdict(evaluate(ed(), obs, { locale: 'en' }), { edition: ed(), observation: obs });
      return comparisonsOf(x.clauses.find((c) => c.clause === 'no-odour')!.check!).find(
        (c) => c.fact === 'ammonia-mg-m3',
      )!.note;
    };
    expect(note([])).toMatch(/not attached/);
    expect(note([{ kind: 'gps', ref: 'fix/1' }])).toBe(
      'the evidence attached is not of a required kind (measurement), so it does not count',
    );
    expect(note([{ kind: 'measurement', ref: ' ' }])).toMatch(/blank reference/);
  });
});

describe('replay', () => {
  it('skips an input nested too deeply, or a record whose observation has no standard, and goes on', () => {
    const e = ed();
    const good = { ...example, standard: e.ref };
    const report = replay(e, e, [
      deep(100_000),
      { format: 'daoze-verdict-record/1', observation: { standard: 5, facts: {} } },
      good,
    ]);
    expect(report.skipped.map((s) => s.index)).toEqual([1, 2]);
    expect(report.skipped[0]!.reason).toMatch(/^E_DEPTH/);
    expect(report.total).toBe(1);
  });
});
