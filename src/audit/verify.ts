/**
 * Verifying a verdict record: is it intact (its own hash still matches its content), and does it reproduce
 * (re-evaluating its observation under the same edition gives the same verdict)? When it does not, the report
 * names the fields that differ.
 *
 * How a field is named: every input (the observation's fields, one fact at a time, `evaluatedAt`, `locale`) has
 * its own hash in `inputHashes`, so an altered input is named directly. Everything else in a record is derived
 * from the inputs, so it is rebuilt and compared path by path; an altered output differs from its rebuilt value
 * exactly where it was altered.
 *
 * What it cannot see: someone who alters an observation and then re-seals the record with Daoze produces a
 * consistent record. Keep the original observation (or the record hash) elsewhere and pass it as
 * `options.observation`: verification then rebuilds from it and names what differs.
 */
import { ENGINE_VERSION } from '../version.js';
import { DaozeError, InputError, preview } from '../errors.js';
import { hashJson } from '../hash/index.js';
import { checkJsonValue } from '../input/depth.js';
import { formatJsonPath, jsonDifferences, valueAt, type JsonPath } from './json-diff.js';
import { checkRecordSignature, type RecordSignatureCheck } from './sign.js';
import type { PublicKey } from '../sign/index.js';
import {
  inputHashesOf,
  isRecordFormat,
  MAX_RECORD_DEPTH,
  RECORD_FORMAT,
  RECORD_FORMATS,
  recordHashOf,
  recordIn,
  type AnyVerdictRecord,
  type Evaluator,
  type RecordFormat,
  type VerdictRecord,
} from './record.js';

/** One field of a record that is not what it should be. */
export interface RecordDifference {
  /** Path in the record, as segments. */
  path: JsonPath;
  /** The same path as text: `verdict.clauses[6].message`. */
  field: string;
  /** The value in the record (absent when the record lacks the field). */
  recorded?: unknown;
  /** The value re-evaluation gives, or for an input the value in the trusted observation (absent when there is none). */
  expected?: unknown;
  /**
   * `input`: an input field no longer matches its recorded hash (or the trusted observation);
   * `output`: a derived field differs from its rebuilt value; `seal`: the record hash, or an entry of
   * `inputHashes` that no longer matches an input the rest of the record agrees with (`inputHashes["observation.facts.x"]`).
   */
  kind: 'input' | 'output' | 'seal';
  /** For an input: the path of its hash in `inputHashes`. */
  hashField?: string;
}

/** The outcome of verifying one record. */
export interface VerifyReport {
  /** Intact, reproduces, and (when given) matches the trusted observation. */
  ok: boolean;
  /** The record hash matches the record's content: nothing was changed since it was sealed. */
  intact: boolean;
  /** Re-evaluation gives the same record; undefined when it could not be re-evaluated (see `problems`). */
  reproduces?: boolean;
  /** Whether the record's observation equals the trusted one; undefined when none was given. */
  observationMatches?: boolean;
  recordHash: { recorded: unknown; computed: string };
  edition: { ref: unknown; recorded: unknown; current?: string };
  engine: { recorded: unknown; current: string };
  /** The fields that were changed: altered inputs first; otherwise the outputs that differ. */
  altered: RecordDifference[];
  /** Every field that differs from what re-evaluation gives (altered fields and their consequences). */
  differences: RecordDifference[];
  /** Why the record could not be read or re-evaluated, or what else an auditor should know. */
  problems: string[];
  /** The record's signature; with `options.trust`, `ok` requires `status: 'verified'`. */
  signature: RecordSignatureCheck;
}

/** Options of {@link verifyRecord}. */
export interface VerifyOptions {
  /** The original observation, kept outside the record (the app's store): rebuild from it instead of the record's copy. */
  observation?: unknown;
  /** Trusted public keys: the record must be signed by one of them over its current content (src/audit/sign.ts). */
  trust?: readonly (PublicKey | string)[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const diff = (
  path: JsonPath,
  kind: RecordDifference['kind'],
  recorded: unknown,
  expected: unknown,
  extra: Partial<RecordDifference> = {},
): RecordDifference => ({
  path,
  field: formatJsonPath(path),
  ...(recorded !== undefined ? { recorded } : {}),
  ...(expected !== undefined ? { expected } : {}),
  kind,
  ...extra,
});

/**
 * The path of an input-hash key: `observation.facts.x` → ['observation', 'facts', 'x'];
 * `observation.instances.street-lamp[3].facts.x` → ['observation', 'instances', 'street-lamp', 3, 'facts', 'x'].
 * Ids (facts, kinds) are kebab-case: they never contain dots or brackets.
 */
function inputPath(key: string): JsonPath {
  const [head, sub, ...rest] = key.split('.');
  if (sub === undefined) return [head!];
  if (sub === 'instances' && rest.length) {
    const m = /^(.+)\[(\d+)\]$/.exec(rest[0]!);
    return m ? [head!, sub, m[1]!, Number(m[2]), ...rest.slice(1)] : [head!, sub, ...rest];
  }
  return rest.length ? [head!, sub, rest.join('.')] : [head!, sub];
}

/** Whether path `a` is `b` or one of its ancestors. */
export function isPrefix(a: JsonPath, b: JsonPath): boolean {
  return a.length <= b.length && a.every((seg, i) => seg === b[i]);
}

/** Checks the record's shape before anything else reads it; returns each bad field with why. */
function shapeProblems(r: Record<string, unknown>): { field: string; message: string }[] {
  const p: { field: string; message: string }[] = [];
  const bad = (field: string, message: string) => p.push({ field, message: `${field}: ${message}` });
  if (!isRecordFormat(r.format))
    bad(
      'format',
      `${JSON.stringify(r.format)} is not a Daoze verdict record format (this engine reads ${RECORD_FORMATS.map((f) => `"${f}"`).join(', ')})`,
    );
  if (!isObject(r.observation)) bad('observation', 'missing or not an object; the record cannot be replayed');
  if (!isObject(r.verdict)) bad('verdict', 'missing or not an object');
  if (!isObject(r.inputHashes)) bad('inputHashes', 'missing or not an object');
  if (typeof r.evaluatedAt !== 'string') bad('evaluatedAt', 'missing or not a string');
  if (r.locale !== 'zh' && r.locale !== 'en') bad('locale', `must be "zh" or "en", got ${JSON.stringify(r.locale)}`);
  if (typeof r.recordHash !== 'string') bad('recordHash', 'missing or not a string');
  return p;
}

/**
 * Verifies a verdict record against the editions an evaluator holds (normally the registry of the published
 * standards). A record in any format of `RECORD_FORMATS` is rebuilt in the format it names and compared with
 * that rebuild, so a `/1` record made before the current format keeps verifying and a record relabelled with
 * another format does not. Never throws, whatever `record` is (not an object, 10⁵ levels deep, holding a cycle, a BigInt,
 * NaN or Infinity, members missing or of the wrong type): every problem is in the report, with `ok` false.
 *
 * @example
 * ```ts
 * const report = verifyRecord(parseJson(text, 'rec.json'), loadRegistry());
 * if (!report.ok) for (const d of report.altered) console.log(d.field, d.recorded, d.expected);
 * ```
 */
export function verifyRecord(record: unknown, evaluator: Evaluator, options: VerifyOptions = {}): VerifyReport {
  const report: VerifyReport = {
    ok: false,
    intact: false,
    recordHash: { recorded: undefined, computed: '' },
    edition: { ref: undefined, recorded: undefined },
    engine: { recorded: undefined, current: ENGINE_VERSION },
    altered: [],
    differences: [],
    problems: [],
    signature: { status: 'unsigned', message: 'not signed' },
  };
  try {
    verifyInto(report, record, evaluator, options);
  } catch (e) {
    // The checks below leave nothing to throw on bad data; should an evaluator or a bug throw anyway, the
    // record is still reported as not verified, never as verified (the tests hold this line unreached).
    report.ok = false;
    report.problems.push(`${INTERNAL} ${e instanceof Error ? e.message : preview(e)}`);
  }
  return report;
}

/** A recorded value in a sentence: a string as it is, anything else previewed (never recursing deeply). */
const shown = (v: unknown): string => (typeof v === 'string' ? v : preview(v));

/** How a problem that is not the record's fault starts (an evaluator that threw, a bug). */
export const INTERNAL = 'internal error while verifying:';

/** Why a value cannot be read as JSON data, or undefined when it can (bounded depth, no cycles, finite numbers). */
function notJsonData(value: unknown, label: string): string | undefined {
  try {
    checkJsonValue(value, label, '', MAX_RECORD_DEPTH);
    return undefined;
  } catch (e) {
    return e instanceof InputError
      ? `${e.code} ${e.reason}`
      : `${label}: cannot be read (${e instanceof Error ? e.message : 'unreadable'})`;
  }
}

function verifyInto(report: VerifyReport, record: unknown, evaluator: Evaluator, options: VerifyOptions): void {
  if (!isObject(record)) {
    report.problems.push('not a verdict record: a record is a JSON object');
    return;
  }
  // Before anything recurses into it (hashing, comparing): bounded plain JSON, as a record file holds.
  const unreadable = notJsonData(record, 'record');
  if (unreadable) {
    report.problems.push(`not a verdict record: ${unreadable}`);
    return;
  }
  report.signature = checkRecordSignature(record, options.trust);
  const signatureOk = options.trust === undefined || report.signature.status === 'verified';
  // The signature is not part of what is rebuilt and compared: it is checked above, over the record hash.
  const { signature: _signature, ...unsigned } = record;
  const r = unsigned as Partial<AnyVerdictRecord> & Record<string, unknown>;
  report.recordHash = { recorded: r.recordHash, computed: recordHashOf(r) };
  report.intact = r.recordHash === report.recordHash.computed;
  report.edition = { ref: valueAt(r, ['edition', 'ref']), recorded: valueAt(r, ['edition', 'hash']) };
  report.engine.recorded = valueAt(r, ['engine', 'version']);
  const shape = shapeProblems(r);
  if (shape.length) {
    report.problems.push(...shape.map((x) => x.message));
    report.altered = shape.map((x) =>
      diff([x.field], 'output', r[x.field], x.field === 'format' ? RECORD_FORMAT : undefined),
    );
    return;
  }
  if (options.observation !== undefined) {
    const bad = notJsonData(options.observation, 'trusted observation');
    if (bad) {
      report.problems.push(`cannot compare with the trusted observation: ${bad}`);
      report.observationMatches = false;
      return;
    }
  }

  // 1. Inputs against their own hashes: names an altered fact, evaluatedAt or locale directly.
  const recordedHashes = r.inputHashes as Record<string, unknown>;
  const actualHashes = inputHashesOf(r.observation, r.evaluatedAt, r.locale);
  const mismatched: string[] = [];
  for (const key of [...new Set([...Object.keys(recordedHashes), ...Object.keys(actualHashes)])].sort()) {
    if (
      !Object.hasOwn(recordedHashes, key) ||
      !Object.hasOwn(actualHashes, key) ||
      recordedHashes[key] !== actualHashes[key]
    )
      mismatched.push(key);
  }
  const inputs: RecordDifference[] = [];

  // 2. Against the trusted observation, when given: rebuild from it.
  let observation: unknown = r.observation;
  const trusted: RecordDifference[] = [];
  if (options.observation !== undefined) {
    const ds = jsonDifferences(r.observation, options.observation, ['observation']);
    report.observationMatches = ds.length === 0;
    for (const d of ds) trusted.push(diff(d.path, 'input', d.a, d.b));
    observation = options.observation;
  }

  // 3. Rebuild the whole record from the inputs, in the format the record claims, and compare: a record relabelled
  // with another format differs from its rebuild in that format (the verdict's shape), so none passes as another.
  let rebuilt: AnyVerdictRecord | undefined;
  try {
    rebuilt = recordIn(r.format as RecordFormat, evaluator, observation, {
      evaluatedAt: r.evaluatedAt as string,
      locale: r.locale as 'zh' | 'en',
    });
  } catch (e) {
    if (!(e instanceof DaozeError)) throw e;
    report.problems.push(`cannot re-evaluate the observation: ${e.message.replace(/\n/g, '; ')}`);
  }
  if (rebuilt) {
    report.edition.current = rebuilt.edition.hash;
    if (rebuilt.edition.ref !== report.edition.ref) {
      report.problems.push(
        `the observation now resolves to ${rebuilt.edition.ref}, but the record was made under ${shown(report.edition.ref)}`,
      );
    } else if (rebuilt.edition.hash !== report.edition.recorded) {
      report.problems.push(
        `${rebuilt.edition.ref} here has content hash ${rebuilt.edition.hash}, but the record was made under ${shown(report.edition.recorded)}: ` +
          'the edition file was changed after publication, or these are not the same standards',
      );
    }
    // A different engine version is not by itself a difference: what matters is whether it decides the same.
    // (Only when the record agrees with itself on the engine: if its two copies differ, one was altered, and the
    // comparison below names it.)
    const engine = r.engine as VerdictRecord['engine'];
    if (
      report.engine.recorded !== ENGINE_VERSION &&
      jsonDifferences(engine, valueAt(r, ['verdict', 'engine'])).length === 0
    ) {
      report.problems.push(
        `recorded with daoze ${shown(report.engine.recorded)}, re-evaluated with daoze ${ENGINE_VERSION}`,
      );
      rebuilt = { ...rebuilt, engine, verdict: { ...rebuilt.verdict, engine } } as AnyVerdictRecord;
      rebuilt.recordHash = recordHashOf(rebuilt);
    }
    for (const d of jsonDifferences(r, rebuilt)) {
      const head = d.path[0];
      const kind = head === 'recordHash' ? 'seal' : 'output';
      report.differences.push(diff(d.path, kind, d.a, d.b));
    }
  }

  // Which of the two was altered, an input or its entry in inputHashes? The record holds each input twice over:
  // the observation under `observationHash`, and evaluatedAt, locale and every fact read in the verdict. When
  // those agree with the input as it stands (the observation matches its hash, re-evaluation gives the recorded
  // verdict), the input is what was sealed and the hash entry is what changed. Otherwise the input is named.
  const verdictHolds = rebuilt !== undefined && !report.differences.some((d) => d.path[0] === 'verdict');
  const observationHolds = r.observationHash === hashJson(r.observation);
  for (const key of mismatched) {
    const entryAltered = verdictHolds && (!key.startsWith('observation') || observationHolds);
    const path = inputPath(key);
    const hashField = formatJsonPath(['inputHashes', key]);
    if (entryAltered)
      inputs.push(diff(['inputHashes', key], 'seal', recordedHashes[key], actualHashes[key], { hashField }));
    else inputs.push(diff(path, 'input', valueAt(r, path), undefined, { hashField }));
  }
  for (const d of trusted) if (!inputs.some((x) => isPrefix(x.path, d.path))) inputs.push(d);
  if (rebuilt) report.reproduces = report.differences.every((d) => d.kind === 'seal') && inputs.length === 0;

  // 4. What was altered: the inputs, if any changed (everything else follows from them); else the outputs.
  if (inputs.length) report.altered = inputs;
  else if (!report.intact) {
    const outputs = report.differences.filter((d) => d.kind === 'output');
    report.altered = outputs.length ? outputs : report.differences.filter((d) => d.kind === 'seal');
    if (!report.altered.length)
      report.altered = [diff(['recordHash'], 'seal', r.recordHash, report.recordHash.computed)];
  }
  report.ok =
    report.intact &&
    report.reproduces === true &&
    inputs.length === 0 &&
    report.observationMatches !== false &&
    signatureOk;
}
