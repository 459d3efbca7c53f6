/**
 * A second, faster evaluator for a compiled edition: the whole checklist's condition trees turned into one
 * generated JavaScript function (`new Function`), with the closure tree of `compile.ts` kept as the reference
 * and as the fallback where code generation is not allowed (a browser page whose CSP forbids eval).
 *
 * A standard is data, not code. The generated text is assembled only from fixed fragments written in this
 * file, the operators' fixed `inline` fragments (`src/operators/index.ts`, reached through the operator found
 * in `OPERATORS`; its name is never spliced in; an operator without one, or with a three-valued `tri`, is a
 * function in the pool `O`, called by index) and integers this file computes (value-vector indexes,
 * constant-pool indexes, counters), each checked with {@link int}. Every value that comes from a standard —
 * literals, parameter values, keyed tables, operator names — stays in arrays passed to the generated function
 * and is reached by index; no string from a standard is ever spliced into the generated text.
 * `test/unit/compile/codegen.test.ts` checks this with hostile ids, fact names, enum values and strings.
 *
 * Measured on the 40-clause bench checklist (docs/performance.md): the generated function is about 2.7× as
 * fast as the closure tree and 1.8× as fast as closures written by hand for the same checklist.
 */
import type { Scope, Values } from './compile.js';
import type { Condition } from '../model/edition.js';
import type { OperatorDef } from '../operators/index.js';
import { matchCondition } from '../model/condition.js';
import { leafOperands } from './compile.js';

/**
 * A checklist evaluator: for each clause `i` it writes the applicability into `out[2i]` and the check into
 * `out[2i + 1]`, as Kleene values (0 false, 1 true, 2 unknown). The check is not evaluated (and written as 0)
 * when the clause does not apply, exactly as `buildVerdict` and `evaluateOutcomes` do with the closures.
 */
export interface Program {
  /** Evaluates every clause over a normalised value vector. `out` has length `2 × clauses`. */
  run(values: Values, out: Uint8Array): void;
  /** `codegen` for generated code, `closures` for the closure tree. */
  readonly kind: 'codegen' | 'closures';
  /** The generated source (empty for closures), kept for inspection and the safety tests. */
  readonly source: string;
}

/** The closure tree of `compile.ts` as a Program: the reference path. */
export function closureProgram(ed: Scope): Program {
  const clauses = ed.clauses;
  return {
    kind: 'closures',
    source: '',
    run(v, out) {
      for (let i = 0; i < clauses.length; i++) {
        const c = clauses[i]!;
        const a = c.applies ? c.applies.ev(v) : 1;
        out[2 * i] = a;
        out[2 * i + 1] = a === 0 ? 0 : c.check.ev(v);
      }
    },
  };
}

/** An integer that may appear in generated code; anything else is a bug, never a way in. */
function int(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new TypeError(`codegen: expected a non-negative integer, got ${String(n)}`);
  return String(n);
}

/**
 * What the generated function receives: constants, keyed tables and operator functions (an operator's `test`,
 * or its three-valued `tri`), by index.
 */
interface Pools {
  consts: unknown[];
  tables: ReadonlyMap<unknown, unknown>[];
  ops: (OperatorDef['test'] | NonNullable<OperatorDef['tri']>)[];
}

/** Generates the source of the checklist function and the pools it reads. Exported for the safety tests. */
export function generate(ed: Scope): { source: string; pools: Pools } {
  const pools: Pools = { consts: [], tables: [], ops: [] };
  const lines: string[] = [];
  let nvar = 0;
  const fresh = (): string => `r${int(nvar++)}`;
  const konst = (x: unknown): string => `K[${int(pools.consts.push(x) - 1)}]`;

  // The comparison as an expression of its Kleene value. An operator with a three-valued `tri` is called
  // through it by index (its result is already 0, 1 or 2); one with an `inline` form is written out (same
  // semantics as its `test`, held equal by test/unit/operators/index.test.ts); any other is called through its
  // `test` function by index.
  const test = (op: OperatorDef, a: string, b: string): string => {
    if (op.tri) return `O[${int(pools.ops.push(op.tri) - 1)}](${a}, ${b})`;
    const t = op.inline ? op.inline(a, b) : `O[${int(pools.ops.push(op.test) - 1)}](${a}, ${b})`;
    return `(${t} ? 1 : 0)`;
  };

  // all: false wins, else unknown if any member is unknown; any: true wins, else unknown if any is unknown.
  const junction = (r: string, members: readonly Condition[], start: string, stop: string): string => {
    lines.push(`${r} = ${start};`, `${r}: {`);
    for (const k of members) {
      const x = emit(k);
      lines.push(`if (${x} === ${stop}) { ${r} = ${stop}; break ${r}; }`, `if (${x} === 2) ${r} = 2;`);
    }
    lines.push('}');
    return r;
  };

  // Emits statements that leave the node's Kleene value in a fresh variable, and returns that variable.
  const emit = (c: Condition): string => {
    const r = fresh();
    return matchCondition(c, {
      all: (m) => junction(r, m, '1', '0'),
      any: (m) => junction(r, m, '0', '1'),
      not: (m) => {
        const x = emit(m);
        lines.push(`${r} = ${x} === 2 ? 2 : 1 - ${x};`);
        return r;
      },
      leaf: (leaf) => {
        const { fact, op, rhs } = leafOperands(leaf, ed);
        const lhs = `(x = v[${int(fact.index)}]) === undefined ? 2 : `;
        switch (rhs.kind) {
          case 'fact':
            lines.push(`${r} = ${lhs}(y = v[${int(rhs.fact.index)}]) === undefined ? 2 : ${test(op, 'x', 'y')};`);
            break;
          case 'keyed': {
            // The same table the closure reads: entries in the compared fact's comparable form.
            const m = `M[${int(pools.tables.push(rhs.table) - 1)}]`;
            lines.push(
              `${r} = ${lhs}(y = v[${int(rhs.key.index)}]) === undefined ? 2 : (y = ${m}.get(y)) === undefined ? 2 : ${test(op, 'x', 'y')};`,
            );
            break;
          }
          case 'param':
            lines.push(`${r} = ${lhs}(y = ${konst(rhs.value)}) === undefined ? 2 : ${test(op, 'x', 'y')};`);
            break;
          case 'literal':
            lines.push(`${r} = ${lhs}${test(op, 'x', konst(rhs.value))};`);
            break;
        }
        return r;
      },
    });
  };

  ed.clauses.forEach((c, i) => {
    const spec = c.spec;
    const a = spec.appliesWhen ? emit(spec.appliesWhen) : '1';
    lines.push(`o[${int(2 * i)}] = ${a};`, `if (${a} === 0) o[${int(2 * i + 1)}] = 0;`, 'else {');
    const k = emit(spec.check);
    lines.push(`o[${int(2 * i + 1)}] = ${k};`, '}');
  });
  const decl = nvar > 0 ? `let x, y, ${Array.from({ length: nvar }, (_, i) => `r${int(i)}`).join(', ')};` : 'let x, y;';
  const source = `'use strict';\nreturn function run(v, o) {\n${decl}\n${lines.join('\n')}\n};`;
  return { source, pools };
}

/**
 * Compiles the checklist to generated code. Throws when the environment forbids code generation; use
 * {@link programFor}, which falls back to the closures.
 */
export function codegenProgram(ed: Scope): Program {
  const { source, pools } = generate(ed);
  // The text is built from fixed fragments and integers only (the safety rule at the top of this file).
  const make = new Function('K', 'M', 'O', source) as (
    k: unknown[],
    m: Pools['tables'],
    o: Pools['ops'],
  ) => Program['run'];
  const run = make(pools.consts, pools.tables, pools.ops);
  return { kind: 'codegen', source, run };
}

/** Whether this environment lets us generate code; false under a Content-Security-Policy without 'unsafe-eval'. */
function tryCodegen(ed: Scope): Program | undefined {
  try {
    return codegenProgram(ed);
  } catch (e) {
    // EvalError: code generation is forbidden here. The closures give the same answers.
    if (e instanceof EvalError) return undefined;
    throw e;
  }
}

/**
 * After how many evaluations an edition is compiled to generated code. Generating and optimising the code
 * costs about as much as a hundred evaluations with the closures, which a one-off `daoze check` or a single
 * SDK session never repays; a batch or a long-lived app passes this mark within milliseconds.
 */
export const CODEGEN_AFTER = 100;

const cache = new WeakMap<Scope, Program>();

/**
 * The evaluator for an edition, cached: the closure tree for its first {@link CODEGEN_AFTER} evaluations, then
 * generated code where the environment allows it (else the closures for good). Both give the same answers
 * (test/evaluate/reference-kleene.test.ts); the clause order of `out` is `ed.clauses`.
 */
export function programFor(ed: Scope): Program {
  let p = cache.get(ed);
  if (!p) {
    const closures = closureProgram(ed);
    let runs = 0;
    const tiered = {
      kind: 'closures' as Program['kind'],
      source: '',
      run(v: Values, out: Uint8Array): void {
        if (++runs > CODEGEN_AFTER) {
          const fast = tryCodegen(ed) ?? closures;
          // From now on calls go straight to the chosen evaluator.
          tiered.run = fast.run;
          tiered.kind = fast.kind;
          tiered.source = fast.source;
        }
        closures.run(v, out);
      },
    };
    p = tiered;
    cache.set(ed, p);
  }
  return p;
}
