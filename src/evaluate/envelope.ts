/**
 * The shape of an observation around its facts: the top-level fields, `subject`, `observer`, evidence
 * references, string limits and keys that reach into JavaScript's object machinery. Each rule returns a code
 * (or null); the issue and its message are built from the code only when there is a problem.
 */
import type { ObservationIssue } from '../errors.js';
import { EVIDENCE_KINDS } from '../model/edition.js';
import { isIsoDateTime } from '../model/dates.js';
import { COORDINATE_SYSTEMS } from '../model/observation.js';

/** Keys that must never be used as data keys: they reach into JavaScript's object machinery. */
export const HOSTILE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Longest string accepted anywhere in an observation. */
export const MAX_STRING = 10_000;
/** Most evidence references accepted per fact. */
export const MAX_EVIDENCE_PER_FACT = 100;

/**
 * The form of an evidence file's hash: `sha256:` and 64 lowercase hex digits, as `sha256Text` and the records
 * write it (`src/hash/index.ts`). A reference whose hash has another form is malformed (`E_SHAPE`), as the
 * observation JSON Schema says: a hash nobody can compare is not accepted quietly.
 */
export const SHA256_FORM = /^sha256:[0-9a-f]{64}$/;

const OBS_KEYS: readonly string[] = [
  'standard',
  'subject',
  'observer',
  'observedAt',
  'facts',
  'evidence',
  'profile',
  'instances',
];
const SUBJECT_KEYS: readonly string[] = ['id', 'kind', 'name', 'location', 'inspectionUnit', 'unit', 'gridCell'];
const LOCATION_KEYS: readonly string[] = ['address', 'lat', 'lng', 'crs'];
const INSTANCE_KEYS: readonly string[] = [
  'id',
  'label',
  'part',
  'location',
  'code',
  'responsible',
  'facts',
  'evidence',
];
const RESPONSIBLE_KEYS: readonly string[] = ['id', 'name', 'contact'];
const CRS: readonly string[] = COORDINATE_SYSTEMS;
const OBSERVER_KEYS: readonly string[] = ['id', 'name', 'role'];
const EVIDENCE_KEYS: readonly string[] = ['kind', 'ref', 'sha256', 'capturedAt', 'note'];
const EVIDENCE_KIND_SET: ReadonlySet<string> = new Set(EVIDENCE_KINDS);

/** Whether a value is a plain JSON object (not an array, not a class instance). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The issue for a key such as `__proto__` used as a data key at `path`. */
export function hostileKeyIssue(path: string, key: string): ObservationIssue {
  return { code: 'E_HOSTILE_KEY', path, message: `key "${key}" is not allowed` };
}

/** What is wrong with a string field: `not-string`, `too-long` (over {@link MAX_STRING}), or null. */
type StringFlaw = 'not-string' | 'too-long';

function stringFlaw(v: unknown): StringFlaw | null {
  return typeof v !== 'string' ? 'not-string' : v.length > MAX_STRING ? 'too-long' : null;
}

function stringIssue(flaw: StringFlaw, path: string, v: unknown): ObservationIssue {
  return flaw === 'not-string'
    ? { code: 'E_SHAPE', path, message: 'must be a string', value: v }
    : { code: 'E_LIMIT', path, message: `is longer than ${MAX_STRING} characters` };
}

function checkString(v: unknown, path: string, issues: ObservationIssue[], required = false): void {
  if (v === undefined && !required) return;
  const flaw = stringFlaw(v);
  if (flaw !== null) issues.push(stringIssue(flaw, path, v));
}

/** What is wrong with a key of an object whose fields are `keys`: `hostile-key`, `unknown-field`, or null. */
function keyFlaw(k: string, keys: readonly string[]): 'hostile-key' | 'unknown-field' | null {
  return keys.includes(k) ? null : HOSTILE_KEYS.has(k) ? 'hostile-key' : 'unknown-field';
}

function checkKeys(
  o: Record<string, unknown>,
  path: string,
  keys: readonly string[],
  issues: ObservationIssue[],
): void {
  for (const k of Object.keys(o)) {
    const flaw = keyFlaw(k, keys);
    const at = path === '' ? k : `${path}.${k}`;
    if (flaw === 'hostile-key') issues.push(hostileKeyIssue(at, k));
    else if (flaw === 'unknown-field')
      issues.push({ code: 'E_SHAPE', path: at, message: `unknown field "${k}"`, allowed: keys });
  }
}

function checkObject(
  v: unknown,
  path: string,
  keys: readonly string[],
  issues: ObservationIssue[],
): v is Record<string, unknown> {
  if (!isPlainObject(v)) {
    issues.push({ code: 'E_SHAPE', path, message: 'must be an object', value: v });
    return false;
  }
  checkKeys(v, path, keys, issues);
  return true;
}

/**
 * Checks an observation's own fields (not its facts or evidence): only the known keys, a `standard`, a
 * `profile` string, an `observedAt` date-time, a well-formed `subject` and `observer`. Problems go to `issues`.
 */
export function checkEnvelope(o: Record<string, unknown>, issues: ObservationIssue[]): void {
  checkKeys(o, '', OBS_KEYS, issues);
  checkString(o.standard, 'standard', issues, true);
  checkString(o.profile, 'profile', issues);
  if (o.observedAt !== undefined && (typeof o.observedAt !== 'string' || !isIsoDateTime(o.observedAt))) {
    const message = 'must be a date-time with time zone (2026-11-20T09:30:00+08:00)';
    issues.push({ code: 'E_SHAPE', path: 'observedAt', message, value: o.observedAt });
  }
  if (o.subject !== undefined && checkObject(o.subject, 'subject', SUBJECT_KEYS, issues)) {
    const s = o.subject;
    checkString(s.id, 'subject.id', issues, true);
    for (const k of ['kind', 'name', 'inspectionUnit', 'unit', 'gridCell']) checkString(s[k], `subject.${k}`, issues);
    if (typeof s.unit === 'string' && typeof s.inspectionUnit === 'string' && s.unit !== s.inspectionUnit) {
      const message = `names inspection unit "${s.unit}" but subject.inspectionUnit is "${s.inspectionUnit}": give one`;
      issues.push({ code: 'E_SHAPE', path: 'subject.unit', message, value: s.unit });
    }
    if (s.location !== undefined) checkLocation(s.location, 'subject.location', issues, false);
  }
  if (o.observer !== undefined && checkObject(o.observer, 'observer', OBSERVER_KEYS, issues)) {
    checkString(o.observer.id, 'observer.id', issues, true);
    checkString(o.observer.name, 'observer.name', issues);
    checkString(o.observer.role, 'observer.role', issues);
  }
}

/**
 * Checks a location: an address, latitude and longitude in range, and the coordinate system they are in. An
 * instance's coordinates must say their system (`requireCrs`): GCJ-02 and WGS-84 differ by hundreds of metres in
 * China, so a point without one cannot be put on a map honestly.
 */
function checkLocation(l: unknown, path: string, issues: ObservationIssue[], requireCrs: boolean): void {
  if (!checkObject(l, path, LOCATION_KEYS, issues)) return;
  checkString(l.address, `${path}.address`, issues);
  for (const [k, lim] of [
    ['lat', 90],
    ['lng', 180],
  ] as const) {
    const x = l[k];
    if (x !== undefined && (typeof x !== 'number' || !(Math.abs(x) <= lim))) {
      issues.push({
        code: 'E_SHAPE',
        path: `${path}.${k}`,
        message: `must be a number from -${lim} to ${lim}`,
        value: x,
      });
    }
  }
  if (requireCrs && (l.lat === undefined) !== (l.lng === undefined))
    issues.push({ code: 'E_SHAPE', path, message: 'coordinates need both lat and lng' });
  if (l.crs !== undefined && (typeof l.crs !== 'string' || !CRS.includes(l.crs)))
    issues.push({
      code: 'E_SHAPE',
      path: `${path}.crs`,
      message: 'unknown coordinate system',
      value: l.crs,
      allowed: CRS,
    });
  else if (requireCrs && l.crs === undefined && l.lat !== undefined)
    issues.push({
      code: 'E_SHAPE',
      path: `${path}.crs`,
      message: 'coordinates must say their coordinate system (GPS gives WGS-84; Chinese map services GCJ-02 or BD-09)',
      allowed: CRS,
    });
}

/**
 * Checks an instance's own fields (not its facts or evidence): a string `id`, `label`, `code`, a `part` among
 * `parts` (when the kind or edition lists parts), a location, a responsible party with a name. Returns whether
 * it is an object at all.
 */
export function checkInstanceEnvelope(
  x: unknown,
  path: string,
  parts: readonly string[] | undefined,
  issues: ObservationIssue[],
): x is Record<string, unknown> {
  if (!checkObject(x, path, INSTANCE_KEYS, issues)) return false;
  checkString(x.id, `${path}.id`, issues, true);
  checkString(x.label, `${path}.label`, issues);
  checkString(x.code, `${path}.code`, issues);
  if (x.part !== undefined) {
    checkString(x.part, `${path}.part`, issues);
    if (typeof x.part === 'string' && parts !== undefined && !parts.includes(x.part))
      issues.push({
        code: 'E_SHAPE',
        path: `${path}.part`,
        message: 'not a part this kind stands in',
        value: x.part,
        allowed: parts,
      });
  }
  if (x.location !== undefined) checkLocation(x.location, `${path}.location`, issues, true);
  if (x.responsible !== undefined && checkObject(x.responsible, `${path}.responsible`, RESPONSIBLE_KEYS, issues)) {
    checkString(x.responsible.name, `${path}.responsible.name`, issues, true);
    checkString(x.responsible.id, `${path}.responsible.id`, issues);
    checkString(x.responsible.contact, `${path}.responsible.contact`, issues);
  }
  return true;
}

/** One problem of an evidence reference: where in it (`''` for the reference itself, `.kind`, …) and what. */
interface EvidenceFlaw {
  readonly at: string;
  readonly code: 'not-object' | 'hostile-key' | 'unknown-field' | 'kind' | StringFlaw | 'sha256' | 'captured-at';
  readonly value?: unknown;
}

/**
 * Every problem of an evidence reference, or null when it is well formed: an object with only the known keys,
 * a known `kind`, a string `ref`, a `sha256` of the form {@link SHA256_FORM}, a `capturedAt` date-time, a string
 * `note`. A well-formed reference allocates nothing (normalisation's fast path). Whether a well-formed reference
 * *backs* a fact is a separate rule: `evidenceShortfall` (`src/evaluate/normalise.ts`).
 */
function evidenceFlaws(e: unknown): EvidenceFlaw[] | null {
  if (!isPlainObject(e)) return [{ at: '', code: 'not-object', value: e }];
  let out: EvidenceFlaw[] | null = null;
  for (const k of Object.keys(e)) {
    const flaw = keyFlaw(k, EVIDENCE_KEYS);
    if (flaw !== null) (out ??= []).push({ at: `.${k}`, code: flaw });
  }
  const { kind, ref, sha256, capturedAt, note } = e;
  if (typeof kind !== 'string' || !EVIDENCE_KIND_SET.has(kind))
    (out ??= []).push({ at: '.kind', code: 'kind', value: kind });
  const refFlaw = stringFlaw(ref);
  if (refFlaw !== null) (out ??= []).push({ at: '.ref', code: refFlaw, value: ref });
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !SHA256_FORM.test(sha256))) {
    (out ??= []).push({ at: '.sha256', code: 'sha256', value: sha256 });
  }
  if (capturedAt !== undefined && (typeof capturedAt !== 'string' || !isIsoDateTime(capturedAt))) {
    (out ??= []).push({ at: '.capturedAt', code: 'captured-at', value: capturedAt });
  }
  const noteFlaw = note === undefined ? null : stringFlaw(note);
  if (noteFlaw !== null) (out ??= []).push({ at: '.note', code: noteFlaw, value: note });
  return out;
}

function evidenceIssue(path: string, f: EvidenceFlaw): ObservationIssue {
  const at = `${path}${f.at}`;
  // A value is shown only when there is one: a missing `kind` has none.
  const value = f.value !== undefined ? { value: f.value } : {};
  switch (f.code) {
    case 'not-object':
      return { code: 'E_SHAPE', path: at, message: 'must be an object', ...value };
    case 'hostile-key':
      return hostileKeyIssue(at, f.at.slice(1));
    case 'unknown-field':
      return { code: 'E_SHAPE', path: at, message: `unknown field "${f.at.slice(1)}"`, allowed: EVIDENCE_KEYS };
    case 'kind':
      return { code: 'E_SHAPE', path: at, message: 'unknown evidence kind', ...value, allowed: [...EVIDENCE_KINDS] };
    case 'not-string':
      return { code: 'E_SHAPE', path: at, message: 'must be a string', ...value };
    case 'too-long':
      return stringIssue('too-long', at, f.value);
    case 'sha256':
      return { code: 'E_SHAPE', path: at, message: 'must be "sha256:" and 64 lowercase hex digits', ...value };
    case 'captured-at':
      return { code: 'E_SHAPE', path: at, message: 'must be a date-time with time zone', ...value };
  }
}

/** Checks one evidence reference at `path`; its problems, every one, go to `issues`. */
export function checkEvidenceRef(e: unknown, path: string, issues: ObservationIssue[]): void {
  const flaws = evidenceFlaws(e);
  if (flaws !== null) for (const f of flaws) issues.push(evidenceIssue(path, f));
}
