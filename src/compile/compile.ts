/**
 * Compiles a validated edition once into closures over a fixed-shape value vector, so that evaluating an
 * observation never walks the YAML-shaped tree again. Three-valued (Kleene) logic: F, T, U(nknown).
 */
import type {
  ClauseSpec,
  Condition,
  ConditionValue,
  EditionSpec,
  FactSpec,
  I18nText,
  KindSpec,
  LeafCondition,
  ParameterSpec,
  QuantifierSpec,
  SourceDoc,
} from '../model/edition.js';
import { OPERATORS, type OperatorDef } from '../operators/index.js';
import { hashJson } from '../hash/index.js';
import { isValueRef, matchCondition } from '../model/condition.js';
import { comparable } from '../model/fact-types.js';
import { editionContent } from '../model/edition-content.js';

// `codegen.ts` and the entry import these from here.
export { comparable } from '../model/fact-types.js';
export { editionContent } from '../model/edition-content.js';
import type { ConditionTrace, LeafTrace, TraceResult } from '../model/trace.js';

/** Kleene truth values: 0 false, 1 true, 2 unknown. */
export type Tri = 0 | 1 | 2;
/** False. */
export const F: Tri = 0;
/** True. */
export const T: Tri = 1;
/** Unknown: a fact it needs is missing. */
export const U: Tri = 2;

/** Observed values by fact index, in comparable form (dates as epoch milliseconds); `undefined` is unknown. */
export type Values = readonly unknown[];

/** A fact of the catalogue with its position in the value vector. */
export interface CompiledFact {
  readonly id: string;
  readonly index: number;
  readonly spec: FactSpec;
}

/** A parameter with the value in force (after any profile's settings). */
export interface CompiledParam {
  readonly id: string;
  readonly spec: ParameterSpec;
  /** Plain value, or undefined for a keyed parameter. */
  readonly value?: number | string | boolean;
  /** For a keyed parameter: the enum fact and the table. */
  readonly byFact?: CompiledFact;
  readonly table?: ReadonlyMap<string, number | string | boolean>;
}

/** A compiled condition node. */
export interface CNode {
  /** Evaluates to F, T or U. */
  ev(v: Values): Tri;
  /** Adds the indexes of the facts whose absence makes this node unknown; call only when `ev` gave U. */
  missing(v: Values, out: Set<number>): void;
  /** This node's trace: its result, and its children's traces or (a leaf) the values it compared. */
  trace(v: Values, raw: readonly unknown[]): ConditionTrace;
  /** Every fact index this node reads. */
  facts(out: Set<number>): void;
}

/** A clause ready to evaluate. */
export interface CompiledClause {
  readonly id: string;
  readonly group: { readonly id: string; readonly label: I18nText };
  readonly spec: ClauseSpec;
  readonly applies?: CNode | undefined;
  readonly check: CNode;
  /** Whether the clause counts towards the overall outcome (false for an optional clause). */
  readonly counts: boolean;
  /** Hash of what the clause says and decides (text, label, check, applicability, severity, deduction, citations). */
  readonly hash: string;
  /** For a clause checked per instance (`each`): the kind; its conditions are compiled over the kind's layout. */
  readonly scope?: CompiledKind | undefined;
  /**
   * Points a failure deducts (per failing instance, for a clause checked per instance), and the most the clause
   * deducts in all: its own `deduction`/`deductionCap`, else the edition's `scoring.deductions` for its severity
   * with the parameters in force. Undefined when the standard does not score the clause.
   */
  readonly deduction: number | undefined;
  readonly deductionCap: number | undefined;
}

/**
 * What a program, a template or a leaf is built over: clauses, and the facts and parameters their conditions
 * read, each fact at its index in the value vector. An edition without kinds is its own scope.
 */
export interface Scope {
  readonly clauses: readonly CompiledClause[];
  readonly factById: ReadonlyMap<string, CompiledFact>;
  readonly params: ReadonlyMap<string, CompiledParam>;
}

/**
 * A kind of object, compiled like a small edition: an instance's value vector holds the unit's facts at their
 * unit indexes, then the kind's own facts, so that its clauses and quantifier conditions can read both.
 */
export interface CompiledKind extends Scope {
  readonly id: string;
  readonly spec: KindSpec;
  /** The whole layout: the unit's facts, then the kind's own. */
  readonly facts: readonly CompiledFact[];
  /** The kind's own facts: what an instance observation gives. */
  readonly own: readonly CompiledFact[];
  /** The kind's `each` clauses, in edition order; `clauseIndex[i]` is the index of `clauses[i]` in `ed.clauses`. */
  readonly clauseIndex: readonly number[];
  /** `id@version` of the edition and the kind, for messages (`u-unit-street@2.0.0 street-lamp`). */
  readonly ref: string;
}

/** How a quantifier counts, compiled: `n` is the count of `atLeast`, or the share (0–1) in force. */
export interface CompiledRule {
  readonly kind: 'all' | 'any' | 'none' | 'atLeast' | 'share';
  readonly n: number;
}

/** A quantifier: its condition over its kind's layout, and the unit-vector slot its Kleene value is kept in. */
export interface CompiledQuantifier {
  readonly id: string;
  readonly spec: QuantifierSpec;
  readonly kind: CompiledKind;
  readonly where: CNode;
  readonly rule: CompiledRule;
  /** Index of the derived slot in the unit's value vector (after the facts). */
  readonly slot: number;
  /** The slot as a fact, for leaves and traces that read it. */
  readonly fact: CompiledFact;
}

/** An edition compiled for evaluation. */
export interface CompiledEdition {
  readonly spec: EditionSpec;
  readonly id: string;
  readonly version: string;
  /** `id@version`. */
  readonly ref: string;
  /** Content hash of the edition's decisions and texts (everything but its test cases). */
  readonly hash: string;
  readonly facts: readonly CompiledFact[];
  readonly factById: ReadonlyMap<string, CompiledFact>;
  readonly params: ReadonlyMap<string, CompiledParam>;
  readonly sources: ReadonlyMap<string, SourceDoc>;
  readonly groups: readonly {
    readonly id: string;
    readonly label: I18nText;
    readonly clauses: readonly CompiledClause[];
    /** The most the group's clauses deduct together, when the standard scores. */
    readonly deductionCap?: number | undefined;
  }[];
  readonly clauses: readonly CompiledClause[];
  readonly clauseById: ReadonlyMap<string, CompiledClause>;
  /** The profile this edition was compiled under, if any. */
  readonly profile?: { readonly id: string; readonly version: string; readonly hash: string };
  /**
   * The clauses checked once on the unit, over the unit's layout (its facts, then one derived slot per
   * quantifier). The edition itself when it declares no kinds.
   */
  readonly unitScope: Scope;
  /** The kinds of object, in declaration order (empty for an edition without kinds). */
  readonly kinds: readonly CompiledKind[];
  readonly kindById: ReadonlyMap<string, CompiledKind>;
  /** The quantifiers, in declaration order; quantifier `i` is in slot `facts.length + i`. */
  readonly quantifiers: readonly CompiledQuantifier[];
}

/**
 * A leaf's right-hand side, told apart once for both evaluators (the closure tree here and the generated code
 * of `codegen.ts`), with every value already in the compared fact's comparable form:
 * - `literal`: a value or list written in the condition (`raw` as written);
 * - `fact`: another fact of the observation;
 * - `param`: a plain parameter's value in force;
 * - `keyed`: a parameter looked up by the value of its key fact (`table`, comparable, and `raw`, as written).
 */
export type LeafRhs =
  | { readonly kind: 'literal'; readonly value: unknown; readonly raw: ConditionValue }
  | { readonly kind: 'fact'; readonly fact: CompiledFact }
  | { readonly kind: 'param'; readonly param: CompiledParam; readonly value: unknown }
  | {
      readonly kind: 'keyed';
      readonly param: CompiledParam;
      readonly key: CompiledFact;
      readonly table: ReadonlyMap<string, unknown>;
      readonly raw: ReadonlyMap<string, number | string | boolean>;
    };

/** What a leaf compares: the fact on its left, the operator and the right-hand side. */
export interface LeafOperands {
  readonly fact: CompiledFact;
  readonly op: OperatorDef;
  readonly rhs: LeafRhs;
}

/**
 * Resolves a leaf of a validated edition against its facts and parameters. Throws a `TypeError` on a name the
 * edition does not declare: validation rules that out, so it is a bug in the caller, not an authoring error.
 */
export function leafOperands(leaf: LeafCondition, ed: Pick<Scope, 'factById' | 'params'>): LeafOperands {
  const fact = ed.factById.get(leaf.fact);
  if (!fact) throw new TypeError('compile: unknown fact (the edition was not validated)');
  const op = OPERATORS.get(leaf.operator);
  if (!op) throw new TypeError('compile: unknown operator (the edition was not validated)');
  const v = leaf.value;
  if (!isValueRef(v)) {
    const value = Array.isArray(v) ? v.map((x) => comparable(fact.spec, x)) : comparable(fact.spec, v);
    return { fact, op, rhs: { kind: 'literal', value, raw: v } };
  }
  if ('fact' in v) {
    const other = ed.factById.get(v.fact);
    if (!other) throw new TypeError('compile: unknown fact (the edition was not validated)');
    return { fact, op, rhs: { kind: 'fact', fact: other } };
  }
  const param = ed.params.get(v.param);
  if (!param) throw new TypeError('compile: unknown parameter (the edition was not validated)');
  if (param.byFact) {
    const table = new Map([...param.table!].map(([k, x]) => [k, comparable(fact.spec, x)]));
    return { fact, op, rhs: { kind: 'keyed', param, key: param.byFact, table, raw: param.table! } };
  }
  return { fact, op, rhs: { kind: 'param', param, value: comparable(fact.spec, param.value) } };
}

/** A Kleene value as a trace spells it, and back. */
const RESULT_NAME = ['false', 'true', 'unknown'] as const;
const TRI_OF: Readonly<Record<TraceResult, Tri>> = { false: F, true: T, unknown: U };

/**
 * `all` and `any` in Kleene logic, one child at a time: the node's value so far `r` after a child's value `x`.
 * The decisive value (F for `all`, T for `any`) absorbs; otherwise a U child makes the node U. `ev` stops at the
 * decisive value, `trace` (which records every child) goes on: both fold with this one rule.
 */
function junctionStep(r: Tri, x: Tri, decisive: Tri): Tri {
  return x === decisive ? x : x === U && r !== decisive ? U : r;
}

/** Kleene negation, by value: F → T, T → F, U → U. */
const NEGATION: readonly Tri[] = [T, F, U];

class Leaf implements CNode {
  constructor(
    private readonly fi: number,
    private readonly fact: CompiledFact,
    private readonly op: OperatorDef,
    private readonly leaf: LeafCondition,
    private readonly rhs: (v: Values) => unknown,
    private readonly rhsFact: number | undefined,
    private readonly requiredDisplay: (raw: readonly unknown[]) => unknown,
    private readonly requiredFrom: LeafTrace['requiredFrom'],
  ) {}
  ev(v: Values): Tri {
    const a = v[this.fi];
    if (a === undefined) return U;
    const b = this.rhs(v);
    if (b === undefined) return U;
    // An operator on partly known values (a list answer) decides in three values itself.
    const tri = this.op.tri;
    return tri !== undefined ? tri(a, b) : this.op.test(a, b) ? T : F;
  }
  missing(v: Values, out: Set<number>): void {
    if (v[this.fi] === undefined) out.add(this.fi);
    if (this.rhsFact !== undefined && v[this.rhsFact] === undefined) out.add(this.rhsFact);
    // Both sides known and still unknown: the fact is only partly known (a partial list answer), and knowing
    // it fully would decide the leaf.
    else if (this.op.tri !== undefined && v[this.fi] !== undefined && this.ev(v) === U) out.add(this.fi);
  }
  trace(v: Values, raw: readonly unknown[]): LeafTrace {
    const t: LeafTrace = {
      fact: this.fact.id,
      operator: this.op.name,
      required: this.requiredDisplay(raw),
      observed: raw[this.fi],
      result: RESULT_NAME[this.ev(v)],
    };
    if (this.requiredFrom) t.requiredFrom = this.requiredFrom;
    if (this.leaf.description) t.description = this.leaf.description;
    return t;
  }
  facts(out: Set<number>): void {
    out.add(this.fi);
    if (this.rhsFact !== undefined) out.add(this.rhsFact);
  }
}

/**
 * `all` and `any` in Kleene logic: `all` stops at the first F (and is T when every child is T), `any` stops at the
 * first T (and is F when every child is F); otherwise a U child makes the node U.
 */
class Junction implements CNode {
  constructor(
    private readonly kids: readonly CNode[],
    /** The value that decides the node at once: F for `all`, T for `any`. */
    private readonly decisive: Tri,
  ) {}
  ev(v: Values): Tri {
    let r: Tri = this.decisive === F ? T : F;
    for (const k of this.kids) {
      const x = k.ev(v);
      if (x === this.decisive) return x; // nothing after it can change the node
      // junctionStep, inlined: here r is never the decisive value, so a U child makes the node U (the closure
      // tree runs before the generated code takes over, and a call per child cost it 30 %: docs/performance.md).
      if (x === U) r = U;
    }
    return r;
  }
  missing(v: Values, out: Set<number>): void {
    for (const k of this.kids) if (k.ev(v) === U) k.missing(v, out);
  }
  trace(v: Values, raw: readonly unknown[]): ConditionTrace {
    // The node's value from its children's traces: every node is evaluated once, however deep the tree.
    const kids: ConditionTrace[] = [];
    let r: Tri = this.decisive === F ? T : F;
    for (const k of this.kids) {
      const t = k.trace(v, raw);
      kids.push(t);
      r = junctionStep(r, TRI_OF[t.result], this.decisive);
    }
    const result = RESULT_NAME[r];
    return this.decisive === F ? { all: kids, result } : { any: kids, result };
  }
  facts(out: Set<number>): void {
    for (const k of this.kids) k.facts(out);
  }
}

class Not implements CNode {
  constructor(private readonly kid: CNode) {}
  ev(v: Values): Tri {
    const x = this.kid.ev(v);
    return x === U ? U : x === T ? F : T;
  }
  missing(v: Values, out: Set<number>): void {
    this.kid.missing(v, out);
  }
  trace(v: Values, raw: readonly unknown[]): ConditionTrace {
    const t = this.kid.trace(v, raw);
    return { not: t, result: RESULT_NAME[NEGATION[TRI_OF[t.result]]!] };
  }
  facts(out: Set<number>): void {
    this.kid.facts(out);
  }
}

/** The closure of one leaf, by the kind of its right-hand side. */
function leafNode(leaf: LeafCondition, { fact, op, rhs }: LeafOperands): CNode {
  switch (rhs.kind) {
    case 'fact': {
      const other = rhs.fact;
      return new Leaf(
        fact.index,
        fact,
        op,
        leaf,
        (vals) => vals[other.index],
        other.index,
        (raw) => raw[other.index],
        { fact: other.id },
      );
    }
    case 'keyed': {
      const { key, table, raw: rawTable } = rhs;
      return new Leaf(
        fact.index,
        fact,
        op,
        leaf,
        (vals) => {
          const k = vals[key.index];
          return k === undefined ? undefined : table.get(k as string);
        },
        key.index,
        (raw) => (raw[key.index] === undefined ? Object.fromEntries(rawTable) : rawTable.get(raw[key.index] as string)),
        { param: rhs.param.id },
      );
    }
    case 'param': {
      const { value, param } = rhs;
      return new Leaf(
        fact.index,
        fact,
        op,
        leaf,
        () => value,
        undefined,
        () => param.value,
        { param: param.id },
      );
    }
    case 'literal': {
      const { value, raw } = rhs;
      return new Leaf(
        fact.index,
        fact,
        op,
        leaf,
        () => value,
        undefined,
        () => raw,
        undefined,
      );
    }
  }
}

/**
 * A compiled clause. A class, so that every clause has one shape (the closure tree reads `applies` and `check` of
 * each clause per observation; object literals with and without `applies` and an accessor made those reads
 * polymorphic, and the closure tree 30 % slower: docs/performance.md).
 */
class Clause implements CompiledClause {
  readonly id: string;
  readonly counts: boolean;
  #hash: string | undefined;
  constructor(
    readonly spec: ClauseSpec,
    readonly group: { readonly id: string; readonly label: I18nText },
    readonly applies: CNode | undefined,
    readonly check: CNode,
    private readonly edition: EditionSpec,
    readonly scope: CompiledKind | undefined,
    readonly deduction: number | undefined,
    readonly deductionCap: number | undefined,
  ) {
    this.id = spec.id;
    this.counts = !spec.optional;
  }
  /** Hashed when first read (a verdict's citation): a registry compiles every clause, a verdict cites those of one edition. */
  get hash(): string {
    return (this.#hash ??= hashJson(clauseContent(this.spec, this.edition)));
  }
}

/** Options for compiling an edition. */
export interface CompileOptions {
  /** The profile the edition was derived under; recorded in every verdict made with it. */
  profile?: { id: string; version: string; hash: string };
  /** The hash to cite as the edition's (a profile-derived edition cites its base's hash; the profile has its own). */
  editionHash?: string;
}

/**
 * Compiles a validated edition. The spec must have passed `validateEdition`; compile does not re-check it.
 */
export function compileEdition(spec: EditionSpec, options: CompileOptions = {}): CompiledEdition {
  const facts: CompiledFact[] = Object.entries(spec.facts).map(([id, s], index) => ({ id, index, spec: s }));
  const factById = new Map(facts.map((f) => [f.id, f]));
  // A keyed parameter reads its key fact in the scope it is used in: the unit's, or a kind's when the key is an
  // object's fact (a standard of one toilet included per toilet, keyed by each toilet's class).
  const paramsIn = (lookup: ReadonlyMap<string, CompiledFact>): Map<string, CompiledParam> => {
    const out = new Map<string, CompiledParam>();
    for (const [id, p] of Object.entries(spec.parameters ?? {})) {
      if (p.byFact !== undefined)
        out.set(id, { id, spec: p, byFact: lookup.get(p.byFact)!, table: new Map(Object.entries(p.values ?? {})) });
      else out.set(id, { id, spec: p, value: p.value! });
    }
    return out;
  };
  const params = paramsIn(factById);
  const keyedByKindFact = (own: readonly CompiledFact[]) =>
    Object.values(spec.parameters ?? {}).some((p) => p.byFact !== undefined && own.some((f) => f.id === p.byFact));

  const builder = (lookup: Pick<Scope, 'factById' | 'params'>) => {
    const build = (c: Condition): CNode =>
      matchCondition<CNode>(c, {
        all: (m) => new Junction(m.map(build), F),
        any: (m) => new Junction(m.map(build), T),
        not: (m) => new Not(build(m)),
        leaf: (leaf) => leafNode(leaf, leafOperands(leaf, lookup)),
      });
    return build;
  };

  // Kinds: each laid out as the unit's facts, then its own (docs/units.md).
  const ref = `${spec.id}@${spec.version}`;
  const kinds = Object.entries(spec.kinds ?? {}).map(
    ([id, k]): CompiledKind & { clauses: CompiledClause[]; clauseIndex: number[] } => {
      const own = Object.entries(k.facts).map(([fid, fs], i) => ({ id: fid, index: facts.length + i, spec: fs }));
      const layout = [...facts, ...own];
      const byId = new Map(layout.map((f) => [f.id, f]));
      return {
        id,
        spec: k,
        facts: layout,
        own,
        factById: byId,
        params: keyedByKindFact(own) ? paramsIn(byId) : params,
        clauses: [],
        clauseIndex: [],
        ref: `${ref} ${id}`,
      };
    },
  );
  const kindById = new Map(kinds.map((k) => [k.id, k]));

  // Quantifiers: derived slots after the unit's facts, read by unit clauses like boolean facts.
  const quantifiers = Object.entries(spec.quantifiers ?? {}).map(([id, q], i): CompiledQuantifier => {
    const kind = kindById.get(q.kind);
    if (!kind) throw new TypeError('compile: unknown kind (the edition was not validated)');
    const slot = facts.length + i;
    return {
      id,
      spec: q,
      kind,
      where: builder(kind)(q.where),
      rule: compileRule(q, params),
      slot,
      fact: { id, index: slot, spec: { type: 'boolean', label: q.label, question: q.label } },
    };
  });
  const unitLookup =
    quantifiers.length === 0
      ? { factById, params }
      : { factById: new Map([...factById, ...quantifiers.map((q) => [q.id, q.fact] as const)]), params };
  const buildUnit = builder(unitLookup);

  const groups = spec.groups.map((g) => {
    const group = { id: g.id, label: g.label };
    const clauses = g.clauses.map((c): CompiledClause => {
      const scope = c.each !== undefined ? kindById.get(c.each) : undefined;
      if (c.each !== undefined && !scope) throw new TypeError('compile: unknown kind (the edition was not validated)');
      const build = scope ? builder(scope) : buildUnit;
      const [deduction, cap] = deductionsOf(c, spec, params);
      return new Clause(
        c,
        group,
        c.appliesWhen ? build(c.appliesWhen) : undefined,
        build(c.check),
        spec,
        scope,
        deduction,
        cap,
      );
    });
    return { id: g.id, label: g.label, clauses, deductionCap: g.deductionCap };
  });
  const clauses = groups.flatMap((g) => g.clauses);
  clauses.forEach((c, i) => {
    if (!c.scope) return;
    const k = c.scope as CompiledKind & { clauses: CompiledClause[]; clauseIndex: number[] };
    k.clauses.push(c);
    k.clauseIndex.push(i);
  });
  const ed = {
    spec,
    id: spec.id,
    version: spec.version,
    ref,
    hash: options.editionHash ?? hashJson(editionContent(spec)),
    facts,
    factById,
    params,
    sources: new Map(spec.sources.map((s) => [s.id, s])),
    groups,
    clauses,
    clauseById: new Map(clauses.map((c) => [c.id, c])),
    ...(options.profile ? { profile: options.profile } : {}),
    kinds,
    kindById,
    quantifiers,
    unitScope: undefined as unknown as Scope,
  } satisfies Omit<CompiledEdition, 'unitScope'> & { unitScope: Scope };
  // Without kinds the edition is its own unit scope (the path every edition took before kinds, unchanged).
  ed.unitScope = kinds.length === 0 ? ed : { clauses: clauses.filter((c) => !c.scope), ...unitLookup };
  return ed as CompiledEdition;
}

/** A clause's deduction and cap: its own, else its severity's in `scoring.deductions` (numbers or parameters in force). */
function deductionsOf(
  c: ClauseSpec,
  spec: EditionSpec,
  params: ReadonlyMap<string, CompiledParam>,
): [number | undefined, number | undefined] {
  if (c.deduction !== undefined || !spec.scoring?.deductions) return [c.deduction, c.deductionCap];
  const by = spec.scoring.deductions[c.severity];
  if (!by) return [undefined, c.deductionCap];
  const value = (x: number | { param: string } | undefined): number | undefined => {
    if (x === undefined || typeof x === 'number') return x;
    const v = params.get(x.param)?.value;
    if (typeof v !== 'number') throw new TypeError('compile: a deduction parameter is not a number (not validated)');
    return v;
  };
  return [value(by.each), c.deductionCap ?? value(by.cap)];
}

/** A quantifier's rule with its count or share in force (a share may be a parameter a profile sets). */
function compileRule(q: QuantifierSpec, params: ReadonlyMap<string, CompiledParam>): CompiledRule {
  const r = q.quantifier;
  if (typeof r === 'string') return { kind: r, n: 0 };
  if ('atLeast' in r) return { kind: 'atLeast', n: r.atLeast };
  const share = typeof r.share === 'number' ? r.share : params.get(r.share.param)?.value;
  if (typeof share !== 'number') throw new TypeError('compile: share is not a number (the edition was not validated)');
  return { kind: 'share', n: share };
}

/** What a clause's hash covers: the clause as written, plus the sources it cites, so a changed citation shows. */
function clauseContent(c: ClauseSpec, spec: EditionSpec) {
  const cited = new Set(c.cites.map((x) => x.source));
  return { clause: c, sources: spec.sources.filter((s) => cited.has(s.id)) };
}
