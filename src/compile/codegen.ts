/**
 * A second, faster evaluator for a compiled edition: the whole checklist's condition trees turned into one
 * generated JavaScript function (`new Function`), with the closure tree of `compile.ts` kept as the reference
 * and as the fallback where code generation is not allowed (a browser page whose CSP forbids eval).
 *
 * A standard is data, not code. The generated text is assembled only from fixed fragments written in this
 * file and from integers this file computes (value-vector indexes, constant-pool indexes, counters), each
 * checked with {@link int}. Every value that comes from a standard — literals, parameter values, keyed
 * tables, operator names — stays in arrays passed to the generated function and is reached by index; no
 * string from a standard is ever spliced into the generated text. `test/property/codegen-safety.test.ts`
 * checks this with hostile ids, fact names, enum values and strings.
 *
 * Measured on the 40-clause bench checklist (docs/performance.md): the generated function is about 2.7× as
 * fast as the closure tree and 1.8× as fast as closures written by hand for the same checklist.
 */
import type { CompiledEdition, Values } from './compile.js';
import type { Condition, ConditionValue } from '../model/edition.js';
import { OPERATORS, type OperatorDef } from '../operators/index.js';
import { comparable } from './compile.js';

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
export function closureProgram(ed: CompiledEdition): Program {
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
  if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`codegen: expected a non-negative integer, got ${String(n)}`);
  return String(n);
}

/**
 * The operators written inline, as fixed JavaScript fragments over the two operand variables. Same semantics
 * as `OPERATORS` (`src/operators/index.ts`): strict equality, `indexOf` on the list, plain comparison on
 * validated finite numbers. An operator not listed here is called through its `test` function by index.
 */
const INLINE: ReadonlyMap<string, (a: string, b: string) => string> = new Map([
  ['equal', (a: string, b: string) => `${a} === ${b}`],
  ['notEqual', (a: string, b: string) => `${a} !== ${b}`],
  ['in', (a: string, b: string) => `${b}.indexOf(${a}) > -1`],
  ['notIn', (a: string, b: string) => `${b}.indexOf(${a}) === -1`],
  ['lessThan', (a: string, b: string) => `${a} < ${b}`],
  ['lessThanInclusive', (a: string, b: string) => `${a} <= ${b}`],
  ['greaterThan', (a: string, b: string) => `${a} > ${b}`],
  ['greaterThanInclusive', (a: string, b: string) => `${a} >= ${b}`],
]);

/** What the generated function receives: constants, keyed tables and operator functions, by index. */
interface Pools {
  consts: unknown[];
  tables: ReadonlyMap<unknown, unknown>[];
  ops: OperatorDef['test'][];
}

/** Generates the source of the checklist function and the pools it reads. Exported for the safety tests. */
export function generate(ed: CompiledEdition): { source: string; pools: Pools } {
  const pools: Pools = { consts: [], tables: [], ops: [] };
  const lines: string[] = [];
  let nvar = 0;
  const fresh = (): string => `r${int(nvar++)}`;
  const konst = (x: unknown): string => `K[${int(pools.consts.push(x) - 1)}]`;

  const test = (opName: string, a: string, b: string): string => {
    const inline = INLINE.get(opName);
    if (inline) return inline(a, b);
    const op = OPERATORS.get(opName);
    if (!op) throw new TypeError('codegen: unknown operator (the edition was not validated)');
    return `O[${int(pools.ops.push(op.test) - 1)}](${a}, ${b})`;
  };

  // Emits statements that leave the node's Kleene value in a fresh variable, and returns that variable.
  const emit = (c: Condition): string => {
    const r = fresh();
    if ('all' in c || 'any' in c) {
      const kids = 'all' in c ? c.all : c.any;
      // all: false wins, else unknown if any kid is unknown; any: true wins, else unknown if any is unknown.
      const [start, stop] = 'all' in c ? ['1', '0'] : ['0', '1'];
      lines.push(`${r} = ${start};`, `${r}: {`);
      for (const k of kids) {
        const x = emit(k);
        lines.push(`if (${x} === ${stop}) { ${r} = ${stop}; break ${r}; }`, `if (${x} === 2) ${r} = 2;`);
      }
      lines.push('}');
      return r;
    }
    if ('not' in c) {
      const x = emit(c.not);
      lines.push(`${r} = ${x} === 2 ? 2 : 1 - ${x};`);
      return r;
    }
    const fact = ed.factById.get(c.fact);
    if (!fact) throw new TypeError('codegen: unknown fact (the edition was not validated)');
    const lhs = `(x = v[${int(fact.index)}]) === undefined ? 2 : `;
    const v: ConditionValue = c.value;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      if ('fact' in v) {
        const other = ed.factById.get(v.fact);
        if (!other) throw new TypeError('codegen: unknown fact (the edition was not validated)');
        lines.push(`${r} = ${lhs}(y = v[${int(other.index)}]) === undefined ? 2 : ${test(c.operator, 'x', 'y')} ? 1 : 0;`);
        return r;
      }
      const p = ed.params.get(v.param);
      if (!p) throw new TypeError('codegen: unknown parameter (the edition was not validated)');
      if (p.byFact) {
        // The same table the closure builds: entries in the compared fact's comparable form.
        const table = new Map([...p.table!].map(([k, x]) => [k, comparable(fact.spec, x)]));
        const m = `M[${int(pools.tables.push(table) - 1)}]`;
        lines.push(
          `${r} = ${lhs}(y = v[${int(p.byFact.index)}]) === undefined ? 2 : (y = ${m}.get(y)) === undefined ? 2 : ${test(c.operator, 'x', 'y')} ? 1 : 0;`,
        );
        return r;
      }
      const k = konst(comparable(fact.spec, p.value));
      lines.push(`${r} = ${lhs}(y = ${k}) === undefined ? 2 : ${test(c.operator, 'x', 'y')} ? 1 : 0;`);
      return r;
    }
    const value = Array.isArray(v) ? v.map((x) => comparable(fact.spec, x)) : comparable(fact.spec, v);
    lines.push(`${r} = ${lhs}${test(c.operator, 'x', konst(value))} ? 1 : 0;`);
    return r;
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
export function codegenProgram(ed: CompiledEdition): Program {
  const { source, pools } = generate(ed);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the text is built from fixed fragments and integers only
  const make = new Function('K', 'M', 'O', source) as (k: unknown[], m: Pools['tables'], o: Pools['ops']) => Program['run'];
  const run = make(pools.consts, pools.tables, pools.ops);
  return { kind: 'codegen', source, run };
}

/** Whether this environment lets us generate code; false under a Content-Security-Policy without 'unsafe-eval'. */
function tryCodegen(ed: CompiledEdition): Program | undefined {
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

const cache = new WeakMap<CompiledEdition, Program>();

/**
 * The evaluator for an edition, cached: the closure tree for its first {@link CODEGEN_AFTER} evaluations, then
 * generated code where the environment allows it (else the closures for good). Both give the same answers
 * (test/property/reference-kleene.test.ts); the clause order of `out` is `ed.clauses`.
 */
export function programFor(ed: CompiledEdition): Program {
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
