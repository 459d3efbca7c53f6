/**
 * The named operators, with json-rules-engine's names and its semantics on typed values
 * (json-rules-engine 7.3.1 src/engine-default-operators.js). Conditions name an operator; behaviour lives here.
 */
import { FACT_TYPES, type FactType } from '../model/edition.js';
import { FACT_TYPE_DEFS } from '../model/fact-types.js';

/** How an operator's right-hand side is shaped. */
export type OperandShape = 'scalar' | 'list';

/** A registered operator. */
export interface OperatorDef {
  name: string;
  /** The comparison, on an observed value and the required value. */
  test: (observed: unknown, required: unknown) => boolean;
  /** Fact types the operator can be applied to. */
  factTypes: readonly FactType[];
  /** Whether the required value is a scalar or a list of scalars. */
  operand: OperandShape;
}

// Which fact types an operator applies to is the fact types' to say (`src/model/fact-types.ts`): every type
// can be equated; the ordered ones compare by size; the listed ones can be looked up in a list.
const ORDERED: readonly FactType[] = FACT_TYPES.filter((t) => FACT_TYPE_DEFS[t].ordered);
const EQUATABLE: readonly FactType[] = FACT_TYPES;
const LISTABLE: readonly FactType[] = FACT_TYPES.filter((t) => FACT_TYPE_DEFS[t].listed);

// json-rules-engine's numeric operators guard with `Number.parseFloat(x).toString() !== 'NaN'`; our facts are
// validated as finite numbers before evaluation, so the guard always holds and a plain comparison is the same.
const defs: OperatorDef[] = [
  { name: 'equal', test: (a, b) => a === b, factTypes: EQUATABLE, operand: 'scalar' },
  { name: 'notEqual', test: (a, b) => a !== b, factTypes: EQUATABLE, operand: 'scalar' },
  { name: 'in', test: (a, b) => (b as unknown[]).indexOf(a) > -1, factTypes: LISTABLE, operand: 'list' },
  { name: 'notIn', test: (a, b) => (b as unknown[]).indexOf(a) === -1, factTypes: LISTABLE, operand: 'list' },
  { name: 'lessThan', test: (a, b) => (a as number) < (b as number), factTypes: ORDERED, operand: 'scalar' },
  { name: 'lessThanInclusive', test: (a, b) => (a as number) <= (b as number), factTypes: ORDERED, operand: 'scalar' },
  { name: 'greaterThan', test: (a, b) => (a as number) > (b as number), factTypes: ORDERED, operand: 'scalar' },
  { name: 'greaterThanInclusive', test: (a, b) => (a as number) >= (b as number), factTypes: ORDERED, operand: 'scalar' },
];

/** The operator map, by name. A `Map`, so that names such as `__proto__` or `toString` are never found by accident. */
export const OPERATORS: ReadonlyMap<string, OperatorDef> = new Map(defs.map((d) => [d.name, d]));

/** Operator names, for "allowed" lists in error messages. */
export const OPERATOR_NAMES: readonly string[] = defs.map((d) => d.name);

/**
 * json-rules-engine operators that Daoze does not offer, with the reason, so an author gets an explanation
 * instead of a bare "unknown operator".
 */
export const UNSUPPORTED_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['contains', 'facts are scalars; there are no list-valued facts to search'],
  ['doesNotContain', 'facts are scalars; there are no list-valued facts to search'],
]);
