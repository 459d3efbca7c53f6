/**
 * The flow of `daoze check` for one observation: the verdict to show, and, when asked, the verdict sealed into a
 * record and signed. Pure: the caller reads the observation and the key, supplies the evaluation time and writes
 * the record.
 */
import type { EvaluateOptions } from '../evaluate/evaluate.js';
import type { Locale } from '../model/edition.js';
import type { Verdict } from '../result/types.js';
import type { PrivateKey } from '../sign/index.js';
import { recordVerdict, type VerdictRecord } from './record.js';
import { signRecord } from './sign.js';

/** Anything that evaluates observations under a named profile; a `Registry` is one. */
export interface ProfileEvaluator {
  evaluate(observation: unknown, options?: EvaluateOptions & { profile?: string }): Verdict;
}

/** Options of {@link checkObservation}. */
export interface CheckObservationOptions {
  /** Language of the messages. */
  locale: Locale;
  /** Record the condition traces in the verdict shown (default true); a record always has them. */
  trace?: boolean;
  /** The city profile (`id@version`) to evaluate under. */
  profile?: string;
  /** When the evaluation is made (RFC 3339 with time zone); a record needs it. */
  evaluatedAt?: string;
  /** Seal the verdict into a record (needs `evaluatedAt`). */
  record?: boolean;
  /** Sign the record with this key (with `record`). */
  sign?: PrivateKey;
}

/** What {@link checkObservation} made: the verdict, and the record when one was asked for. */
export interface CheckedObservation {
  verdict: Verdict;
  /** The sealed record (a `SignedRecord` when `sign` was given). */
  record?: VerdictRecord;
}

/**
 * Evaluates one observation as `daoze check` does: with `record`, first seals the verdict into a record whose
 * observation names the profile (so that the record replays on its own), then evaluates for the verdict shown,
 * and signs the record last, only once both succeeded. Throws what evaluation throws (`ObservationError`,
 * `NotFoundError`) and `RecordError` for a record without a valid `evaluatedAt`.
 *
 * @example
 * ```ts
 * const { verdict, record } = checkObservation(loadRegistry(), observation, { locale: 'en', evaluatedAt: '2026-11-20T10:00:00+08:00', record: true });
 * verifyRecord(record, loadRegistry()).ok; // true
 * ```
 */
export function checkObservation(
  evaluator: ProfileEvaluator,
  observation: unknown,
  options: CheckObservationOptions,
): CheckedObservation {
  const { locale, profile, evaluatedAt } = options;
  let record: VerdictRecord | undefined;
  if (options.record) {
    // The record carries the profile in its observation: `verifyRecord` and `replay` re-evaluate the observation alone.
    const recorded =
      profile && observation && typeof observation === 'object' ? { ...observation, profile } : observation;
    record = recordVerdict(evaluator, recorded, { evaluatedAt: evaluatedAt as string, locale });
  }
  const verdict = evaluator.evaluate(observation, {
    locale,
    trace: options.trace ?? true,
    ...(profile ? { profile } : {}),
    ...(evaluatedAt ? { evaluatedAt } : {}),
  });
  if (record && options.sign) record = signRecord(record, options.sign);
  return { verdict, ...(record ? { record } : {}) };
}
