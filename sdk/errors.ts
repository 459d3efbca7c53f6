/** The SDK's typed error: a stable code, the problem in both languages, and the engine's issues behind it. */
import { DaozeError, type BundleIssue, type I18nText, type Locale, type ObservationIssue } from '../src/index.js';

/** What went wrong, as a stable code an app can branch on. */
export type ChecklistErrorCode =
  /** The fact is not an item of this checklist. */
  | 'E_UNKNOWN_FACT'
  /** The value does not fit the item (type, range, choices). */
  | 'E_VALUE'
  /** An evidence reference is malformed. */
  | 'E_EVIDENCE'
  /** The standard asked for is not in the bundle. */
  | 'E_NOT_FOUND'
  /** A saved inspection's edition (id and version) is not in the bundle. */
  | 'E_EDITION_MISSING'
  /** A saved inspection's edition is in the bundle with different content. */
  | 'E_EDITION_CHANGED'
  /** A saved inspection is malformed. */
  | 'E_SNAPSHOT'
  /** The bundle is malformed or was changed after it was built. */
  | 'E_BUNDLE'
  /** The bundle is unsigned, signed by an untrusted key, or its signature does not verify (`keyId` names the key). */
  | 'E_SIGNATURE'
  /** The options given to createChecklist are malformed. */
  | 'E_OPTIONS'
  /** The kind of object is not one of the edition's (`addInstance`, `recordNone`, `clearKind`). */
  | 'E_UNKNOWN_KIND'
  /** No object of the inspection has this id (`answerInstance`, `clearInstance`, `removeInstance`, `instance`). */
  | 'E_UNKNOWN_INSTANCE'
  /**
   * An object cannot be recorded as given: malformed (a part its kind does not stand in, a location without its
   * coordinate system, …), an id already taken, answers passed to `addInstance`, or `recordNone` / `clearKind`
   * on a kind that has objects.
   */
  | 'E_INSTANCE';

/**
 * Every error the SDK throws on purpose. A failed `answer` or `clear` leaves the session exactly as it was.
 *
 * @example
 * ```ts
 * try { checklist.answer('ammonia-mg-m3', 5000); }
 * catch (e) { if (e instanceof ChecklistError && e.code === 'E_VALUE') showError(e.fact, e.text[locale]); }
 * ```
 */
export class ChecklistError extends DaozeError {
  declare readonly code: ChecklistErrorCode;
  /** The message in both languages; `message` is the one in the session's language. */
  readonly text: I18nText;
  /** The fact the error is about, if any. */
  readonly fact?: string;
  /** The object the error is about (its id), if any. */
  readonly instance?: string;
  /** The engine's issues behind the error (with paths and allowed values), if any. */
  readonly issues: readonly (ObservationIssue | BundleIssue)[];
  /** For E_SIGNATURE: the key id the bundle names, when it names one. */
  readonly keyId?: string;
  constructor(
    code: ChecklistErrorCode,
    text: I18nText,
    locale: Locale,
    extra: {
      fact?: string;
      instance?: string;
      issues?: readonly (ObservationIssue | BundleIssue)[];
      keyId?: string;
    } = {},
  ) {
    super(code, text[locale]);
    this.name = 'ChecklistError';
    this.text = text;
    if (extra.fact !== undefined) this.fact = extra.fact;
    if (extra.instance !== undefined) this.instance = extra.instance;
    if (extra.keyId !== undefined) this.keyId = extra.keyId;
    this.issues = extra.issues ?? [];
  }
}
