/**
 * The checklist SDK's two ways in: `createChecklist` starts a session over an edition of a bundle, and
 * `restore` resumes one saved with `toJSON`, pinned to the exact edition it was made under.
 */
import { InputError, ObservationError, type CompiledEdition, type Locale, type Observation } from '../src/index.js';
import { normaliseObservation, preview } from '../src/internal.js';
import { loadBundle } from './bundle.js';
import { ChecklistError } from './errors.js';
import { fill, MESSAGES, WORDS } from './messages.js';
import { Session } from './session.js';
import { readSnapshot, savedEdition } from './snapshot.js';
import { objectsFrom, scopeFrom } from './state.js';
import type { BundleInput, Checklist, ChecklistOptions, ChecklistSnapshot } from './types.js';

/** The locale an option names (zh when none), or `ChecklistError` E_OPTIONS. */
function checkLocale(locale: unknown): Locale {
  if (locale === undefined) return 'zh';
  if (locale === 'zh' || locale === 'en') return locale;
  throw new ChecklistError(
    'E_OPTIONS',
    fill(MESSAGES.options, { detail: `locale ${preview(locale)} (zh | en)` }),
    'zh',
  );
}

/** Builds a session from an observation the engine has checked. */
function sessionFrom(
  ed: CompiledEdition,
  observation: Observation,
  locale: Locale,
  revision: number,
  options: ChecklistOptions,
  code: 'E_OPTIONS' | 'E_SNAPSHOT',
): Session {
  let n;
  try {
    n = normaliseObservation(ed, observation);
  } catch (e) {
    const message = code === 'E_OPTIONS' ? MESSAGES.options : MESSAGES.snapshot;
    if (e instanceof ObservationError)
      throw new ChecklistError(code, fill(message, { detail: e.message }), locale, { issues: e.issues });
    if (e instanceof InputError)
      throw new ChecklistError(code, fill(message, { detail: `${e.code} ${e.reason}` }), locale);
    throw e;
  }
  // Copied (they were checked as plain JSON above), so that the caller changing its objects later cannot change the record.
  const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  const context = {
    ...(observation.subject ? { subject: copy(observation.subject) } : {}),
    ...(observation.observer ? { observer: copy(observation.observer) } : {}),
    ...(observation.observedAt ? { observedAt: observation.observedAt } : {}),
  };
  const facts = { unit: scopeFrom(ed, observation, n), objects: objectsFrom(ed, n) };
  return new Session(ed, revision, locale, facts, context, options.trace ?? false);
}

/**
 * Starts a checklist for a standard in a bundle. `standardRef` is `id@version`, or a bare `id`: the published
 * edition in force on the day of `options.observedAt` when it is given, else the highest published edition in
 * the bundle. The session is pinned to that exact edition from then on.
 *
 * @example
 * ```ts
 * import { createChecklist } from 'daoze/sdk';
 * const checklist = createChecklist(bundle, 'si-jing-san-wu-liang-tong-yi-ming', { locale: 'zh', trust: [publicKey] });
 * checklist.answer('flush-type', 'water-flush');
 * const update = checklist.answer('water-supply-ok', false);
 * update.changes;          // [{ clause: 'water-flowing', from: 'indeterminate', to: 'fail', … }]
 * update.verdict.outcome;  // 'fail'
 * ```
 */
export function createChecklist(bundle: BundleInput, standardRef: string, options: ChecklistOptions = {}): Checklist {
  const locale = checkLocale(options.locale);
  const lb = loadBundle(bundle, locale, options.trust);
  const ed = typeof standardRef === 'string' ? lb.find(standardRef, options.observedAt) : undefined;
  if (!ed) {
    const day =
      typeof standardRef === 'string' && !standardRef.includes('@') && typeof options.observedAt === 'string'
        ? options.observedAt.slice(0, 10)
        : undefined;
    throw new ChecklistError(
      'E_NOT_FOUND',
      fill(day ? MESSAGES.notInForce : MESSAGES.notFound, {
        ref: preview(standardRef).replace(/^"|"$/g, ''),
        day: day ?? '',
        available: lb.editions.map((e) => e.ref).join(', ') || WORDS.none[locale],
      }),
      locale,
    );
  }
  const observation: Observation = {
    standard: ed.ref,
    facts: {},
    ...(options.subject !== undefined ? { subject: options.subject } : {}),
    ...(options.observer !== undefined ? { observer: options.observer } : {}),
    ...(options.observedAt !== undefined ? { observedAt: options.observedAt } : {}),
  };
  return sessionFrom(ed, observation, locale, 0, options, 'E_OPTIONS');
}

/**
 * Restores an inspection saved with `toJSON` (the object, or its JSON text). It resumes under exactly the
 * edition it was made under: if the bundle has no edition of that id and version, or has it with different
 * content, this throws `ChecklistError` (E_EDITION_MISSING, E_EDITION_CHANGED) saying so, and never moves
 * the answers onto another edition.
 *
 * A saved inspection is taken as it is or refused, never quietly repaired: text that is not strict JSON (a
 * key given twice is refused with both positions), a value nested too deeply, an unknown field, a revision
 * that is not a whole number ≥ 0, a locale other than zh or en, or an `edition.ref` that is not its id and
 * version is `ChecklistError` E_SNAPSHOT, in both languages.
 */
export function restore(
  bundle: BundleInput,
  snapshot: ChecklistSnapshot | string | unknown,
  options: ChecklistOptions = {},
): Checklist {
  const fallback = checkLocale(options.locale);
  const saved = readSnapshot(snapshot, fallback);
  // The caller's locale, when given, overrides the saved one (a user switching language on another device).
  const locale = options.locale !== undefined ? fallback : saved.locale;
  const ed = savedEdition(loadBundle(bundle, locale, options.trust), saved, locale, fallback);
  return sessionFrom(ed, saved.observation, locale, saved.revision, options, 'E_SNAPSHOT');
}
