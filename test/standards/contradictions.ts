/**
 * Finds pairs of standards that give one question two answers: clauses of two different standards, in editions
 * in force on a common day, that either read the same facts and decide them oppositely, or hold the same seed
 * requirement to different deadlines.
 *
 * Two kinds, defined precisely:
 *
 * - **same-facts**: clauses A and B (both required, different content hashes) whose `check` and `appliesWhen`
 *   together read exactly the same set of facts, each defined identically in both editions (same JSON spec).
 *   Every combination of those facts' values that can matter is tried — booleans both ways, every enum choice,
 *   and for numbers each literal or parameter value either condition compares with, and one step either side —
 *   with evidence attached wherever it is asked for. A contradiction is a combination under which both clauses
 *   apply and one passes while the other fails.
 * - **deadline**: clauses A and B (both required) that cite the same seed-plan requirement — the same task (or
 *   section) and quotes of which one contains the other — but from which a different year is due. A clause's
 *   due year is read from its `appliesWhen`: a top-level leaf `year-fact >= v` (or `> v`, due from v+1) on a
 *   *year fact* (an integer fact whose range lies within 1900–2200), v a literal or a single-valued parameter;
 *   without such a leaf the clause is due every day its edition is in force. A contradiction is a calendar year
 *   within both editions' common days in which one clause can fail and the other is not due yet.
 *
 * Clauses included by composition (with `origin`) are compared as their source's: the same clause content is
 * never a contradiction with itself. A clause checked per object (`each`) reads its kind's facts as well as the
 * unit's; it is tried on one object holding the combination (a composite that includes a one-object standard
 * per instance, 四净三无两通一明 per toilet, is compared with that standard this way).
 */
import { evaluate, inForceRange } from '../../src/index.js';
import type { CompiledClause, CompiledEdition, Condition, FactSpec, InForceRange, LeafCondition } from '../../src/index.js';

/** One contradiction between two clauses of two standards. */
export interface Contradiction {
  kind: 'same-facts' | 'deadline';
  /** `id@version#clause`, the lower ref first. */
  a: string;
  b: string;
  /** First and last common day (`until` absent: open-ended). */
  from: string;
  until?: string;
  /** same-facts: the fact values under which the two disagree; deadline: each clause's due year. */
  detail: Record<string, unknown>;
}

const isLeaf = (c: Condition): c is LeafCondition => 'fact' in c && 'operator' in c;

function leaves(c: Condition | undefined, out: LeafCondition[] = []): LeafCondition[] {
  if (!c) return out;
  if ('all' in c) c.all.forEach((x) => leaves(x, out));
  else if ('any' in c) c.any.forEach((x) => leaves(x, out));
  else if ('not' in c) leaves(c.not, out);
  else if (isLeaf(c)) out.push(c);
  return out;
}

/** Facts a condition reads, both sides of each leaf. */
function factsRead(c: CompiledClause): Set<string> {
  const s = new Set<string>();
  for (const l of [...leaves(c.spec.check), ...leaves(c.spec.appliesWhen)]) {
    s.add(l.fact);
    const v = l.value as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v) && 'fact' in v) s.add((v as { fact: string }).fact);
  }
  return s;
}

function paramValues(ed: CompiledEdition, id: string): unknown[] {
  const p = ed.params.get(id);
  if (!p) return [];
  return p.table ? [...p.table.values()] : [p.value];
}

/** Candidate values of one fact: every value that can matter to the leaves of both clauses. */
function candidates(spec: FactSpec, fact: string, pairs: [CompiledEdition, CompiledClause][]): unknown[] | undefined {
  if (spec.type === 'boolean') return [true, false];
  if (spec.type === 'enum') return (spec.choices ?? []).map((c) => c.value);
  // A duration is a number in its unit (hours), compared with numbers and parameters like one.
  if (spec.type !== 'integer' && spec.type !== 'number' && spec.type !== 'duration') return undefined;
  const step = spec.type === 'integer' ? 1 : 0.5;
  const points = new Set<number>();
  for (const [ed, c] of pairs) {
    for (const l of [...leaves(c.spec.check), ...leaves(c.spec.appliesWhen)]) {
      if (l.fact !== fact) continue;
      const v = l.value as unknown;
      const vs = v && typeof v === 'object' && !Array.isArray(v) ? ('param' in v ? paramValues(ed, (v as { param: string }).param) : []) : Array.isArray(v) ? v : [v];
      for (const x of vs) if (typeof x === 'number') [x - step, x, x + step].forEach((y) => points.add(y));
    }
  }
  if (points.size === 0) points.add(spec.minimum ?? 0);
  return [...points].filter((x) => (spec.minimum === undefined || x >= spec.minimum) && (spec.maximum === undefined || x <= spec.maximum));
}

function product(lists: [string, unknown[]][], limit: number): Record<string, unknown>[] | undefined {
  let out: Record<string, unknown>[] = [{}];
  for (const [k, vs] of lists) {
    out = out.flatMap((o) => vs.map((v) => ({ ...o, [k]: v })));
    if (out.length > limit) return undefined;
  }
  return out;
}

/** A fact's spec as a clause reads it: its kind's own fact for a clause checked per object, else the unit's. */
function factSpecOf(ed: CompiledEdition, c: CompiledClause, fact: string): FactSpec | undefined {
  return c.scope?.own.find((f) => f.id === fact)?.spec ?? ed.factById.get(fact)?.spec;
}

function outcomeOf(ed: CompiledEdition, c: CompiledClause, facts: Record<string, unknown>): string {
  // With evidence wherever a fact asks for it; a per-object clause's own facts go on one object of its kind.
  const unit: Record<string, unknown> = {};
  const own: Record<string, unknown> = {};
  const evidence: Record<string, { kind: string; ref: string }[]> = {};
  const ownEvidence: Record<string, { kind: string; ref: string }[]> = {};
  for (const [f, v] of Object.entries(facts)) {
    const mine = c.scope?.own.some((x) => x.id === f) ?? false;
    (mine ? own : unit)[f] = v;
    const kinds = factSpecOf(ed, c, f)?.evidence?.kinds;
    if (kinds?.length) (mine ? ownEvidence : evidence)[f] = [{ kind: kinds[0]!, ref: `contradiction-check/${f}` }];
  }
  const instances = c.scope ? { [c.scope.id]: [{ id: 'contradiction-check', facts: own, evidence: ownEvidence }] } : undefined;
  const v = evaluate(ed, { standard: ed.ref, facts: unit, evidence, ...(instances ? { instances } : {}) }, { trace: false });
  return v.clauses.find((r) => r.clause === c.id)!.outcome;
}

/** The due year of a clause, or -Infinity when it is due on every day its edition is in force. */
export function dueYear(ed: CompiledEdition, c: CompiledClause): number {
  const w = c.spec.appliesWhen;
  const top = !w ? [] : 'all' in w ? w.all : isLeaf(w) ? [w] : [];
  let due = -Infinity;
  for (const l of top) {
    if (!isLeaf(l) || (l.operator !== 'greaterThanInclusive' && l.operator !== 'greaterThan')) continue;
    const f = ed.factById.get(l.fact)?.spec;
    if (!f || f.type !== 'integer' || (f.minimum ?? -Infinity) < 1900 || (f.maximum ?? Infinity) > 2200) continue;
    const v = l.value as unknown;
    const vs = v && typeof v === 'object' && !Array.isArray(v) && 'param' in v ? paramValues(ed, (v as { param: string }).param) : [v];
    if (vs.length !== 1 || typeof vs[0] !== 'number') continue;
    const y = l.operator === 'greaterThan' ? vs[0] + 1 : vs[0];
    if (y > due) due = y;
  }
  return due;
}

/** The seed-plan requirements a clause cites: task (or section) and quote. */
function seedRequirements(c: CompiledClause): { at: string; quote: string }[] {
  return c.spec.cites.filter((x) => x.source === 'seed-plan' && x.quote).map((x) => ({ at: x.task !== undefined ? `task ${x.task}` : `section ${x.section}`, quote: x.quote! }));
}

function sameRequirement(a: CompiledClause, b: CompiledClause): { at: string; quote: string } | undefined {
  for (const x of seedRequirements(a)) for (const y of seedRequirements(b)) if (x.at === y.at && (x.quote.includes(y.quote) || y.quote.includes(x.quote))) return x;
  return undefined;
}

function common(ra: InForceRange, rb: InForceRange): InForceRange | undefined {
  const from = ra.from > rb.from ? ra.from : rb.from;
  const until = ra.until === undefined ? rb.until : rb.until === undefined ? ra.until : ra.until < rb.until ? ra.until : rb.until;
  if (until !== undefined && until < from) return undefined;
  return until === undefined ? { from } : { from, until };
}

/** What a search found, and how many clause pairs each kind compared (so a test can see it compared any). */
export interface ContradictionSearch {
  contradictions: Contradiction[];
  compared: { sameFacts: number; deadline: number };
}

const yearText = (y: number) => (y === -Infinity ? 'every day in force' : y);

/** Every contradiction between published editions of different standards that are in force on a common day. */
export function findContradictions(editions: readonly CompiledEdition[]): ContradictionSearch {
  const compared = { sameFacts: 0, deadline: 0 };
  const published = editions.filter((e) => e.spec.status === 'published');
  const specs = published.map((e) => e.spec);
  const ranges = new Map(published.map((e) => [e.ref, inForceRange(e.spec, specs)]));
  const out: Contradiction[] = [];
  const sorted = [...published].sort((x, y) => (x.ref < y.ref ? -1 : 1));
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const ea = sorted[i]!;
      const eb = sorted[j]!;
      if (ea.id === eb.id) continue;
      const ra = ranges.get(ea.ref);
      const rb = ranges.get(eb.ref);
      if (!ra || !rb) continue;
      const days = common(ra, rb);
      if (!days) continue;
      for (const ca of ea.clauses) {
        if (!ca.counts) continue;
        for (const cb of eb.clauses) {
          if (!cb.counts || ca.hash === cb.hash) continue;
          const base = { a: `${ea.ref}#${ca.id}`, b: `${eb.ref}#${cb.id}`, ...days };
          const req = sameRequirement(ca, cb);
          if (req) {
            compared.deadline++;
            const da = dueYear(ea, ca);
            const db = dueYear(eb, cb);
            const lo = Math.min(da, db);
            const hi = Math.max(da, db);
            const first = Number(days.from.slice(0, 4));
            const last = days.until === undefined ? Infinity : Number(days.until.slice(0, 4));
            // Years in [lo, hi) are those in which exactly one of the two is due.
            if (lo !== hi && Math.max(lo, first) <= Math.min(hi - 1, last)) {
              out.push({ kind: 'deadline', ...base, detail: { requirement: `${req.at}: ${req.quote}`, [base.a]: yearText(da), [base.b]: yearText(db) } });
            }
          }
          const fa = factsRead(ca);
          const fb = factsRead(cb);
          if (fa.size !== fb.size || [...fa].some((f) => !fb.has(f))) continue;
          const specsSame = [...fa].every((f) => factSpecOf(ea, ca, f) !== undefined && JSON.stringify(factSpecOf(ea, ca, f)) === JSON.stringify(factSpecOf(eb, cb, f)));
          if (!specsSame) continue;
          const lists: [string, unknown[]][] = [];
          let ok = true;
          for (const f of [...fa].sort()) {
            const vs = candidates(factSpecOf(ea, ca, f)!, f, [[ea, ca], [eb, cb]]);
            if (!vs) { ok = false; break; }
            lists.push([f, vs]);
          }
          const combos = ok ? product(lists, 4096) : undefined;
          if (!combos) throw new Error(`cannot enumerate the facts of ${base.a} and ${base.b}; extend candidates()`);
          compared.sameFacts++;
          for (const facts of combos) {
            const oa = outcomeOf(ea, ca, facts);
            const ob = outcomeOf(eb, cb, facts);
            if ((oa === 'pass' && ob === 'fail') || (oa === 'fail' && ob === 'pass')) {
              out.push({ kind: 'same-facts', ...base, detail: { facts, [base.a]: oa, [base.b]: ob } });
              break;
            }
          }
        }
      }
    }
  }
  return { contradictions: out, compared };
}
