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
import type { EvidenceReason, EvidenceRef, MissingReason, NormalisedObservation } from '../model/observation.js';
import type { CompiledEdition } from '../compile/compile.js';
import {
  checkEnvelope,
  checkEvidenceRef,
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
      // A type whose literals are a list (boolean, enum) gives the list; the others are described in the message.
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
  /** The fact type's comparable form, when values do not compare as given (dates). */
  readonly comparable: ((v: string) => number) | undefined;
}

/**
 * What normalisation needs per edition, worked out once: the per-observation path then makes no allocations
 * beyond the three vectors (no closures, no choice lists).
 */
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
    for (let i = 0; i < ed.facts.length; i++) {
      empty.push(undefined);
      absent.push('absent');
    }
    p = {
      byId,
      empty,
      absent,
      needEvidence: ed.facts
        .filter((f) => f.spec.evidence?.required)
        .map((f) => ({ id: f.id, index: f.index, kinds: f.spec.evidence!.kinds })),
      factIds: ed.facts.map((f) => f.id),
      hostileFactId: ed.facts.some((f) => HOSTILE_KEYS.has(f.id)),
    };
    plans.set(ed, p);
  }
  return p;
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
    if (HOSTILE_KEYS.has(k)) issues.push(hostileKeyIssue(`facts.${k}`, k));
    else
      issues.push({
        code: 'E_UNKNOWN_FACT',
        path: `facts.${k}`,
        message: `unknown fact "${k}" for ${ed.ref}`,
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
    issues.push(refusalIssue(f.spec, r, v, `facts.${k}`));
    return;
  }
  raw[f.index] = v;
  values[f.index] = f.comparable === undefined ? v : f.comparable(v as string);
  why[f.index] = undefined;
}

/**
 * Validates an observation's shape and facts against an edition and lays the facts out in the edition's
 * order (one object shape for every observation, which also keeps evaluation fast). Throws ObservationError
 * listing every problem.
 */
export function normaliseObservation(ed: CompiledEdition, input: unknown): NormalisedObservation {
  const issues: ObservationIssue[] = [];
  if (!isPlainObject(input))
    throw observationError([
      { code: 'E_SHAPE', path: '', message: 'an observation must be a JSON object', value: input },
    ]);
  checkEnvelope(input, issues);
  const plan = planFor(ed);
  const values = plan.empty.slice();
  const raw = plan.empty.slice();
  const why = plan.absent.slice();
  const facts = input.facts;
  if (!isPlainObject(facts)) {
    issues.push({
      code: 'E_SHAPE',
      path: 'facts',
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
          values[f.index] = f.comparable === undefined ? v : f.comparable(v as string);
          why[f.index] = undefined;
        } else readFact(ed, plan, k, v, values, raw, why, issues);
      }
    } else {
      for (const k of Object.keys(facts)) readFact(ed, plan, k, facts[k], values, raw, why, issues);
    }
  }
  const evidence = input.evidence;
  if (evidence !== undefined) {
    if (!isPlainObject(evidence)) {
      const message = 'evidence must be an object of fact id → list of evidence references';
      issues.push({ code: 'E_SHAPE', path: 'evidence', message, value: evidence });
    } else {
      for (const k of Object.keys(evidence)) {
        const path = `evidence.${k}`;
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
  if (issues.length > 0) throw observationError(issues);
  // A fact whose catalogue requires evidence counts as missing until evidence that backs it is attached: never a
  // pass on an unbacked claim (nor on a GPS fix or a blank reference offered for a photo).
  for (const f of plan.needEvidence) {
    if (values[f.index] === undefined) continue;
    const given = evidence !== undefined && Object.hasOwn(evidence as object, f.id);
    const list = given ? ((evidence as Record<string, unknown>)[f.id] as readonly EvidenceRef[]) : undefined;
    const reason = evidenceShortfall(f.kinds, list);
    if (reason !== undefined) {
      values[f.index] = undefined;
      why[f.index] = reason;
    }
  }
  return { values, raw, why };
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
