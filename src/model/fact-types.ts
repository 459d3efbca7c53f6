/**
 * The fact types, one entry each: what a value of the type is, how values compare, which operators and
 * literals apply, how a value reads, its JSON Schema and the SDK's input. A new fact type is an entry here
 * besides its name in `FACT_TYPES` and `schema/edition.schema.json`; `test/unit/model/fact-types.test.ts` holds
 * the entries to `FACT_TYPES`, and an edition's literals to exactly what an observation may carry.
 */
import type { FactSpec, FactType } from './edition.js';
import { DATE_PATTERN, TIME_PATTERN, isIsoDate, isIsoDateTime } from './dates.js';

/**
 * Why a value cannot be a fact's: `type` (not a value of the fact's type), `whole` (a number, not whole, for
 * an integer fact), `choice` (not one of an enum fact's choices, or a list naming something that is not one of
 * its options), `repeat` (a list naming an option twice), `below` / `above` (outside the fact's range).
 * A range refusal implies the value is of the fact's type: the type is checked first.
 */
export type FactRefusal = 'type' | 'whole' | 'choice' | 'repeat' | 'below' | 'above';

/**
 * A value test, as a small integer (the per-value switch in `refusal` compares numbers, not strings): one of
 * `VALUE_TESTS`. A fact type names its own (`FactTypeDef.test`).
 */
export type ValueTest = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** The value tests by name. */
export const VALUE_TESTS = {
  /** `true` or `false`. */
  boolean: 0,
  /** A finite number within the fact's range. */
  number: 1,
  /** A whole finite number within the fact's range. */
  integer: 2,
  /** One of the fact's choices. */
  choice: 3,
  /** A real day, YYYY-MM-DD. */
  date: 4,
  /** An RFC 3339 date-time with a time zone. */
  datetime: 5,
  /** A list answer: distinct choices, as a complete list or as `{ atLeast: [...] }` ({@link isPartialAnswer}). */
  list: 6,
} as const satisfies Record<string, ValueTest>;

/** What a fact's values are checked against, worked out once per fact ({@link acceptanceOf}). */
export interface Acceptance {
  /** The fact type's value test. */
  readonly test: ValueTest;
  /** The fact's range; -∞ and ∞ when it has none. */
  readonly min: number;
  readonly max: number;
  /** An enum or list fact's choices. */
  readonly choices: ReadonlySet<string> | undefined;
}

/**
 * The comparable form of a partial list answer (`{ atLeast: [...] }`): the options seen, the others not
 * checked. A class, not an array, so that the list operators tell it from a complete answer (an array) and
 * never read a partial answer as proof that an option is absent (`src/operators/index.ts`).
 */
export class PartialList {
  /** The options seen, in the order given. */
  readonly seen: readonly unknown[];
  /** The fact's other choices: each may or may not be there. */
  readonly unseen: readonly unknown[];
  constructor(seen: readonly unknown[], unseen: readonly unknown[]) {
    this.seen = Object.freeze([...seen]);
    this.unseen = Object.freeze([...unseen]);
    Object.freeze(this);
  }
}

/**
 * Whether `v` has the shape of a partial list answer: a plain object whose only own key is `atLeast`, holding
 * an array. Its elements are checked by {@link refusal}.
 */
export function isPartialAnswer(v: unknown): v is { atLeast: unknown[] } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === 'atLeast' && Array.isArray((v as { atLeast: unknown }).atLeast);
}

/** How a checklist app asks for a value of the type (read by the checklist SDK). */
export type FactInputKind = 'yes-no' | 'choice' | 'multi-select' | 'number' | 'date' | 'datetime';

/** Everything the engine decides by a fact's type. */
export interface FactTypeDef {
  /** How a value of the type is tested (`refusal`, the one acceptance rule). */
  readonly test: ValueTest;
  /**
   * How a literal or a parameter value compared with a fact of the type is tested, when not as a value
   * ({@link ofFactType}): a list fact is compared with one of its options, not with a list.
   */
  readonly literal?: ValueTest;
  /** Whether a fact of the type has a unit, a minimum and a maximum. */
  readonly numeric: boolean;
  /**
   * The comparable form of an accepted value (dates become epoch milliseconds, a list answer a frozen copy);
   * absent when values compare as given. {@link comparable} also applies it to a string literal.
   */
  readonly comparable?: (v: unknown, spec?: FactSpec) => unknown;
  /** Whether values are ordered, so that `lessThan` and its kin apply (`src/operators/index.ts`). */
  readonly ordered: boolean;
  /** Whether values can be listed, so that `in` and `notIn` apply (`src/operators/index.ts`). */
  readonly listed: boolean;
  /**
   * Whether a value is a set of options, so that `contains` and `doesNotContain` apply and `equal` and
   * `notEqual` do not (`src/operators/index.ts`).
   */
  readonly multi: boolean;
  /** What a value must be, as an observation issue says it ("must be …, got …"). */
  readonly expected: (spec: FactSpec) => string;
  /** What a literal may be, as an authoring diagnostic's `allowed` gives it: a list of values or a description. */
  readonly allowed: (spec: FactSpec) => readonly (string | boolean)[] | string;
  /** How `formatFactValue` shows a value (`src/result/format.ts`). */
  readonly display: 'yes-no' | 'choice-label' | 'choice-labels' | 'number-with-unit' | 'as-given';
  /** The JSON Schema of a value (the observation schema, `src/bundle/write.ts`). */
  readonly schema: (spec: FactSpec) => Record<string, unknown>;
  /** The checklist SDK's input for the type, and the step of a number input (1 for whole numbers). */
  readonly input: FactInputKind;
  readonly step?: number;
}

const unitText = (spec: FactSpec) => (spec.unit ? ` in ${spec.unit}` : '');
const range = (spec: FactSpec) => ({
  ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}),
  ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}),
});
const choicesOf = (spec: FactSpec) => (spec.choices ?? []).map((c) => c.value);

const NUMBER: FactTypeDef = {
  test: VALUE_TESTS.number,
  numeric: true,
  ordered: true,
  listed: true,
  multi: false,
  expected: (spec) => `a finite number${unitText(spec)}`,
  allowed: (spec) => `a number${unitText(spec)}`,
  display: 'number-with-unit',
  schema: (spec) => ({ type: 'number', ...range(spec) }),
  input: 'number',
};

/** One entry per fact type; its keys are `FACT_TYPES` (a test holds them equal). */
export const FACT_TYPE_DEFS: { readonly [T in FactType]: FactTypeDef } = {
  boolean: {
    test: VALUE_TESTS.boolean,
    numeric: false,
    ordered: false,
    listed: false,
    multi: false,
    expected: () => 'true or false',
    allowed: () => [true, false],
    display: 'yes-no',
    schema: () => ({ type: 'boolean' }),
    input: 'yes-no',
  },
  number: NUMBER,
  integer: {
    ...NUMBER,
    test: VALUE_TESTS.integer,
    // `expected` and `allowed` are the number's: a refused fraction gets its own message ('whole'), and an
    // authoring diagnostic names the integer type in its message.
    schema: (spec) => ({ type: 'integer', ...range(spec) }),
    step: 1,
  },
  enum: {
    test: VALUE_TESTS.choice,
    numeric: false,
    ordered: false,
    listed: true,
    multi: false,
    expected: () => 'one of the choices',
    allowed: choicesOf,
    display: 'choice-label',
    schema: (spec) => ({ enum: choicesOf(spec) }),
    input: 'choice',
  },
  date: {
    test: VALUE_TESTS.date,
    numeric: false,
    comparable: (v) => Date.parse(`${v as string}T00:00:00Z`),
    ordered: true,
    listed: true,
    multi: false,
    expected: () => 'a date YYYY-MM-DD',
    allowed: () => 'a date YYYY-MM-DD',
    display: 'as-given',
    schema: () => ({ type: 'string', pattern: `^${DATE_PATTERN}$` }),
    input: 'date',
  },
  datetime: {
    test: VALUE_TESTS.datetime,
    numeric: false,
    comparable: (v) => Date.parse(v as string),
    ordered: true,
    listed: true,
    multi: false,
    expected: () => 'a date-time with time zone (2026-11-20T09:30:00+08:00)',
    allowed: () => 'a date-time with time zone, e.g. 2026-11-20T09:30:00+08:00',
    display: 'as-given',
    schema: () => ({ type: 'string', pattern: `^${DATE_PATTERN}${TIME_PATTERN}$` }),
    input: 'datetime',
  },
  duration: NUMBER,
  list: {
    test: VALUE_TESTS.list,
    literal: VALUE_TESTS.choice,
    numeric: false,
    // A complete answer stays an array (json-rules-engine's `contains` reads one); a partial one becomes a
    // PartialList. Both are copies, so that an app changing its array afterwards changes nothing recorded.
    // A string (a literal: one option) compares as given.
    // With every choice seen nothing is left to check: the answer is complete.
    comparable: (v, spec) => {
      if (Array.isArray(v)) return Object.freeze([...v]);
      if (!isPartialAnswer(v)) return v;
      const unseen = (spec?.choices ?? []).map((c) => c.value).filter((c) => !v.atLeast.includes(c));
      return unseen.length ? new PartialList(v.atLeast, unseen) : Object.freeze([...v.atLeast]);
    },
    ordered: false,
    listed: false,
    multi: true,
    expected: () => 'a list of distinct choices, or { "atLeast": [choices seen] }',
    allowed: choicesOf,
    display: 'choice-labels',
    schema: (spec) => {
      const items = { type: 'array', items: { enum: choicesOf(spec) }, uniqueItems: true };
      return {
        anyOf: [
          items,
          { type: 'object', additionalProperties: false, required: ['atLeast'], properties: { atLeast: items } },
        ],
      };
    },
    input: 'multi-select',
  },
};

/** What a fact's values are checked against, from its spec (normalisation works it out once per edition). */
export function acceptanceOf(spec: FactSpec): Acceptance {
  return {
    test: FACT_TYPE_DEFS[spec.type].test,
    min: spec.minimum ?? -Infinity,
    max: spec.maximum ?? Infinity,
    choices: spec.type === 'enum' || spec.type === 'list' ? new Set(choicesOf(spec)) : undefined,
  };
}

/**
 * Why `v` cannot be the value of a fact checked against `a`, or null when an observation may carry it: the one
 * acceptance rule. Normalisation's fast path calls it and builds nothing; `checkFactValue` builds the issue
 * from the refusal; an edition's literals are held to it range aside ({@link ofFactType}).
 */
export function refusal(a: Acceptance, v: unknown): FactRefusal | null {
  switch (a.test) {
    case VALUE_TESTS.boolean:
      return typeof v === 'boolean' ? null : 'type';
    case VALUE_TESTS.number:
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'type';
      break;
    case VALUE_TESTS.integer:
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'type';
      if (!Number.isInteger(v)) return 'whole';
      break;
    case VALUE_TESTS.choice:
      return typeof v === 'string' && a.choices!.has(v) ? null : 'choice';
    case VALUE_TESTS.date:
      return typeof v === 'string' && isIsoDate(v) ? null : 'type';
    case VALUE_TESTS.list:
      return listRefusal(a.choices!, v);
    default:
      return typeof v === 'string' && isIsoDateTime(v) ? null : 'type';
  }
  // A finite number, whole where it must be: now its range.
  return v < a.min ? 'below' : v > a.max ? 'above' : null;
}

/**
 * Why `v` cannot be a list answer over `choices`: not an array nor `{ atLeast: array }` (`type`), an element
 * not among the choices (`choice`), or one given twice (`repeat`). At most `choices.size + 1` elements are
 * read before a refusal, however long the array.
 */
function listRefusal(choices: ReadonlySet<string>, v: unknown): FactRefusal | null {
  const items = Array.isArray(v) ? v : isPartialAnswer(v) ? v.atLeast : undefined;
  if (items === undefined) return 'type';
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const x: unknown = items[i];
    if (typeof x !== 'string' || !choices.has(x)) return 'choice';
    if (seen.has(x)) return 'repeat';
    seen.add(x);
  }
  return null;
}

/** Why `v` cannot be the value of a fact so specified, or null when an observation may carry it. */
export function factRefusal(spec: FactSpec, v: unknown): FactRefusal | null {
  return refusal(acceptanceOf(spec), v);
}

/**
 * Whether `v` is a value of the fact's type, its range aside: what an observation may carry for a fact of
 * that type and choices (for a list fact: one of its options, which is what its operators compare with). The
 * rule for an edition's literals and parameter values (`literalFits`): a threshold at or beyond a fact's bound
 * is still a value of its type.
 */
export function ofFactType(spec: FactSpec, v: unknown): boolean {
  const literal = FACT_TYPE_DEFS[spec.type].literal;
  const a = acceptanceOf(spec);
  const r = refusal(literal === undefined ? a : { ...a, test: literal }, v);
  return r === null || r === 'below' || r === 'above';
}

/** Turns a literal or value into its comparable form for a fact: dates become epoch milliseconds; others compare as given. */
export function comparable(spec: FactSpec, v: unknown): unknown {
  const c = FACT_TYPE_DEFS[spec.type].comparable;
  return c !== undefined && typeof v === 'string' ? c(v) : v;
}
