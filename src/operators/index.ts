/**
 * The named operators, with json-rules-engine's names and its semantics on typed values
 * (json-rules-engine 7.3.1 src/engine-default-operators.js). Conditions name an operator; its behaviour, the way
 * it is written (sign, words) and its inline form in generated code live here, one entry per operator.
 */
import { FACT_TYPES, type FactType, type I18nText } from '../model/edition.js';
import { FACT_TYPE_DEFS, PartialList } from '../model/fact-types.js';

/** How an operator's right-hand side is shaped. */
export type OperandShape = 'scalar' | 'list';

/** A registered operator. */
export interface OperatorDef {
  name: string;
  /** The comparison, on an observed value and the required value (json-rules-engine's, on complete values). */
  test: (observed: unknown, required: unknown) => boolean;
  /**
   * The comparison in three values (0 false, 1 true, 2 unknown), for an operator whose observed value can be
   * partly known (a partial list answer, `PartialList`): both evaluators call it instead of `test` when it is
   * given, the closure tree (`src/compile/compile.ts`) directly and generated code by index from its pool.
   */
  tri?: (observed: unknown, required: unknown) => 0 | 1 | 2;
  /** Fact types the operator can be applied to. */
  factTypes: readonly FactType[];
  /** Whether the required value is a scalar or a list of scalars. */
  operand: OperandShape;
  /** Its mathematical sign (`≥`), as `daoze diff` writes a condition. */
  sign: string;
  /** What stands between the observed and the required value in an explanation (`≥`, 属于 / one of). */
  relation: I18nText;
  /** The operator in words, as the authoring guide lists it (不小于 / is at least). */
  words: I18nText;
  /**
   * The comparison as a JavaScript expression over two operand variables, for the code generator
   * (`src/compile/codegen.ts`): a fixed fragment written here, the same comparison as `test`
   * (test/unit/operators/index.test.ts holds the two equal). Without it, generated code calls `test`.
   */
  inline?: (a: string, b: string) => string;
}

// Which fact types an operator applies to is the fact types' to say (`src/model/fact-types.ts`): every type
// but a set of options can be equated; the ordered ones compare by size; the listed ones can be looked up in a
// list; a set of options (a list fact) can be searched for one.
const ORDERED: readonly FactType[] = FACT_TYPES.filter((t) => FACT_TYPE_DEFS[t].ordered);
const EQUATABLE: readonly FactType[] = FACT_TYPES.filter((t) => !FACT_TYPE_DEFS[t].multi);
const LISTABLE: readonly FactType[] = FACT_TYPES.filter((t) => FACT_TYPE_DEFS[t].listed);
const MULTI: readonly FactType[] = FACT_TYPES.filter((t) => FACT_TYPE_DEFS[t].multi);

// A list answer's comparable form (`src/model/fact-types.ts`) is an array when complete and a PartialList when
// only the options seen are known. On a partial answer `contains x` is true once x was seen and otherwise
// unknown (x may be among the options not checked); `doesNotContain x` is false once x was seen, else unknown:
// a partial answer never proves absence, so no decided value can be contradicted by a completion of it
// (test/unit/operators/list.test.ts checks every completion).

/**
 * Whether option `b` is in list answer `a`, three-valued: 1 it is (ticked, or seen), 0 it is not (a complete
 * answer without it, or not a choice a partial answer could still hold), 2 unknown (unseen on a partial answer).
 */
function presence(a: unknown, b: unknown): 0 | 1 | 2 {
  if (a instanceof PartialList) return a.seen.indexOf(b) > -1 ? 1 : a.unseen.indexOf(b) > -1 ? 2 : 0;
  return (a as unknown[]).indexOf(b) > -1 ? 1 : 0;
}

// json-rules-engine's numeric operators guard with `Number.parseFloat(x).toString() !== 'NaN'`; our facts are
// validated as finite numbers before evaluation, so the guard always holds and a plain comparison is the same.
const defs: OperatorDef[] = [
  {
    name: 'equal',
    test: (a, b) => a === b,
    factTypes: EQUATABLE,
    operand: 'scalar',
    sign: '=',
    relation: { zh: '=', en: '=' },
    words: { zh: '等于', en: 'equals' },
    inline: (a, b) => `${a} === ${b}`,
  },
  {
    name: 'notEqual',
    test: (a, b) => a !== b,
    factTypes: EQUATABLE,
    operand: 'scalar',
    sign: '≠',
    relation: { zh: '≠', en: '≠' },
    words: { zh: '不等于', en: 'does not equal' },
    inline: (a, b) => `${a} !== ${b}`,
  },
  {
    name: 'in',
    test: (a, b) => (b as unknown[]).indexOf(a) > -1,
    factTypes: LISTABLE,
    operand: 'list',
    sign: '∈',
    relation: { zh: '属于', en: 'one of' },
    words: { zh: '属于所列值之一', en: 'is one of the values listed' },
    inline: (a, b) => `${b}.indexOf(${a}) > -1`,
  },
  {
    name: 'notIn',
    test: (a, b) => (b as unknown[]).indexOf(a) === -1,
    factTypes: LISTABLE,
    operand: 'list',
    sign: '∉',
    relation: { zh: '不属于', en: 'not one of' },
    words: { zh: '不属于所列任何值', en: 'is none of the values listed' },
    inline: (a, b) => `${b}.indexOf(${a}) === -1`,
  },
  {
    name: 'lessThan',
    test: (a, b) => (a as number) < (b as number),
    factTypes: ORDERED,
    operand: 'scalar',
    sign: '<',
    relation: { zh: '<', en: '<' },
    words: { zh: '小于', en: 'is less than' },
    inline: (a, b) => `${a} < ${b}`,
  },
  {
    name: 'lessThanInclusive',
    test: (a, b) => (a as number) <= (b as number),
    factTypes: ORDERED,
    operand: 'scalar',
    sign: '≤',
    relation: { zh: '≤', en: '≤' },
    words: { zh: '不大于', en: 'is at most' },
    inline: (a, b) => `${a} <= ${b}`,
  },
  {
    name: 'greaterThan',
    test: (a, b) => (a as number) > (b as number),
    factTypes: ORDERED,
    operand: 'scalar',
    sign: '>',
    relation: { zh: '>', en: '>' },
    words: { zh: '大于', en: 'is greater than' },
    inline: (a, b) => `${a} > ${b}`,
  },
  {
    name: 'greaterThanInclusive',
    test: (a, b) => (a as number) >= (b as number),
    factTypes: ORDERED,
    operand: 'scalar',
    sign: '≥',
    relation: { zh: '≥', en: '≥' },
    words: { zh: '不小于', en: 'is at least' },
    inline: (a, b) => `${a} >= ${b}`,
  },
  {
    name: 'contains',
    // json-rules-engine: `a.indexOf(b) > -1`, for an array fact value (any other is false).
    test: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
    tri: (a, b) => presence(a, b),
    factTypes: MULTI,
    operand: 'scalar',
    sign: '∋',
    relation: { zh: '包含', en: 'includes' },
    words: { zh: '包含该选项', en: 'includes the option' },
  },
  {
    name: 'doesNotContain',
    // json-rules-engine: `a.indexOf(b) === -1`, for an array fact value (any other is false).
    test: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
    tri: (a, b) => ([1, 0, 2] as const)[presence(a, b)],
    factTypes: MULTI,
    operand: 'scalar',
    sign: '∌',
    relation: { zh: '不包含', en: 'excludes' },
    words: { zh: '不包含该选项', en: 'does not include the option' },
  },
];

/**
 * json-rules-engine's `someFact` and `everyFact` decorators (src/engine-default-operator-decorators.js: the
 * decorated operator applied to each element of an array fact, `some` / `every`), over a list answer and the
 * operators a choice can be compared with. Three-valued on a partial answer (the options seen, and the unseen that
 * may or may not be there): decided only when every completion agrees — `someFact` true once a seen option
 * satisfies, false when no option at all could; `everyFact` false once a seen option fails, true when every option
 * would pass. On a complete answer they are json-rules-engine's (`everyFact` over none of the options holds).
 */
const DECORATED = ['equal', 'notEqual', 'in', 'notIn'] as const;
const DECORATOR_WORDS = {
  someFact: { zh: '有选项', en: 'some option' },
  everyFact: { zh: '每个选项都', en: 'every option' },
} as const;
for (const decorator of ['someFact', 'everyFact'] as const) {
  for (const name of DECORATED) {
    const base = defs.find((d) => d.name === name)!;
    const some = decorator === 'someFact';
    const w = DECORATOR_WORDS[decorator];
    defs.push({
      name: `${decorator}:${name}`,
      test: (a, b) => Array.isArray(a) && (some ? a.some((x) => base.test(x, b)) : a.every((x) => base.test(x, b))),
      tri: (a, b) => {
        // A partial answer is decided when every completion (the seen options and any of the unseen) agrees.
        if (a instanceof PartialList) {
          const ok = (x: unknown) => base.test(x, b);
          if (some) return a.seen.some(ok) ? 1 : a.unseen.some(ok) ? 2 : 0;
          return a.seen.some((x) => !ok(x)) ? 0 : a.unseen.every(ok) ? 1 : 2;
        }
        const xs = a as unknown[];
        return (some ? xs.some((x) => base.test(x, b)) : xs.every((x) => base.test(x, b))) ? 1 : 0;
      },
      factTypes: MULTI,
      operand: base.operand,
      sign: `${some ? '∃' : '∀'}${base.sign}`,
      relation: { zh: `${w.zh}${base.relation.zh}`, en: `${w.en} ${base.relation.en}` },
      words: { zh: `${w.zh}${base.words.zh}`, en: `${w.en} ${base.words.en}` },
    });
  }
}

/** The operator map, by name. A `Map`, so that names such as `__proto__` or `toString` are never found by accident. */
export const OPERATORS: ReadonlyMap<string, OperatorDef> = new Map(defs.map((d) => [d.name, d]));

/** Operator names, for "allowed" lists in error messages. */
export const OPERATOR_NAMES: readonly string[] = defs.map((d) => d.name);

/**
 * json-rules-engine operators that Daoze does not offer, with the reason, so an author gets an explanation
 * instead of a bare "unknown operator". Every operator of json-rules-engine's default set is offered today;
 * the map stays as the place for one that is not.
 */
export const UNSUPPORTED_OPERATORS: ReadonlyMap<string, string> = new Map<string, string>([]);
