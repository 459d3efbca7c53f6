/**
 * Verdict records: a verdict sealed with everything an auditor needs to reproduce it months later — the engine
 * version, the edition (id, version, content hash) and profile, a hash of each clause and of its printed text,
 * the observation itself with its hash and provenance, the evaluation time, and a hash of the record itself.
 *
 * Hashes are SHA-256 over canonical JSON (RFC 8785, `canonicalJson`), so key order and white space never change
 * them and any machine computes the same ones. Pure: no clock, no I/O; the caller supplies `evaluatedAt`.
 */
import { canonicalJson, hashJson, sha256Text } from '../hash/index.js';
import type { Locale, Outcome } from '../model/edition.js';
import type { EvidenceKind } from '../model/edition.js';
import type { Observation, Observer, Subject } from '../evaluate/observation.js';
import type { EvaluateOptions } from '../evaluate/evaluate.js';
import type { Verdict } from '../result/types.js';
import { dayOf } from '../model/in-force.js';
import { isIsoDateTime } from '../model/dates.js';
import { DaozeError } from '../errors.js';
import { RECORD_FORMAT_V1, verdictV1, type VerdictV1 } from './record-v1.js';

/**
 * The record format this engine writes. A change to what a record holds is a new format; `verifyRecord` keeps
 * verifying every earlier one ({@link RECORD_FORMATS}), each rebuilt in its own format.
 */
export const RECORD_FORMAT = 'daoze-verdict-record/2';

/** Every record format this engine verifies: the one it writes, then the earlier ones. */
export const RECORD_FORMATS = [RECORD_FORMAT, RECORD_FORMAT_V1] as const;

/** A record format this engine verifies. */
export type RecordFormat = (typeof RECORD_FORMATS)[number];

/** Whether a value names a record format this engine verifies. */
export function isRecordFormat(x: unknown): x is RecordFormat {
  return (RECORD_FORMATS as readonly unknown[]).includes(x);
}

/**
 * Deepest JSON nesting of a record (and of the verdict in it): a condition's trace nests two levels per level of
 * the condition (`all: [ … ]`), and conditions nest at most 32 levels (`MAX_CONDITION_DEPTH`, src/load/validate.ts),
 * under about six levels of record, verdict and clause. test/unit/audit/record.test.ts reads, verifies and explains
 * a record of a condition nested that deep.
 */
export const MAX_RECORD_DEPTH = 80;

/** Anything that evaluates observations the way `daoze check` does: a `Registry`, or a wrapper around one edition. */
export interface Evaluator {
  evaluate(observation: unknown, options?: EvaluateOptions): Verdict;
}

/** How the edition was chosen from the observation's `standard`. */
export type Resolution = 'pinned' | 'in-force' | 'latest';

/** The edition a verdict was made under, and how it was chosen. */
export interface RecordedEdition {
  id: string;
  version: string;
  ref: string;
  /** Content hash of the edition (everything but its test cases). */
  hash: string;
  /** The observation's `standard` as written (`id` or `id@version`). */
  requested: string;
  /** `pinned`: the observation named `id@version`; `in-force`: the edition in force on `inForceOn`; `latest`: no date, highest published. */
  resolvedBy: Resolution;
  /** The day whose edition in force was taken (the date of `observedAt`). */
  inForceOn?: string;
}

/** One piece of evidence, with the fact it backs. */
export interface RecordedEvidence {
  fact: string;
  /** For evidence of an object in a unit: its kind and instance id. */
  instance?: { kind: string; id: string };
  kind: EvidenceKind;
  ref: string;
  /** `sha256:<hex>` of the evidence file, as the app recorded it. */
  sha256?: string;
  capturedAt?: string;
  note?: string;
}

/** Who observed, when, where, and with what evidence: copied from the observation for people to read. */
export interface ObservationProvenance {
  observer?: Observer;
  observedAt?: string;
  /** The inspected subject: id, kind, name, location, U unit, grid cell. */
  subject?: Subject;
  evidence: RecordedEvidence[];
}

/** The hashes of one clause result. */
export interface ClauseSeal {
  clause: string;
  outcome: Outcome;
  /** `citation.clauseHash`: the clause's whole content (text, label, check, applicability, severity, deduction, messages, citations). */
  clauseHash: string;
  /**
   * SHA-256 of the clause text exactly as printed, per language (the UTF-8 bytes, no JSON): anyone holding the
   * printed text can check it with `sha256sum`, without Daoze and without the rest of the clause.
   */
  textHash: { zh: string; en: string };
}

/** A verdict sealed for audit. Plain JSON. */
export interface VerdictRecord {
  format: typeof RECORD_FORMAT;
  engine: { name: 'daoze'; version: string };
  edition: RecordedEdition;
  profile?: { id: string; version: string; hash: string };
  /** When the evaluation was made, as given by the caller. */
  evaluatedAt: string;
  locale: Locale;
  outcome: Outcome;
  /** The observation exactly as evaluated, so that the verdict can be replayed. */
  observation: Observation;
  /** `hashJson(observation)`. */
  observationHash: string;
  /**
   * A hash of each input field (`evaluatedAt`, `locale`, `observation.standard`, `observation.facts.<id>`,
   * `observation.evidence.<id>`, …): when the record is altered, these name the field that changed.
   */
  inputHashes: Record<string, string>;
  provenance: ObservationProvenance;
  clauses: ClauseSeal[];
  /** The full verdict, with messages, citations and traces. */
  verdict: Verdict;
  /** `hashJson` of every other member of the record. */
  recordHash: string;
}

/** A record in the first format: the same members, with the verdict as `/1` holds it (`VerdictV1`). */
export type VerdictRecordV1 = Omit<VerdictRecord, 'format' | 'verdict'> & {
  format: typeof RECORD_FORMAT_V1;
  verdict: VerdictV1;
};

/** A record in any format this engine verifies. */
export type AnyVerdictRecord = VerdictRecord | VerdictRecordV1;

/** Options of {@link recordVerdict}. */
export interface RecordOptions {
  /** When the evaluation is made (RFC 3339 with time zone). Required: a record without it cannot be audited. */
  evaluatedAt: string;
  /** Language of the verdict's messages (default zh). */
  locale?: Locale;
}

/** A record (or its inputs) is not usable. */
export class RecordError extends DaozeError {
  constructor(message: string) {
    super('E_RECORD', message);
    this.name = 'RecordError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How the edition of an observation is chosen, as the registry does it. */
export function resolutionOf(observation: Pick<Observation, 'standard' | 'observedAt'>): {
  resolvedBy: Resolution;
  inForceOn?: string;
} {
  if (observation.standard.includes('@')) return { resolvedBy: 'pinned' };
  const day = dayOf(observation.observedAt);
  return day !== undefined ? { resolvedBy: 'in-force', inForceOn: day } : { resolvedBy: 'latest' };
}

/**
 * The hash of each input field, keyed by its path (`observation.facts.ammonia-mg-m3`). Facts and evidence are
 * hashed one fact at a time, so an alteration is pinned to the fact; other fields as a whole.
 */
export function inputHashesOf(observation: unknown, evaluatedAt: unknown, locale: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, v: unknown) => {
    if (v !== undefined) out[key] = hashJson(v);
  };
  put('evaluatedAt', evaluatedAt);
  put('locale', locale);
  if (!isObject(observation)) {
    put('observation', observation);
    return out;
  }
  for (const k of Object.keys(observation).sort()) {
    const v = observation[k];
    if ((k === 'facts' || k === 'evidence') && isObject(v)) {
      put(`observation.${k}`, Object.keys(v).sort());
      for (const f of Object.keys(v).sort()) put(`observation.${k}.${f}`, v[f]);
    } else if (k === 'instances' && isObject(v)) instanceHashes(v, put);
    else put(`observation.${k}`, v);
  }
  return out;
}

/**
 * The input hashes of an observation's objects, so that verify names an altered object's field directly: the
 * list of kinds and, per kind, of instance ids in order; per instance each field, and each fact and evidence list
 * on its own (`observation.instances.street-lamp[3].facts.lamp-pole-tilted`, by position: ids may repeat in a
 * forged record).
 */
function instanceHashes(v: Record<string, unknown>, put: (key: string, v: unknown) => void): void {
  put('observation.instances', Object.keys(v).sort());
  for (const kind of Object.keys(v).sort()) {
    const list = v[kind];
    const at = `observation.instances.${kind}`;
    if (!Array.isArray(list)) {
      put(at, list);
      continue;
    }
    put(
      at,
      list.map((x) => (isObject(x) ? x.id : x)),
    );
    list.forEach((x, i) => {
      if (!isObject(x)) return put(`${at}[${i}]`, x);
      for (const f of Object.keys(x).sort()) {
        const y = x[f];
        if ((f === 'facts' || f === 'evidence') && isObject(y)) {
          put(`${at}[${i}].${f}`, Object.keys(y).sort());
          for (const g of Object.keys(y).sort()) put(`${at}[${i}].${f}.${g}`, y[g]);
        } else put(`${at}[${i}].${f}`, y);
      }
    });
  }
}

/** Who, when, where and which evidence, from the observation. */
export function provenanceOf(observation: Observation): ObservationProvenance {
  const evidence: RecordedEvidence[] = [];
  for (const fact of Object.keys(observation.evidence ?? {}).sort()) {
    for (const e of observation.evidence![fact]!) evidence.push({ fact, ...e });
  }
  // The evidence of each object, after the unit's, naming the object (the photos an inspector took per lamp).
  for (const kind of Object.keys(observation.instances ?? {}).sort())
    for (const x of observation.instances![kind]!)
      for (const fact of Object.keys(x.evidence ?? {}).sort())
        for (const e of x.evidence![fact]!) evidence.push({ fact, instance: { kind, id: x.id }, ...e });
  return {
    ...(observation.observer ? { observer: observation.observer } : {}),
    ...(observation.observedAt ? { observedAt: observation.observedAt } : {}),
    ...(observation.subject ? { subject: observation.subject } : {}),
    evidence,
  };
}

/** The hash that seals a record: of every member but `recordHash` and `signature` (which signs this hash, src/audit/sign.ts). */
export function recordHashOf(record: Omit<AnyVerdictRecord, 'recordHash'> | Record<string, unknown>): string {
  const { recordHash: _ignored, signature: _signature, ...rest } = record as Record<string, unknown>;
  return hashJson(rest);
}

/**
 * Seals a verdict into a record. The verdict must be the one `observation` produced, made with traces and
 * `evaluatedAt` (as {@link recordVerdict} does); otherwise `verifyRecord` will not accept the record.
 */
export function createRecord(observation: Observation, verdict: Verdict): VerdictRecord {
  return seal(observation, verdict, RECORD_FORMAT) as VerdictRecord;
}

function seal(observation: Observation, verdict: Verdict, format: RecordFormat): AnyVerdictRecord {
  if (!verdict.evaluatedAt)
    throw new RecordError('a verdict record needs the evaluation time: evaluate with { evaluatedAt }');
  // A clause checked per object carries its traces on each instance's result (none when none were recorded).
  if (verdict.clauses.some((c) => (c.scope !== undefined ? (c.instances ?? []).some((x) => !x.trace) : !c.trace)))
    throw new RecordError('a verdict record needs the condition traces: evaluate with { trace: true }');
  // A JSON round trip drops `undefined` members, so the record in memory is the record on disk.
  const obs = JSON.parse(canonicalJson(observation)) as Observation;
  const v = JSON.parse(JSON.stringify(verdict)) as Verdict;
  const body = {
    format,
    engine: v.engine,
    edition: {
      id: v.standard.id,
      version: v.standard.version,
      ref: v.standard.ref,
      hash: v.standard.hash,
      requested: obs.standard,
      ...resolutionOf(obs),
    },
    ...(v.profile ? { profile: v.profile } : {}),
    evaluatedAt: v.evaluatedAt!,
    locale: v.locale,
    outcome: v.outcome,
    observation: obs,
    observationHash: hashJson(obs),
    inputHashes: inputHashesOf(obs, v.evaluatedAt, v.locale),
    provenance: provenanceOf(obs),
    clauses: v.clauses.map((c) => ({
      clause: c.clause,
      outcome: c.outcome,
      clauseHash: c.citation.clauseHash,
      textHash: { zh: sha256Text(c.citation.text.zh), en: sha256Text(c.citation.text.en) },
    })),
    // The only member whose shape the format decides.
    verdict: format === RECORD_FORMAT_V1 ? verdictV1(v) : v,
  } as Omit<AnyVerdictRecord, 'recordHash'>;
  return { ...body, recordHash: recordHashOf(body) } as AnyVerdictRecord;
}

/**
 * Evaluates an observation and seals the verdict into a record: what `daoze check --record` writes.
 *
 * @example
 * ```ts
 * const record = recordVerdict(loadRegistry(), observation, { evaluatedAt: '2026-11-20T10:00:00+08:00' });
 * verifyRecord(record, loadRegistry()).ok; // true
 * ```
 */
export function recordVerdict(evaluator: Evaluator, observation: unknown, options: RecordOptions): VerdictRecord {
  return recordIn(RECORD_FORMAT, evaluator, observation, options) as VerdictRecord;
}

/**
 * {@link recordVerdict} in a given format: how `verifyRecord` rebuilds a record in the format it claims, so a
 * record is compared with what its own format holds and never passes under another. Internal: a new record is
 * always written in `RECORD_FORMAT`.
 *
 * @internal
 */
export function recordIn(
  format: RecordFormat,
  evaluator: Evaluator,
  observation: unknown,
  options: RecordOptions,
): AnyVerdictRecord {
  if (typeof options.evaluatedAt !== 'string' || !isIsoDateTime(options.evaluatedAt)) {
    throw new RecordError(
      `evaluatedAt must be a date-time with time zone (2026-11-20T10:00:00+08:00), got ${JSON.stringify(options.evaluatedAt)}`,
    );
  }
  const verdict = evaluator.evaluate(observation, {
    locale: options.locale ?? 'zh',
    evaluatedAt: options.evaluatedAt,
    trace: true,
  });
  return seal(observation as Observation, verdict, format);
}
