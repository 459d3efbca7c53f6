/**
 * Object-level evaluation (docs/units.md): a clause with `each: <kind>` is checked once per instance of its kind,
 * and a quantifier counts a kind's instances into a derived slot of the unit's value vector, before the unit's
 * own clauses run. Pure and synchronous, in three-valued (Kleene) logic throughout:
 *
 * - a kind the observation left out was not recorded: its clauses are indeterminate and its quantifiers unknown;
 * - `[]` records that the unit has none: its clauses do not apply, and a quantifier counts zero instances;
 * - an instance whose facts are missing is undecided, and keeps "all" undecided unless another instance fails.
 */
import { F, T, U, type CompiledEdition, type CompiledRule, type Tri, type Values } from '../compile/compile.js';
import { programFor } from '../compile/codegen.js';
import type { NormalisedInstance, NormalisedObservation } from '../model/observation.js';
import { preparedFor } from './prepared.js';

/**
 * A quantifier's value from the counts of its instances' Kleene values: `t` satisfy the condition, `f` do not,
 * `u` are undecided. A bound is decided only when every way of settling the undecided instances gives the same
 * answer: at least n holds once t ≥ n and fails once t + u < n; a share of a zero count is unknown (there is no
 * share of nothing: guard such a clause with `appliesWhen`).
 */
export function quantify(rule: CompiledRule, t: number, f: number, u: number): Tri {
  const n = t + f + u;
  switch (rule.kind) {
    case 'all':
      return f > 0 ? F : u > 0 ? U : T;
    case 'any':
      return t > 0 ? T : u > 0 ? U : F;
    case 'none':
      return t > 0 ? F : u > 0 ? U : T;
    case 'atLeast':
      return t >= rule.n ? T : t + u < rule.n ? F : U;
    case 'share':
      if (n === 0) return U;
      return t / n >= rule.n ? T : (t + u) / n < rule.n ? F : U;
  }
}

/**
 * The unit-level result of a clause checked per instance, as the (applies, check) pair the unit's program writes:
 * not recorded → (T, U) indeterminate; any instance failing → (T, F); else any undecided → (T, U); else any
 * passing → (T, T); else (none, or none it applies to) → (F, F) not applicable.
 */
export function aggregatePair(pairs: Uint8Array | undefined): [Tri, Tri] {
  if (pairs === undefined) return [T, U];
  let pass = false;
  let undecided = false;
  for (let i = 0; i < pairs.length; i += 2) {
    const a = pairs[i] as Tri;
    const k = pairs[i + 1] as Tri;
    if (a === F) continue;
    if (a === U) undecided = true;
    else if (k === F) return [T, F];
    else if (k === U) undecided = true;
    else pass = true;
  }
  return undecided ? [T, U] : pass ? [T, T] : [F, F];
}

/** What the instance pass found, for building results. */
export interface InstancePass {
  /** The unit's values with every quantifier's slot filled (true, false, or undefined when unknown). */
  readonly values: Values;
  /**
   * Per clause index (in `ed.clauses`) of a clause checked per instance: the (applies, check) pair of each
   * instance in its kind's list order, or undefined when the kind was not recorded.
   */
  readonly pairs: ReadonlyMap<number, Uint8Array | undefined>;
  /** Per quantifier (in `ed.quantifiers` order), each instance's value of its condition; undefined: not recorded. */
  readonly counted: readonly (Uint8Array | undefined)[];
}

/**
 * Runs every clause of an edition with kinds: each kind's clauses per instance, the quantifiers, then the unit's
 * clauses over the unit's values with the quantifier slots filled. Writes every clause's (applies, check) pair
 * into `prepared.out` in `ed.clauses` order and returns it with what the results need.
 */
export function runWithInstances(
  ed: CompiledEdition,
  unitValues: Values,
  instances: NormalisedObservation['instances'],
): { out: Uint8Array; pass: InstancePass } {
  const prep = preparedFor(ed);
  const pairs = new Map<number, Uint8Array | undefined>();
  for (const kind of ed.kinds) {
    const list = instances?.get(kind.id);
    if (kind.clauses.length === 0) continue;
    const per: (Uint8Array | undefined)[] = kind.clauses.map(() =>
      list ? new Uint8Array(2 * list.length) : undefined,
    );
    if (list && list.length > 0) {
      const program = programFor(kind);
      const scratch = new Uint8Array(2 * kind.clauses.length);
      list.forEach((x, j) => {
        program.run(x.values, scratch);
        for (let c = 0; c < kind.clauses.length; c++) {
          per[c]![2 * j] = scratch[2 * c]!;
          per[c]![2 * j + 1] = scratch[2 * c + 1]!;
        }
      });
    }
    kind.clauseIndex.forEach((i, c) => pairs.set(i, per[c]));
  }
  const values = unitValues.slice();
  const counted = ed.quantifiers.map((q) => {
    const list = instances?.get(q.kind.id);
    if (!list) {
      values[q.slot] = undefined;
      return undefined;
    }
    const each = countWhere(q.where, list);
    let t = 0;
    let f = 0;
    let u = 0;
    for (const x of each) {
      if (x === T) t++;
      else if (x === F) f++;
      else u++;
    }
    const r = quantify(q.rule, t, f, u);
    values[q.slot] = r === U ? undefined : r === T;
    return each;
  });
  prep.program.run(values, prep.scratch);
  const out = prep.out;
  let j = 0;
  for (let i = 0; i < ed.clauses.length; i++) {
    if (ed.clauses[i]!.scope) {
      const [a, k] = aggregatePair(pairs.get(i));
      out[2 * i] = a;
      out[2 * i + 1] = k;
    } else {
      out[2 * i] = prep.scratch[2 * j]!;
      out[2 * i + 1] = prep.scratch[2 * j + 1]!;
      j++;
    }
  }
  return { out, pass: { values, pairs, counted } };
}

function countWhere(where: { ev(v: Values): Tri }, list: readonly NormalisedInstance[]): Uint8Array {
  const each = new Uint8Array(list.length);
  for (let i = 0; i < list.length; i++) each[i] = where.ev(list[i]!.values);
  return each;
}
