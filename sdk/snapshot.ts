/**
 * An inspection in progress as data: the answers as an observation, the saved form `toJSON` writes, and the
 * checks a saved form passes before `restore` resumes it (taken as it is or refused, never repaired).
 */
import {
  InputError,
  type CompiledEdition,
  type EvidenceRef,
  type I18nText,
  type InstanceObservation,
  type LoadedBundle,
  type Locale,
  type Observation,
  type Subject,
} from '../src/index.js';
import { checkJsonValue, parseJson, preview } from '../src/internal.js';
import { ChecklistError } from './errors.js';
import { fill, MESSAGES, WORDS } from './messages.js';
import type { State } from './state.js';
import type { ChecklistSnapshot } from './types.js';

/** What an observation records beside the facts: what is inspected, by whom and when. */
export type ObservationContext = Pick<Observation, 'subject' | 'observer' | 'observedAt'>;

/**
 * The answers of `s` as an observation the engine's `evaluate` accepts, with `instances` holding every kind
 * recorded (in the edition's kind order, each list in the order its objects were added); every object in it is
 * a copy.
 */
export function observationOf(ed: CompiledEdition, s: State, context: ObservationContext): Observation {
  const { given, evidence: attached } = s.unit;
  const { raw } = s.unit.vector;
  const facts: Record<string, unknown> = {};
  const evidence: Record<string, EvidenceRef[]> = {};
  for (const f of ed.facts) {
    if (given[f.index]) facts[f.id] = raw[f.index] === undefined ? null : raw[f.index];
    const ev = attached[f.index];
    if (ev) evidence[f.id] = ev.map((e) => ({ ...e }));
  }
  let instances: Record<string, InstanceObservation[]> | undefined;
  for (const [kind, list] of s.objects ?? []) {
    if (!list) continue;
    instances ??= {};
    // Plain JSON data the session holds and never changes: copied so that the caller may change the copy.
    instances[kind] = list.map((x) => JSON.parse(JSON.stringify(x.observed)) as InstanceObservation);
  }
  return {
    standard: ed.ref,
    ...(context.subject ? { subject: JSON.parse(JSON.stringify(context.subject)) as Subject } : {}),
    ...(context.observer ? { observer: { ...context.observer } } : {}),
    ...(context.observedAt ? { observedAt: context.observedAt } : {}),
    facts,
    ...(Object.keys(evidence).length ? { evidence } : {}),
    ...(instances ? { instances } : {}),
  };
}

/** The saved form of `s`, with `observation` its answers, pinned to the edition's id, version and content hash. */
export function snapshotOf(ed: CompiledEdition, s: State, observation: Observation): ChecklistSnapshot {
  return {
    format: 'daoze-checklist',
    formatVersion: 1,
    edition: { id: ed.id, version: ed.version, ref: ed.ref, hash: ed.hash },
    locale: s.locale,
    revision: s.revision,
    observation,
  };
}

/** A saved form that passed `readSnapshot`: its observation is a JSON object, not yet checked against an edition. */
export interface SavedInspection {
  edition: { id: string; version: string; ref: string; hash: string };
  locale: Locale;
  revision: number;
  observation: Observation;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const SNAPSHOT_KEYS: readonly string[] = ['format', 'formatVersion', 'edition', 'locale', 'revision', 'observation'];
const SNAPSHOT_EDITION_KEYS: readonly string[] = ['id', 'version', 'ref', 'hash'];

/**
 * Reads a saved form (the object, or its JSON text) and checks its shape, or throws `ChecklistError`
 * E_SNAPSHOT in `locale`: text that is not strict JSON, a value nested too deeply, an unknown field, a
 * revision that is not a whole number ≥ 0, a locale other than zh or en, an `edition.ref` that is not its id
 * and version.
 */
export function readSnapshot(snapshot: unknown, locale: Locale): SavedInspection {
  const refuse = (text: I18nText) => new ChecklistError('E_SNAPSHOT', text, locale);
  const bad = (detail: string) => refuse(fill(MESSAGES.snapshot, { detail }));
  let data: unknown = snapshot;
  try {
    if (typeof snapshot === 'string') data = parseJson(snapshot, 'snapshot');
    else checkJsonValue(snapshot, 'snapshot');
  } catch (e) {
    if (e instanceof InputError) throw refuse(fill(MESSAGES.snapshotData, { detail: `${e.code} ${e.message}` }));
    throw e;
  }
  if (!isObject(data) || data.format !== 'daoze-checklist')
    throw bad('not a saved Daoze checklist (format "daoze-checklist")');
  for (const k of Object.keys(data)) {
    if (!SNAPSHOT_KEYS.includes(k))
      throw refuse(fill(MESSAGES.snapshotField, { field: k, allowed: SNAPSHOT_KEYS.join(', ') }));
  }
  if (data.formatVersion !== 1) throw bad(`format version ${preview(data.formatVersion)} is not 1`);
  const e = data.edition;
  if (
    !isObject(e) ||
    typeof e.id !== 'string' ||
    typeof e.version !== 'string' ||
    typeof e.ref !== 'string' ||
    typeof e.hash !== 'string'
  ) {
    throw bad('edition must be { id, version, ref, hash }, each a string');
  }
  for (const k of Object.keys(e)) {
    if (!SNAPSHOT_EDITION_KEYS.includes(k))
      throw refuse(fill(MESSAGES.snapshotField, { field: `edition.${k}`, allowed: SNAPSHOT_EDITION_KEYS.join(', ') }));
  }
  const ref = `${e.id}@${e.version}`;
  if (e.ref !== ref) throw refuse(fill(MESSAGES.snapshotRef, { ref: preview(e.ref), expected: ref }));
  if (data.locale !== 'zh' && data.locale !== 'en')
    throw refuse(fill(MESSAGES.snapshotLocale, { value: preview(data.locale) }));
  const revision = data.revision;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0)
    throw refuse(fill(MESSAGES.snapshotRevision, { value: preview(revision) }));
  if (!isObject(data.observation)) throw bad('observation must be an object');
  return {
    edition: { id: e.id, version: e.version, ref, hash: e.hash },
    locale: data.locale,
    revision,
    observation: data.observation as unknown as Observation,
  };
}

/**
 * The edition a saved inspection was made under, from `lb`: exactly that id, version and content hash, else
 * `ChecklistError` E_EDITION_MISSING or E_EDITION_CHANGED in `locale` (never another edition). An observation
 * naming another standard is E_SNAPSHOT in `snapshotLocale`, as `readSnapshot` refuses.
 */
export function savedEdition(
  lb: LoadedBundle,
  saved: SavedInspection,
  locale: Locale,
  snapshotLocale: Locale,
): CompiledEdition {
  const { id, ref, hash } = saved.edition;
  const ed = lb.find(ref);
  if (!ed) {
    const versions = lb.editions.filter((x) => x.id === id).map((x) => x.version);
    throw new ChecklistError(
      'E_EDITION_MISSING',
      fill(MESSAGES.editionMissing, { ref, hash, available: versions.length ? versions.join(', ') : WORDS.none }),
      locale,
    );
  }
  if (ed.hash !== hash)
    throw new ChecklistError('E_EDITION_CHANGED', fill(MESSAGES.editionChanged, { ref, hash, found: ed.hash }), locale);
  if (saved.observation.standard !== ref) {
    throw new ChecklistError(
      'E_SNAPSHOT',
      fill(MESSAGES.snapshot, { detail: `observation.standard ${preview(saved.observation.standard)} is not ${ref}` }),
      snapshotLocale,
    );
  }
  return ed;
}
