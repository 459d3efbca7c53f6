/**
 * The reference semantics on partial observations: a plain tree-walking three-valued (Kleene) interpreter
 * over the edition as written, sharing no code with the engine (its own operators, its own date conversion,
 * its own parameter lookup). The compiled evaluators — closures and generated code — must agree with it.
 */
import type { Condition, EditionSpec, FactSpec, Outcome } from '../../src/index.js';

/** Kleene values, by name so that a mismatch reads plainly. */
export type K = 'true' | 'false' | 'unknown';

/** An observation as the reference sees it: fact id → value, for the facts that count (given, valid, backed). */
export type Known = ReadonlyMap<string, unknown>;

/**
 * The facts that count: given, not `null`, and — for a fact that requires evidence — with evidence attached.
 * (The observation is assumed valid; invalid ones never reach evaluation.)
 */
export function knownFacts(
  spec: EditionSpec,
  facts: Record<string, unknown>,
  evidence: Record<string, unknown[]> = {},
): Known {
  const known = new Map<string, unknown>();
  for (const [id, v] of Object.entries(facts)) {
    if (v === null || v === undefined) continue;
    if (spec.facts[id]!.evidence?.required && !(evidence[id]?.length ?? 0)) continue;
    known.set(id, v);
  }
  return known;
}

function ms(spec: FactSpec, v: unknown): unknown {
  if (spec.type === 'date') return new Date(`${String(v)}T00:00:00.000Z`).getTime();
  if (spec.type === 'datetime') return new Date(String(v)).getTime();
  return v;
}

/**
 * A list answer's leaf, decided as its definition says: a complete answer (an array) classically; a partial one
 * (`{ atLeast }`) by every completion of it — each set of the fact's choices that holds the options seen — true or
 * false when all completions agree, else unknown.
 */
function listLeaf(op: string, a: unknown, b: unknown, choices: readonly unknown[]): K {
  const classical = (xs: readonly unknown[]): boolean => {
    const [decorator, base] = op.includes(':') ? op.split(':') : [undefined, op];
    if (decorator === undefined) return op === 'contains' ? xs.includes(b) : !xs.includes(b);
    const ok = (x: unknown) => compare(base!, x, b);
    return decorator === 'someFact' ? xs.some(ok) : xs.every(ok);
  };
  if (Array.isArray(a)) return classical(a) ? 'true' : 'false';
  const seen = (a as { atLeast: unknown[] }).atLeast;
  const rest = choices.filter((c) => !seen.includes(c));
  const answers = new Set<boolean>();
  for (let m = 0; m < 1 << rest.length; m++) answers.add(classical([...seen, ...rest.filter((_, i) => (m >> i) & 1)]));
  return answers.size === 2 ? 'unknown' : answers.has(true) ? 'true' : 'false';
}

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case 'equal':
      return a === b;
    case 'notEqual':
      return a !== b;
    case 'in':
      return (b as unknown[]).some((x) => x === a);
    case 'notIn':
      return !(b as unknown[]).some((x) => x === a);
    case 'lessThan':
      return (a as number) < (b as number);
    case 'lessThanInclusive':
      return (a as number) <= (b as number);
    case 'greaterThan':
      return (a as number) > (b as number);
    case 'greaterThanInclusive':
      return (a as number) >= (b as number);
    default:
      throw new Error(`reference: unknown operator ${op}`);
  }
}

/** Evaluates a condition: its Kleene value and, when unknown, the facts whose absence makes it so. */
export function refCondition(spec: EditionSpec, c: Condition, known: Known): { value: K; missing: Set<string> } {
  if ('all' in c || 'any' in c) {
    const isAll = 'all' in c;
    const kids = (isAll ? c.all : c.any).map((k) => refCondition(spec, k, known));
    const decisive = isAll ? 'false' : 'true';
    if (kids.some((k) => k.value === decisive)) return { value: decisive, missing: new Set() };
    const unknown = kids.filter((k) => k.value === 'unknown');
    if (unknown.length === 0) return { value: isAll ? 'true' : 'false', missing: new Set() };
    return { value: 'unknown', missing: new Set(unknown.flatMap((k) => [...k.missing])) };
  }
  if ('not' in c) {
    const r = refCondition(spec, c.not, known);
    return { value: r.value === 'unknown' ? 'unknown' : r.value === 'true' ? 'false' : 'true', missing: r.missing };
  }
  const fs = spec.facts[c.fact]!;
  const missing = new Set<string>();
  const a = known.get(c.fact);
  if (a === undefined) missing.add(c.fact);
  let b: unknown;
  const v = c.value;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    if ('fact' in v) {
      b = known.has(v.fact) ? ms(spec.facts[v.fact]!, known.get(v.fact)) : undefined;
      if (b === undefined) missing.add(v.fact);
    } else {
      const p = spec.parameters![v.param]!;
      if (p.byFact) {
        const key = known.get(p.byFact);
        if (key === undefined) missing.add(p.byFact);
        else b = ms(fs, p.values![key as string]);
      } else b = ms(fs, p.value);
    }
  } else b = Array.isArray(v) ? v.map((x) => ms(fs, x)) : ms(fs, v);
  if (missing.size > 0 || b === undefined) return { value: 'unknown', missing };
  if (fs.type === 'list') {
    const value = listLeaf(
      c.operator,
      a,
      b,
      (fs.choices ?? []).map((x) => x.value),
    );
    // A partial answer that leaves the leaf unknown still needs the fact: its completion would decide.
    return { value, missing: value === 'unknown' ? new Set([c.fact]) : missing };
  }
  return { value: compare(c.operator, ms(fs, a), b) ? 'true' : 'false', missing };
}

/** One clause's outcome and, when indeterminate, the facts still needed. */
export interface RefClause {
  applies: K;
  /** The check's value; 'false' when the clause does not apply (it is not evaluated then). */
  check: K;
  outcome: Outcome;
  missing: string[];
}

/** Every clause of the edition, in order. */
export function refEvaluate(spec: EditionSpec, known: Known): RefClause[] {
  return spec.groups.flatMap((g) =>
    g.clauses.map((cl) => {
      const a = cl.appliesWhen
        ? refCondition(spec, cl.appliesWhen, known)
        : { value: 'true' as K, missing: new Set<string>() };
      const k =
        a.value === 'false' ? { value: 'false' as K, missing: new Set<string>() } : refCondition(spec, cl.check, known);
      const outcome: Outcome =
        a.value === 'false'
          ? 'not_applicable'
          : a.value === 'unknown'
            ? 'indeterminate'
            : k.value === 'true'
              ? 'pass'
              : k.value === 'false'
                ? 'fail'
                : 'indeterminate';
      const missing =
        outcome === 'indeterminate'
          ? [...new Set([...(a.value === 'unknown' ? a.missing : []), ...(k.value === 'unknown' ? k.missing : [])])]
          : [];
      return { applies: a.value, check: k.value, outcome, missing: missing.sort() };
    }),
  );
}
