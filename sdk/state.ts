/**
 * A checklist session's state: one immutable value per revision holding, for each scope (the inspected unit and,
 * for an edition with kinds, each of its objects), the engine's fact vector and the answers behind it, with the
 * clause outcomes and their tally; and the changes to the unit's facts that make the next state (an answer, a
 * cleared answer), each checked before it is made. Changes to the objects are in ./objects.ts.
 */
import {
  InputError,
  ObservationError,
  type CompiledEdition,
  type CompiledFact,
  type EvidenceRef,
  type I18nText,
  type Locale,
  type MissingReason,
  type Observation,
  type ObservationIssue,
  type Outcome,
  evaluateOutcomes,
} from '../src/index.js';
import {
  clauseOutcome,
  normaliseObservation,
  preview,
  runClauses,
  scopedDeduction,
  tallyResults,
  verdictOf,
  verdictTally,
  type CompiledKind,
  type Counted,
  type InstancePass,
  type NormalisedInstance,
  type NormalisedObservation,
  type VerdictTally,
} from '../src/internal.js';
import { ChecklistError } from './errors.js';
import { fill, MESSAGES, WORDS } from './messages.js';

/** What the evaluator reads of a scope's facts, by fact index: the engine's normalised observation, never written to. */
export interface FactVector {
  /** Comparable values (undefined: unknown to the evaluator). */
  readonly values: readonly unknown[];
  /** Values as given (for display and trace). */
  readonly raw: readonly unknown[];
  /** Why each unknown fact is unknown. */
  readonly why: readonly (MissingReason | undefined)[];
}

/** One scope's facts: the vector the engine evaluates, and the answers it was made from. */
export interface ScopeFacts {
  readonly vector: FactVector;
  /** Whether an answer is recorded, by fact index (a value, or null for "could not determine"). */
  readonly given: readonly boolean[];
  /** Evidence attached, by fact index. */
  readonly evidence: readonly (readonly EvidenceRef[] | undefined)[];
}

/** Everything a scope holds for one fact: its three slots of the vector and the answer behind them. */
interface FactSlot {
  value: unknown;
  raw: unknown;
  why: MissingReason | undefined;
  given: boolean;
  evidence: readonly EvidenceRef[] | undefined;
}

/** A fact with no answer: unknown to the evaluator because it is absent. */
const CLEARED: FactSlot = { value: undefined, raw: undefined, why: 'absent', given: false, evidence: undefined };

/**
 * One object of the unit as the engine reads it (a `NormalisedInstance`): the instance as recorded (`observed`:
 * who it is, where, its answers and their evidence, the source of truth for items and the observation) and its
 * vector over its kind's layout, the unit's facts mirrored at their indexes. Never written to.
 */
export interface ObjectFacts extends NormalisedInstance {
  readonly kind: CompiledKind;
}

/**
 * The unit's objects by kind, in the edition's kind order: a list in the order the objects were added, or
 * undefined while the kind is not recorded. An empty list is recorded only by `recordNone` (the unit has none).
 */
export type Objects = ReadonlyMap<string, readonly ObjectFacts[] | undefined>;

/** What a change makes: the unit's facts and its objects (the very same objects when it left them alone). */
export interface Recorded {
  readonly unit: ScopeFacts;
  /** Undefined for an edition without kinds. */
  readonly objects: Objects | undefined;
}

/** One immutable state of a session; every change makes a new one (copy on write), so updates keep theirs. */
export interface State extends Recorded {
  readonly revision: number;
  readonly locale: Locale;
  /** Each clause's outcome, by clause index. */
  readonly outcomes: readonly Outcome[];
  /** Counts and score of the outcomes. */
  readonly tally: Tally;
  /**
   * For an edition with kinds: what the instance pass found (each instance's result on each clause checked per
   * instance, each quantifier's count, the unit's values with the quantifier slots filled).
   */
  readonly pass: InstancePass | undefined;
}

/** The overall outcome, counts over the clauses that count, and the score when the standard scores (the engine's tally). */
export type Tally = VerdictTally;

/**
 * A scope with one fact set: each per-fact array is copied once and the rest of the state shared, so that a
 * state an update keeps never changes. The only place a scope is written.
 */
function withFact(scope: ScopeFacts, i: number, slot: FactSlot): ScopeFacts {
  const set = <X>(xs: readonly X[], x: X): X[] => {
    const copy = xs.slice();
    copy[i] = x;
    return copy;
  };
  return {
    vector: {
      values: set(scope.vector.values, slot.value),
      raw: set(scope.vector.raw, slot.raw),
      why: set(scope.vector.why, slot.why),
    },
    given: set(scope.given, slot.given),
    evidence: set(scope.evidence, slot.evidence),
  };
}

/**
 * The objects with the unit's fact `i` set to `slot` in every object's vector (its clauses read the unit's facts
 * at the unit's indexes); the same objects for an edition without kinds.
 */
function mirrored(objects: Objects | undefined, i: number, slot: FactSlot): Objects | undefined {
  if (!objects) return objects;
  const out = new Map<string, readonly ObjectFacts[] | undefined>();
  for (const [kind, list] of objects)
    out.set(
      kind,
      list?.map((x) => withSlot(x, i, slot.value, slot.raw, slot.why)),
    );
  return out;
}

/** An object with slot `i` of its vector set; the rest shared. */
export function withSlot(
  x: ObjectFacts,
  i: number,
  value: unknown,
  raw: unknown,
  why: MissingReason | undefined,
  observed = x.observed,
): ObjectFacts {
  const values = x.values.slice();
  const raws = x.raw.slice();
  const whys = x.why.slice();
  values[i] = value;
  raws[i] = raw;
  whys[i] = why;
  return { kind: x.kind, observed, values, raw: raws, why: whys };
}

/** The objects of an observation the engine has normalised (`n`), each copied, by kind; undefined without kinds. */
export function objectsFrom(ed: CompiledEdition, n: NormalisedObservation): Objects | undefined {
  if (ed.kinds.length === 0) return undefined;
  const out = new Map<string, readonly ObjectFacts[] | undefined>();
  for (const kind of ed.kinds) {
    const list = n.instances?.get(kind.id);
    out.set(
      kind.id,
      list?.map((x) => ({
        kind,
        // Copied (it was checked as plain JSON), so that the caller changing its objects cannot change the record.
        observed: JSON.parse(JSON.stringify(x.observed)) as ObjectFacts['observed'],
        values: x.values,
        raw: x.raw,
        why: x.why,
      })),
    );
  }
  return out;
}

/** The unit's facts from an observation the engine has normalised (`n`): its vector, and which facts were answered with what evidence. */
export function scopeFrom(ed: CompiledEdition, observation: Observation, n: NormalisedObservation): ScopeFacts {
  const facts = observation.facts ?? {};
  const given = ed.facts.map((f) => Object.prototype.hasOwnProperty.call(facts, f.id));
  const evidence = ed.facts.map((f) => {
    const list =
      observation.evidence && Object.prototype.hasOwnProperty.call(observation.evidence, f.id)
        ? observation.evidence[f.id]
        : undefined;
    return list ? list.map((e) => ({ ...e })) : undefined;
  });
  return { vector: { values: n.values, raw: n.raw, why: n.why }, given, evidence };
}

/** A state of revision `revision` over `facts`, with its outcomes evaluated. */
export function stateOf(ed: CompiledEdition, revision: number, locale: Locale, facts: Recorded): State {
  const { unit, objects } = facts;
  if (!objects) {
    const outcomes = evaluateOutcomes(ed, unit.vector.values);
    return { revision, locale, unit, objects, outcomes, tally: verdictTally(ed, outcomes), pass: undefined };
  }
  return { revision, locale, unit, objects, ...withObjects(ed, unit, objects) };
}

/**
 * The state after a change to the facts (or, with `facts` the same, to the language): the next revision, its
 * outcomes evaluated only when the facts changed, and (without kinds) its tally counted only when an outcome
 * moved. With kinds the score can move while no clause's outcome does (one more lamp failing), so it is counted
 * on every change of the facts.
 */
export function nextState(ed: CompiledEdition, before: State, locale: Locale, facts: Recorded): State {
  const { unit, objects } = facts;
  const revision = before.revision + 1;
  if (unit === before.unit && objects === before.objects) return { ...before, revision, locale };
  if (objects) return { revision, locale, unit, objects, ...withObjects(ed, unit, objects) };
  const outcomes = evaluateOutcomes(ed, unit.vector.values);
  const moved = outcomes.some((o, i) => o !== before.outcomes[i]);
  return {
    revision,
    locale,
    unit,
    objects,
    outcomes,
    tally: moved ? verdictTally(ed, outcomes) : before.tally,
    pass: undefined,
  };
}

/**
 * Outcomes, tally and instance pass of an edition with kinds: the tally as the verdict counts it, a clause checked
 * per instance deducting per failing instance up to its cap (the engine's `scopedDeduction`).
 */
function withObjects(
  ed: CompiledEdition,
  unit: ScopeFacts,
  objects: Objects,
): Pick<State, 'outcomes' | 'tally' | 'pass'> {
  const run = runClauses(ed, { values: unit.vector.values, instances: objects });
  const out = run.out; // a buffer the next run reuses: read here, once
  const pass = run.pass!;
  const outcomes: Outcome[] = new Array(ed.clauses.length);
  const counted: Counted[] = new Array(ed.clauses.length);
  ed.clauses.forEach((c, i) => {
    const outcome = clauseOutcome(out[2 * i] as 0 | 1 | 2, out[2 * i + 1] as 0 | 1 | 2);
    outcomes[i] = outcome;
    let deduction = c.deduction;
    if (c.scope) {
      const pairs = pass.pairs.get(i);
      let failed = 0;
      let undecided = 0;
      for (let j = 0; pairs && j < pairs.length; j += 2) {
        const o = clauseOutcome(pairs[j] as 0 | 1 | 2, pairs[j + 1] as 0 | 1 | 2);
        if (o === 'fail') failed++;
        else if (o === 'indeterminate') undecided++;
      }
      deduction = scopedDeduction(c, outcome, failed, undecided, pairs !== undefined);
    }
    counted[i] = { outcome, counts: c.counts, deduction };
  });
  return { outcomes, tally: verdictOf(ed, tallyResults(ed, counted)), pass };
}

/**
 * The edition's fact `fact`, or `ChecklistError` E_UNKNOWN_FACT (in `locale`) listing the facts it has; for a
 * fact asked of each object of a kind, saying so.
 */
export function factOf(ed: CompiledEdition, fact: string, locale: Locale): CompiledFact {
  const f = typeof fact === 'string' ? ed.factById.get(fact) : undefined;
  const kind = f || typeof fact !== 'string' ? undefined : ed.kinds.find((k) => k.own.some((x) => x.id === fact));
  if (kind) {
    const label = kind.factById.get(fact)!.spec.label;
    throw new ChecklistError(
      'E_UNKNOWN_FACT',
      fill(MESSAGES.kindFact, { label, fact, kind: kind.spec.label }),
      locale,
      {
        fact,
        issues: [
          {
            code: 'E_UNKNOWN_FACT',
            path: `facts.${fact}`,
            message: `"${fact}" is a fact of each ${kind.id}, not of the unit`,
            allowed: ed.facts.map((x) => x.id),
          },
        ],
      },
    );
  }
  if (!f) {
    throw new ChecklistError(
      'E_UNKNOWN_FACT',
      fill(MESSAGES.unknownFact, { standard: ed.ref, fact: preview(fact).replace(/^"|"$/g, '') }),
      locale,
      {
        ...(typeof fact === 'string' ? { fact } : {}),
        issues: [
          {
            code: 'E_UNKNOWN_FACT',
            path: `facts.${String(fact)}`,
            message: `unknown fact "${String(fact)}" for ${ed.ref}`,
            allowed: ed.facts.map((x) => x.id),
          },
        ],
      },
    );
  }
  return f;
}

/**
 * The unit with fact `f` answered `value`, with `evidence` (when undefined, the evidence already attached
 * stays). Throws `ChecklistError` (E_VALUE, E_EVIDENCE) and changes nothing when the engine refuses it.
 */
export function answered(
  ed: CompiledEdition,
  s: State,
  f: CompiledFact,
  value: unknown,
  evidence: readonly EvidenceRef[] | undefined,
): Recorded {
  const fact = f.id;
  if (value === undefined) {
    throw new ChecklistError('E_VALUE', fill(MESSAGES.missingValue, { label: f.spec.label, fact }), s.locale, {
      fact,
      issues: [{ code: 'E_FACT_TYPE', path: `facts.${fact}`, message: 'no value given' }],
    });
  }
  const ev = evidence !== undefined ? evidence : s.unit.evidence[f.index];
  // The engine's own checks decide, on an observation of this one fact (with its evidence, so that a value
  // that needs evidence counts exactly as it would in the whole observation). The rest of the session's
  // answers were checked when they were given and are not checked again.
  let n;
  try {
    n = normaliseObservation(ed, {
      standard: ed.ref,
      facts: { [fact]: value },
      ...(ev !== undefined ? { evidence: { [fact]: ev } } : {}),
    });
  } catch (e) {
    if (e instanceof ObservationError) throw valueError(f, e.issues, s.locale);
    if (e instanceof InputError) throw inputError(f, e, s.locale);
    throw e;
  }
  const i = f.index;
  const slot: FactSlot = {
    value: n.values[i],
    raw: n.raw[i],
    why: n.why[i],
    given: true,
    evidence: ev === undefined ? undefined : ev.map((x) => ({ ...x })),
  };
  return { unit: withFact(s.unit, i, slot), objects: mirrored(s.objects, i, slot) };
}

/** The unit with fact `f`'s answer and evidence taken back. */
export function cleared(s: State, f: CompiledFact): Recorded {
  return { unit: withFact(s.unit, f.index, CLEARED), objects: mirrored(s.objects, f.index, CLEARED) };
}

/** Whether an issue's path is in an answer's evidence (`evidence.…` of the unit, `instances.k[3].evidence.…` of an object). */
const EVIDENCE_PATH = /^(?:instances\.[^.[]+\[\d+\]\.)?evidence(?:\.|$)/;

/**
 * Which object an answer the engine refused is about: its id, its name (the label messages give the item is
 * "name label"), where the value sits in the session's observation, and how a path of the one-object observation
 * it was checked on reads in the session's.
 */
export interface AnswerOf {
  readonly instance: string;
  readonly name: I18nText;
  readonly path: string;
  readonly place: (path: string) => string;
}

/** The item's label in messages: the fact's, after the object's name for an object's item. */
function labelOf(f: CompiledFact, object: AnswerOf | undefined): I18nText {
  const l = f.spec.label;
  return object ? { zh: `${object.name.zh} ${l.zh}`, en: `${object.name.en} ${l.en}` } : l;
}

/** A value or evidence nested too deeply, cyclic, or not JSON data (the engine's `InputError`); `object` as above. */
export function inputError(f: CompiledFact, e: InputError, locale: Locale, object?: AnswerOf): ChecklistError {
  const fact = f.id;
  const label = labelOf(f, object);
  const detail = `${e.code} ${e.reason}`;
  const at = e.path === undefined ? undefined : object ? object.place(e.path) : e.path;
  const issues: ObservationIssue[] = [
    { code: 'E_SHAPE', path: at ?? object?.path ?? `facts.${fact}`, message: detail },
  ];
  const about = { fact, issues, ...(object ? { instance: object.instance } : {}) };
  if (at !== undefined && EVIDENCE_PATH.test(at))
    return new ChecklistError('E_EVIDENCE', fill(MESSAGES.evidence, { label, detail, path: at }), locale, about);
  return new ChecklistError('E_VALUE', fill(MESSAGES.notData, { label, detail }), locale, about);
}

/** A value or evidence the engine refused (`issues`), in words saying what the item allows; `object` as above. */
export function valueError(
  f: CompiledFact,
  engine: readonly ObservationIssue[],
  locale: Locale,
  object?: AnswerOf,
): ChecklistError {
  const fact = f.id;
  const spec = f.spec;
  const issues = object ? engine.map((i) => ({ ...i, path: object.place(i.path) })) : engine;
  const issue = issues[0]!;
  const label = labelOf(f, object);
  const value = preview(issue.value);
  const about = { fact, issues, ...(object ? { instance: object.instance } : {}) };
  if (EVIDENCE_PATH.test(issue.path)) {
    return new ChecklistError(
      'E_EVIDENCE',
      fill(MESSAGES.evidence, { label, detail: issue.message, path: issue.path }),
      locale,
      about,
    );
  }
  const unit = spec.unit ? fill(WORDS.in, { unit: spec.unit }) : { zh: '', en: '' };
  let text: I18nText;
  if (issue.code === 'E_FACT_RANGE') {
    const min = spec.minimum !== undefined ? String(spec.minimum) : '-∞';
    const max = spec.maximum !== undefined ? String(spec.maximum) : '∞';
    const range = {
      zh: `${min}${WORDS.to.zh}${max}${spec.unit ? ` ${spec.unit}` : ''}`,
      en: `${min}${WORDS.to.en}${max}${spec.unit ? ` ${spec.unit}` : ''}`,
    };
    text = fill(MESSAGES.valueRange, { label, range, value });
  } else if (spec.type === 'list' || issue.code === 'E_FACT_CHOICE') {
    const choices = (spec.choices ?? []).map((c) => c.label);
    text = fill(spec.type === 'list' ? MESSAGES.valueList : MESSAGES.valueChoice, {
      label,
      value,
      choices: { zh: choices.map((c) => c.zh).join(WORDS.list.zh), en: choices.map((c) => c.en).join(WORDS.list.en) },
    });
  } else {
    const key = {
      boolean: 'valueBoolean',
      number: 'valueNumber',
      duration: 'valueNumber',
      integer: 'valueInteger',
      enum: 'valueChoice',
      date: 'valueDate',
      datetime: 'valueDateTime',
    } as const;
    text = fill(MESSAGES[key[spec.type]], { label, value, unit, choices: '' });
  }
  return new ChecklistError('E_VALUE', text, locale, about);
}
