/**
 * The changes to a unit's objects (docs/units.md) that make a session's next state: an object added or removed,
 * a kind recorded as having none (or put back to not recorded), an object's fact answered or cleared. Each is
 * checked by the engine's own rules on an observation of that one change before it is made, and refused with a
 * `ChecklistError` that leaves the session as it was.
 */
import {
  InputError,
  ObservationError,
  type CompiledEdition,
  type CompiledFact,
  type EvidenceRef,
  type I18nText,
  type InstanceObservation,
  type Locale,
  type ObservationIssue,
} from '../src/index.js';
import { normaliseObservation, preview, type CompiledKind } from '../src/internal.js';
import { ChecklistError } from './errors.js';
import { fill, MESSAGES, WORDS } from './messages.js';
import {
  inputError,
  valueError,
  withSlot,
  type ObjectFacts,
  type Objects,
  type Recorded,
  type State,
} from './state.js';
import type { InstanceInput } from './types.js';

/** An object as messages name it: its label as given, else its kind's label and its id (as the verdict names it). */
export function objectName(x: ObjectFacts): I18nText {
  const { id, label } = x.observed;
  if (label !== undefined) return { zh: label, en: label };
  return { zh: `${x.kind.spec.label.zh} ${id}`, en: `${x.kind.spec.label.en} ${id}` };
}

/** The edition's kind `kind`, or `ChecklistError` E_UNKNOWN_KIND listing the kinds it has. */
export function kindOf(ed: CompiledEdition, kind: string, locale: Locale): CompiledKind {
  const k = typeof kind === 'string' ? ed.kindById.get(kind) : undefined;
  if (k) return k;
  throw new ChecklistError(
    'E_UNKNOWN_KIND',
    fill(MESSAGES.unknownKind, {
      standard: ed.ref,
      kind: preview(kind).replace(/^"|"$/g, ''),
      kinds: ed.kinds.length ? ed.kinds.map((x) => x.id).join(', ') : WORDS.none,
    }),
    locale,
    {
      issues: [
        {
          code: 'E_UNKNOWN_KIND',
          path: `instances.${String(kind)}`,
          message: `unknown kind "${String(kind)}" for ${ed.ref}`,
          allowed: ed.kinds.map((x) => x.id),
        },
      ],
    },
  );
}

/** Where an object is: its kind's list and its place in it. */
interface Found {
  readonly x: ObjectFacts;
  readonly list: readonly ObjectFacts[];
  readonly index: number;
}

/** The object `id`, or `ChecklistError` E_UNKNOWN_INSTANCE listing the ids recorded. */
export function objectOf(s: State, id: string, locale: Locale): Found {
  const ids: string[] = [];
  for (const list of s.objects?.values() ?? []) {
    if (!list) continue;
    const index = typeof id === 'string' ? list.findIndex((x) => x.observed.id === id) : -1;
    if (index >= 0) return { x: list[index]!, list, index };
    for (const x of list) ids.push(x.observed.id);
  }
  const shown = preview(id).replace(/^"|"$/g, '');
  throw new ChecklistError(
    'E_UNKNOWN_INSTANCE',
    fill(MESSAGES.unknownInstance, { id: shown, ids: ids.length ? ids.join(', ') : WORDS.none }),
    locale,
    typeof id === 'string' ? { instance: id } : {},
  );
}

/** The objects with kind `kind`'s list set (undefined: not recorded), the others shared. */
function withList(objects: Objects, kind: string, list: readonly ObjectFacts[] | undefined): Objects {
  const out = new Map(objects);
  out.set(kind, list);
  return out;
}

/** The list with its object at `index` replaced by `x`. */
function replaced(list: readonly ObjectFacts[], index: number, x: ObjectFacts): ObjectFacts[] {
  const copy = list.slice();
  copy[index] = x;
  return copy;
}

/** A path of the one-object observation a change is checked on (`instances.k[0]…`) as the object's place in the session's. */
function placeOf(kind: string, index: number): (path: string) => string {
  const from = `instances.${kind}[0]`;
  return (path) => (path.startsWith(from) ? `instances.${kind}[${index}]${path.slice(from.length)}` : path);
}

/**
 * The state's facts with an object of kind `kind` added at the end of its list. Throws `ChecklistError`
 * E_UNKNOWN_KIND, or E_INSTANCE for an input the engine refuses, an id already taken or answers given with it.
 */
export function added(ed: CompiledEdition, s: State, kind: string, input: InstanceInput): Recorded {
  const k = kindOf(ed, kind, s.locale);
  const objects = s.objects!;
  const list = objects.get(k.id) ?? [];
  const refuse = (text: I18nText, issues: readonly ObservationIssue[] = []) =>
    new ChecklistError('E_INSTANCE', text, s.locale, {
      issues,
      ...(typeof input?.id === 'string' ? { instance: input.id } : {}),
    });
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw refuse(fill(MESSAGES.instance, { detail: `${preview(input)} is not an object { id, label?, part?, … }` }));
  for (const field of ['facts', 'evidence'])
    if (Object.prototype.hasOwnProperty.call(input, field))
      throw refuse(fill(MESSAGES.instanceFacts, { id: String(input.id), field }));
  // The engine's checks decide (id, part of this kind, location and its coordinate system, responsible party), on
  // an observation of this one object; the session's other objects were checked when they were added.
  let n;
  try {
    n = normaliseObservation(ed, { standard: ed.ref, facts: {}, instances: { [k.id]: [{ ...input, facts: {} }] } });
  } catch (e) {
    if (e instanceof ObservationError) {
      const place = placeOf(k.id, list.length);
      const issues = e.issues.map((i) => ({ ...i, path: place(i.path) }));
      throw refuse(
        fill(MESSAGES.instance, { detail: issues.map((i) => `${i.path}: ${i.message}`).join('; ') }),
        issues,
      );
    }
    if (e instanceof InputError) throw refuse(fill(MESSAGES.instance, { detail: `${e.code} ${e.reason}` }));
    throw e;
  }
  for (const other of objects.values()) {
    const taken = other?.find((x) => x.observed.id === input.id);
    if (taken) throw refuse(fill(MESSAGES.duplicateInstance, { id: input.id, instance: objectName(taken) }));
  }
  const read = n.instances!.get(k.id)![0]!;
  // Copied (it was checked as plain JSON above), so that the caller changing its object later cannot change the record.
  const meta = JSON.parse(JSON.stringify(input)) as InstanceInput;
  const observed: InstanceObservation = { ...meta, facts: {} };
  // The unit's facts as the session has them, then the kind's own, all unanswered.
  const m = ed.facts.length;
  const unit = s.unit.vector;
  const x: ObjectFacts = {
    kind: k,
    observed,
    values: [...unit.values.slice(0, m), ...read.values.slice(m)],
    raw: [...unit.raw.slice(0, m), ...read.raw.slice(m)],
    why: [...unit.why.slice(0, m), ...read.why.slice(m)],
  };
  return { unit: s.unit, objects: withList(objects, k.id, [...list, x]) };
}

/** The state's facts without object `id` (the last of its kind removed: the kind is not recorded again). */
export function removed(s: State, id: string): Recorded {
  const { x, list, index } = objectOf(s, id, s.locale);
  const rest = list.filter((_, j) => j !== index);
  return { unit: s.unit, objects: withList(s.objects!, x.kind.id, rest.length ? rest : undefined) };
}

/**
 * The state's facts with kind `kind` recorded as `none` (the unit has none: `[]`) or not recorded (undefined).
 * A kind that has objects is refused (E_INSTANCE): the objects are removed one by one, never all at once by this.
 */
export function listed(ed: CompiledEdition, s: State, kind: string, none: boolean): Recorded {
  const k = kindOf(ed, kind, s.locale);
  const list = s.objects!.get(k.id);
  if (list?.length) {
    const labels = list.slice(0, 5).map(objectName);
    throw new ChecklistError(
      'E_INSTANCE',
      fill(MESSAGES.kindNotEmpty, {
        n: String(list.length),
        kind: k.spec.label,
        action: none ? WORDS.recordNone : WORDS.clearKind,
        labels: {
          zh: labels.map((l) => l.zh).join(WORDS.list.zh) + (list.length > 5 ? '…' : ''),
          en: labels.map((l) => l.en).join(WORDS.list.en) + (list.length > 5 ? '…' : ''),
        },
      }),
      s.locale,
    );
  }
  // Already so: the same objects, so the change evaluates nothing.
  if ((list !== undefined) === none) return { unit: s.unit, objects: s.objects };
  return { unit: s.unit, objects: withList(s.objects!, k.id, none ? [] : undefined) };
}

/** The object's fact `fact` (one of its kind's own), or `ChecklistError` E_UNKNOWN_FACT listing them. */
export function objectFactOf(ed: CompiledEdition, x: ObjectFacts, fact: string, locale: Locale): CompiledFact {
  const f = typeof fact === 'string' ? x.kind.factById.get(fact) : undefined;
  if (f && f.index >= ed.facts.length) return f;
  const own = x.kind.own.map((o) => o.id);
  const shown = preview(fact).replace(/^"|"$/g, '');
  throw new ChecklistError(
    'E_UNKNOWN_FACT',
    fill(MESSAGES.unknownInstanceFact, {
      instance: objectName(x),
      fact: shown,
      kind: x.kind.spec.label,
      facts: own.join(', '),
    }),
    locale,
    {
      ...(typeof fact === 'string' ? { fact } : {}),
      instance: x.observed.id,
      issues: [
        {
          code: 'E_UNKNOWN_FACT',
          path: `instances.${x.kind.id}.facts.${String(fact)}`,
          message: `unknown fact "${String(fact)}" for ${x.kind.ref}`,
          allowed: own,
        },
      ],
    },
  );
}

/**
 * The state's facts with object `id`'s fact `fact` answered `value`, with `evidence` (when undefined, the
 * evidence already attached stays). Throws `ChecklistError` (E_UNKNOWN_INSTANCE, E_UNKNOWN_FACT, E_VALUE,
 * E_EVIDENCE) and changes nothing when the engine refuses it.
 */
export function objectAnswered(
  ed: CompiledEdition,
  s: State,
  id: string,
  fact: string,
  value: unknown,
  evidence: readonly EvidenceRef[] | undefined,
): Recorded {
  const { x, list, index } = objectOf(s, id, s.locale);
  const f = objectFactOf(ed, x, fact, s.locale);
  const kind = x.kind.id;
  const o = x.observed;
  if (value === undefined) {
    throw new ChecklistError(
      'E_VALUE',
      fill(MESSAGES.missingInstanceValue, { label: f.spec.label, fact, id, instance: objectName(x) }),
      s.locale,
      {
        fact,
        instance: id,
        issues: [{ code: 'E_FACT_TYPE', path: `instances.${kind}[${index}].facts.${fact}`, message: 'no value given' }],
      },
    );
  }
  const ev =
    evidence !== undefined
      ? evidence
      : o.evidence && Object.prototype.hasOwnProperty.call(o.evidence, fact)
        ? o.evidence[fact]
        : undefined;
  let n;
  try {
    n = normaliseObservation(ed, {
      standard: ed.ref,
      facts: {},
      instances: {
        [kind]: [{ id, facts: { [fact]: value }, ...(ev !== undefined ? { evidence: { [fact]: ev } } : {}) }],
      },
    });
  } catch (e) {
    const about = {
      instance: id,
      name: objectName(x),
      path: `instances.${kind}[${index}].facts.${fact}`,
      place: placeOf(kind, index),
    };
    if (e instanceof ObservationError) throw valueError(f, e.issues, s.locale, about);
    if (e instanceof InputError) throw inputError(f, e, s.locale, about);
    throw e;
  }
  const read = n.instances!.get(kind)![0]!;
  const i = f.index;
  const evidenceOf = { ...o.evidence };
  if (ev !== undefined) evidenceOf[fact] = ev.map((e) => ({ ...e }));
  const observed: InstanceObservation = {
    ...o,
    facts: { ...o.facts, [fact]: value },
    ...(Object.keys(evidenceOf).length ? { evidence: evidenceOf } : {}),
  };
  const next = withSlot(x, i, read.values[i], read.raw[i], read.why[i], observed);
  return { unit: s.unit, objects: withList(s.objects!, kind, replaced(list, index, next)) };
}

/** The state's facts with object `id`'s fact `fact` and its evidence taken back. */
export function objectCleared(ed: CompiledEdition, s: State, id: string, fact: string): Recorded {
  const { x, list, index } = objectOf(s, id, s.locale);
  const f = objectFactOf(ed, x, fact, s.locale);
  const { [fact]: _value, ...facts } = x.observed.facts;
  const { [fact]: _evidence, ...evidence } = x.observed.evidence ?? {};
  const { evidence: _all, ...rest } = x.observed;
  const observed: InstanceObservation = {
    ...rest,
    facts,
    ...(Object.keys(evidence).length ? { evidence } : {}),
  };
  const next = withSlot(x, f.index, undefined, undefined, 'absent', observed);
  return { unit: s.unit, objects: withList(s.objects!, x.kind.id, replaced(list, index, next)) };
}
