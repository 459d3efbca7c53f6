/**
 * Observations: the format, and its validation against an edition's fact catalogue. Bad input is a typed
 * `ObservationError` naming the fact; it never reaches evaluation, so it can never become a pass.
 */
import { InputError, ObservationError, preview, type ObservationIssue } from '../errors.js';
import { checkJsonValue } from '../input/depth.js';
import type { EvidenceKind, FactSpec } from '../model/edition.js';
import { comparable, type CompiledEdition } from '../compile/compile.js';
import { isIsoDate, isIsoDateTime } from '../model/dates.js';

/** A reference to a piece of evidence (a photo, a meter reading, a document) kept elsewhere. */
export interface EvidenceRef {
  kind: EvidenceKind;
  /** Where the evidence is kept (a URL, a file name, an archive id). */
  ref: string;
  /** `sha256:<hex>` of the evidence file, so an auditor can check it is the one recorded. */
  sha256?: string;
  capturedAt?: string;
  note?: string;
}

/** What was inspected. */
export interface Subject {
  id: string;
  kind?: string;
  name?: string;
  /** Location as the app records it (address, coordinates). */
  location?: { address?: string; lat?: number; lng?: number };
  /** The U型空间 unit, when the subject lies in one. */
  unit?: string;
  /** The grid cell (万米单元网格) id, when known. */
  gridCell?: string;
}

/** Who observed. */
export interface Observer {
  id: string;
  name?: string;
  role?: string;
}

/** One inspection's observations, as an app or the CLI passes them to the engine. */
export interface Observation {
  /** `id@version` pins an edition; a bare `id` takes the edition in force on `observedAt`. */
  standard: string;
  subject?: Subject;
  observer?: Observer;
  /** When the observations were made (RFC 3339 with time zone). */
  observedAt?: string;
  /** Fact values by fact id; `null` records that the inspector could not determine the value. */
  facts: Record<string, unknown>;
  /** Evidence by fact id. */
  evidence?: Record<string, EvidenceRef[]>;
  /** Profile to evaluate under, as `id@version` (a city's adaptation of the standard). */
  profile?: string;
}

/**
 * Why a fact counts as missing: `absent` (not given), `unknown` (given as null), or a value given whose required
 * evidence does not back it (see {@link EvidenceReason}).
 */
export type MissingReason = 'absent' | 'unknown' | EvidenceReason;

/**
 * Why a value does not count although it was given, for a fact whose catalogue requires evidence:
 * `no-evidence` (none attached), `wrong-evidence-kind` (evidence attached, none of a kind the catalogue asks
 * for), `empty-evidence-ref` (evidence of a required kind, but its `ref` is blank, so it points nowhere).
 */
export type EvidenceReason = 'no-evidence' | 'wrong-evidence-kind' | 'empty-evidence-ref';

/** Whether a missing fact's reason is its evidence (a value was given but does not count yet). */
export function isEvidenceReason(reason: MissingReason | undefined): reason is EvidenceReason {
  return reason === 'no-evidence' || reason === 'wrong-evidence-kind' || reason === 'empty-evidence-ref';
}

/** An observation checked and laid out in the edition's fixed fact order. */
export interface NormalisedObservation {
  /** Comparable values by fact index; undefined = unknown to the evaluator. */
  values: unknown[];
  /** Values as given, by fact index (for display and trace). */
  raw: unknown[];
  /** Why each unknown fact is unknown, by fact index. */
  why: (MissingReason | undefined)[];
}

/** Keys that must never be used as data keys: they reach into JavaScript's object machinery. */
export const HOSTILE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const OBS_KEYS = new Set(['standard', 'subject', 'observer', 'observedAt', 'facts', 'evidence', 'profile']);
const EVIDENCE_KINDS = new Set(['photo', 'measurement', 'document', 'video', 'gps']);
const EVIDENCE_KEYS: readonly string[] = ['kind', 'ref', 'sha256', 'capturedAt', 'note'];
/** Longest string accepted anywhere in an observation. */
export const MAX_STRING = 10_000;
/** Most evidence references accepted per fact. */
export const MAX_EVIDENCE_PER_FACT = 100;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function ownKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o);
}

/** Checks one fact value against its spec; returns an issue or undefined. */
export function checkFactValue(id: string, spec: FactSpec, v: unknown, path = `facts.${id}`): ObservationIssue | undefined {
  switch (spec.type) {
    case 'boolean':
      return typeof v === 'boolean' ? undefined : issue('E_FACT_TYPE', path, `must be true or false, got ${preview(v)}`, v, [true, false]);
    case 'number':
    case 'integer':
    case 'duration': {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        return issue('E_FACT_TYPE', path, `must be a finite number${spec.unit ? ` in ${spec.unit}` : ''}, got ${preview(v)}`, v);
      }
      if (spec.type === 'integer' && !Number.isInteger(v)) return issue('E_FACT_TYPE', path, `must be a whole number, got ${v}`, v);
      if (spec.minimum !== undefined && v < spec.minimum) return issue('E_FACT_RANGE', path, `${v} is below the minimum ${spec.minimum}`, v, rangeText(spec));
      if (spec.maximum !== undefined && v > spec.maximum) return issue('E_FACT_RANGE', path, `${v} is above the maximum ${spec.maximum}`, v, rangeText(spec));
      return undefined;
    }
    case 'enum': {
      const choices = (spec.choices ?? []).map((c) => c.value);
      return typeof v === 'string' && choices.includes(v) ? undefined : issue('E_FACT_CHOICE', path, `must be one of the choices, got ${preview(v)}`, v, choices);
    }
    case 'date':
      return typeof v === 'string' && isIsoDate(v) ? undefined : issue('E_FACT_TYPE', path, `must be a date YYYY-MM-DD, got ${preview(v)}`, v);
    case 'datetime':
      return typeof v === 'string' && isIsoDateTime(v)
        ? undefined
        : issue('E_FACT_TYPE', path, `must be a date-time with time zone (2026-11-20T09:30:00+08:00), got ${preview(v)}`, v);
  }
}

function rangeText(spec: FactSpec): string {
  return `${spec.minimum ?? '-∞'} to ${spec.maximum ?? '∞'}${spec.unit ? ` ${spec.unit}` : ''}`;
}

function issue(code: ObservationIssue['code'], path: string, message: string, value: unknown, allowed?: ObservationIssue['allowed']): ObservationIssue {
  return { code, path, message, value, ...(allowed !== undefined ? { allowed } : {}) };
}

/**
 * What normalisation needs per fact, worked out once per edition: the per-observation path then makes no
 * allocations beyond the three vectors (no closures, no choice lists). A value the fast test rejects goes to
 * `checkFactValue`, which says why; the two accept exactly the same values (see `factOk`).
 */
// Fact types as small integers: the per-value switch compares numbers, not strings.
const BOOLEAN = 0;
const NUMBER = 1; // number and duration
const INTEGER = 2;
const ENUM = 3;
const DATE = 4;
const DATETIME = 5;
const KIND: Record<FactSpec['type'], number> = { boolean: BOOLEAN, number: NUMBER, duration: NUMBER, integer: INTEGER, enum: ENUM, date: DATE, datetime: DATETIME };

interface FactPlan {
  readonly index: number;
  readonly kind: number;
  readonly spec: FactSpec;
  readonly type: FactSpec['type'];
  readonly min: number;
  readonly max: number;
  readonly choices: ReadonlySet<string> | undefined;
}

interface Plan {
  readonly byId: ReadonlyMap<string, FactPlan>;
  /** Templates copied per observation (`slice` keeps them packed arrays of one shape). */
  readonly empty: readonly unknown[];
  readonly absent: readonly (MissingReason | undefined)[];
  /** Facts whose value counts only with evidence, and the kinds that back them. */
  readonly needEvidence: readonly { id: string; index: number; kinds: readonly EvidenceKind[] }[];
  readonly factIds: readonly string[];
  /** True only for an (unvalidated) edition with a fact named like `__proto__`. */
  readonly hostileFactId: boolean;
}

const plans = new WeakMap<CompiledEdition, Plan>();

function planFor(ed: CompiledEdition): Plan {
  let p = plans.get(ed);
  if (!p) {
    const byId = new Map<string, FactPlan>();
    for (const f of ed.facts) {
      byId.set(f.id, {
        index: f.index,
        kind: KIND[f.spec.type],
        spec: f.spec,
        type: f.spec.type,
        min: f.spec.minimum ?? -Infinity,
        max: f.spec.maximum ?? Infinity,
        choices: f.spec.type === 'enum' ? new Set((f.spec.choices ?? []).map((c) => c.value)) : undefined,
      });
    }
    const empty: unknown[] = [];
    const absent: (MissingReason | undefined)[] = [];
    for (let i = 0; i < ed.facts.length; i++) {
      empty.push(undefined);
      absent.push('absent');
    }
    p = {
      byId,
      empty,
      absent,
      needEvidence: ed.facts.filter((f) => f.spec.evidence?.required).map((f) => ({ id: f.id, index: f.index, kinds: f.spec.evidence!.kinds })),
      factIds: ed.facts.map((f) => f.id),
      hostileFactId: ed.facts.some((f) => HOSTILE_KEYS.has(f.id)),
    };
    plans.set(ed, p);
  }
  return p;
}

/** The same acceptance test as `checkFactValue`, without building an issue. */
function factOk(f: FactPlan, v: unknown): boolean {
  switch (f.kind) {
    case BOOLEAN:
      return typeof v === 'boolean';
    case NUMBER:
      return typeof v === 'number' && v >= f.min && v <= f.max && Number.isFinite(v);
    case INTEGER:
      return typeof v === 'number' && v >= f.min && v <= f.max && Number.isInteger(v);
    case ENUM:
      return typeof v === 'string' && f.choices!.has(v);
    case DATE:
      return typeof v === 'string' && isIsoDate(v);
    default:
      return typeof v === 'string' && isIsoDateTime(v);
  }
}

/** Whether Object.prototype has no enumerable property (nobody polluted it). */
function prototypeClean(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

/** Checks one fact of an observation and lays it out; problems go to `issues`. */
function readFact(
  ed: CompiledEdition,
  plan: Plan,
  k: string,
  v: unknown,
  values: unknown[],
  raw: unknown[],
  why: (MissingReason | undefined)[],
  issues: ObservationIssue[],
): void {
  const f = plan.byId.get(k);
  // A key such as __proto__ is refused whatever the catalogue says (checked first when a fact carries such a name).
  if (!f || (plan.hostileFactId && HOSTILE_KEYS.has(k))) {
    if (HOSTILE_KEYS.has(k)) issues.push({ code: 'E_HOSTILE_KEY', path: `facts.${k}`, message: `key "${k}" is not allowed` });
    else issues.push({ code: 'E_UNKNOWN_FACT', path: `facts.${k}`, message: `unknown fact "${k}" for ${ed.ref}`, allowed: [...plan.factIds] });
    return;
  }
  if (v === null) {
    why[f.index] = 'unknown';
    return;
  }
  if (!factOk(f, v)) {
    issues.push(checkFactValue(k, f.spec, v)!);
    return;
  }
  raw[f.index] = v;
  // comparable(): dates become epoch milliseconds; everything else is compared as given.
  values[f.index] = f.kind >= DATE ? comparable(f.spec, v) : v;
  why[f.index] = undefined;
}

/**
 * Validates an observation's shape and facts against an edition and lays the facts out in the edition's
 * order (one object shape for every observation, which also keeps evaluation fast). Throws ObservationError
 * listing every problem.
 */
export function normaliseObservation(ed: CompiledEdition, input: unknown): NormalisedObservation {
  const issues: ObservationIssue[] = [];
  if (!isPlainObject(input)) throw observationError([{ code: 'E_SHAPE', path: '', message: 'an observation must be a JSON object', value: input }]);
  for (const k of ownKeys(input)) {
    if (HOSTILE_KEYS.has(k)) issues.push({ code: 'E_HOSTILE_KEY', path: k, message: `key "${k}" is not allowed` });
    else if (!OBS_KEYS.has(k)) issues.push({ code: 'E_SHAPE', path: k, message: `unknown field "${k}"`, allowed: [...OBS_KEYS] });
  }
  checkEnvelope(input, issues);
  const plan = planFor(ed);
  const values = plan.empty.slice();
  const raw = plan.empty.slice();
  const why = plan.absent.slice();
  const facts = input.facts;
  if (!isPlainObject(facts)) {
    issues.push({ code: 'E_SHAPE', path: 'facts', message: 'facts must be an object of fact id → value', value: facts });
  } else {
    // for-in reads an object's values much faster than Object.keys + lookups (V8's enum cache), but it also
    // visits enumerable properties inherited from Object.prototype: use it only while that has none.
    if (prototypeClean()) {
      const byId = plan.byId;
      for (const k in facts) {
        const f = byId.get(k);
        const v = facts[k];
        if (f !== undefined && !plan.hostileFactId && v !== null && factOk(f, v)) {
          // The common case, inline: a known fact with a valid value.
          raw[f.index] = v;
          values[f.index] = f.kind >= DATE ? comparable(f.spec, v) : v;
          why[f.index] = undefined;
        } else readFact(ed, plan, k, v, values, raw, why, issues);
      }
    } else {
      for (const k of ownKeys(facts)) readFact(ed, plan, k, facts[k], values, raw, why, issues);
    }
  }
  const evidence = input.evidence;
  if (evidence !== undefined) {
    if (!isPlainObject(evidence)) issues.push({ code: 'E_SHAPE', path: 'evidence', message: 'evidence must be an object of fact id → list of evidence references', value: evidence });
    else {
      for (const k of ownKeys(evidence)) {
        const path = `evidence.${k}`;
        if (HOSTILE_KEYS.has(k)) {
          issues.push({ code: 'E_HOSTILE_KEY', path, message: `key "${k}" is not allowed` });
          continue;
        }
        if (!plan.byId.has(k)) {
          issues.push({ code: 'E_UNKNOWN_FACT', path, message: `evidence for unknown fact "${k}"`, allowed: [...plan.factIds] });
          continue;
        }
        const list = evidence[k];
        if (!Array.isArray(list) || list.length > MAX_EVIDENCE_PER_FACT) {
          issues.push({ code: 'E_SHAPE', path, message: `must be a list of at most ${MAX_EVIDENCE_PER_FACT} evidence references`, value: list });
          continue;
        }
        for (let i = 0; i < list.length; i++) {
          // Paths and messages are built only for a reference that has a problem: the same test, run again to say why.
          if (!evidenceValid(list[i])) evidenceValid(list[i], { path: `${path}[${i}]`, issues });
        }
      }
    }
  }
  if (issues.length > 0) throw observationError(issues);
  // A fact whose catalogue requires evidence counts as missing until evidence that backs it is attached: never a
  // pass on an unbacked claim (nor on a GPS fix or a blank reference offered for a photo).
  for (const f of plan.needEvidence) {
    if (values[f.index] === undefined) continue;
    const list = evidence !== undefined && Object.hasOwn(evidence as object, f.id) ? ((evidence as Record<string, unknown>)[f.id] as readonly EvidenceRef[]) : undefined;
    const reason = evidenceShortfall(f.kinds, list);
    if (reason !== undefined) {
      values[f.index] = undefined;
      why[f.index] = reason;
    }
  }
  return { values, raw, why };
}

function checkString(v: unknown, path: string, issues: ObservationIssue[], required = false): void {
  if (v === undefined && !required) return;
  if (typeof v !== 'string') issues.push({ code: 'E_SHAPE', path, message: 'must be a string', value: v });
  else if (v.length > MAX_STRING) issues.push({ code: 'E_LIMIT', path, message: `is longer than ${MAX_STRING} characters` });
}

function checkObject(v: unknown, path: string, keys: readonly string[], issues: ObservationIssue[]): v is Record<string, unknown> {
  if (!isPlainObject(v)) {
    issues.push({ code: 'E_SHAPE', path, message: 'must be an object', value: v });
    return false;
  }
  for (const k of ownKeys(v)) {
    if (HOSTILE_KEYS.has(k)) issues.push({ code: 'E_HOSTILE_KEY', path: `${path}.${k}`, message: `key "${k}" is not allowed` });
    else if (!keys.includes(k)) issues.push({ code: 'E_SHAPE', path: `${path}.${k}`, message: `unknown field "${k}"`, allowed: keys });
  }
  return true;
}

function checkEnvelope(o: Record<string, unknown>, issues: ObservationIssue[]): void {
  checkString(o.standard, 'standard', issues, true);
  checkString(o.profile, 'profile', issues);
  if (o.observedAt !== undefined && (typeof o.observedAt !== 'string' || !isIsoDateTime(o.observedAt))) {
    issues.push({ code: 'E_SHAPE', path: 'observedAt', message: 'must be a date-time with time zone (2026-11-20T09:30:00+08:00)', value: o.observedAt });
  }
  if (o.subject !== undefined && checkObject(o.subject, 'subject', ['id', 'kind', 'name', 'location', 'unit', 'gridCell'], issues)) {
    const s = o.subject;
    checkString(s.id, 'subject.id', issues, true);
    for (const k of ['kind', 'name', 'unit', 'gridCell']) checkString(s[k], `subject.${k}`, issues);
    if (s.location !== undefined && checkObject(s.location, 'subject.location', ['address', 'lat', 'lng'], issues)) {
      const l = s.location;
      checkString(l.address, 'subject.location.address', issues);
      for (const [k, lim] of [['lat', 90], ['lng', 180]] as const) {
        const x = l[k];
        if (x !== undefined && (typeof x !== 'number' || !(Math.abs(x) <= lim))) {
          issues.push({ code: 'E_SHAPE', path: `subject.location.${k}`, message: `must be a number from -${lim} to ${lim}`, value: x });
        }
      }
    }
  }
  if (o.observer !== undefined && checkObject(o.observer, 'observer', ['id', 'name', 'role'], issues)) {
    checkString(o.observer.id, 'observer.id', issues, true);
    checkString(o.observer.name, 'observer.name', issues);
    checkString(o.observer.role, 'observer.role', issues);
  }
}

/**
 * The form of an evidence file's hash: `sha256:` and 64 lowercase hex digits, as `sha256Text` and the records
 * write it (`src/hash/index.ts`). A reference whose hash has another form is malformed (`E_SHAPE`), as the
 * observation JSON Schema says: a hash nobody can compare is not accepted quietly.
 */
export const SHA256_FORM = /^sha256:[0-9a-f]{64}$/;

/** Where `evidenceValid` reports: the reference's path and the list its issues go to. */
interface EvidenceReport {
  readonly path: string;
  readonly issues: ObservationIssue[];
}

// Pushes one issue when reporting; always false, so that a check reads `ok = flag(…)`.
function flag(r: EvidenceReport, sub: string, code: ObservationIssue['code'], message: string, value?: unknown, allowed?: ObservationIssue['allowed']): false {
  r.issues.push({ code, path: `${r.path}${sub}`, message, ...(value !== undefined ? { value } : {}), ...(allowed !== undefined ? { allowed } : {}) });
  return false;
}

/**
 * Whether an evidence reference is well formed: an object with only the known keys, a known `kind`, a string
 * `ref`, a `sha256` of the form {@link SHA256_FORM}, a `capturedAt` date-time, a string `note`. Without `report`
 * it stops at the first problem and builds nothing (normalisation's fast path); with it, it reports every problem.
 * Whether a well-formed reference *backs* a fact is a separate rule: {@link evidenceShortfall}.
 */
function evidenceValid(e: unknown, report?: EvidenceReport): boolean {
  if (!isPlainObject(e)) return report ? flag(report, '', 'E_SHAPE', 'must be an object', e) : false;
  let ok = true;
  for (const k of ownKeys(e)) {
    if (EVIDENCE_KEYS.includes(k)) continue;
    if (!report) return false;
    ok = HOSTILE_KEYS.has(k)
      ? flag(report, `.${k}`, 'E_HOSTILE_KEY', `key "${k}" is not allowed`)
      : flag(report, `.${k}`, 'E_SHAPE', `unknown field "${k}"`, undefined, EVIDENCE_KEYS);
  }
  const { kind, ref, sha256, capturedAt, note } = e;
  if (typeof kind !== 'string' || !EVIDENCE_KINDS.has(kind)) {
    if (!report) return false;
    ok = flag(report, '.kind', 'E_SHAPE', 'unknown evidence kind', kind, [...EVIDENCE_KINDS]);
  }
  if (typeof ref !== 'string' || ref.length > MAX_STRING) {
    if (!report) return false;
    ok = typeof ref !== 'string' ? flag(report, '.ref', 'E_SHAPE', 'must be a string', ref) : flag(report, '.ref', 'E_LIMIT', `is longer than ${MAX_STRING} characters`);
  }
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !SHA256_FORM.test(sha256))) {
    if (!report) return false;
    ok = flag(report, '.sha256', 'E_SHAPE', 'must be "sha256:" and 64 lowercase hex digits', sha256);
  }
  if (capturedAt !== undefined && (typeof capturedAt !== 'string' || !isIsoDateTime(capturedAt))) {
    if (!report) return false;
    ok = flag(report, '.capturedAt', 'E_SHAPE', 'must be a date-time with time zone', capturedAt);
  }
  if (note !== undefined && (typeof note !== 'string' || note.length > MAX_STRING)) {
    if (!report) return false;
    ok = typeof note !== 'string' ? flag(report, '.note', 'E_SHAPE', 'must be a string', note) : flag(report, '.note', 'E_LIMIT', `is longer than ${MAX_STRING} characters`);
  }
  return ok;
}

const NOT_BLANK = /\S/;

/**
 * Why the evidence attached to a fact does not back it, or undefined when it does. A reference backs a fact
 * when its `kind` is one the catalogue asks for and its `ref` is not blank (a reference must point somewhere).
 * The one rule for normalisation and the checklist SDK; `list` holds well-formed references (`evidenceValid`).
 */
export function evidenceShortfall(kinds: readonly EvidenceKind[], list: readonly EvidenceRef[] | undefined): EvidenceReason | undefined {
  if (list === undefined || list.length === 0) return 'no-evidence';
  let kindSeen = false;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (!kinds.includes(e.kind)) continue;
    if (NOT_BLANK.test(e.ref)) return undefined;
    kindSeen = true;
  }
  return kindSeen ? 'empty-evidence-ref' : 'wrong-evidence-kind';
}

/**
 * The error for an invalid observation. A value carried by an issue is the caller's own and may be nested
 * 10⁵ deep or hold itself, and whoever formats or serialises the error would recurse into it. So it is bounded
 * first (`checkJsonValue`, iterative): nested too deeply, the observation is `InputError` `E_DEPTH` naming the
 * path; otherwise not JSON data (a cycle, a BigInt or undefined inside it), the issue keeps its message (which
 * shows the value with `preview`) and leaves the value out. A valid observation needs no such check: every
 * value it holds has been checked at a fixed depth.
 */
function observationError(issues: ObservationIssue[]): ObservationError {
  for (let i = 0; i < issues.length; i++) {
    const x = issues[i]!;
    if (typeof x.value !== 'object' || x.value === null) continue;
    try {
      checkJsonValue(x.value, '<observation>', x.path);
    } catch (e) {
      if (!(e instanceof InputError) || e.code === 'E_DEPTH') throw e;
      const { value: _dropped, ...rest } = x;
      issues[i] = rest;
    }
  }
  return new ObservationError(issues);
}
