/**
 * Clause-level differences between two editions of a standard, each classified by what it can do to a verdict,
 * and the least version bump the versioning contract (docs/versioning.md) asks for.
 *
 * Impact, from most to least serious:
 * - `breaking`: an observation valid under the old edition may be rejected or read differently under the new
 *   one, or a clause id that records and work orders refer to disappears → major;
 * - `decision`: an outcome, the overall outcome, the score or what a failure means (severity) may change → minor;
 * - `addition`: something new to answer or to choose, with no effect on observations made before → minor;
 * - `wording`: texts, labels, messages, citations, routing → patch;
 * - `metadata`: status, dates, supersedes → no bump by itself (every new version has its own).
 */
import { canonicalJson, hashJson } from '../hash/index.js';
import type { CompiledEdition } from '../compile/compile.js';
import { editionContent } from '../model/edition-content.js';
import type { ClauseSpec, EditionSpec, FactSpec, ParameterSpec } from '../model/edition.js';
import { conditionReads } from '../model/condition.js';
import { compareSemver, semverParts } from '../model/semver.js';

/** What kind of difference. */
export type ChangeKind =
  | 'clause-added'
  | 'clause-removed'
  | 'check-changed'
  | 'applicability-changed'
  | 'parameter-changed'
  | 'severity-changed'
  | 'deduction-changed'
  | 'optional-changed'
  | 'text-changed'
  | 'label-changed'
  | 'messages-changed'
  | 'citation-changed'
  | 'provenance-changed'
  | 'routing-changed'
  | 'group-changed'
  | 'fact-added'
  | 'fact-removed'
  | 'fact-changed'
  | 'parameter-added'
  | 'parameter-removed'
  | 'parameter-wording-changed'
  | 'scoring-changed'
  | 'source-changed'
  | 'metadata-changed'
  | 'scope-changed'
  | 'kind-added'
  | 'kind-removed'
  | 'kind-changed'
  | 'quantifier-changed'
  | 'rectification-changed';

/** What a change can do; see the module comment. */
export type Impact = 'breaking' | 'decision' | 'addition' | 'wording' | 'metadata';

/** A version bump. */
export type Bump = 'none' | 'patch' | 'minor' | 'major';

/** One difference. */
export interface EditionChange {
  kind: ChangeKind;
  impact: Impact;
  /** The clause it is about, for a clause-level change. */
  clause?: string;
  /** The fact, parameter, source or field it is about, for an edition-level change. */
  subject?: string;
  /** Clauses an edition-level change reaches (those reading the fact or parameter). */
  affects?: string[];
  /** For a fact change: which of its properties changed (`type`, `unit`, `minimum`, …). */
  properties?: string[];
  from?: unknown;
  to?: unknown;
}

/** The differences between two editions. */
export interface EditionDiff {
  from: { ref: string; hash: string; version: string };
  to: { ref: string; hash: string; version: string };
  changes: EditionChange[];
  /** Whether any change can alter a clause outcome, the overall outcome, the score or the reading of an observation. */
  decisionChanges: boolean;
  /** The least bump the versioning contract asks for. */
  requiredBump: Bump;
  /** The bump from `from.version` to `to.version` (`downgrade` when `to` is the lower version). */
  actualBump: Bump | 'downgrade';
}

const BUMP_OF: Record<Impact, Bump> = {
  breaking: 'major',
  decision: 'minor',
  addition: 'minor',
  wording: 'patch',
  metadata: 'none',
};
const BUMP_RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** The parameters and facts a clause reads, including the key facts of keyed parameters. */
export function clauseReads(clause: ClauseSpec, spec: EditionSpec): { params: Set<string>; facts: Set<string> } {
  const { params, facts } = conditionReads(clause.appliesWhen, conditionReads(clause.check));
  for (const p of params) {
    const key = spec.parameters?.[p]?.byFact;
    if (key) facts.add(key);
  }
  return { params, facts };
}

/** The part of a parameter that decides: its value or table, and unit. */
function paramValue(p: ParameterSpec) {
  return p.byFact !== undefined
    ? { byFact: p.byFact, values: p.values, unit: p.unit }
    : { value: p.value, unit: p.unit };
}

/** How a fact changed, property by property, and the most serious impact. */
function factChange(a: FactSpec, b: FactSpec): { impact: Impact; properties: string[] } | undefined {
  const props: [string, Impact][] = [];
  if (a.type !== b.type) props.push(['type', 'breaking']);
  if (a.unit !== b.unit) props.push(['unit', 'breaking']);
  if (a.minimum !== b.minimum)
    props.push([
      'minimum',
      b.minimum !== undefined && (a.minimum === undefined || b.minimum > a.minimum) ? 'breaking' : 'addition',
    ]);
  if (a.maximum !== b.maximum)
    props.push([
      'maximum',
      b.maximum !== undefined && (a.maximum === undefined || b.maximum < a.maximum) ? 'breaking' : 'addition',
    ]);
  const ca = (a.choices ?? []).map((c) => c.value);
  const cb = (b.choices ?? []).map((c) => c.value);
  if (ca.some((v) => !cb.includes(v))) props.push(['choices', 'breaking']);
  else if (cb.some((v) => !ca.includes(v))) props.push(['choices', 'addition']);
  if ((a.evidence?.required ?? false) !== (b.evidence?.required ?? false))
    props.push(['evidence.required', 'decision']);
  const wording = (f: FactSpec) => ({
    label: f.label,
    question: f.question,
    help: f.help,
    choices: f.choices,
    evidence: f.evidence ? { kinds: f.evidence.kinds, note: f.evidence.note } : undefined,
  });
  if (!same(wording(a), wording(b)) && !props.some(([p]) => p === 'choices')) props.push(['wording', 'wording']);
  if (!props.length) return undefined;
  return { impact: worst(props.map(([, i]) => i)), properties: props.map(([p]) => p) };
}

const IMPACT_RANK: Record<Impact, number> = { metadata: 0, wording: 1, addition: 2, decision: 3, breaking: 4 };

function worst(impacts: readonly Impact[]): Impact {
  return impacts.reduce<Impact>((w, i) => (IMPACT_RANK[i] > IMPACT_RANK[w] ? i : w), 'metadata');
}

/** The bump between two versions. */
export function versionBump(from: string, to: string): Bump | 'downgrade' {
  const a = semverParts(from);
  const b = semverParts(to);
  if (!a || !b) return 'none';
  const cmp = compareSemver(to, from);
  if (cmp < 0) return 'downgrade';
  if (cmp === 0) return 'none';
  if (b.major !== a.major) return 'major';
  if (b.minor !== a.minor) return 'minor';
  return 'patch';
}

function clauseIndex(spec: EditionSpec): Map<string, { clause: ClauseSpec; group: string }> {
  const m = new Map<string, { clause: ClauseSpec; group: string }>();
  for (const g of spec.groups) for (const c of g.clauses) m.set(c.id, { clause: c, group: g.id });
  return m;
}

/**
 * The differences between two editions (normally two versions of one standard), clause by clause, plus facts,
 * parameters, sources and scoring. An edition compared with itself, or with a copy in another key order, has
 * no differences.
 */
export function diffEditions(a: CompiledEdition | EditionSpec, b: CompiledEdition | EditionSpec): EditionDiff {
  const sa: EditionSpec = 'spec' in a ? a.spec : a;
  const sb: EditionSpec = 'spec' in b ? b.spec : b;
  const changes: EditionChange[] = [];
  const push = (c: EditionChange) => changes.push(c);

  // Clauses, in the new edition's order, then those removed.
  const ca = clauseIndex(sa);
  const cb = clauseIndex(sb);
  for (const [id, { clause: y, group: gy }] of cb) {
    const old = ca.get(id);
    if (!old) {
      push({ kind: 'clause-added', impact: 'decision', clause: id, to: y });
      continue;
    }
    const x = old.clause;
    if (!same(x.check, y.check))
      push({ kind: 'check-changed', impact: 'decision', clause: id, from: x.check, to: y.check });
    if (!same(x.appliesWhen, y.appliesWhen))
      push({ kind: 'applicability-changed', impact: 'decision', clause: id, from: x.appliesWhen, to: y.appliesWhen });
    // A threshold: a parameter the clause reads in both editions whose value or table changed.
    const px = clauseReads(x, sa).params;
    for (const p of clauseReads(y, sb).params) {
      const vx = sa.parameters?.[p];
      const vy = sb.parameters?.[p];
      if (px.has(p) && vx && vy && !same(paramValue(vx), paramValue(vy))) {
        push({
          kind: 'parameter-changed',
          impact: 'decision',
          clause: id,
          subject: p,
          from: paramValue(vx),
          to: paramValue(vy),
        });
      }
    }
    if (x.severity !== y.severity)
      push({ kind: 'severity-changed', impact: 'decision', clause: id, from: x.severity, to: y.severity });
    if (x.deduction !== y.deduction)
      push({ kind: 'deduction-changed', impact: 'decision', clause: id, from: x.deduction, to: y.deduction });
    else if (x.deductionCap !== y.deductionCap)
      push({ kind: 'deduction-changed', impact: 'decision', clause: id, from: x.deductionCap, to: y.deductionCap });
    // Checked on the unit or per object, or on another kind: observations of it change shape.
    if (x.each !== y.each) push({ kind: 'scope-changed', impact: 'breaking', clause: id, from: x.each, to: y.each });
    if ((x.optional ?? false) !== (y.optional ?? false))
      push({
        kind: 'optional-changed',
        impact: 'decision',
        clause: id,
        from: x.optional ?? false,
        to: y.optional ?? false,
      });
    if (!same(x.text, y.text)) push({ kind: 'text-changed', impact: 'wording', clause: id, from: x.text, to: y.text });
    if (!same(x.label, y.label))
      push({ kind: 'label-changed', impact: 'wording', clause: id, from: x.label, to: y.label });
    if (!same(x.messages, y.messages))
      push({ kind: 'messages-changed', impact: 'wording', clause: id, from: x.messages, to: y.messages });
    if (!same(x.cites, y.cites))
      push({ kind: 'citation-changed', impact: 'wording', clause: id, from: x.cites, to: y.cites });
    if (x.provenance !== y.provenance || !same(x.provisionalReason, y.provisionalReason)) {
      push({ kind: 'provenance-changed', impact: 'wording', clause: id, from: x.provenance, to: y.provenance });
    }
    if (!same(x.routing, y.routing))
      push({ kind: 'routing-changed', impact: 'wording', clause: id, from: x.routing, to: y.routing });
    if (old.group !== gy) push({ kind: 'group-changed', impact: 'wording', clause: id, from: old.group, to: gy });
  }
  for (const [id, { clause }] of ca)
    if (!cb.has(id)) push({ kind: 'clause-removed', impact: 'breaking', clause: id, from: clause });

  // Which clauses of the new edition (or, for removed things, the old one) read a fact or parameter.
  const readers = (spec: EditionSpec, kind: 'facts' | 'params', id: string) =>
    spec.groups
      .flatMap((g) => g.clauses)
      .filter((c) => clauseReads(c, spec)[kind].has(id))
      .map((c) => c.id);

  // Facts.
  for (const [id, fy] of Object.entries(sb.facts)) {
    const fx = sa.facts[id];
    if (!fx) push({ kind: 'fact-added', impact: 'addition', subject: id, affects: readers(sb, 'facts', id), to: fy });
    else {
      const c = factChange(fx, fy);
      if (c)
        push({
          kind: 'fact-changed',
          impact: c.impact,
          subject: id,
          properties: c.properties,
          affects: readers(sb, 'facts', id),
          from: fx,
          to: fy,
        });
    }
  }
  for (const [id, fx] of Object.entries(sa.facts)) {
    if (!(id in sb.facts))
      push({ kind: 'fact-removed', impact: 'breaking', subject: id, affects: readers(sa, 'facts', id), from: fx });
  }

  // Parameters: a value change no clause reads in both editions (those are reported per clause above), what
  // exists, and wording. A removed (or renamed) parameter breaks city profiles that set it.
  const perClause = new Set(changes.filter((c) => c.kind === 'parameter-changed').map((c) => c.subject));
  const pa = sa.parameters ?? {};
  const pb = sb.parameters ?? {};
  for (const [id, y] of Object.entries(pb)) {
    const x = pa[id];
    if (!x) {
      push({ kind: 'parameter-added', impact: 'addition', subject: id, affects: readers(sb, 'params', id), to: y });
      continue;
    }
    if (!same(paramValue(x), paramValue(y)) && !perClause.has(id)) {
      push({
        kind: 'parameter-changed',
        impact: 'decision',
        subject: id,
        affects: readers(sb, 'params', id),
        from: paramValue(x),
        to: paramValue(y),
      });
    }
    if (!same({ label: x.label, cites: x.cites, note: x.note }, { label: y.label, cites: y.cites, note: y.note })) {
      push({ kind: 'parameter-wording-changed', impact: 'wording', subject: id, from: x, to: y });
    }
  }
  for (const [id, x] of Object.entries(pa))
    if (!(id in pb))
      push({ kind: 'parameter-removed', impact: 'breaking', subject: id, affects: readers(sa, 'params', id), from: x });

  // Objects: a kind removed, or a fact of one removed or changed in type, breaks observations of it; a kind or
  // an object's fact added is an addition; a quantifier or a deadline changed changes what is decided.
  const ka = sa.kinds ?? {};
  const kb = sb.kinds ?? {};
  for (const [id, y] of Object.entries(kb)) {
    const x = ka[id];
    if (!x) {
      push({ kind: 'kind-added', impact: 'addition', subject: id, to: y });
      continue;
    }
    const impacts: Impact[] = [];
    const properties: string[] = [];
    for (const [f, fy] of Object.entries(y.facts)) {
      const fx = x.facts[f];
      if (!fx) {
        impacts.push('addition');
        properties.push(`+${f}`);
      } else {
        const c = factChange(fx, fy);
        if (c) {
          impacts.push(c.impact);
          properties.push(f);
        }
      }
    }
    for (const f of Object.keys(x.facts))
      if (!(f in y.facts)) {
        impacts.push('breaking');
        properties.push(`-${f}`);
      }
    if (
      !same(
        { parts: x.parts, responsibleParty: x.responsibleParty },
        { parts: y.parts, responsibleParty: y.responsibleParty },
      )
    ) {
      impacts.push('decision');
      properties.push('parts/responsibleParty');
    }
    if (!same(x.label, y.label)) {
      impacts.push('wording');
      properties.push('label');
    }
    if (impacts.length) push({ kind: 'kind-changed', impact: worst(impacts), subject: id, properties, from: x, to: y });
  }
  for (const [id, x] of Object.entries(ka))
    if (!(id in kb)) push({ kind: 'kind-removed', impact: 'breaking', subject: id, from: x });
  const qa = sa.quantifiers ?? {};
  const qb = sb.quantifiers ?? {};
  for (const id of new Set([...Object.keys(qa), ...Object.keys(qb)]))
    if (!same(qa[id], qb[id]))
      push({
        kind: 'quantifier-changed',
        impact: qb[id] === undefined ? 'breaking' : 'decision',
        subject: id,
        affects: readers(qb[id] ? sb : sa, 'facts', id),
        from: qa[id],
        to: qb[id],
      });
  if (!same(sa.rectification, sb.rectification))
    push({
      kind: 'rectification-changed',
      impact: 'decision',
      subject: 'rectification',
      from: sa.rectification,
      to: sb.rectification,
    });

  // Scoring, sources, edition-wide routing, metadata.
  if (!same(sa.scoring, sb.scoring))
    push({ kind: 'scoring-changed', impact: 'decision', subject: 'scoring', from: sa.scoring, to: sb.scoring });
  const sourcesA = new Map(sa.sources.map((s) => [s.id, s]));
  for (const s of sb.sources) {
    const x = sourcesA.get(s.id);
    if (!x || !same(x, s))
      push({ kind: 'source-changed', impact: 'wording', subject: s.id, ...(x ? { from: x } : {}), to: s });
  }
  for (const s of sa.sources)
    if (!sb.sources.some((y) => y.id === s.id))
      push({ kind: 'source-changed', impact: 'wording', subject: s.id, from: s });
  if (!same(sa.routing, sb.routing))
    push({ kind: 'routing-changed', impact: 'wording', subject: 'routing', from: sa.routing, to: sb.routing });
  for (const k of ['nickname', 'title', 'summary', 'subject'] as const) {
    if (!same(sa[k], sb[k])) push({ kind: 'metadata-changed', impact: 'wording', subject: k, from: sa[k], to: sb[k] });
  }
  for (const k of ['status', 'effective', 'supersedes'] as const) {
    if (!same(sa[k], sb[k])) push({ kind: 'metadata-changed', impact: 'metadata', subject: k, from: sa[k], to: sb[k] });
  }
  if (
    !same(
      sa.groups.map((g) => ({ id: g.id, label: g.label })),
      sb.groups.map((g) => ({ id: g.id, label: g.label })),
    )
  ) {
    push({
      kind: 'metadata-changed',
      impact: 'wording',
      subject: 'groups',
      from: sa.groups.map((g) => g.id),
      to: sb.groups.map((g) => g.id),
    });
  }

  const requiredBump = changes.reduce<Bump>(
    (m, c) => (BUMP_RANK[BUMP_OF[c.impact]] > BUMP_RANK[m] ? BUMP_OF[c.impact] : m),
    'none',
  );
  const ref = (s: EditionSpec, e: CompiledEdition | EditionSpec) => ({
    ref: `${s.id}@${s.version}`,
    hash: 'spec' in e ? e.hash : hashJson(editionContent(s)),
    version: s.version,
  });
  return {
    from: ref(sa, a),
    to: ref(sb, b),
    changes,
    decisionChanges: changes.some((c) => c.impact === 'breaking' || c.impact === 'decision'),
    requiredBump,
    actualBump: versionBump(sa.version, sb.version),
  };
}

/** Whether a version bump satisfies the required one. */
export function bumpSuffices(actual: Bump | 'downgrade', required: Bump): boolean {
  return actual !== 'downgrade' && BUMP_RANK[actual] >= BUMP_RANK[required];
}
