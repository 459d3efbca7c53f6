/**
 * The one place that tells a condition's nodes apart (`all` / `any` / `not` / leaf) and walks them: every module
 * that reads a condition tree (validation, composition, the diff, the pages, the compiler, the code generator)
 * goes through these functions instead of testing `'all' in c` itself.
 */
import type { Condition, LeafCondition, ValueRef } from './edition.js';

/** Whether a leaf's right-hand side is a reference (`{ fact }` or `{ param }`) rather than a literal or a list. */
export function isValueRef(v: unknown): v is ValueRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a node is a leaf (neither `all`, `any` nor `not`). */
export function isLeaf(c: Condition): c is LeafCondition {
  return !('all' in c || 'any' in c || 'not' in c);
}

/** One handler per kind of node, for {@link matchCondition}. */
export interface ConditionCases<R> {
  all(members: readonly Condition[], node: { all: Condition[] }): R;
  any(members: readonly Condition[], node: { any: Condition[] }): R;
  not(member: Condition, node: { not: Condition }): R;
  leaf(leaf: LeafCondition): R;
}

/**
 * Calls the handler for the kind of `c`, one level deep: a handler that needs the members' results calls back
 * into its own recursion, so it decides the order (the code generator opens a block before its members).
 *
 * @example
 * ```ts
 * const size = (c: Condition): number =>
 *   matchCondition(c, {
 *     all: (m) => 1 + m.reduce((n, x) => n + size(x), 0),
 *     any: (m) => 1 + m.reduce((n, x) => n + size(x), 0),
 *     not: (m) => 1 + size(m),
 *     leaf: () => 1,
 *   });
 * ```
 */
export function matchCondition<R>(c: Condition, cases: ConditionCases<R>): R {
  if ('all' in c) return cases.all(c.all, c);
  if ('any' in c) return cases.any(c.any, c);
  if ('not' in c) return cases.not(c.not, c);
  return cases.leaf(c);
}

/** Where a node sits below the condition walked: `['all', 1, 'not']`, in the segments of a document path. */
export type ConditionPath = readonly (string | number)[];

/**
 * Visits every node of a condition once, parent before members, members in document order, without recursion
 * (so a tree nested deeper than validation allows cannot exhaust the stack). `path` is the node's place, after
 * `at`; it is one array reused through the walk, valid during the call only: copy it to keep it. `depth` is 1 at
 * the root. Returning `false` skips the node's members.
 */
export function walkCondition(
  root: Condition,
  visit: (c: Condition, path: ConditionPath, depth: number) => boolean | void,
  at: ConditionPath = [],
): void {
  const path: (string | number)[] = [...at];
  // Each entry: the node, the length of its parent's path, its own segments below the parent, its depth.
  const todo: [Condition, number, readonly (string | number)[], number][] = [[root, path.length, [], 1]];
  const push = (members: readonly Condition[], key: string, base: number, depth: number): void => {
    for (let i = members.length - 1; i >= 0; i--) todo.push([members[i]!, base, [key, i], depth]);
  };
  while (todo.length) {
    const [c, base, segments, depth] = todo.pop()!;
    path.length = base;
    path.push(...segments);
    if (visit(c, path, depth) === false) continue;
    const here = path.length;
    matchCondition<void>(c, {
      all: (m) => push(m, 'all', here, depth + 1),
      any: (m) => push(m, 'any', here, depth + 1),
      not: (m) => void todo.push([m, here, ['not'], depth + 1]),
      leaf: () => undefined,
    });
  }
}

/** Calls `visit` on each leaf of a condition, in document order (see {@link walkCondition}). */
export function forEachLeaf(root: Condition, visit: (leaf: LeafCondition, path: ConditionPath) => void): void {
  walkCondition(root, (c, path) => {
    if (isLeaf(c)) visit(c, path);
  });
}

/** The facts and parameters a condition reads. */
export interface ConditionReads {
  facts: Set<string>;
  params: Set<string>;
}

/**
 * The facts and parameters a condition reads: each leaf's fact, and the fact or parameter its right-hand side
 * names, in document order. Adds to `into` when given (to gather a clause's `check` and `appliesWhen` together).
 * It does not follow a keyed parameter to its key fact: that needs the edition's parameters.
 */
export function conditionReads(
  c: Condition | undefined,
  into: ConditionReads = { facts: new Set(), params: new Set() },
): ConditionReads {
  if (c) {
    forEachLeaf(c, (leaf) => {
      into.facts.add(leaf.fact);
      const v = leaf.value;
      if (isValueRef(v)) {
        if ('fact' in v) into.facts.add(v.fact);
        else into.params.add(v.param);
      }
    });
  }
  return into;
}

/** How {@link conditionText} writes a condition. */
export interface ConditionTextStyle {
  /** How an operator is written, by its name. */
  operator: (name: string) => string;
  /** What goes between the members of an `all` or `any`. */
  separator: string;
  /** How a literal list on the right-hand side is written. */
  list: (values: readonly (string | number | boolean)[]) => string;
  /** Whether an `all` of one member is written as that member alone. */
  unwrapSingle: boolean;
}

/**
 * The source form: json-rules-engine's operator names and JSON literals, as the YAML says it
 * (`ammonia-mg-m3 lessThanInclusive {ammonia-limit}`). The standard pages use it.
 */
export const SOURCE_TEXT: ConditionTextStyle = {
  operator: (name) => name,
  separator: '; ',
  list: (values) => JSON.stringify(values),
  unwrapSingle: true,
};

/**
 * A condition in one line: `all(…)`, `any(…)`, `not(…)` around leaves written `fact operator value`, where a
 * parameter is `{param-id}`, another fact is its id and a literal is JSON. `style` says how operators, lists and
 * members are written; by default the source form (`SOURCE_TEXT`).
 *
 * @example
 * ```ts
 * conditionText({ fact: 'ammonia-mg-m3', operator: 'lessThanInclusive', value: { param: 'ammonia-limit' } });
 * // 'ammonia-mg-m3 lessThanInclusive {ammonia-limit}'
 * ```
 */
export function conditionText(c: Condition, style: ConditionTextStyle = SOURCE_TEXT): string {
  const text = (x: Condition): string =>
    matchCondition(x, {
      all: (m) => (style.unwrapSingle && m.length === 1 ? text(m[0]!) : `all(${m.map(text).join(style.separator)})`),
      any: (m) => `any(${m.map(text).join(style.separator)})`,
      not: (m) => `not(${text(m)})`,
      leaf: (leaf) => {
        const v = leaf.value;
        const rhs = isValueRef(v)
          ? 'param' in v
            ? `{${v.param}}`
            : v.fact
          : Array.isArray(v)
            ? style.list(v)
            : JSON.stringify(v);
        return `${leaf.fact} ${style.operator(leaf.operator)} ${rhs}`;
      },
    });
  return text(c);
}
