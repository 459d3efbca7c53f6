/** The one condition walker (src/model/condition.ts): node kinds, visiting order and paths, reads, the one-line text. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  conditionReads,
  conditionText,
  forEachLeaf,
  isLeaf,
  isValueRef,
  matchCondition,
  SOURCE_TEXT,
  walkCondition,
  type ConditionPath,
} from '../../../src/model/condition.js';
import { OPERATORS } from '../../../src/operators/index.js';
import type { Condition, LeafCondition } from '../../../src/model/edition.js';
import { extCondition } from '../../support/arbitraries-extended.js';

const leaf = (fact: string, value: LeafCondition['value'] = true, operator = 'equal'): LeafCondition => ({
  fact,
  operator,
  value,
});

// all[ a, not(any[ b, c ]), d ]
const tree: Condition = {
  all: [leaf('a'), { not: { any: [leaf('b'), leaf('c', { param: 'p' })] } }, leaf('d', { fact: 'e' })],
};

/** An independent reference: the node a path leads to from the root. */
function at(root: Condition, path: ConditionPath): Condition {
  let c: unknown = root;
  for (const seg of path) c = (c as Record<string | number, unknown>)[seg];
  return c as Condition;
}

/** An independent reference: the leaves in document order, by plain recursion. */
function leaves(c: Condition): LeafCondition[] {
  if ('all' in c) return c.all.flatMap(leaves);
  if ('any' in c) return c.any.flatMap(leaves);
  if ('not' in c) return leaves(c.not);
  return [c];
}

describe('isValueRef', () => {
  it('is true for a fact or parameter reference and false for literals and lists', () => {
    expect(isValueRef({ fact: 'x' })).toBe(true);
    expect(isValueRef({ param: 'p' })).toBe(true);
    for (const v of [true, 0, 'x', [1, 2], [], null, undefined]) expect(isValueRef(v)).toBe(false);
  });
});

describe('matchCondition and isLeaf', () => {
  it('call the handler of the node’s kind with its members', () => {
    const kind = (c: Condition) =>
      matchCondition(c, {
        all: (m) => `all ${m.length}`,
        any: (m) => `any ${m.length}`,
        not: (m) => `not ${isLeaf(m)}`,
        leaf: (l) => `leaf ${l.fact}`,
      });
    expect(kind(tree)).toBe('all 3');
    expect(kind({ any: [leaf('a'), leaf('b')] })).toBe('any 2');
    expect(kind({ not: leaf('a') })).toBe('not true');
    expect(kind(leaf('z'))).toBe('leaf z');
    expect([tree, { not: leaf('a') }, leaf('a')].map(isLeaf)).toEqual([false, false, true]);
  });
});

describe('walkCondition', () => {
  it('visits parents before members, members in document order, with each node’s path and depth', () => {
    const seen: [string, number][] = [];
    walkCondition(tree, (_, path, depth) => void seen.push([path.join('.'), depth]));
    expect(seen).toEqual([
      ['', 1],
      ['all.0', 2],
      ['all.1', 2],
      ['all.1.not', 3],
      ['all.1.not.any.0', 4],
      ['all.1.not.any.1', 4],
      ['all.2', 2],
    ]);
  });

  it('starts paths at the given prefix and skips the members of a node the visitor answers false for', () => {
    const seen: string[] = [];
    walkCondition(tree, (c, path) => (seen.push(path.join('.')), !('not' in c)), ['check']);
    expect(seen).toEqual(['check', 'check.all.0', 'check.all.1', 'check.all.2']);
  });

  it('walks a chain deeper than the stack allows', () => {
    let c: Condition = leaf('deep');
    for (let i = 0; i < 100_000; i++) c = { not: c };
    const found: string[] = [];
    forEachLeaf(c, (l, path) => found.push(`${l.fact}@${path.length}`));
    expect(found).toEqual(['deep@100000']);
  });

  it('gives every node the path that leads to it, and reaches every leaf in order (property)', () => {
    fc.assert(
      fc.property(extCondition, (c) => {
        const visited: Condition[] = [];
        walkCondition(c, (node, path) => {
          expect(at(c, path)).toBe(node);
          visited.push(node);
        });
        const found: LeafCondition[] = [];
        forEachLeaf(c, (l, path) => {
          expect(at(c, path)).toBe(l);
          found.push(l);
        });
        expect(found).toEqual(leaves(c));
        expect(visited.filter(isLeaf)).toEqual(leaves(c));
      }),
    );
  });
});

describe('conditionReads', () => {
  it('collects each leaf’s fact and the fact or parameter its value names, under a nested not', () => {
    const r = conditionReads(tree);
    expect([...r.facts]).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...r.params]).toEqual(['p']);
    expect(conditionReads({ not: { not: leaf('x', { param: 'limit' }) } })).toEqual({
      facts: new Set(['x']),
      params: new Set(['limit']),
    });
  });

  it('reads nothing of a literal or a list, and nothing of an absent condition', () => {
    expect(conditionReads(leaf('x', [1, 2], 'in'))).toEqual({ facts: new Set(['x']), params: new Set() });
    expect(conditionReads(undefined)).toEqual({ facts: new Set(), params: new Set() });
  });

  it('adds to the sets it is given, so a clause’s check and applicability read together', () => {
    const both = conditionReads(leaf('b', { param: 'q' }), conditionReads(leaf('a')));
    expect([...both.facts]).toEqual(['a', 'b']);
    expect([...both.params]).toEqual(['q']);
  });

  it('of all[a, b] and any[a, b] is the union of the reads of a and b, and not changes nothing (property)', () => {
    fc.assert(
      fc.property(extCondition, extCondition, (a, b) => {
        const ra = conditionReads(a);
        const rb = conditionReads(b);
        const union = { facts: new Set([...ra.facts, ...rb.facts]), params: new Set([...ra.params, ...rb.params]) };
        expect(conditionReads({ all: [a, b] })).toEqual(union);
        expect(conditionReads({ any: [a, b] })).toEqual(union);
        expect(conditionReads({ not: a })).toEqual(ra);
      }),
    );
  });
});

describe('conditionText', () => {
  it('writes a leaf of each operator as the YAML names it', () => {
    const text = [...OPERATORS.values()].map((op) =>
      conditionText(leaf('f', op.operand === 'list' ? ['a', 'b'] : 2, op.name)),
    );
    expect(text).toEqual([
      'f equal 2',
      'f notEqual 2',
      'f in ["a","b"]',
      'f notIn ["a","b"]',
      'f lessThan 2',
      'f lessThanInclusive 2',
      'f greaterThan 2',
      'f greaterThanInclusive 2',
      'f contains 2',
      'f doesNotContain 2',
      'f someFact:equal 2',
      'f someFact:notEqual 2',
      'f someFact:in ["a","b"]',
      'f someFact:notIn ["a","b"]',
      'f everyFact:equal 2',
      'f everyFact:notEqual 2',
      'f everyFact:in ["a","b"]',
      'f everyFact:notIn ["a","b"]',
    ]);
  });

  it('writes a parameter in braces, another fact by its id and a literal as JSON', () => {
    expect(conditionText(leaf('ammonia', { param: 'ammonia-limit' }, 'lessThanInclusive'))).toBe(
      'ammonia lessThanInclusive {ammonia-limit}',
    );
    expect(conditionText(leaf('a', { fact: 'b' }, 'lessThan'))).toBe('a lessThan b');
    expect(conditionText(leaf('kind', 'coal'))).toBe('kind equal "coal"');
  });

  it('writes all, any and not around their members; an all of one member is that member', () => {
    expect(conditionText(tree)).toBe('all(a equal true; not(any(b equal true; c equal {p})); d equal e)');
    expect(conditionText({ all: [leaf('a')] })).toBe('a equal true');
    expect(conditionText({ any: [leaf('a')] })).toBe('any(a equal true)');
  });

  it('takes a style: operators by sign, another separator and list form, every all spelt out', () => {
    const signs = {
      operator: (n: string) => OPERATORS.get(n)!.sign,
      separator: ', ',
      list: (v: readonly unknown[]) => `[${v.join(', ')}]`,
      unwrapSingle: false,
    };
    const text = [...OPERATORS.values()].map((op) =>
      conditionText({ all: [leaf('f', op.operand === 'list' ? ['a', 'b'] : 2, op.name)] }, signs),
    );
    expect(text).toEqual([
      'all(f = 2)',
      'all(f ≠ 2)',
      'all(f ∈ [a, b])',
      'all(f ∉ [a, b])',
      'all(f < 2)',
      'all(f ≤ 2)',
      'all(f > 2)',
      'all(f ≥ 2)',
      'all(f ∋ 2)',
      'all(f ∌ 2)',
      'all(f ∃= 2)',
      'all(f ∃≠ 2)',
      'all(f ∃∈ [a, b])',
      'all(f ∃∉ [a, b])',
      'all(f ∀= 2)',
      'all(f ∀≠ 2)',
      'all(f ∀∈ [a, b])',
      'all(f ∀∉ [a, b])',
    ]);
    expect(conditionText(tree, { ...SOURCE_TEXT, separator: ' | ' })).toBe(
      'all(a equal true | not(any(b equal true | c equal {p})) | d equal e)',
    );
  });

  it('wraps a member in not(…) and keeps the members’ text in all(…) (property)', () => {
    fc.assert(
      fc.property(extCondition, extCondition, (a, b) => {
        expect(conditionText({ not: a })).toBe(`not(${conditionText(a)})`);
        expect(conditionText({ all: [a, b] })).toBe(`all(${conditionText(a)}; ${conditionText(b)})`);
      }),
    );
  });
});
