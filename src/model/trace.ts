/**
 * The trace of a condition: the clause's condition tree as written, each node with the three-valued result it
 * evaluated to, and each leaf with the values it compared — the shape json-rules-engine gives its condition
 * results (`all` / `any` / `not` keys, a `result` on every node), with Daoze's three values and leaf fields.
 */

/** A condition node's result in a trace: Kleene truth spelled for JSON readers (`unknown`: a fact it needs is missing). */
export type TraceResult = 'true' | 'false' | 'unknown';

/** What one condition leaf saw. */
export interface LeafTrace {
  fact: string;
  operator: string;
  /** The required value, resolved (a parameter's value in force, or the other fact's value). */
  required: unknown;
  /** Where the required value came from, when it is not a literal. */
  requiredFrom?: { param: string } | { fact: string };
  /** The observed value as given, or undefined when missing. */
  observed: unknown;
  result: TraceResult;
  description?: string;
}

/** An `all` node: true when every child is, false when one is false, otherwise unknown. */
export interface AllTrace {
  all: ConditionTrace[];
  result: TraceResult;
}

/** An `any` node: true when one child is, false when every child is false, otherwise unknown. */
export interface AnyTrace {
  any: ConditionTrace[];
  result: TraceResult;
}

/** A `not` node: the negation of its child, unknown when the child is. */
export interface NotTrace {
  not: ConditionTrace;
  result: TraceResult;
}

/** A condition's trace: a leaf, or an `all` / `any` / `not` node over the traces of its children. */
export type ConditionTrace = LeafTrace | AllTrace | AnyTrace | NotTrace;

/** Whether a trace node is a leaf (it names a fact; the other nodes have `all`, `any` or `not`). */
export function isLeafTrace(t: ConditionTrace): t is LeafTrace {
  return !('all' in t) && !('any' in t) && !('not' in t);
}

/**
 * The leaves of a condition's trace in document order: the one place a flat list is derived from the tree
 * (which facts a clause read, a record in the first format, a line per comparison).
 *
 * @example
 * ```ts
 * traceLeaves({ any: [leafA, { not: leafB, result: 'true' }], result: 'true' }); // [leafA, leafB]
 * ```
 */
export function traceLeaves(t: ConditionTrace, out: LeafTrace[] = []): LeafTrace[] {
  if ('all' in t) for (const k of t.all) traceLeaves(k, out);
  else if ('any' in t) for (const k of t.any) traceLeaves(k, out);
  else if ('not' in t) traceLeaves(t.not, out);
  else out.push(t);
  return out;
}
