/**
 * The shape of an edition inside a bundle, checked before it is compiled: every member the engine and the SDK
 * read has the type they assume, every fact, parameter, source and operator a clause names exists, and
 * conditions stay within the authoring limits. A bundle is data from elsewhere and the reader has no schema
 * validator (the SDK must stay small), so this is the edition schema's shape (schema/edition.schema.json) and
 * the reference checks of src/load/validate.ts, written out for what evaluation relies on; a property test
 * (test/unit/bundle/malformed.test.ts) mutates real bundles to hold it to "only typed errors".
 */
import { OPERATORS } from '../operators/index.js';
import { EVIDENCE_KINDS, FACT_TYPES, PROVENANCES, SEVERITIES, SOURCE_KINDS, type FactType } from '../model/edition.js';
import { preview } from '../errors.js';

/** One problem, at a path inside the bundle. */
export interface ShapeIssue {
  path: string;
  message: string;
}

// The limits of src/load/validate.ts (MAX_CONDITION_DEPTH, MAX_CONDITION_LEAVES), restated: that module imports
// the YAML layer, which the SDK must not load.
const MAX_DEPTH = 32;
const MAX_LEAVES = 500;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;
const MAX_ISSUES = 20;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Checks one edition spec; returns its problems (at most twenty), paths prefixed with `at`. */
export function editionShapeIssues(spec: unknown, at: string): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  const bad = (path: string, message: string) => {
    if (issues.length < MAX_ISSUES) issues.push({ path: `${at}${path}`, message });
  };
  const str = (o: Obj, k: string, path: string, optional = false): boolean => {
    if (!own(o, k)) return optional || (bad(`${path}.${k}`, 'is missing'), false);
    if (typeof o[k] !== 'string') return (bad(`${path}.${k}`, `must be a string, found ${preview(o[k])}`), false);
    return true;
  };
  const text = (o: Obj, k: string, path: string, optional = false): void => {
    if (!own(o, k)) {
      if (!optional) bad(`${path}.${k}`, 'is missing');
      return;
    }
    const t = o[k];
    if (!isObj(t) || typeof t.zh !== 'string' || typeof t.en !== 'string')
      bad(`${path}.${k}`, `must be { zh, en } strings, found ${preview(t)}`);
  };
  const obj = (v: unknown, path: string): v is Obj =>
    isObj(v) || (bad(path, `must be an object, found ${preview(v)}`), false);
  const list = (v: unknown, path: string): v is unknown[] =>
    Array.isArray(v) || (bad(path, `must be a list, found ${preview(v)}`), false);
  const strings = (v: unknown, path: string) => {
    if (list(v, path))
      v.forEach((s, i) => typeof s !== 'string' && bad(`${path}[${i}]`, `must be a string, found ${preview(s)}`));
  };
  const oneOf = (o: Obj, k: string, allowed: readonly unknown[], path: string, optional = false) => {
    if (!own(o, k)) return optional || bad(`${path}.${k}`, 'is missing');
    if (!allowed.includes(o[k])) bad(`${path}.${k}`, `must be one of ${allowed.join(', ')}, found ${preview(o[k])}`);
  };
  const num = (o: Obj, k: string, path: string, integer = false) => {
    if (!own(o, k)) return;
    const v = o[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)))
      bad(`${path}.${k}`, `must be a${integer ? 'n integer' : ' finite number'}, found ${preview(v)}`);
  };
  const routing = (v: unknown, path: string) => {
    if (!obj(v, path)) return;
    strings(v.implementing, `${path}.implementing`);
    strings(v.responsible, `${path}.responsible`);
  };
  const ids = (m: Obj, path: string) => {
    for (const k of Object.keys(m))
      if (!ID.test(k)) bad(`${path}.${k}`, 'is not an id (lower-case words joined by "-")');
  };

  if (!obj(spec, '')) return issues;
  if (str(spec, 'id', '') && !ID.test(spec.id as string)) bad('.id', `is not an id, found ${preview(spec.id)}`);
  if (str(spec, 'version', '') && !SEMVER.test(spec.version as string))
    bad('.version', `is not a semantic version, found ${preview(spec.version)}`);
  oneOf(spec, 'status', ['draft', 'published'], '');
  str(spec, 'nickname', '');
  text(spec, 'title', '');
  text(spec, 'summary', '', true);
  if (obj(spec.effective, '.effective')) {
    str(spec.effective, 'from', '.effective');
    str(spec.effective, 'until', '.effective', true);
  }
  str(spec, 'supersedes', '', true);
  if (own(spec, 'subject') && obj(spec.subject, '.subject')) strings(spec.subject.kinds, '.subject.kinds');
  if (own(spec, 'routing')) routing(spec.routing, '.routing');
  if (own(spec, 'rectification') && obj(spec.rectification, '.rectification'))
    for (const [k, r] of Object.entries(spec.rectification)) {
      if (!(SEVERITIES as readonly string[]).includes(k)) bad(`.rectification.${k}`, 'is not a severity');
      else if (obj(r, `.rectification.${k}`)) str(r, 'param', `.rectification.${k}`);
    }
  if (own(spec, 'scoring') && obj(spec.scoring, '.scoring')) {
    if (!own(spec.scoring, 'base')) bad('.scoring.base', 'is missing');
    num(spec.scoring, 'base', '.scoring');
  }

  const sources = new Set<string>();
  if (list(spec.sources, '.sources')) {
    spec.sources.forEach((s, i) => {
      const p = `.sources[${i}]`;
      if (!obj(s, p)) return;
      if (str(s, 'id', p)) sources.add(s.id as string);
      oneOf(s, 'kind', SOURCE_KINDS, p);
      text(s, 'title', p);
      str(s, 'designation', p, true);
      str(s, 'url', p, true);
      text(s, 'note', p, true);
    });
  }
  const cites = (v: unknown, path: string) => {
    if (!list(v, path)) return;
    v.forEach((c, i) => {
      const p = `${path}[${i}]`;
      if (!obj(c, p)) return;
      if (str(c, 'source', p) && !sources.has(c.source as string))
        bad(`${p}.source`, `names ${preview(c.source)}, which is not among the edition's sources`);
      for (const k of ['section', 'clause', 'quote']) str(c, k, p, true);
      num(c, 'task', p, true);
    });
  };

  type Scope = Map<string, { type: FactType; choices: Set<unknown> }>;
  const facts: Scope = new Map();
  const readFacts = (catalogue: Obj, at: string, into: Scope) => {
    ids(catalogue, at);
    for (const [id, f] of Object.entries(catalogue)) {
      const p = `${at}.${id}`;
      if (!obj(f, p)) continue;
      oneOf(f, 'type', FACT_TYPES, p);
      text(f, 'label', p);
      text(f, 'question', p);
      text(f, 'help', p, true);
      str(f, 'unit', p, true);
      num(f, 'minimum', p);
      num(f, 'maximum', p);
      const choices = new Set<unknown>();
      if (f.type === 'enum' || f.type === 'list' || own(f, 'choices')) {
        if (list(f.choices, `${p}.choices`)) {
          f.choices.forEach((c, i) => {
            if (!obj(c, `${p}.choices[${i}]`)) return;
            if (str(c, 'value', `${p}.choices[${i}]`)) choices.add(c.value);
            text(c, 'label', `${p}.choices[${i}]`);
          });
          if ((f.type === 'enum' || f.type === 'list') && !choices.size)
            bad(`${p}.choices`, `${f.type === 'enum' ? 'an enum' : 'a list'} fact needs at least one choice`);
        }
      }
      if (own(f, 'evidence') && obj(f.evidence, `${p}.evidence`)) {
        const e = f.evidence;
        if (list(e.kinds, `${p}.evidence.kinds`))
          e.kinds.forEach(
            (k, i) =>
              !(EVIDENCE_KINDS as readonly string[]).includes(k as string) &&
              bad(`${p}.evidence.kinds[${i}]`, `must be one of ${EVIDENCE_KINDS.join(', ')}, found ${preview(k)}`),
          );
        if (own(e, 'required') && typeof e.required !== 'boolean')
          bad(`${p}.evidence.required`, `must be true or false, found ${preview(e.required)}`);
        text(e, 'note', `${p}.evidence`, true);
      }
      if (FACT_TYPES.includes(f.type as FactType)) into.set(id, { type: f.type as FactType, choices });
    }
  };
  if (obj(spec.facts, '.facts')) readFacts(spec.facts, '.facts', facts);
  // Objects in a unit (docs/units.md): parts, kinds with their own facts, quantifiers read as boolean facts.
  if (own(spec, 'parts') && list(spec.parts, '.parts'))
    spec.parts.forEach((x, i) => {
      if (!obj(x, `.parts[${i}]`)) return;
      str(x, 'id', `.parts[${i}]`);
      text(x, 'label', `.parts[${i}]`);
    });
  const kinds = new Map<string, Scope>();
  if (own(spec, 'kinds') && obj(spec.kinds, '.kinds')) {
    ids(spec.kinds, '.kinds');
    for (const [id, k] of Object.entries(spec.kinds)) {
      const p = `.kinds.${id}`;
      if (!obj(k, p)) continue;
      text(k, 'label', p);
      if (own(k, 'parts') && list(k.parts, `${p}.parts`))
        k.parts.forEach(
          (x, i) => typeof x !== 'string' && bad(`${p}.parts[${i}]`, `must be a part id, found ${preview(x)}`),
        );
      if (own(k, 'responsibleParty') && typeof k.responsibleParty !== 'boolean')
        bad(`${p}.responsibleParty`, `must be true or false, found ${preview(k.responsibleParty)}`);
      const scope: Scope = new Map(facts);
      if (obj(k.facts, `${p}.facts`)) readFacts(k.facts, `${p}.facts`, scope);
      kinds.set(id, scope);
    }
  }
  const unitScope: Scope = new Map(facts);
  const quantifierChecks: (() => void)[] = [];
  if (own(spec, 'quantifiers') && obj(spec.quantifiers, '.quantifiers')) {
    ids(spec.quantifiers, '.quantifiers');
    for (const [id, q] of Object.entries(spec.quantifiers)) {
      const p = `.quantifiers.${id}`;
      if (!obj(q, p)) continue;
      text(q, 'label', p);
      const scope =
        typeof q.kind === 'string' && isObj(spec.kinds) && own(spec.kinds, q.kind) ? kinds.get(q.kind) : undefined;
      if (!scope) bad(`${p}.kind`, `must name a kind of this edition, found ${preview(q.kind)}`);
      else quantifierChecks.push(() => condition(q.where, `${p}.where`, 1, { n: 0 }, scope));
      const r = q.quantifier;
      const okRule =
        r === 'all' ||
        r === 'any' ||
        r === 'none' ||
        (isObj(r) && Object.keys(r).length === 1 && Number.isSafeInteger(r.atLeast) && (r.atLeast as number) >= 1) ||
        (isObj(r) &&
          Object.keys(r).length === 1 &&
          ((typeof r.share === 'number' && r.share > 0 && r.share <= 1) ||
            (isObj(r.share) && typeof r.share.param === 'string')));
      if (!okRule) bad(`${p}.quantifier`, `must be all, any, none, { atLeast: n } or { share }, found ${preview(r)}`);
      else if (isObj(r) && isObj(r.share))
        quantifierChecks.push(() => numericParam((r.share as Obj).param, `${p}.quantifier.share.param`));
      unitScope.set(id, { type: 'boolean', choices: new Set() });
    }
  }

  const scalar = (v: unknown) =>
    typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
  const params = new Set<string>();
  if (own(spec, 'parameters') && obj(spec.parameters, '.parameters')) {
    ids(spec.parameters, '.parameters');
    for (const [id, v] of Object.entries(spec.parameters)) {
      const p = `.parameters.${id}`;
      if (!obj(v, p)) continue;
      params.add(id);
      text(v, 'label', p);
      str(v, 'unit', p, true);
      text(v, 'note', p, true);
      cites(v.cites, `${p}.cites`);
      if (own(v, 'value') && !scalar(v.value))
        bad(`${p}.value`, `must be a number, string or boolean, found ${preview(v.value)}`);
      if (own(v, 'byFact')) {
        // The key fact is the unit's, or an object's (a one-object standard included per instance, include.each).
        const key = typeof v.byFact === 'string' ? v.byFact : undefined;
        const by =
          key === undefined ? undefined : (facts.get(key) ?? [...kinds.values()].map((k) => k.get(key)).find((f) => f));
        if (!by || by.type !== 'enum')
          bad(`${p}.byFact`, `must name an enum fact of this edition, found ${preview(v.byFact)}`);
        if (obj(v.values, `${p}.values`)) {
          for (const [k, x] of Object.entries(v.values))
            if (!scalar(x)) bad(`${p}.values.${k}`, `must be a number, string or boolean, found ${preview(x)}`);
          if (by)
            for (const c of by.choices)
              if (!own(v.values, c as string))
                bad(`${p}.values`, `has no value for choice ${preview(c)} of ${String(v.byFact)}`);
        }
      } else if (!own(v, 'value')) bad(`${p}.value`, 'is missing (a parameter has a value, or values by a fact)');
    }
  }

  /** A reference to a plain parameter of this edition whose value is a number. */
  const numericParam = (id: unknown, path: string): void => {
    const v =
      typeof id === 'string' && isObj(spec.parameters) && own(spec.parameters, id) ? spec.parameters[id] : undefined;
    if (!isObj(v) || typeof v.value !== 'number' || !Number.isFinite(v.value))
      bad(path, `must name a parameter of this edition with a number value, found ${preview(id)}`);
  };
  const condition = (c: unknown, path: string, depth: number, leaves: { n: number }, scope: Scope): void => {
    if (depth > MAX_DEPTH) return bad(path, `conditions are nested deeper than ${MAX_DEPTH} levels`);
    if (!obj(c, path)) return;
    const keys = Object.keys(c);
    if (own(c, 'all') || own(c, 'any')) {
      const k = own(c, 'all') ? 'all' : 'any';
      if (keys.length !== 1) return bad(path, `an "${k}" condition has no other members, found ${keys.join(', ')}`);
      if (!list(c[k], `${path}.${k}`)) return;
      if (!(c[k] as unknown[]).length) return bad(`${path}.${k}`, 'is empty');
      (c[k] as unknown[]).forEach((x, i) => condition(x, `${path}.${k}[${i}]`, depth + 1, leaves, scope));
      return;
    }
    if (own(c, 'not')) {
      if (keys.length !== 1) return bad(path, `a "not" condition has no other members, found ${keys.join(', ')}`);
      return condition(c.not, `${path}.not`, depth + 1, leaves, scope);
    }
    if (++leaves.n > MAX_LEAVES) return bad(path, `more than ${MAX_LEAVES} conditions in one clause`);
    const extra = keys.filter((k) => !['fact', 'operator', 'value', 'description'].includes(k));
    if (extra.length) bad(`${path}.${extra[0]}`, 'is not a member of a condition');
    str(c, 'description', path, true);
    const fact = typeof c.fact === 'string' ? scope.get(c.fact) : undefined;
    if (!fact) return bad(`${path}.fact`, `must name a fact of this edition, found ${preview(c.fact)}`);
    const op = typeof c.operator === 'string' ? OPERATORS.get(c.operator) : undefined;
    if (!op)
      return bad(
        `${path}.operator`,
        `is not an operator (${[...OPERATORS.keys()].join(', ')}), found ${preview(c.operator)}`,
      );
    if (!op.factTypes.includes(fact.type))
      return bad(`${path}.operator`, `${op.name} does not apply to a ${fact.type} fact`);
    const v = c.value;
    if (isObj(v)) {
      const ref = Object.keys(v);
      const ok =
        ref.length === 1 &&
        ((ref[0] === 'fact' &&
          fact.type !== 'list' &&
          typeof v.fact === 'string' &&
          scope.get(v.fact)?.type === fact.type) ||
          (ref[0] === 'param' && typeof v.param === 'string' && params.has(v.param)));
      if (!ok)
        bad(
          `${path}.value`,
          `must be a value, { fact } of the same type or { param } of this edition, found ${preview(v)}`,
        );
    } else if (op.operand === 'list') {
      if (!Array.isArray(v) || !v.every(scalar))
        bad(`${path}.value`, `${op.name} needs a list of values, found ${preview(v)}`);
    } else if (!scalar(v)) bad(`${path}.value`, `${op.name} needs one value, found ${preview(v)}`);
    else if (fact.type === 'list' && !fact.choices.has(v))
      // A list fact is searched for one of its options: anything else could never be found in an answer.
      bad(`${path}.value`, `${op.name} on a list fact needs one of its choices, found ${preview(v)}`);
  };

  const clauseIds = new Set<string>();
  if (list(spec.groups, '.groups')) {
    spec.groups.forEach((g, gi) => {
      const gp = `.groups[${gi}]`;
      if (!obj(g, gp)) return;
      str(g, 'id', gp);
      text(g, 'label', gp);
      if (!list(g.clauses, `${gp}.clauses`)) return;
      g.clauses.forEach((c, ci) => {
        const p = `${gp}.clauses[${ci}]`;
        if (!obj(c, p)) return;
        if (str(c, 'id', p)) {
          if (clauseIds.has(c.id as string)) bad(`${p}.id`, `${preview(c.id)} appears twice`);
          clauseIds.add(c.id as string);
        }
        text(c, 'label', p);
        text(c, 'text', p);
        cites(c.cites, `${p}.cites`);
        oneOf(c, 'provenance', PROVENANCES, p);
        text(c, 'provisionalReason', p, true);
        oneOf(c, 'severity', SEVERITIES, p);
        num(c, 'deduction', p);
        num(c, 'deductionCap', p);
        let scope = unitScope;
        if (own(c, 'each')) {
          const k =
            typeof c.each === 'string' && isObj(spec.kinds) && own(spec.kinds, c.each) ? kinds.get(c.each) : undefined;
          if (!k) bad(`${p}.each`, `must name a kind of this edition, found ${preview(c.each)}`);
          else scope = k;
        }
        if (own(c, 'optional') && typeof c.optional !== 'boolean')
          bad(`${p}.optional`, `must be true or false, found ${preview(c.optional)}`);
        if (own(c, 'routing')) routing(c.routing, `${p}.routing`);
        if (own(c, 'origin') && obj(c.origin, `${p}.origin`))
          for (const k of ['standard', 'version', 'hash']) str(c.origin, k, `${p}.origin`);
        if (own(c, 'appliesWhen')) condition(c.appliesWhen, `${p}.appliesWhen`, 1, { n: 0 }, scope);
        if (!own(c, 'check')) bad(`${p}.check`, 'is missing');
        else condition(c.check, `${p}.check`, 1, { n: 0 }, scope);
        if (obj(c.messages, `${p}.messages`)) {
          for (const k of ['pass', 'fail', 'indeterminate']) text(c.messages, k, `${p}.messages`);
          text(c.messages, 'notApplicable', `${p}.messages`, true);
        }
      });
    });
  }
  for (const check of quantifierChecks) check();
  // Parameters that compile reads as numbers: a deadline, a share, a deduction by severity.
  if (own(spec, 'rectification') && isObj(spec.rectification))
    for (const [k, r] of Object.entries(spec.rectification))
      if (isObj(r)) numericParam(r.param, `.rectification.${k}.param`);
  if (own(spec, 'scoring') && isObj(spec.scoring) && own(spec.scoring, 'deductions')) {
    const d = spec.scoring.deductions;
    if (obj(d, '.scoring.deductions'))
      for (const [sev, x] of Object.entries(d)) {
        const p = `.scoring.deductions.${sev}`;
        if (!(SEVERITIES as readonly string[]).includes(sev)) bad(p, 'is not a severity');
        else if (obj(x, p))
          for (const k of ['each', 'cap']) {
            const v = x[k];
            if (v === undefined && k === 'cap') continue;
            if (typeof v === 'number' && Number.isFinite(v) && v >= 0) continue;
            if (isObj(v)) numericParam(v.param, `${p}.${k}.param`);
            else bad(`${p}.${k}`, `must be a number or { param }, found ${preview(v)}`);
          }
      }
  }
  return issues;
}
