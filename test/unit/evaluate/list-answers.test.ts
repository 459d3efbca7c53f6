/**
 * List answers (a `list` fact): which values an observation may give one, the typed issue naming the fact for
 * any other, how complete and partial answers are decided, and how an answer reads.
 */
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { compileEdition, evaluate, ObservationError, observationSchema } from '../../../src/index.js';
import { normaliseObservation } from '../../../src/evaluate/observation.js';
import { formatFactValue } from '../../../src/result/format.js';
import { listEdition } from '../../support/list-edition.js';

const ed = compileEdition(listEdition);
const verdictOf = (defects: unknown) => evaluate(ed, { standard: listEdition.id, facts: { defects } });
function issuesOf(defects: unknown) {
  try {
    normaliseObservation(ed, { standard: listEdition.id, facts: { defects } });
  } catch (e) {
    if (e instanceof ObservationError) return e.issues;
    throw e;
  }
  return [];
}

describe('list answers an observation may give', () => {
  it.each([[[]], [['cracked']], [['tilted', 'cracked', 'missing-bolt']], [{ atLeast: [] }], [{ atLeast: ['tilted'] }]])(
    'accepts %j',
    (v) => expect(issuesOf(v)).toEqual([]),
  );

  it.each([
    ['cracked', 'E_FACT_TYPE'],
    [3, 'E_FACT_TYPE'],
    [true, 'E_FACT_TYPE'],
    [{}, 'E_FACT_TYPE'],
    [{ atLeast: 'cracked' }, 'E_FACT_TYPE'],
    [{ atLeast: [], more: 1 }, 'E_FACT_TYPE'],
    [{ seen: ['cracked'] }, 'E_FACT_TYPE'],
    [['broken'], 'E_FACT_CHOICE'],
    [['cracked', 1], 'E_FACT_CHOICE'],
    [[null], 'E_FACT_CHOICE'],
    [['cracked', 'cracked'], 'E_FACT_CHOICE'],
    [{ atLeast: ['cracked', 'x'] }, 'E_FACT_CHOICE'],
    [{ atLeast: ['tilted', 'tilted'] }, 'E_FACT_CHOICE'],
  ])('refuses %j with %s naming the fact', (v, code) => {
    const issues = issuesOf(v);
    expect(issues.map((i) => [i.code, i.path])).toEqual([[code, 'facts.defects']]);
    if (code === 'E_FACT_CHOICE') expect(issues[0]!.allowed).toEqual(['cracked', 'tilted', 'missing-bolt']);
  });

  it('says which choice is given twice, and refuses a long list without reading past the first repeat', () => {
    expect(issuesOf(['tilted', 'tilted'])[0]!.message).toMatch(/at most once/);
    const long = Array.from({ length: 100_000 }, () => 'cracked');
    expect(issuesOf(long).map((i) => i.code)).toEqual(['E_FACT_CHOICE']);
  });

  it('takes null as "could not be determined", as for every fact', () => {
    const v = verdictOf(null);
    expect(v.clauses.map((c) => c.outcome)).toEqual(['indeterminate', 'indeterminate']);
    expect(v.clauses[0]!.missing.map((m) => m.reason)).toEqual(['unknown']);
  });

  it('keeps a copy: changing the array after normalising changes nothing recorded', () => {
    const given = ['tilted'];
    const n = normaliseObservation(ed, { standard: listEdition.id, facts: { defects: given } });
    given.push('cracked');
    expect(n.values[0]).toEqual(['tilted']);
  });

  it('the observation schema accepts exactly the well-formed answers', () => {
    const validate = new Ajv2020({ strict: false }).compile(observationSchema(ed));
    const ok = (defects: unknown) => validate({ standard: listEdition.id, facts: { defects } });
    expect([[], ['cracked', 'tilted'], { atLeast: ['tilted'] }, null].map(ok)).toEqual([true, true, true, true]);
    expect([['x'], ['cracked', 'cracked'], 'cracked', { atLeast: ['x'] }, { atLeast: [], y: 1 }].map(ok)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('deciding on list answers', () => {
  it('a complete answer decides both operators; [] means none of the options', () => {
    expect(verdictOf([]).clauses.map((c) => c.outcome)).toEqual(['pass', 'pass']);
    expect(verdictOf(['cracked']).clauses.map((c) => c.outcome)).toEqual(['fail', 'pass']);
    expect(verdictOf(['tilted', 'missing-bolt']).clauses.map((c) => c.outcome)).toEqual(['pass', 'fail']);
  });

  it('a partial answer proves presence, never absence, and names the fact as partly known', () => {
    expect(verdictOf({ atLeast: ['cracked', 'tilted'] }).clauses.map((c) => c.outcome)).toEqual(['fail', 'fail']);
    const v = verdictOf({ atLeast: ['missing-bolt'] });
    expect(v.clauses.map((c) => c.outcome)).toEqual(['indeterminate', 'indeterminate']);
    expect(v.clauses[0]!.missing.map((m) => [m.fact, m.reason])).toEqual([['defects', 'partial']]);
  });
});

describe('formatFactValue on a list answer', () => {
  const spec = listEdition.facts.defects!;
  it('gives the labels of a complete answer, "none of them" for [], and "at least" for a partial one', () => {
    expect(formatFactValue(spec, ['cracked', 'missing-bolt'], 'en')).toBe('cracked, bolt missing');
    expect(formatFactValue(spec, ['cracked', 'tilted'], 'zh')).toBe('破裂、倾斜');
    expect(formatFactValue(spec, [], 'en')).toBe('none of them');
    expect(formatFactValue(spec, { atLeast: ['tilted'] }, 'en')).toBe('at least: tilted');
    expect(formatFactValue(spec, { atLeast: ['tilted'] }, 'zh')).toBe('至少:倾斜');
  });
});
