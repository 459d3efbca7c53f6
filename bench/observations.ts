/**
 * Deterministic random observations for any edition: each fact present with a given probability (so many
 * clauses are indeterminate, as in the field), values drawn around the thresholds the edition's conditions use
 * (so clauses pass and fail in useful proportions), evidence attached to most facts that require it.
 */
import type { Condition, EditionSpec, FactSpec } from '../src/index.js';

/** mulberry32: a small seeded PRNG, so every run of the benchmark sees the same records. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Numeric thresholds each fact is compared against (literals and parameter values). */
function thresholds(spec: EditionSpec): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (fact: string, x: unknown) => {
    if (typeof x !== 'number') return;
    out.set(fact, [...(out.get(fact) ?? []), x]);
  };
  const walk = (c: Condition) => {
    if ('all' in c) return c.all.forEach(walk);
    if ('any' in c) return c.any.forEach(walk);
    if ('not' in c) return walk(c.not);
    const v = c.value;
    if (Array.isArray(v)) v.forEach((x) => add(c.fact, x));
    else if (typeof v === 'object' && v !== null && 'param' in v) {
      const p = spec.parameters?.[v.param];
      if (p?.value !== undefined) add(c.fact, p.value);
      for (const x of Object.values(p?.values ?? {})) add(c.fact, x);
    } else add(c.fact, v);
  };
  for (const g of spec.groups) for (const c of g.clauses) [c.check, c.appliesWhen].forEach((x) => x && walk(x));
  return out;
}

function value(f: FactSpec, near: number[] | undefined, r: () => number): unknown {
  switch (f.type) {
    case 'boolean':
      return r() < 0.8;
    case 'enum': {
      const cs = f.choices ?? [];
      return cs[Math.floor(r() * cs.length)]!.value;
    }
    case 'date':
      return `202${3 + Math.floor(r() * 3)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
    case 'datetime':
      return `202${3 + Math.floor(r() * 3)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}T09:30:00+08:00`;
    default: {
      const min = f.minimum ?? 0;
      const max = f.maximum ?? min + 100;
      const base = near?.length ? near[Math.floor(r() * near.length)]! : min + 5;
      let x = base === 0 ? r() * 2 : base * 2 * r();
      if (f.type === 'integer') x = Math.round(x);
      else x = Math.round(x * 1000) / 1000;
      return Math.min(max, Math.max(min, x));
    }
  }
}

/** One observation record as an app would send it. */
export interface GeneratedObservation {
  standard: string;
  subject: { id: string };
  facts: Record<string, unknown>;
  evidence?: Record<string, { kind: 'photo' | 'measurement'; ref: string }[]>;
  /** For an edition with kinds of object: `objects` instances of each kind. */
  instances?: Record<
    string,
    { id: string; facts: Record<string, unknown>; evidence?: GeneratedObservation['evidence'] }[]
  >;
}

/**
 * `n` observations for an edition. `presence` is the chance that each fact is given (the rest are missing).
 */
export function generateObservations(
  spec: EditionSpec,
  n: number,
  seed = 1,
  presence = 0.9,
  objects = 0,
): GeneratedObservation[] {
  const r = prng(seed);
  const near = thresholds(spec);
  const out: GeneratedObservation[] = [];
  // Through JSON, as records arrive from an app or a file: V8 builds JSON.parse's objects differently from
  // objects assembled property by property, and both engines should see what they see in the field.
  for (let i = 0; i < n; i++)
    out.push(JSON.parse(JSON.stringify(observation(spec, near, r, i, presence, objects))) as GeneratedObservation);
  return out;
}

/** A generator of observations one at a time (for writing a million lines without holding them). */
export function observationStream(spec: EditionSpec, seed = 1, presence = 0.9): (i: number) => GeneratedObservation {
  const r = prng(seed);
  const near = thresholds(spec);
  return (i) => observation(spec, near, r, i, presence);
}

function observation(
  spec: EditionSpec,
  near: Map<string, number[]>,
  r: () => number,
  i: number,
  presence: number,
  objects = 0,
): GeneratedObservation {
  const catalogue = (facts: Record<string, FactSpec>, tag: string) => {
    const values: Record<string, unknown> = {};
    const evidence: NonNullable<GeneratedObservation['evidence']> = {};
    for (const [id, f] of Object.entries(facts)) {
      if (r() >= presence) continue;
      values[id] = value(f, near.get(id), r);
      if (f.evidence?.required && r() < 0.85)
        evidence[id] = [{ kind: f.evidence.kinds[0] === 'photo' ? 'photo' : 'measurement', ref: `ev-${tag}-${id}` }];
    }
    return { facts: values, ...(Object.keys(evidence).length ? { evidence } : {}) };
  };
  const unit = catalogue(spec.facts, String(i));
  const kinds = Object.entries(spec.kinds ?? {});
  return {
    standard: `${spec.id}@${spec.version}`,
    subject: { id: `subject-${i}` },
    ...unit,
    ...(kinds.length && objects > 0
      ? {
          instances: Object.fromEntries(
            kinds.map(([kid, k]) => [
              kid,
              Array.from({ length: objects }, (_, j) => ({
                id: `${kid}-${j}`,
                ...catalogue(k.facts, `${i}-${kid}-${j}`),
              })),
            ]),
          ),
        }
      : {}),
  };
}
