/** Semantic checks of an edition: the leaf limit, reserved ids, and keyed tables read by own keys only. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { parseEdition, validateEdition, type Condition, type EditionSpec } from '../../../src/index.js';
import { HOSTILE_KEYS } from '../../../src/evaluate/observation.js';
import { leafCount, MAX_CONDITION_LEAVES } from '../../../src/load/validate.js';
import { RESERVED_IDS } from '../../../src/model/edition.js';
import { fixture } from '../../support/helpers.js';

const text = fixture('invalid', 'bad-cases.yaml').split('\ncases:')[0]!;
const valid = (): EditionSpec => parse(text) as EditionSpec;
const leaf = (i: number): Condition => ({ fact: 'lights-ok', operator: 'equal', value: i % 2 === 0 });
const withCheck = (check: Condition, appliesWhen?: Condition): EditionSpec => {
  const e = valid();
  e.groups[0]!.clauses[0] = { ...e.groups[0]!.clauses[0]!, check, ...(appliesWhen ? { appliesWhen } : {}) };
  return e;
};
const codes = (e: EditionSpec) => validateEdition(e).diagnostics.map((d) => [d.code, d.location.path]);

describe('MAX_CONDITION_LEAVES', () => {
  it('accepts a clause with exactly the limit and refuses one more, at the clause’s check', () => {
    expect(codes(withCheck({ any: Array.from({ length: MAX_CONDITION_LEAVES }, (_, i) => leaf(i)) }))).toEqual([]);
    expect(codes(withCheck({ any: Array.from({ length: MAX_CONDITION_LEAVES + 1 }, (_, i) => leaf(i)) }))).toEqual([
      ['E_LIMIT', 'groups[0].clauses[0].check'],
    ]);
  });

  it('counts appliesWhen with check, and nested leaves', () => {
    const half = { all: Array.from({ length: 300 }, (_, i) => leaf(i)) };
    expect(codes(withCheck({ not: half }, { any: [half] })).map((c) => c[0])).toEqual(['E_LIMIT']);
    expect(codes(withCheck({ not: half })).map((c) => c[0])).toEqual([]);
  });

  it('leafCount agrees with a recursive count on any tree', () => {
    const tree: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((t) => ({
      c: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant(leaf(0)),
        fc.array(t('c'), { maxLength: 4 }).map((all) => ({ all })),
        fc.array(t('c'), { maxLength: 4 }).map((any) => ({ any })),
        t('c').map((not) => ({ not })),
      ),
    })).c;
    const rec = (c: Condition): number =>
      'all' in c
        ? c.all.reduce((n, x) => n + rec(x), 0)
        : 'any' in c
          ? c.any.reduce((n, x) => n + rec(x), 0)
          : 'not' in c
            ? rec(c.not)
            : 1;
    fc.assert(
      fc.property(tree, (c) => leafCount(c) === rec(c)),
      { seed: 9, numRuns: 300 },
    );
  });
});

describe('reserved ids', () => {
  it('are exactly the keys an observation can never set', () => {
    expect([...RESERVED_IDS].sort()).toEqual([...HOSTILE_KEYS].sort());
  });

  it.each(['constructor', 'prototype'])('a fact named %s is E_FACT_SPEC at its key', (id) => {
    const e = valid();
    e.facts[id] = { ...e.facts['lights-ok']! };
    const r = parseEdition(
      text.replace(
        'facts:\n',
        `facts:\n  ${id}:\n    type: boolean\n    label: { zh: x, en: x }\n    question: { zh: x, en: x }\n`,
      ),
      { file: 'e.yaml' },
    );
    expect(r.diagnostics.map((d) => [d.code, d.location.path, d.location.line, d.location.col])).toEqual([
      ['E_FACT_SPEC', `facts.${id}`, 12, 3],
    ]);
    expect(codes(e)).toEqual([['E_FACT_SPEC', `facts.${id}`]]);
  });

  it('a parameter named constructor, or a table key __proto__, is refused', () => {
    const e = valid();
    e.parameters = { constructor: { label: { zh: x(), en: x() }, value: 1, cites: [{ source: 'seed-plan' }] } };
    expect(codes(e)).toEqual([['E_SCHEMA', 'parameters.constructor']]);
    const keyed = text.replace(
      'facts:\n',
      `parameters:
  limit:
    label: { zh: x, en: x }
    byFact: kind
    values: { plain: 1, fancy: 2, __proto__: 3 }
    cites: [{ source: seed-plan }]
facts:
  kind:
    type: enum
    label: { zh: x, en: x }
    question: { zh: x, en: x }
    choices: [{ value: plain, label: { zh: x, en: x } }, { value: fancy, label: { zh: x, en: x } }]
`,
    );
    const r = parseEdition(keyed, { file: 'e.yaml' });
    expect(r.diagnostics.map((d) => [d.code, d.location.path, d.location.line])).toEqual([
      ['E_SCHEMA', 'parameters.limit.values.__proto__', 15],
    ]);
  });

  it('a keyed table missing a choice named like a property of Object.prototype is found', () => {
    const e = valid();
    e.facts['kind'] = {
      type: 'enum',
      label: { zh: x(), en: x() },
      question: { zh: x(), en: x() },
      choices: [
        { value: 'plain', label: { zh: x(), en: x() } },
        { value: 'constructor', label: { zh: x(), en: x() } },
      ],
    };
    e.parameters = {
      limit: { label: { zh: x(), en: x() }, byFact: 'kind', values: { plain: 1 }, cites: [{ source: 'seed-plan' }] },
    };
    const ds = validateEdition(e).diagnostics;
    expect(ds.map((d) => [d.code, d.location.path])).toEqual([['E_SCHEMA', 'parameters.limit.values']]);
    expect(ds[0]!.message).toContain('"constructor"');
  });
});

function x(): string {
  return 'x';
}
