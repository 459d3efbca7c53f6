/**
 * Hostile variants of every built-in edition's own cases (issue 9): a fact deleted, set to null, re-typed, given
 * twice in the JSON text, evidence of a kind not asked for, with an empty reference or a broken hash, or a value
 * nested 10³–10⁵ deep — on the unit's facts or on one object's (an edition with kinds). The law: a variant never
 * passes a clause (or the whole verdict) that the unaltered case did not pass, and the only exceptions are
 * DaozeError subclasses. Over 10⁵ variants per run, fixed seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DaozeError, evaluate, type CompiledEdition, type EvidenceKind, type Outcome } from '../../src/index.js';
import { parseJson } from '../../src/input/index.js';
import { loadRegistry } from '../../src/node.js';

const registry = loadRegistry();
const editions = registry.editions.filter((e) => (e.spec.cases ?? []).length > 0);

/** Variants in total, shared out over the editions. */
const TOTAL = 100_000;
const RUNS = Math.ceil(TOTAL / editions.length);

const KINDS: readonly EvidenceKind[] = ['photo', 'measurement', 'document', 'video', 'gps'];

/** Deep values, built once and shared (the engine must not mutate what it is given, and never recurse into it). */
const DEEP: readonly unknown[] = [1_000, 10_000, 100_000].map((n) => {
  let v: unknown = true;
  for (let i = 0; i < n; i++) v = i % 2 ? { a: v } : [v];
  return v;
});

/** JSON values of types the fact does not accept. */
function wrongTypes(type: string): readonly unknown[] {
  switch (type) {
    case 'boolean':
      return [1, 0, 'true', [], {}, [true]];
    case 'number':
    case 'duration':
      // A duration is a number of its unit (src/evaluate/observation.ts, KIND).
      return ['1', true, [1], {}];
    case 'integer':
      return ['1', true, [1], {}, 2.5];
    default:
      return [1, true, [], {}, ['a']];
  }
}

/** Facts and evidence of one place in an observation: the unit, or one instance. */
interface Holder {
  id?: string;
  facts: Record<string, unknown>;
  evidence?: Record<string, unknown[]>;
}

interface Base {
  obs: Holder & { standard: string; instances?: Record<string, Holder[]> };
  outcome: Outcome;
  clauses: Map<string, Outcome>;
}

function basesOf(ed: CompiledEdition): Base[] {
  return (ed.spec.cases ?? []).map((c) => {
    const obs = {
      standard: ed.ref,
      facts: { ...(c.facts as Record<string, unknown>) },
      ...(c.evidence ? { evidence: c.evidence as Record<string, unknown[]> } : {}),
      ...(c.instances ? { instances: c.instances as Record<string, Holder[]> } : {}),
    };
    const v = evaluate(ed, obs, { locale: 'en' });
    return { obs, outcome: v.outcome, clauses: new Map(v.clauses.map((r) => [r.clause, r.outcome])) };
  });
}

type Mutation = 'delete' | 'null' | 'retype' | 'duplicate' | 'evidence-kind' | 'evidence-ref' | 'evidence-sha' | 'deep';

/** How often each mutation is drawn (out of 100); deep values cost the most, so they are drawn least. */
const WEIGHTS: readonly [Mutation, number][] = [
  ['delete', 15],
  ['null', 15],
  ['retype', 20],
  ['duplicate', 15],
  ['evidence-kind', 12],
  ['evidence-ref', 10],
  ['evidence-sha', 10],
  ['deep', 3],
];
const DRAW: Mutation[] = WEIGHTS.flatMap(([m, w]) => Array<Mutation>(w).fill(m));

/** The variant's input: a value for `evaluate`, or JSON text that must go through `parseJson` first. */
interface Variant {
  value?: unknown;
  text?: string;
  expectCode?: string;
  /**
   * What the variant may at best earn, when that is less than the unaltered case: for evidence that does not
   * count, the case with that fact's evidence taken away.
   */
  reference?: unknown;
}

function mutate(ed: CompiledEdition, base: Base, m: Mutation, pick: number, alt: number): Variant {
  // The place mutated: the unit, or one of the case's objects (each with its own catalogue).
  const places: { holder: Holder; catalogue: CompiledEdition['facts']; kind?: string; index?: number }[] = [];
  if (ed.facts.length) places.push({ holder: base.obs, catalogue: ed.facts });
  for (const [kind, list] of Object.entries(base.obs.instances ?? {}))
    list.forEach((x, index) => {
      const k = ed.kindById.get(kind);
      if (k?.own.length) places.push({ holder: x, catalogue: k.own, kind, index });
    });
  if (!places.length) return { value: base.obs };
  const place = places[(pick >>> 8) % places.length]!;
  const catalogue = new Map(place.catalogue.map((f) => [f.id, f]));
  const facts = { ...place.holder.facts };
  const present = Object.keys(facts);
  const target: Record<string, unknown> = { ...place.holder, facts };
  let obs: Record<string, unknown> = target;
  if (place.kind !== undefined) {
    const lists = { ...base.obs.instances };
    lists[place.kind] = lists[place.kind]!.map((x, i) => (i === place.index ? (target as unknown as Holder) : x));
    obs = { ...base.obs, instances: lists };
  }
  // Evidence mutations target a fact that asks for evidence, else any fact of the catalogue.
  const withKinds = place.catalogue.filter((f) => f.spec.evidence?.kinds?.length);
  const factOf = (list: readonly { id: string }[]) => list[pick % list.length]!.id;
  const anyFact = present.length ? present[pick % present.length]! : place.catalogue[pick % place.catalogue.length]!.id;
  switch (m) {
    case 'delete':
      delete facts[anyFact];
      return { value: obs };
    case 'null':
      facts[anyFact] = null;
      return { value: obs };
    case 'retype': {
      const spec = catalogue.get(anyFact)!.spec;
      const bad = wrongTypes(spec.type);
      facts[anyFact] = bad[alt % bad.length];
      return { value: obs };
    }
    case 'duplicate': {
      if (present.length === 0) return { value: obs };
      // The same key twice; the first copy carries a different value, so "last one wins" would hide it.
      const other = JSON.stringify(wrongTypes(catalogue.get(anyFact)!.spec.type)[alt % 4] ?? 1);
      // The place's own `"facts":{` — the unit's comes first; an object's follows its id.
      const text = JSON.stringify(obs);
      const from = place.holder.id !== undefined ? text.indexOf(`"id":${JSON.stringify(place.holder.id)}`) : 0;
      const at = text.indexOf('"facts":{', from) + '"facts":{'.length;
      return {
        text: `${text.slice(0, at)}${JSON.stringify(anyFact)}:${other},${text.slice(at)}`,
        expectCode: 'E_DUPLICATE_KEY',
      };
    }
    case 'evidence-kind':
    case 'evidence-ref':
    case 'evidence-sha': {
      const fid = withKinds.length ? factOf(withKinds) : anyFact;
      const kinds = catalogue.get(fid)!.spec.evidence?.kinds ?? [];
      const asked = kinds[alt % Math.max(1, kinds.length)] ?? 'photo';
      const notAsked = KINDS.filter((k) => !kinds.includes(k));
      const ref =
        m === 'evidence-kind'
          ? { kind: notAsked.length ? notAsked[alt % notAsked.length]! : asked, ref: alt % 2 ? '' : 'evidence/x.jpg' }
          : m === 'evidence-ref'
            ? { kind: asked, ref: '' }
            : {
                kind: asked,
                ref: 'evidence/x.csv',
                sha256: ['sha256:xyz', `sha256:${'A'.repeat(64)}`, 'f'.repeat(64), `sha256:${'0'.repeat(63)}`][alt % 4],
              };
      target.evidence = { ...(place.holder.evidence ?? {}), [fid]: [ref] };
      // What the variant may earn at best: the case with that fact's evidence taken away.
      const stripped = { ...(place.holder.evidence ?? {}) };
      delete stripped[fid];
      const reference = JSON.parse(JSON.stringify(obs)) as Base['obs'];
      const refHolder = place.kind !== undefined ? reference.instances![place.kind]![place.index!]! : reference;
      refHolder.evidence = stripped;
      return { value: obs, reference };
    }
    case 'deep':
      facts[anyFact] = DEEP[alt % DEEP.length];
      return { value: obs };
  }
}

/** Evaluates a variant; returns the outcomes, or undefined when it was refused with a typed error. */
function judge(
  ed: CompiledEdition,
  input: Variant,
): { outcome: Outcome; clauses: { clause: string; outcome: Outcome }[] } | undefined {
  try {
    const value = input.text !== undefined ? parseJson(input.text, 'variant.json') : input.value;
    if (input.expectCode) throw new Error(`expected ${input.expectCode}, but the text was accepted`);
    return evaluate(ed, value, { locale: 'en' });
  } catch (e) {
    if (!(e instanceof DaozeError)) throw e;
    if (input.expectCode && e.code !== input.expectCode)
      throw new Error(`expected ${input.expectCode}, got ${e.code}: ${e.message}`, { cause: e });
    return undefined;
  }
}

describe('hostile variants of the built-in editions’ cases', () => {
  it('covers every built-in edition and over 10⁵ variants', () => {
    expect(editions.length).toBe(registry.editions.length);
    expect(RUNS * editions.length).toBeGreaterThanOrEqual(TOTAL);
  });

  it.each(editions.map((ed, i) => [ed.ref, ed, i] as const))(
    '%s: no unearned pass, only typed errors',
    (_ref, ed, i) => {
      const bases = basesOf(ed);
      fc.assert(
        fc.property(fc.nat(), fc.nat({ max: DRAW.length - 1 }), fc.nat(), fc.nat(), (b, m, pick, alt) => {
          const base = bases[b % bases.length]!;
          const mutation = DRAW[m]!;
          const variant = mutate(ed, base, mutation, pick, alt);
          const v = judge(ed, variant);
          if (!v) return;
          let earned = base;
          if (variant.reference !== undefined) {
            const r = evaluate(ed, variant.reference, { locale: 'en' });
            earned = {
              obs: base.obs,
              outcome: r.outcome,
              clauses: new Map(r.clauses.map((x) => [x.clause, x.outcome])),
            };
          }
          if (v.outcome === 'pass') expect(earned.outcome, `${mutation}: the verdict passes, unearned`).toBe('pass');
          for (const c of v.clauses) {
            if (c.outcome === 'pass')
              expect(earned.clauses.get(c.clause), `${mutation}: clause ${c.clause} passes, unearned`).toBe('pass');
          }
        }),
        { seed: 0x9da0e + i, numRuns: RUNS },
      );
    },
  );
});
