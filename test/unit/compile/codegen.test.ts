/**
 * A standard is data, not code: no text from an edition reaches the generated evaluator. Every string of a
 * random edition — fact ids, parameter ids, enum values, clause and group ids, labels, texts, messages,
 * descriptions, source ids — is replaced by a hostile one (quotes, back-ticks, `${…}`, comment and script
 * terminators, line separators, `__proto__`, names of the generated code's own variables, code that would set
 * a global). The generated source must be exactly the same text, contain only the characters of its fixed
 * fragments and integers, and compute the same answers; the global must stay unset.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileEdition, type Condition, type EditionSpec, type I18nText } from '../../../src/index.js';
import { normaliseObservation } from '../../../src/evaluate/observation.js';
import { codegenProgram, generate } from '../../../src/compile/codegen.js';
import { extEdition, extObservation } from '../../support/arbitraries-extended.js';

const HOSTILE = [
  '"); globalThis.__daozePwned = 1; ("',
  "'); globalThis.__daozePwned = 1; ('",
  '`${globalThis.__daozePwned = 1}`',
  '*/ globalThis.__daozePwned = 1; /*',
  '\n globalThis.__daozePwned = 1; //',
  '\u2028globalThis.__daozePwned = 1;\u2029',
  '</script><script>globalThis.__daozePwned = 1</script>',
  '\\',
  '\\"',
  '}; globalThis.__daozePwned = 1; {',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'K[0]',
  'v[0]',
  'o',
  'r0',
  'x',
  'break r0;',
  '\u0000',
  '',
];

/** A hostile string: a known attack or an arbitrary one (any code points, including lone surrogates). */
const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** Renames every string of an edition through `name(kind, original)`; numbers, booleans and dates are kept. */
function renameEdition(spec: EditionSpec, name: (kind: string, s: string) => string): EditionSpec {
  const enumFacts = new Set(
    Object.entries(spec.facts)
      .filter(([, f]) => f.type === 'enum')
      .map(([id]) => id),
  );
  const text = (t: I18nText): I18nText => ({ zh: name('text', t.zh), en: name('text', t.en) });
  const lit = (fact: string, v: unknown): unknown =>
    enumFacts.has(fact) && typeof v === 'string' ? name('choice', v) : v;
  const cond = (c: Condition): Condition => {
    if ('all' in c) return { all: c.all.map(cond) };
    if ('any' in c) return { any: c.any.map(cond) };
    if ('not' in c) return { not: cond(c.not) };
    const v = c.value;
    const value =
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? 'fact' in v
          ? { fact: name('fact', v.fact) }
          : { param: name('param', v.param) }
        : Array.isArray(v)
          ? v.map((x) => lit(c.fact, x))
          : lit(c.fact, v);
    return {
      fact: name('fact', c.fact),
      operator: c.operator,
      value,
      description: name('text', 'description'),
    } as Condition;
  };
  return {
    ...spec,
    id: name('edition', spec.id),
    nickname: name('text', spec.nickname),
    title: text(spec.title),
    sources: spec.sources.map((s) => ({ ...s, id: name('source', s.id), title: text(s.title) })),
    parameters: Object.fromEntries(
      Object.entries(spec.parameters ?? {}).map(([id, p]) => [
        name('param', id),
        {
          ...p,
          label: text(p.label),
          cites: p.cites.map((c) => ({ ...c, source: name('source', c.source) })),
          ...(p.byFact
            ? {
                byFact: name('fact', p.byFact),
                values: Object.fromEntries(Object.entries(p.values!).map(([k, x]) => [name('choice', k), x])),
              }
            : {}),
        },
      ]),
    ),
    facts: Object.fromEntries(
      Object.entries(spec.facts).map(([id, f]) => [
        name('fact', id),
        {
          ...f,
          label: text(f.label),
          question: text(f.question),
          ...(f.choices
            ? { choices: f.choices.map((c) => ({ value: name('choice', c.value), label: text(c.label) })) }
            : {}),
        },
      ]),
    ),
    groups: spec.groups.map((g) => ({
      id: name('group', g.id),
      label: text(g.label),
      clauses: g.clauses.map((c) => ({
        ...c,
        id: name('clause', c.id),
        label: text(c.label),
        text: text(c.text),
        cites: c.cites.map((x) => ({ ...x, source: name('source', x.source), quote: name('text', 'quote') })),
        check: cond(c.check),
        ...(c.appliesWhen ? { appliesWhen: cond(c.appliesWhen) } : {}),
        messages: {
          pass: text(c.messages.pass),
          fail: text(c.messages.fail),
          indeterminate: text(c.messages.indeterminate),
        },
      })),
    })),
  };
}

/** An injective renaming per kind: each distinct original gets the next hostile string, made unique by its number. */
function renamer(pool: readonly string[]): { name: (kind: string, s: string) => string; choice: Map<string, string> } {
  const maps = new Map<string, Map<string, string>>();
  let next = 0;
  const name = (kind: string, s: string): string => {
    let m = maps.get(kind);
    if (!m) maps.set(kind, (m = new Map()));
    let r = m.get(s);
    if (r === undefined) {
      // Ids must stay distinct; free text may repeat.
      r = kind === 'text' ? pool[next++ % pool.length]! : `${pool[next++ % pool.length]!}#${m.size}`; // "#": never an integer-like key, which objects would reorder
      m.set(s, r);
    }
    return r;
  };
  name('choice', ''); // make sure the map exists
  return { name, choice: maps.get('choice')! };
}

/** Only what the generator's fixed fragments and integers can produce: no quotes, back-ticks, back-slashes. */
const SAFE_BODY = /^[A-Za-z0-9_ \n;=(){}<>!&|?:.,[\]+-]*$/;

describe('generated code never contains text from the standard', () => {
  it('hostile ids, names, enum values and texts give the same generated text, safe characters only, and the same answers', () => {
    fc.assert(
      fc.property(extEdition, extObservation, fc.array(hostile, { minLength: 1, maxLength: 30 }), (spec, obs, pool) => {
        const { name, choice } = renamer(pool);
        const evil = renameEdition(spec, name);
        const plain = compileEdition(spec);
        const bad = compileEdition(evil); // not validated: the generator must be safe even on an edition that skipped validation
        const a = generate(plain).source;
        const b = generate(bad).source;
        expect(b).toBe(a);
        const body = b.replace(/^'use strict';\n/, '');
        expect(body).toMatch(SAFE_BODY);
        for (const s of pool) if (s.length > 3 && !SAFE_BODY.test(s)) expect(b).not.toContain(s);

        // Same positions, enum values renamed: the hostile program must decide exactly as the plain one.
        const values = normaliseObservation(plain, { standard: spec.id, ...obs }).values;
        const evilValues = values.map((v, i) =>
          plain.facts[i]!.spec.type === 'enum' && typeof v === 'string' ? (choice.get(v) ?? v) : v,
        );
        const outA = new Uint8Array(2 * plain.clauses.length);
        const outB = new Uint8Array(2 * bad.clauses.length);
        codegenProgram(plain).run(values, outA);
        codegenProgram(bad).run(evilValues, outB);
        expect([...outB]).toEqual([...outA]);
        expect((globalThis as Record<string, unknown>).__daozePwned).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it('an unknown operator is refused, not spliced in', () => {
    const spec = fc.sample(extEdition, { numRuns: 1, seed: 7 })[0]!;
    const evil: EditionSpec = {
      ...spec,
      groups: [
        {
          ...spec.groups[0]!,
          clauses: [
            {
              ...spec.groups[0]!.clauses[0]!,
              appliesWhen: undefined,
              check: { fact: 'level', operator: '== 1 || globalThis.__daozePwned', value: 1 } as Condition,
            },
          ],
        },
      ],
    };
    expect(() => generate(compileEdition(evil))).toThrow(/unknown operator/);
    expect((globalThis as Record<string, unknown>).__daozePwned).toBeUndefined();
  });
});
