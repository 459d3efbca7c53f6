/**
 * A checklist session's state: one immutable value per revision holding, for each scope (today the inspected
 * unit), the engine's fact vector and the answers behind it, with the clause outcomes and their tally; and the
 * changes that make the next state (an answer, a cleared answer, a language), each checked before it is made.
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
  normaliseObservation,
  preview,
  verdictTally,
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

/** One immutable state of a session; every change makes a new one (copy on write), so updates keep theirs. */
export interface State {
  readonly revision: number;
  readonly locale: Locale;
  /** The inspected unit's facts. */
  readonly unit: ScopeFacts;
  /** Each clause's outcome, by clause index. */
  readonly outcomes: readonly Outcome[];
  /** Counts and score of the outcomes. */
  readonly tally: Tally;
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

/** A state of revision `revision` over `unit`, with its outcomes evaluated. */
export function stateOf(ed: CompiledEdition, revision: number, locale: Locale, unit: ScopeFacts): State {
  const outcomes = evaluateOutcomes(ed, unit.vector.values);
  return { revision, locale, unit, outcomes, tally: verdictTally(ed, outcomes) };
}

/**
 * The state after a change to the facts (or, with `unit` the same, to the language): the next revision, its
 * outcomes evaluated only when the facts changed, and its tally counted only when an outcome moved.
 */
export function nextState(ed: CompiledEdition, before: State, locale: Locale, unit: ScopeFacts): State {
  const outcomes = unit === before.unit ? before.outcomes : evaluateOutcomes(ed, unit.vector.values);
  const moved = outcomes.some((o, i) => o !== before.outcomes[i]);
  return {
    revision: before.revision + 1,
    locale,
    unit,
    outcomes,
    tally: moved ? verdictTally(ed, outcomes) : before.tally,
  };
}

/** The edition's fact `fact`, or `ChecklistError` E_UNKNOWN_FACT (in `locale`) listing the facts it has. */
export function factOf(ed: CompiledEdition, fact: string, locale: Locale): CompiledFact {
  const f = typeof fact === 'string' ? ed.factById.get(fact) : undefined;
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
): ScopeFacts {
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
  return withFact(s.unit, i, {
    value: n.values[i],
    raw: n.raw[i],
    why: n.why[i],
    given: true,
    evidence: ev === undefined ? undefined : ev.map((x) => ({ ...x })),
  });
}

/** The unit with fact `f`'s answer and evidence taken back. */
export function cleared(s: State, f: CompiledFact): ScopeFacts {
  return withFact(s.unit, f.index, CLEARED);
}

/** A value or evidence nested too deeply, cyclic, or not JSON data (the engine's `InputError`). */
function inputError(f: CompiledFact, e: InputError, locale: Locale): ChecklistError {
  const fact = f.id;
  const label = f.spec.label;
  const detail = `${e.code} ${e.reason}`;
  const issues: ObservationIssue[] = [{ code: 'E_SHAPE', path: e.path ?? `facts.${fact}`, message: detail }];
  if (e.path?.startsWith('evidence'))
    return new ChecklistError('E_EVIDENCE', fill(MESSAGES.evidence, { label, detail, path: e.path }), locale, {
      fact,
      issues,
    });
  return new ChecklistError('E_VALUE', fill(MESSAGES.notData, { label, detail }), locale, { fact, issues });
}

/** A value or evidence the engine refused (`issues`), in words saying what the item allows. */
function valueError(f: CompiledFact, issues: readonly ObservationIssue[], locale: Locale): ChecklistError {
  const fact = f.id;
  const spec = f.spec;
  const issue = issues[0]!;
  const label = spec.label;
  const value = preview(issue.value);
  if (issue.path.startsWith('evidence')) {
    return new ChecklistError(
      'E_EVIDENCE',
      fill(MESSAGES.evidence, { label, detail: issue.message, path: issue.path }),
      locale,
      { fact, issues },
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
  } else if (issue.code === 'E_FACT_CHOICE') {
    const choices = (spec.choices ?? []).map((c) => c.label);
    text = fill(MESSAGES.valueChoice, {
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
  return new ChecklistError('E_VALUE', text, locale, { fact, issues });
}
