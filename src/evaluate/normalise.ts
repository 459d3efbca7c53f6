/**
 * Normalisation: an observation checked against an edition's fact catalogue and laid out in the edition's
 * fact order. Bad input is a typed `ObservationError` naming the fact; it never reaches evaluation, so it can
 * never become a pass.
 */
import { InputError, ObservationError, preview, type ObservationIssue } from '../errors.js';
import { checkJsonValue } from '../input/depth.js';
import type { EvidenceKind, FactSpec } from '../model/edition.js';
import {
  acceptanceOf,
  FACT_TYPE_DEFS,
  factRefusal,
  refusal,
  type Acceptance,
  type FactRefusal,
} from '../model/fact-types.js';
import type {
  EvidenceReason,
  EvidenceRef,
  InstanceObservation,
  MissingReason,
  NormalisedInstance,
  NormalisedObservation,
} from '../model/observation.js';
import type { CompiledEdition, CompiledFact, CompiledKind } from '../compile/compile.js';
import {
  checkEnvelope,
  checkEvidenceRef,
  checkInstanceEnvelope,
  HOSTILE_KEYS,
  hostileKeyIssue,
  isPlainObject,
  MAX_EVIDENCE_PER_FACT,
} from './envelope.js';

/** Checks one fact value against its spec; returns an issue or undefined. */
export function checkFactValue(
  id: string,
  spec: FactSpec,
  v: unknown,
  path = `facts.${id}`,
): ObservationIssue | undefined {
  const r = factRefusal(spec, v);
  return r === null ? undefined : refusalIssue(spec, r, v, path);
}

/** The issue for a value refused for a fact (the rule is the fact type's, `src/model/fact-types.ts`). */
function refusalIssue(spec: FactSpec, r: FactRefusal, v: unknown, path: string): ObservationIssue {
  const def = FACT_TYPE_DEFS[spec.type];
  switch (r) {
    case 'whole':
      return { code: 'E_FACT_TYPE', path, message: `must be a whole number, got ${v as number}`, value: v };
    case 'repeat':
      return {
        code: 'E_FACT_CHOICE',
        path,
        message: `must list each choice at most once, got ${preview(v)}`,
        value: v,
        allowed: def.allowed(spec),
      };
    case 'below':
      return {
        code: 'E_FACT_RANGE',
        path,
        message: `${v as number} is below the minimum ${spec.minimum}`,
        value: v,
        allowed: rangeText(spec),
      };
    case 'above':
      return {
        code: 'E_FACT_RANGE',
        path,
        message: `${v as number} is above the maximum ${spec.maximum}`,
        value: v,
        allowed: rangeText(spec),
      };
    default: {
      // A type whose literals are a list (boolean, enum, list) gives the list; the others are described in the message.
      const allowed = def.allowed(spec);
      return {
        code: r === 'choice' ? 'E_FACT_CHOICE' : 'E_FACT_TYPE',
        path,
        message: `must be ${def.expected(spec)}, got ${preview(v)}`,
        value: v,
        ...(typeof allowed !== 'string' ? { allowed } : {}),
      };
    }
  }
}

function rangeText(spec: FactSpec): string {
  return `${spec.minimum ?? '-∞'} to ${spec.maximum ?? '∞'}${spec.unit ? ` ${spec.unit}` : ''}`;
}

/** What normalisation needs of one fact, worked out once per edition. */
interface FactPlan extends Acceptance {
  readonly index: number;
  readonly spec: FactSpec;
  /** The fact type's comparable form, when values do not compare as given (dates, list answers). */
  readonly comparable: ((v: unknown, spec?: FactSpec) => unknown) | undefined;
}

/**
 * What normalisation needs per catalogue (an edition's facts, or a kind's), worked out once: the per-observation
 * path then makes no allocations beyond the three vectors (no closures, no choice lists).
 */
interface Plan {
  /** `id@version` (and kind) for messages. */
  readonly ref: string;
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

/** The facts a vector accepts, at their indexes, and its length (an edition's quantifier slots, a kind's unit facts). */
interface Catalogue {
  readonly ref: string;
  readonly accepts: readonly CompiledFact[];
  readonly size: number;
}

const plans = new WeakMap<object, Plan>();

function planFor(key: object, catalogue: () => Catalogue): Plan {
  let p = plans.get(key);
  if (!p) {
    const { ref, accepts, size } = catalogue();
    const byId = new Map<string, FactPlan>();
    for (const f of accepts) {
      const a = acceptanceOf(f.spec);
      // One literal shape for every fact plan, so that the fast path's property reads stay monomorphic.
      const comparable = FACT_TYPE_DEFS[f.spec.type].comparable;
      byId.set(f.id, {
        test: a.test,
        min: a.min,
        max: a.max,
        choices: a.choices,
        index: f.index,
        spec: f.spec,
        comparable,
      });
    }
    const empty: unknown[] = [];
    const absent: (MissingReason | undefined)[] = [];
    for (let i = 0; i < size; i++) {
      empty.push(undefined);
      absent.push('absent');
    }
    p = {
      ref,
      byId,
      empty,
      absent,
      needEvidence: accepts
        .filter((f) => f.spec.evidence?.required)
        .map((f) => ({ id: f.id, index: f.index, kinds: f.spec.evidence!.kinds })),
      factIds: accepts.map((f) => f.id),
      hostileFactId: accepts.some((f) => HOSTILE_KEYS.has(f.id)),
    };
    plans.set(key, p);
  }
  return p;
}

const unitPlan = (ed: CompiledEdition): Plan =>
  planFor(ed, () => ({ ref: ed.ref, accepts: ed.facts, size: ed.facts.length + ed.quantifiers.length }));
const kindPlan = (k: CompiledKind): Plan => planFor(k, () => ({ ref: k.ref, accepts: k.own, size: k.facts.length }));

/** Whether Object.prototype has no enumerable property (nobody polluted it). */
function prototypeClean(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

/** Checks one fact of an observation and lays it out; problems go to `issues`. */
function readFact(
  plan: Plan,
  k: string,
  v: unknown,
  at: string,
  values: unknown[],
  raw: unknown[],
  why: (MissingReason | undefined)[],
  issues: ObservationIssue[],
): void {
  const f = plan.byId.get(k);
  // A key such as __proto__ is refused whatever the catalogue says (checked first when a fact carries such a name).
  if (!f || (plan.hostileFactId && HOSTILE_KEYS.has(k))) {
    if (HOSTILE_KEYS.has(k)) issues.push(hostileKeyIssue(`${at}facts.${k}`, k));
    else
      issues.push({
        code: 'E_UNKNOWN_FACT',
        path: `${at}facts.${k}`,
        message: `unknown fact "${k}" for ${plan.ref}`,
        allowed: [...plan.factIds],
      });
    return;
  }
  if (v === null) {
    why[f.index] = 'unknown';
    return;
  }
  const r = refusal(f, v);
  if (r !== null) {
    issues.push(refusalIssue(f.spec, r, v, `${at}facts.${k}`));
    return;
  }
  raw[f.index] = v;
  values[f.index] = f.comparable === undefined ? v : f.comparable(v, f.spec);
  why[f.index] = undefined;
}

/**
 * Validates an observation's shape and facts against an edition and lays the facts out in the edition's
 * order (one object shape for every observation, which also keeps evaluation fast); for an edition with
 * kinds, each instance too, in its kind's layout. Throws ObservationError listing every problem.
 */
export function normaliseObservation(ed: CompiledEdition, input: unknown): NormalisedObservation {
  const issues: ObservationIssue[] = [];
  if (!isPlainObject(input))
    throw observationError([
      { code: 'E_SHAPE', path: '', message: 'an observation must be a JSON object', value: input },
    ]);
  checkEnvelope(input, issues);
  const vector = readVector(unitPlan(ed), input.facts, input.evidence, '', issues);
  let instances: NormalisedObservation['instances'];
  if (ed.kinds.length > 0) instances = readInstances(ed, input.instances, vector, issues);
  else if (input.instances !== undefined)
    issues.push({
      code: 'E_SHAPE',
      path: 'instances',
      message: `${ed.ref} declares no kinds of object, so it takes no instances`,
      value: input.instances,
    });
  if (issues.length > 0) throw observationError(issues);
  settleEvidence(unitPlan(ed), vector, input.evidence);
  if (instances)
    for (const [kid, list] of instances)
      if (list) for (const x of list) settleEvidence(kindPlan(ed.kindById.get(kid)!), x, x.observed.evidence);
  return instances ? { ...vector, instances } : vector;
}

/** Most instances an observation may give of one kind, and in all. */
export const MAX_INSTANCES_PER_KIND = 5_000;
export const MAX_INSTANCES = 20_000;

/**
 * Checks and lays out the instances of each kind. A kind the observation leaves out stays `undefined` (not
 * recorded: its clauses are indeterminate); `[]` records none. Each instance's vector starts as a copy of the
 * unit's facts, so that its clauses read the unit's values at the unit's indexes.
 */
function readInstances(
  ed: CompiledEdition,
  given: unknown,
  unit: NormalisedObservation,
  issues: ObservationIssue[],
): Map<string, NormalisedInstance[] | undefined> {
  const out = new Map<string, NormalisedInstance[] | undefined>(ed.kinds.map((k) => [k.id, undefined]));
  if (given === undefined) return out;
  if (!isPlainObject(given)) {
    issues.push({
      code: 'E_SHAPE',
      path: 'instances',
      message: 'instances must be an object of kind id → list',
      value: given,
    });
    return out;
  }
  const ids = new Set<string>();
  let total = 0;
  const unitSize = ed.facts.length;
  for (const kid of Object.keys(given)) {
    const path = `instances.${kid}`;
    if (HOSTILE_KEYS.has(kid)) {
      issues.push(hostileKeyIssue(path, kid));
      continue;
    }
    const kind = ed.kindById.get(kid);
    if (!kind) {
      issues.push({
        code: 'E_UNKNOWN_KIND',
        path,
        message: `unknown kind "${kid}" for ${ed.ref}`,
        allowed: ed.kinds.map((k) => k.id),
      });
      continue;
    }
    const list = given[kid];
    total += Array.isArray(list) ? list.length : 0;
    if (!Array.isArray(list) || list.length > MAX_INSTANCES_PER_KIND || total > MAX_INSTANCES) {
      issues.push({
        code: Array.isArray(list) ? 'E_LIMIT' : 'E_SHAPE',
        path,
        message: `must be a list of at most ${MAX_INSTANCES_PER_KIND} instances (${MAX_INSTANCES} in all)`,
        ...(Array.isArray(list) ? {} : { value: list }),
      });
      continue;
    }
    const plan = kindPlan(kind);
    const parts = kind.spec.parts ?? (ed.spec.parts ? ed.spec.parts.map((p) => p.id) : undefined);
    const read: NormalisedInstance[] = [];
    list.forEach((x, i) => {
      const at = `${path}[${i}]`;
      if (!checkInstanceEnvelope(x, at, parts, issues)) return;
      if (typeof x.id === 'string') {
        if (ids.has(x.id))
          issues.push({
            code: 'E_DUPLICATE_ID',
            path: `${at}.id`,
            message: `instance id "${x.id}" is given twice`,
            value: x.id,
          });
        ids.add(x.id);
      }
      const v = readVector(plan, x.facts, x.evidence, `${at}.`, issues);
      for (let j = 0; j < unitSize; j++) {
        v.values[j] = unit.values[j];
        v.raw[j] = unit.raw[j];
        v.why[j] = unit.why[j];
      }
      read.push({ observed: x as unknown as InstanceObservation, ...v });
    });
    out.set(kid, read);
  }
  return out;
}

/** Reads one vector's facts and evidence (an observation's, or an instance's at `at`); problems go to `issues`. */
function readVector(
  plan: Plan,
  facts: unknown,
  evidence: unknown,
  at: string,
  issues: ObservationIssue[],
): { values: unknown[]; raw: unknown[]; why: (MissingReason | undefined)[] } {
  const values = plan.empty.slice();
  const raw = plan.empty.slice();
  const why = plan.absent.slice();
  if (!isPlainObject(facts)) {
    issues.push({
      code: 'E_SHAPE',
      path: `${at}facts`,
      message: 'facts must be an object of fact id → value',
      value: facts,
    });
  } else {
    // for-in reads an object's values much faster than Object.keys + lookups (V8's enum cache), but it also
    // visits enumerable properties inherited from Object.prototype: use it only while that has none.
    if (prototypeClean()) {
      const byId = plan.byId;
      for (const k in facts) {
        const f = byId.get(k);
        const v = facts[k];
        if (f !== undefined && !plan.hostileFactId && v !== null && refusal(f, v) === null) {
          // The common case, inline: a known fact with a valid value.
          raw[f.index] = v;
          values[f.index] = f.comparable === undefined ? v : f.comparable(v, f.spec);
          why[f.index] = undefined;
        } else readFact(plan, k, v, at, values, raw, why, issues);
      }
    } else {
      for (const k of Object.keys(facts)) readFact(plan, k, facts[k], at, values, raw, why, issues);
    }
  }
  if (evidence !== undefined) {
    if (!isPlainObject(evidence)) {
      const message = 'evidence must be an object of fact id → list of evidence references';
      issues.push({ code: 'E_SHAPE', path: `${at}evidence`, message, value: evidence });
    } else {
      for (const k of Object.keys(evidence)) {
        const path = `${at}evidence.${k}`;
        if (HOSTILE_KEYS.has(k)) {
          issues.push(hostileKeyIssue(path, k));
          continue;
        }
        if (!plan.byId.has(k)) {
          issues.push({
            code: 'E_UNKNOWN_FACT',
            path,
            message: `evidence for unknown fact "${k}"`,
            allowed: [...plan.factIds],
          });
          continue;
        }
        const list = evidence[k];
        if (!Array.isArray(list) || list.length > MAX_EVIDENCE_PER_FACT) {
          issues.push({
            code: 'E_SHAPE',
            path,
            message: `must be a list of at most ${MAX_EVIDENCE_PER_FACT} evidence references`,
            value: list,
          });
          continue;
        }
        for (let i = 0; i < list.length; i++) checkEvidenceRef(list[i], `${path}[${i}]`, issues);
      }
    }
  }
  return { values, raw, why };
}

/**
 * A fact whose catalogue requires evidence counts as missing until evidence that backs it is attached: never a
 * pass on an unbacked claim (nor on a GPS fix or a blank reference offered for a photo). Run once the
 * observation is known to be well formed.
 */
function settleEvidence(
  plan: Plan,
  v: { values: unknown[]; why: (MissingReason | undefined)[] },
  evidence: unknown,
): void {
  for (const f of plan.needEvidence) {
    if (v.values[f.index] === undefined) continue;
    const given = evidence !== undefined && Object.hasOwn(evidence as object, f.id);
    const list = given ? ((evidence as Record<string, unknown>)[f.id] as readonly EvidenceRef[]) : undefined;
    const reason = evidenceShortfall(f.kinds, list);
    if (reason !== undefined) {
      v.values[f.index] = undefined;
      v.why[f.index] = reason;
    }
  }
}

const NOT_BLANK = /\S/;

/**
 * Why the evidence attached to a fact does not back it, or undefined when it does. A reference backs a fact
 * when its `kind` is one the catalogue asks for and its `ref` is not blank (a reference must point somewhere).
 * The one rule for normalisation and the checklist SDK; `list` holds well-formed references (`checkEvidenceRef`).
 */
export function evidenceShortfall(
  kinds: readonly EvidenceKind[],
  list: readonly EvidenceRef[] | undefined,
): EvidenceReason | undefined {
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
