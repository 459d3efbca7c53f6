/**
 * Explaining what a person hands in — a sealed verdict record or a plain verdict — as `daoze explain` does: it
 * tells the two apart, checks a record's own hash, looks up the edition the verdict names and re-renders the
 * messages in the asked language when the edition and the observation are at hand. Pure: the caller reads the file.
 */
import type { CompiledEdition } from '../compile/compile.js';
import { DaozeError, InputError } from '../errors.js';
import type { Observation } from '../evaluate/observation.js';
import { checkJsonValue } from '../input/depth.js';
import type { Locale } from '../model/edition.js';
import type { Verdict } from '../result/types.js';
import { explainVerdict, type Explanation } from './explain.js';
import { isRecordFormat, MAX_RECORD_DEPTH, recordHashOf, type AnyVerdictRecord, type Evaluator } from './record.js';
import type { VerdictV1 } from './record-v1.js';

/**
 * What explaining found besides the explanation, for the reader to be told (the CLI words each note):
 * - `record-intact`: a record whose hash matches its content;
 * - `record-altered`: a record whose hash does not match its content (it may have been changed);
 * - `plain-verdict`: a verdict, not a sealed record, so nothing can be checked;
 * - `edition-missing`: the edition with the verdict's content hash is not at hand, so fact ids and raw values are shown;
 * - `locale-kept`: the messages stay in the language the verdict was made in (they could not be re-rendered).
 */
export type ExplanationNote = 'record-intact' | 'record-altered' | 'plain-verdict' | 'edition-missing' | 'locale-kept';

/** The editions and the evaluation {@link explanationOf} needs; a `Registry` is one. */
export interface EditionLookup extends Evaluator {
  /** The edition `ref` (`id@version`) names; throws a `DaozeError` when there is none. */
  get(ref: string): CompiledEdition;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The explanation of a verdict record or a plain verdict, in `locale` when the edition and the observation are at
 * hand, with the notes a reader needs beside it. The edition is used only when its content hash is the verdict's.
 * Throws `InputError` (`E_VALUE`, named by `label`) for a value that is neither, and for a verdict that names no
 * edition; `InputError` (`E_DEPTH` and the like) for a value that is not plain, bounded JSON data.
 *
 * @example
 * ```ts
 * const { explanation, notes } = explanationOf(JSON.parse(recordText), loadRegistry(), 'en', 'record.json');
 * notes; // ['record-intact']
 * ```
 */
export function explanationOf(
  value: unknown,
  registry: EditionLookup,
  locale: Locale,
  label = '<record>',
): { explanation: Explanation; notes: ExplanationNote[] } {
  const notes: ExplanationNote[] = [];
  let verdict: Verdict | VerdictV1;
  let observation: Observation | undefined;
  // Plain, bounded JSON data before anything reads it (a record holding 1e400 reads as Infinity, which none holds).
  checkJsonValue(value, label, '', MAX_RECORD_DEPTH);
  // A record of any format this engine verifies; the verdict of a `/1` record is explained as it stands.
  if (isObject(value) && isRecordFormat(value.format)) {
    const rec = value as unknown as AnyVerdictRecord;
    if (!isObject(rec.verdict)) throw new InputError('E_VALUE', label, 'the record has no verdict');
    verdict = rec.verdict;
    observation = rec.observation;
    notes.push(rec.recordHash === recordHashOf(rec) ? 'record-intact' : 'record-altered');
  } else if (isObject(value) && isObject(value.standard) && Array.isArray(value.clauses)) {
    verdict = value as unknown as Verdict;
    notes.push('plain-verdict');
  } else {
    throw new InputError(
      'E_VALUE',
      label,
      'neither a verdict record nor a verdict (daoze check --record, or --format json)',
    );
  }
  if (!isObject(verdict.standard) || typeof verdict.standard.ref !== 'string') {
    throw new InputError(
      'E_VALUE',
      label,
      'the verdict names no standard edition (standard.ref must be "id@version")',
      { path: 'standard.ref' },
    );
  }
  let edition: CompiledEdition | undefined;
  try {
    const e = registry.get(verdict.standard.ref);
    if (e.hash === verdict.standard.hash) edition = e;
  } catch (e) {
    if (!(e instanceof DaozeError)) throw e;
  }
  if (!edition) notes.push('edition-missing');
  if (locale !== verdict.locale) {
    // Messages are rendered in one language when the verdict is made: re-render them from the same observation and edition.
    let again: Verdict | undefined;
    if (observation && edition) {
      try {
        again = registry.evaluate(observation, {
          locale,
          trace: true,
          ...(verdict.evaluatedAt ? { evaluatedAt: verdict.evaluatedAt } : {}),
        });
      } catch (e) {
        if (!(e instanceof DaozeError)) throw e;
      }
    }
    if (again && again.standard.hash === verdict.standard.hash && again.outcome === verdict.outcome) verdict = again;
    else notes.push('locale-kept');
  }
  return {
    explanation: explainVerdict(verdict, {
      ...(edition ? { edition } : {}),
      ...(observation ? { observation } : {}),
      locale,
    }),
    notes,
  };
}
