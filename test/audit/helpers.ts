/** Generators and helpers shared by the audit tests: random records over the random editions of test/support/arbitraries.ts. */
import fc from 'fast-check';
import { evaluate, type CompiledEdition, type EditionSpec, type Evaluator } from '../../src/index.js';
import { completeAndDropped, edition, without } from '../support/arbitraries.js';

/** An evaluator over one compiled edition, as a registry would be. */
export function evaluatorOf(ed: CompiledEdition): Evaluator {
  return { evaluate: (o, opts) => evaluate(ed, o, opts) };
}

const day = fc.date({
  min: new Date('2023-01-01T00:00:00Z'),
  max: new Date('2030-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const offset = fc.constantFrom('+08:00', 'Z', '-05:00');
/** An RFC 3339 date-time with a time zone, as inspectors' apps write them. */
export const dateTime = fc.tuple(day, offset).map(([d, o]) => `${d.toISOString().slice(0, 19)}${o}`);

/** A random edition, an observation that fits it (some facts dropped, some marked unknown), evaluation time and locale. */
export const recordInputs = fc
  .record({
    spec: edition,
    facts: completeAndDropped,
    unknown: fc.subarray(['flag-a', 'level', 'kind']),
    pinned: fc.boolean(),
    observedAt: fc.option(dateTime, { nil: undefined }),
    evaluatedAt: dateTime,
    locale: fc.constantFrom('zh' as const, 'en' as const),
    subject: fc.option(
      fc.record({ id: fc.string({ minLength: 1, maxLength: 8 }), name: fc.string({ maxLength: 8 }) }),
      { nil: undefined },
    ),
    evidence: fc.boolean(),
  })
  .map(({ spec, facts: [full, dropped], unknown, pinned, observedAt, evaluatedAt, locale, subject, evidence }) => {
    const facts: Record<string, unknown> = without(full, dropped);
    for (const f of unknown) if (f in facts) facts[f] = null;
    const observation = {
      standard: pinned ? `${spec.id}@${spec.version}` : spec.id,
      ...(observedAt ? { observedAt } : {}),
      ...(subject ? { subject } : {}),
      observer: { id: 'insp-1' },
      facts,
      ...(evidence
        ? {
            evidence: {
              level: [{ kind: 'measurement' as const, ref: 'meter/1.csv', sha256: `sha256:${'a'.repeat(64)}` }],
            },
          }
        : {}),
    };
    return { spec: spec as EditionSpec, observation, evaluatedAt, locale };
  });

/** Every leaf path of a JSON value (empty objects and arrays count as leaves). */
export function leafPaths(
  v: unknown,
  path: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  if (Array.isArray(v) && v.length) v.forEach((x, i) => leafPaths(x, [...path, i], out));
  else if (v !== null && typeof v === 'object' && Object.keys(v).length)
    for (const [k, x] of Object.entries(v)) leafPaths(x, [...path, k], out);
  else out.push(path);
  return out;
}

/** Sets the value at a path (mutating). */
export function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
  let v = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) v = v[seg] as Record<string | number, unknown>;
  v[path.at(-1)!] = value;
}

/** The value at a path. */
export function getAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root as Record<string | number, unknown> | undefined;
  for (const seg of path) v = v?.[seg] as Record<string | number, unknown> | undefined;
  return v;
}

/** A different JSON value of the same kind: one character of a string changed, a number moved, a boolean flipped. */
export function altered(v: unknown, seed: number): unknown {
  if (typeof v === 'string') {
    if (!v.length) return 'x';
    const i = seed % v.length;
    const c = v[i] === 'a' ? 'b' : 'a';
    return v.slice(0, i) + c + v.slice(i + 1);
  }
  if (typeof v === 'number') return v + 1 + (seed % 3);
  if (typeof v === 'boolean') return !v;
  if (v === null) return 0;
  if (Array.isArray(v)) return [...v, 'extra'];
  return { ...(v as object), extra: seed };
}
