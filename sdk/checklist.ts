/**
 * A checklist session over one edition: the inspector's items in the standard's printed order, answers that
 * return the new verdict synchronously, progress, subscriptions, and saving and restoring an inspection in
 * progress pinned to its exact edition. Pure JavaScript: no Node built-ins, so it runs in a browser, a
 * mini-program or Node.
 */
import {
  BundleError,
  F,
  InputError,
  ObservationError,
  T,
  buildVerdict,
  clauseOutcome,
  checkJsonValue,
  evaluateOutcomes,
  formatFactValue,
  isEvidenceReason,
  normaliseObservation,
  overallOutcome,
  parseJson,
  preview,
  readBundle,
  SignatureError,
  KeyError,
  type CompiledClause,
  type CompiledEdition,
  type Condition,
  type EvidenceKind,
  type EvidenceRef,
  type FactType,
  type I18nText,
  type LoadedBundle,
  type Locale,
  type MissingFact,
  type MissingReason,
  type Observation,
  type ObservationIssue,
  type Observer,
  type Outcome,
  type Severity,
  type Subject,
  type Totals,
  type Trust,
  type Verdict,
} from '../src/index.js';
import { ChecklistError } from './errors.js';
import { fill, MESSAGES, WORDS } from './messages.js';

/** Options of a checklist session. */
export interface ChecklistOptions {
  /** Language of items, messages and errors (default zh). */
  locale?: Locale;
  /** What is inspected; recorded in the observation and the verdict. */
  subject?: Subject;
  /** Who inspects. */
  observer?: Observer;
  /** When the inspection is made (RFC 3339 with a time zone). The SDK never reads a clock. */
  observedAt?: string;
  /** Include each condition leaf's trace in verdicts (default false: smaller and faster). */
  trace?: boolean;
  /**
   * Whom to trust (required unless the bundle is one `loadBundle` already returned): the public keys (parsed
   * `.pub` files from `daoze keygen`, or their text) one of which must have signed the bundle, else
   * `ChecklistError` E_SIGNATURE naming the key id; or `'unsigned'`, the explicit opt-out: no signature is
   * checked and the bundle is used on its content hashes alone (docs/security.md).
   */
  trust?: Trust;
}

/** How an item is answered in a form. */
export type InputKind = 'yes-no' | 'choice' | 'number' | 'date' | 'datetime';

/** Whether an item can still change a clause's outcome. */
export type Relevance =
  /** Its answer can change a clause that counts towards the verdict. */
  | 'required'
  /** Its answer can change only optional (local-practice) clauses. */
  | 'optional'
  /** Whatever its answer, no clause's outcome changes. */
  | 'moot';

/** One thing the inspector records: a fact of the edition's catalogue. */
export interface ChecklistItem {
  fact: string;
  /** The section it is listed in (the first group whose clauses read it). */
  section: string;
  label: string;
  /** The question put to the inspector. */
  question: string;
  help?: string;
  type: FactType;
  input: InputKind;
  unit?: string;
  /** Allowed range of a number (inclusive); `step` is 1 for whole numbers. */
  range?: { min?: number; max?: number; step?: number };
  choices?: { value: string; label: string }[];
  /** The evidence asked for; with `required`, a value counts only once evidence is attached. */
  evidence?: { kinds: EvidenceKind[]; required: boolean; note?: string };
  /** Ids of the clauses that read this fact, in printed order. */
  clauses: string[];
  /** Whether an answer is recorded (a value, or null for "could not determine"). */
  answered: boolean;
  /** The answer as given: undefined when none, null when the inspector could not determine it. */
  value: unknown;
  /** The answer formatted for display, with its unit or choice label. */
  display?: string;
  /** Evidence attached to the answer. */
  attached: EvidenceRef[];
  /** A value is given but does not count yet: the evidence it requires is not attached. */
  awaitingEvidence: boolean;
  relevance: Relevance;
  /** Why a moot item cannot matter: every clause reading it does not apply, or is already decided without it. */
  moot?: 'not-applicable' | 'decided' | 'unused';
}

/** A clause as a section lists it. */
export interface ChecklistClause {
  id: string;
  /** The label as the standard prints it (水通). */
  label: string;
  outcome: Outcome;
  required: boolean;
  severity: Severity;
}

/** A printed group of the standard (四净 / 三无 / 两通 / 一明), with its clauses and the items first asked there. */
export interface ChecklistSection {
  id: string;
  label: string;
  clauses: ChecklistClause[];
  items: ChecklistItem[];
}

/** A clause whose outcome changed. */
export interface ClauseChange {
  clause: string;
  group: string;
  label: I18nText;
  from: Outcome;
  to: Outcome;
  required: boolean;
}

/** What `answer`, `clear` and `setLocale` return, and what subscribers receive. */
export interface ChecklistUpdate {
  /** Increases by one with every change. */
  revision: number;
  kind: 'answer' | 'clear' | 'locale';
  /** The fact answered or cleared. */
  fact?: string;
  /** The overall outcome now, and before. */
  outcome: Outcome;
  previous: Outcome;
  /** Counts over required clauses. */
  totals: Totals;
  /** The score, when the standard scores. */
  score?: Verdict['score'];
  /** Clauses whose outcome changed, in printed order. */
  changes: ClauseChange[];
  /**
   * The full verdict at this revision (messages, citations, what is missing). Built on first read and kept;
   * outcome, totals, score and changes above are computed at once without it.
   */
  readonly verdict: Verdict;
}

/** How far the inspection is. */
export interface ChecklistProgress {
  revision: number;
  outcome: Outcome;
  /** Whether the overall outcome is decided (not indeterminate). */
  decided: boolean;
  /** Items in the checklist (facts read by any clause). */
  total: number;
  /** Items whose answer can still change a clause that counts. */
  applicable: number;
  /** Applicable items with an answer recorded. */
  answered: number;
  /** Clauses: how many, and how many have a decided outcome. */
  clauses: { total: number; decided: number };
  /**
   * What is still needed to decide the clauses that count, the facts that settle the most indeterminate
   * clauses first (the verdict's `missing`, in its order).
   */
  needed: MissingFact[];
  /** Facts still needed only by optional clauses. */
  optional: MissingFact[];
}

/** A saved inspection in progress, as `toJSON` writes it: plain JSON, pinned to the exact edition. */
export interface ChecklistSnapshot {
  format: 'daoze-checklist';
  formatVersion: 1;
  /** The edition the inspection was made under: id, version and content hash. */
  edition: { id: string; version: string; ref: string; hash: string };
  locale: Locale;
  revision: number;
  /** The answers so far, as an observation the engine's `evaluate` accepts. */
  observation: Observation;
}

/** A listener of a checklist's changes. */
export type ChecklistListener = (update: ChecklistUpdate) => void;

/** A checklist session. */
export interface Checklist {
  /** The edition, pinned for the life of the session. */
  readonly edition: { id: string; version: string; ref: string; hash: string; nickname: string; title: I18nText; scoring: boolean };
  readonly locale: Locale;
  /** Increases by one with every change; a cheap snapshot key for UI frameworks. */
  readonly revision: number;
  /** The sections in the standard's printed order. */
  sections(): ChecklistSection[];
  /** Every item, in section order, then the catalogue's order for facts no clause reads. */
  items(): ChecklistItem[];
  /** One item. Throws `ChecklistError` E_UNKNOWN_FACT for a fact not in the edition. */
  item(fact: string): ChecklistItem;
  /**
   * Records an answer and returns the new verdict with what changed. `value` null records that the inspector
   * could not determine it. `evidence`, when given, replaces the item's evidence; when omitted, the evidence
   * already attached stays. A wrong value or evidence throws `ChecklistError` and changes nothing.
   */
  answer(fact: string, value: unknown, evidence?: readonly EvidenceRef[]): ChecklistUpdate;
  /** Takes back an item's answer and its evidence. */
  clear(fact: string): ChecklistUpdate;
  /** Switches the language of items, messages and errors. */
  setLocale(locale: Locale): ChecklistUpdate;
  /** The verdict now. */
  verdict(): Verdict;
  /** Progress and what is still needed. */
  progress(): ChecklistProgress;
  /** The answers as an observation for the engine (`evaluate`) or a server. */
  observation(): Observation;
  /** Calls `listener` after every change; returns the function that stops it. Can be passed unbound. */
  readonly subscribe: (listener: ChecklistListener) => () => void;
  /** The inspection in progress, pinned to its edition, for `restore`. */
  toJSON(): ChecklistSnapshot;
}

/** A bundle as `daoze build` writes it (parsed or as text), or one already loaded. */
export type BundleInput = LoadedBundle | object | string;

// Compiled bundles by bundle object, and by the trust they were accepted under: a bundle accepted under one
// trust is checked again under another (a cached 'unsigned' read never lets a bundle past a key check).
const loadedBundles = new WeakMap<object, Map<string, LoadedBundle>>();

function isLoaded(b: unknown): b is LoadedBundle {
  return typeof b === 'object' && b !== null && typeof (b as LoadedBundle).find === 'function' && Array.isArray((b as LoadedBundle).editions);
}

function trustKey(trust: Trust | undefined): string | undefined {
  if (trust === 'unsigned') return 'unsigned';
  if (!Array.isArray(trust)) return undefined;
  try {
    return JSON.stringify(trust);
  } catch {
    return undefined;
  }
}

/**
 * Reads a bundle once: its signature is checked against `trust`, it is compiled and its hashes checked on
 * first use, and kept for the life of the bundle object (per trust), so that every checklist made from it
 * shares the compiled editions. A bundle given as JSON text is read on every call: parse it once and pass
 * the object, or pass what this returns. A bundle that is already loaded is returned as it is.
 *
 * @example
 * ```ts
 * const loaded = loadBundle(bundle, 'zh', [publicKey]);   // publicKey: the parsed .pub file of `daoze keygen`
 * loaded.signedBy;                                        // its key id
 * ```
 */
export function loadBundle(bundle: BundleInput, locale: Locale = 'zh', trust?: Trust): LoadedBundle {
  if (isLoaded(bundle)) return bundle;
  const key = trustKey(trust);
  const cached = typeof bundle === 'object' && bundle !== null && key !== undefined ? loadedBundles.get(bundle)?.get(key) : undefined;
  if (cached) return cached;
  try {
    const lb = readBundle(bundle, { trust: trust as Trust });
    if (typeof bundle === 'object' && bundle !== null && key !== undefined) {
      const byTrust = loadedBundles.get(bundle) ?? new Map<string, LoadedBundle>();
      byTrust.set(key, lb);
      loadedBundles.set(bundle, byTrust);
    }
    return lb;
  } catch (e) {
    if (e instanceof BundleError) throw new ChecklistError('E_BUNDLE', fill(MESSAGES.bundle, { detail: e.message }), locale, { issues: e.issues });
    if (e instanceof SignatureError) {
      throw new ChecklistError('E_SIGNATURE', fill(MESSAGES.signature, { detail: e.message }), locale, e.keyId !== undefined ? { keyId: e.keyId } : {});
    }
    if (e instanceof KeyError) throw new ChecklistError('E_OPTIONS', fill(MESSAGES.options, { detail: `trust: ${e.message}` }), locale);
    throw e;
  }
}

/** What a session needs to know about an edition's structure; computed once per compiled edition. */
interface Layout {
  /** Fact indexes each clause reads (applicability and check), by clause index. */
  clauseFacts: number[][];
  /** Clause indexes reading each fact, by fact index. */
  factClauses: number[][];
  sections: { id: string; label: I18nText; clauses: number[]; facts: number[] }[];
  /** The section each fact is listed in, by fact index (undefined: read by no clause). */
  sectionOf: (string | undefined)[];
  /** Fact indexes in item order. */
  order: number[];
}

const layouts = new WeakMap<CompiledEdition, Layout>();

function layoutOf(ed: CompiledEdition): Layout {
  let l = layouts.get(ed);
  if (l) return l;
  const clauseIndex = new Map(ed.clauses.map((c, i) => [c, i]));
  const clauseFacts = ed.clauses.map((c) => {
    const s = new Set<number>();
    c.applies?.facts(s);
    c.check.facts(s);
    return [...s].sort((a, b) => a - b);
  });
  const factClauses: number[][] = ed.facts.map(() => []);
  clauseFacts.forEach((fs, ci) => fs.forEach((fi) => factClauses[fi]!.push(ci)));
  const sectionOf: (string | undefined)[] = ed.facts.map(() => undefined);
  const order: number[] = [];
  // Items in the order a form asks them: clause by clause as printed, what decides applicability first, and
  // a classification fact (the key of a parameter table, 公厕类别) before the reading it sets the limit for.
  const sections = ed.groups.map((g) => {
    const facts: number[] = [];
    const add = (id: string) => {
      const f = ed.factById.get(id);
      if (f && sectionOf[f.index] === undefined) {
        sectionOf[f.index] = g.id;
        facts.push(f.index);
        order.push(f.index);
      }
    };
    const walk = (c: Condition): void => {
      if ('all' in c) return c.all.forEach(walk);
      if ('any' in c) return c.any.forEach(walk);
      if ('not' in c) return walk(c.not);
      const v = c.value;
      const ref = typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
      if (ref && 'param' in ref) {
        const key = ed.params.get(ref.param)?.byFact;
        if (key) add(key.id);
      }
      add(c.fact);
      if (ref && 'fact' in ref) add(ref.fact);
    };
    for (const c of g.clauses) {
      if (c.spec.appliesWhen) walk(c.spec.appliesWhen);
      walk(c.spec.check);
    }
    return { id: g.id, label: g.label, clauses: g.clauses.map((c) => clauseIndex.get(c)!), facts };
  });
  // Anything the compiled conditions read that the walk above missed would be a bug; add it rather than hide it.
  factClauses.forEach((cs, fi) => {
    if (cs.length && sectionOf[fi] === undefined) {
      const g = sections.find((s) => s.clauses.includes(cs[0]!))!;
      sectionOf[fi] = g.id;
      g.facts.push(fi);
      order.push(fi);
    }
  });
  ed.facts.forEach((f) => sectionOf[f.index] === undefined && order.push(f.index));
  l = { clauseFacts, factClauses, sections, sectionOf, order };
  layouts.set(ed, l);
  return l;
}

/** One immutable state of a session; every change makes a new one (copy on write), so updates keep theirs. */
interface State {
  readonly revision: number;
  readonly locale: Locale;
  /** Comparable values by fact index (undefined: unknown to the evaluator). */
  readonly values: readonly unknown[];
  /** Answers as given, by fact index. */
  readonly raw: readonly unknown[];
  readonly why: readonly (MissingReason | undefined)[];
  /** Whether an answer is recorded, by fact index. */
  readonly given: readonly boolean[];
  readonly evidence: readonly (readonly EvidenceRef[] | undefined)[];
  readonly outcomes: readonly Outcome[];
  /** Counts and score of the outcomes. */
  readonly tally: { totals: Totals; score?: Verdict['score'] };
}

/** A value in a message: bounded and safe whatever it is (deep, cyclic, BigInt), as the engine shows values. */
function show(v: unknown): string {
  return preview(v);
}

function totalsOf(ed: CompiledEdition, outcomes: readonly Outcome[]): { totals: Totals; score?: Verdict['score'] } {
  const totals: Totals = { pass: 0, fail: 0, indeterminate: 0, not_applicable: 0 };
  let deducted = 0;
  let atStake = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const c = ed.clauses[i]!;
    if (!c.counts) continue;
    const o = outcomes[i]!;
    totals[o]++;
    const d = c.spec.deduction;
    if (d !== undefined) {
      if (o === 'fail') deducted += d;
      else if (o === 'indeterminate') atStake += d;
    }
  }
  // The same arithmetic as the engine's verdict (a test holds the two equal).
  const base = ed.spec.scoring?.base;
  if (base === undefined) return { totals };
  return { totals, score: { base, deducted, value: Math.max(0, base - deducted), atStake, lowest: Math.max(0, base - deducted - atStake) } };
}

class Session implements Checklist {
  readonly edition: Checklist['edition'];
  private readonly layout: Layout;
  private state: State;
  private readonly listeners = new Set<ChecklistListener>();
  private readonly context: Pick<Observation, 'subject' | 'observer' | 'observedAt'>;
  private readonly trace: boolean;

  constructor(
    private readonly ed: CompiledEdition,
    init: Omit<State, 'outcomes' | 'tally'>,
    context: Pick<Observation, 'subject' | 'observer' | 'observedAt'>,
    trace: boolean,
  ) {
    this.edition = { id: ed.id, version: ed.version, ref: ed.ref, hash: ed.hash, nickname: ed.spec.nickname, title: ed.spec.title, scoring: ed.spec.scoring !== undefined };
    this.layout = layoutOf(ed);
    this.context = context;
    this.trace = trace;
    const outcomes = evaluateOutcomes(ed, init.values);
    this.state = { ...init, outcomes, tally: totalsOf(ed, outcomes) };
  }

  get locale(): Locale {
    return this.state.locale;
  }

  get revision(): number {
    return this.state.revision;
  }

  private fact(fact: string) {
    const f = typeof fact === 'string' ? this.ed.factById.get(fact) : undefined;
    if (!f) {
      throw new ChecklistError('E_UNKNOWN_FACT', fill(MESSAGES.unknownFact, { standard: this.ed.ref, fact: show(fact).replace(/^"|"$/g, '') }), this.locale, {
        ...(typeof fact === 'string' ? { fact } : {}),
        issues: [{ code: 'E_UNKNOWN_FACT', path: `facts.${String(fact)}`, message: `unknown fact "${String(fact)}" for ${this.ed.ref}`, allowed: this.ed.facts.map((x) => x.id) }],
      });
    }
    return f;
  }

  answer(fact: string, value: unknown, evidence?: readonly EvidenceRef[]): ChecklistUpdate {
    const f = this.fact(fact);
    const s = this.state;
    if (value === undefined) {
      throw new ChecklistError('E_VALUE', fill(MESSAGES.missingValue, { label: f.spec.label, fact }), s.locale, {
        fact,
        issues: [{ code: 'E_FACT_TYPE', path: `facts.${fact}`, message: 'no value given' }],
      });
    }
    const ev = evidence !== undefined ? evidence : s.evidence[f.index];
    // The engine's own checks decide, on an observation of this one fact (with its evidence, so that a value
    // that needs evidence counts exactly as it would in the whole observation). The rest of the session's
    // answers were checked when they were given and are not checked again.
    let n;
    try {
      n = normaliseObservation(this.ed, { standard: this.ed.ref, facts: { [fact]: value }, ...(ev !== undefined ? { evidence: { [fact]: ev } } : {}) });
    } catch (e) {
      if (e instanceof ObservationError) throw this.valueError(fact, e.issues);
      if (e instanceof InputError) throw this.inputError(fact, e);
      throw e;
    }
    const i = f.index;
    const values = s.values.slice();
    const raw = s.raw.slice();
    const why = s.why.slice();
    const given = s.given.slice();
    const evid = s.evidence.slice();
    values[i] = n.values[i];
    raw[i] = n.raw[i];
    why[i] = n.why[i];
    given[i] = true;
    evid[i] = ev === undefined ? undefined : ev.map((x) => ({ ...x }));
    return this.commit('answer', fact, { values, raw, why, given, evidence: evid, locale: s.locale });
  }

  clear(fact: string): ChecklistUpdate {
    const i = this.fact(fact).index;
    const s = this.state;
    const values = s.values.slice();
    const raw = s.raw.slice();
    const why = s.why.slice();
    const given = s.given.slice();
    const evid = s.evidence.slice();
    values[i] = undefined;
    raw[i] = undefined;
    why[i] = 'absent';
    given[i] = false;
    evid[i] = undefined;
    return this.commit('clear', fact, { values, raw, why, given, evidence: evid, locale: s.locale });
  }

  setLocale(locale: Locale): ChecklistUpdate {
    if (locale !== 'zh' && locale !== 'en') throw new ChecklistError('E_OPTIONS', fill(MESSAGES.options, { detail: `locale ${show(locale)} (zh | en)` }), this.locale);
    const s = this.state;
    return this.commit('locale', undefined, { values: s.values, raw: s.raw, why: s.why, given: s.given, evidence: s.evidence, locale });
  }

  private commit(kind: ChecklistUpdate['kind'], fact: string | undefined, next: Pick<State, 'values' | 'raw' | 'why' | 'given' | 'evidence' | 'locale'>): ChecklistUpdate {
    const before = this.state;
    const outcomes = kind === 'locale' ? before.outcomes : evaluateOutcomes(this.ed, next.values);
    const changes: ClauseChange[] = [];
    let moved = false;
    for (let i = 0; i < outcomes.length; i++) {
      if (outcomes[i] !== before.outcomes[i]) {
        moved = true;
        const c = this.ed.clauses[i]!;
        changes.push({ clause: c.id, group: c.group.id, label: c.spec.label, from: before.outcomes[i]!, to: outcomes[i]!, required: c.counts });
      }
    }
    const tally = moved ? totalsOf(this.ed, outcomes) : before.tally;
    const state: State = {
      revision: before.revision + 1,
      locale: next.locale,
      values: next.values,
      raw: next.raw,
      why: next.why,
      given: next.given,
      evidence: next.evidence,
      outcomes,
      tally,
    };
    this.state = state;
    const session = this;
    let stale: Verdict | undefined;
    const update: ChecklistUpdate = {
      revision: state.revision,
      kind,
      outcome: overallOutcome(tally.totals),
      previous: overallOutcome(before.tally.totals),
      totals: { ...tally.totals },
      changes,
      get verdict() {
        // The current verdict is kept by the session; an update read after later changes keeps its own.
        if (state === session.state) return session.verdictOf(state);
        stale ??= session.verdictOf(state);
        return stale;
      },
    };
    if (fact !== undefined) update.fact = fact;
    if (tally.score) update.score = { ...tally.score };
    if (this.listeners.size) this.notify(update);
    return update;
  }

  private notify(update: ChecklistUpdate): void {
    for (const l of [...this.listeners]) {
      try {
        l(update);
      } catch (e) {
        // A listener's error must not undo or hide the change the caller made: report it the way the DOM
        // reports an event listener's error, outside this call.
        setTimeout(() => {
          throw e;
        }, 0);
      }
    }
  }

  /** A value or evidence nested too deeply, cyclic, or not JSON data (the engine's `InputError`). */
  private inputError(fact: string, e: InputError): ChecklistError {
    const label = this.ed.factById.get(fact)!.spec.label;
    const detail = `${e.code} ${e.reason}`;
    const issues: ObservationIssue[] = [{ code: 'E_SHAPE', path: e.path ?? `facts.${fact}`, message: detail }];
    if (e.path?.startsWith('evidence')) return new ChecklistError('E_EVIDENCE', fill(MESSAGES.evidence, { label, detail, path: e.path }), this.locale, { fact, issues });
    return new ChecklistError('E_VALUE', fill(MESSAGES.notData, { label, detail }), this.locale, { fact, issues });
  }

  private valueError(fact: string, issues: readonly ObservationIssue[]): ChecklistError {
    const f = this.ed.factById.get(fact)!;
    const spec = f.spec;
    const issue = issues[0]!;
    const label = spec.label;
    const value = show(issue.value);
    if (issue.path.startsWith('evidence')) {
      return new ChecklistError('E_EVIDENCE', fill(MESSAGES.evidence, { label, detail: issue.message, path: issue.path }), this.locale, { fact, issues });
    }
    const unit = spec.unit ? fill(WORDS.in, { unit: spec.unit }) : { zh: '', en: '' };
    let text: I18nText;
    if (issue.code === 'E_FACT_RANGE') {
      const min = spec.minimum !== undefined ? String(spec.minimum) : '-∞';
      const max = spec.maximum !== undefined ? String(spec.maximum) : '∞';
      const range = { zh: `${min}${WORDS.to.zh}${max}${spec.unit ? ` ${spec.unit}` : ''}`, en: `${min}${WORDS.to.en}${max}${spec.unit ? ` ${spec.unit}` : ''}` };
      text = fill(MESSAGES.valueRange, { label, range, value });
    } else if (issue.code === 'E_FACT_CHOICE') {
      const choices = (spec.choices ?? []).map((c) => c.label);
      text = fill(MESSAGES.valueChoice, { label, value, choices: { zh: choices.map((c) => c.zh).join(WORDS.list.zh), en: choices.map((c) => c.en).join(WORDS.list.en) } });
    } else {
      const key = { boolean: 'valueBoolean', number: 'valueNumber', duration: 'valueNumber', integer: 'valueInteger', enum: 'valueChoice', date: 'valueDate', datetime: 'valueDateTime' } as const;
      text = fill(MESSAGES[key[spec.type]], { label, value, unit, choices: '' });
    }
    return new ChecklistError('E_VALUE', text, this.locale, { fact, issues });
  }

  /**
   * What was derived from the current state (its verdict, its items' relevance), kept here and dropped when the
   * state changes. Not kept on the state objects themselves: an engine may allocate those long-lived states in
   * its old generation, and a verdict hung on a dead old state survives young collections (measured with V8:
   * about ten times as many full collections, and a far longer p99, when the verdict was cached on the state).
   */
  private derived: { state: State; verdict?: Verdict; relevance?: { relevance: Relevance; moot?: ChecklistItem['moot'] }[] } | undefined;

  private derivedOf(s: State): NonNullable<Session['derived']> | undefined {
    if (s !== this.state) return undefined;
    if (this.derived?.state !== s) this.derived = { state: s };
    return this.derived;
  }

  private verdictOf(s: State): Verdict {
    const d = this.derivedOf(s);
    if (d?.verdict) return d.verdict;
    // An update read after later changes gets its own revision's verdict, built afresh (not kept).
    const verdict = buildVerdict(this.ed, { values: s.values as unknown[], raw: s.raw as unknown[], why: s.why as (MissingReason | undefined)[] }, this.context, {
      locale: s.locale,
      trace: this.trace,
    });
    if (d) d.verdict = verdict;
    return verdict;
  }

  verdict(): Verdict {
    return this.verdictOf(this.state);
  }

  private relevanceOf(s: State): { relevance: Relevance; moot?: ChecklistItem['moot'] }[] {
    const d = this.derivedOf(s);
    if (d?.relevance) return d.relevance;
    const tmp = s.values.slice();
    // Kleene logic is monotone: if a clause is decided while this fact is unknown, no value of the fact can
    // change it. So a fact can matter only to the clauses that are indeterminate without it.
    const relevance = this.ed.facts.map((f) => {
      const cs = this.layout.factClauses[f.index]!;
      if (!cs.length) return { relevance: 'moot' as const, moot: 'unused' as const };
      const saved = tmp[f.index];
      tmp[f.index] = undefined;
      let required = false;
      let optional = false;
      let applies = false;
      for (const ci of cs) {
        const c: CompiledClause = this.ed.clauses[ci]!;
        const a = c.applies ? c.applies.ev(tmp) : T;
        const o = clauseOutcome(a, a === F ? F : c.check.ev(tmp));
        if (o === 'indeterminate') {
          if (c.counts) required = true;
          else optional = true;
        }
        if (o !== 'not_applicable') applies = true;
      }
      tmp[f.index] = saved;
      if (required) return { relevance: 'required' as const };
      if (optional) return { relevance: 'optional' as const };
      return { relevance: 'moot' as const, moot: applies ? ('decided' as const) : ('not-applicable' as const) };
    });
    if (d) d.relevance = relevance;
    return relevance;
  }

  private itemAt(i: number): ChecklistItem {
    const s = this.state;
    const loc = s.locale;
    const f = this.ed.facts[i]!;
    const spec = f.spec;
    const rel = this.relevanceOf(s)[i]!;
    const input: InputKind =
      spec.type === 'boolean' ? 'yes-no' : spec.type === 'enum' ? 'choice' : spec.type === 'date' ? 'date' : spec.type === 'datetime' ? 'datetime' : 'number';
    const item: ChecklistItem = {
      fact: f.id,
      section: this.layout.sectionOf[i] ?? '',
      label: spec.label[loc],
      question: spec.question[loc],
      type: spec.type,
      input,
      clauses: this.layout.factClauses[i]!.map((ci) => this.ed.clauses[ci]!.id),
      answered: s.given[i]!,
      value: s.given[i] ? (s.raw[i] === undefined ? null : s.raw[i]) : undefined,
      attached: (s.evidence[i] ?? []).map((e) => ({ ...e })),
      awaitingEvidence: isEvidenceReason(s.why[i]),
      relevance: rel.relevance,
    };
    if (rel.moot) item.moot = rel.moot;
    if (s.given[i] && s.raw[i] !== undefined) item.display = formatFactValue(spec, s.raw[i], loc);
    if (spec.help) item.help = spec.help[loc];
    if (spec.unit) item.unit = spec.unit;
    if (input === 'number') {
      item.range = {
        ...(spec.minimum !== undefined ? { min: spec.minimum } : {}),
        ...(spec.maximum !== undefined ? { max: spec.maximum } : {}),
        ...(spec.type === 'integer' ? { step: 1 } : {}),
      };
    }
    if (spec.choices) item.choices = spec.choices.map((c) => ({ value: c.value, label: c.label[loc] }));
    if (spec.evidence) {
      item.evidence = { kinds: [...spec.evidence.kinds], required: spec.evidence.required ?? false, ...(spec.evidence.note ? { note: spec.evidence.note[loc] } : {}) };
    }
    return item;
  }

  sections(): ChecklistSection[] {
    const s = this.state;
    return this.layout.sections.map((sec) => ({
      id: sec.id,
      label: sec.label[s.locale],
      clauses: sec.clauses.map((ci) => {
        const c = this.ed.clauses[ci]!;
        return { id: c.id, label: c.spec.label[s.locale], outcome: s.outcomes[ci]!, required: c.counts, severity: c.spec.severity };
      }),
      items: sec.facts.map((fi) => this.itemAt(fi)),
    }));
  }

  items(): ChecklistItem[] {
    return this.layout.order.map((fi) => this.itemAt(fi));
  }

  item(fact: string): ChecklistItem {
    return this.itemAt(this.fact(fact).index);
  }

  progress(): ChecklistProgress {
    const s = this.state;
    const rel = this.relevanceOf(s);
    const v = this.verdictOf(s);
    let total = 0;
    let applicable = 0;
    let answered = 0;
    this.ed.facts.forEach((f) => {
      if (!this.layout.factClauses[f.index]!.length) return;
      total++;
      if (rel[f.index]!.relevance === 'required') {
        applicable++;
        if (s.given[f.index]) answered++;
      }
    });
    const forRequired = new Set(v.clauses.filter((c) => c.counts).flatMap((c) => c.missing.map((m) => m.fact)));
    const outcome = v.outcome;
    return {
      revision: s.revision,
      outcome,
      decided: outcome !== 'indeterminate',
      total,
      applicable,
      answered,
      clauses: { total: s.outcomes.length, decided: s.outcomes.filter((o) => o !== 'indeterminate').length },
      needed: v.missing.filter((m) => forRequired.has(m.fact)),
      optional: v.missing.filter((m) => !forRequired.has(m.fact)),
    };
  }

  observation(): Observation {
    const s = this.state;
    const facts: Record<string, unknown> = {};
    const evidence: Record<string, EvidenceRef[]> = {};
    for (const f of this.ed.facts) {
      if (s.given[f.index]) facts[f.id] = s.raw[f.index] === undefined ? null : s.raw[f.index];
      const ev = s.evidence[f.index];
      if (ev) evidence[f.id] = ev.map((e) => ({ ...e }));
    }
    return {
      standard: this.ed.ref,
      ...(this.context.subject ? { subject: JSON.parse(JSON.stringify(this.context.subject)) as Subject } : {}),
      ...(this.context.observer ? { observer: { ...this.context.observer } } : {}),
      ...(this.context.observedAt ? { observedAt: this.context.observedAt } : {}),
      facts,
      ...(Object.keys(evidence).length ? { evidence } : {}),
    };
  }

  // An arrow property, so that it can be passed unbound (React's useSyncExternalStore(checklist.subscribe, …)).
  readonly subscribe = (listener: ChecklistListener): (() => void) => {
    // Wrapped, so that subscribing the same function twice gives two subscriptions that stop separately.
    const l: ChecklistListener = (u) => listener(u);
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  toJSON(): ChecklistSnapshot {
    return {
      format: 'daoze-checklist',
      formatVersion: 1,
      edition: { id: this.ed.id, version: this.ed.version, ref: this.ed.ref, hash: this.ed.hash },
      locale: this.state.locale,
      revision: this.state.revision,
      observation: this.observation(),
    };
  }
}

function checkLocale(locale: unknown): Locale {
  if (locale === undefined) return 'zh';
  if (locale === 'zh' || locale === 'en') return locale;
  throw new ChecklistError('E_OPTIONS', fill(MESSAGES.options, { detail: `locale ${show(locale)} (zh | en)` }), 'zh');
}

/** Builds a session from an observation the engine has checked. */
function sessionFrom(ed: CompiledEdition, observation: Observation, locale: Locale, revision: number, options: ChecklistOptions, code: 'E_OPTIONS' | 'E_SNAPSHOT'): Session {
  let n;
  try {
    n = normaliseObservation(ed, observation);
  } catch (e) {
    const message = code === 'E_OPTIONS' ? MESSAGES.options : MESSAGES.snapshot;
    if (e instanceof ObservationError) throw new ChecklistError(code, fill(message, { detail: e.message }), locale, { issues: e.issues });
    if (e instanceof InputError) throw new ChecklistError(code, fill(message, { detail: `${e.code} ${e.reason}` }), locale);
    throw e;
  }
  const facts = observation.facts ?? {};
  const given = ed.facts.map((f) => Object.prototype.hasOwnProperty.call(facts, f.id));
  const evidence = ed.facts.map((f) => {
    const list = observation.evidence && Object.prototype.hasOwnProperty.call(observation.evidence, f.id) ? observation.evidence[f.id] : undefined;
    return list ? list.map((e) => ({ ...e })) : undefined;
  });
  // Copied (they were checked as plain JSON above), so that the caller changing its objects later cannot change the record.
  const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  const context = {
    ...(observation.subject ? { subject: copy(observation.subject) } : {}),
    ...(observation.observer ? { observer: copy(observation.observer) } : {}),
    ...(observation.observedAt ? { observedAt: observation.observedAt } : {}),
  };
  return new Session(ed, { revision, locale, values: n.values, raw: n.raw, why: n.why, given, evidence }, context, options.trace ?? false);
}

/**
 * Starts a checklist for a standard in a bundle. `standardRef` is `id@version`, or a bare `id`: the published
 * edition in force on the day of `options.observedAt` when it is given, else the highest published edition in
 * the bundle. The session is pinned to that exact edition from then on.
 *
 * @example
 * ```ts
 * import { createChecklist } from 'daoze/sdk';
 * const checklist = createChecklist(bundle, 'si-jing-san-wu-liang-tong-yi-ming', { locale: 'zh', trust: [publicKey] });
 * checklist.answer('flush-type', 'water-flush');
 * const update = checklist.answer('water-supply-ok', false);
 * update.changes;          // [{ clause: 'water-flowing', from: 'indeterminate', to: 'fail', … }]
 * update.verdict.outcome;  // 'fail'
 * ```
 */
export function createChecklist(bundle: BundleInput, standardRef: string, options: ChecklistOptions = {}): Checklist {
  const locale = checkLocale(options.locale);
  const lb = loadBundle(bundle, locale, options.trust);
  const ed = typeof standardRef === 'string' ? lb.find(standardRef, options.observedAt) : undefined;
  if (!ed) {
    const day = typeof standardRef === 'string' && !standardRef.includes('@') && typeof options.observedAt === 'string' ? options.observedAt.slice(0, 10) : undefined;
    throw new ChecklistError(
      'E_NOT_FOUND',
      fill(day ? MESSAGES.notInForce : MESSAGES.notFound, { ref: show(standardRef).replace(/^"|"$/g, ''), day: day ?? '', available: lb.editions.map((e) => e.ref).join(', ') || WORDS.none[locale] }),
      locale,
    );
  }
  const observation: Observation = {
    standard: ed.ref,
    facts: {},
    ...(options.subject !== undefined ? { subject: options.subject } : {}),
    ...(options.observer !== undefined ? { observer: options.observer } : {}),
    ...(options.observedAt !== undefined ? { observedAt: options.observedAt } : {}),
  };
  return sessionFrom(ed, observation, locale, 0, options, 'E_OPTIONS');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const SNAPSHOT_KEYS: readonly string[] = ['format', 'formatVersion', 'edition', 'locale', 'revision', 'observation'];
const SNAPSHOT_EDITION_KEYS: readonly string[] = ['id', 'version', 'ref', 'hash'];

/**
 * Restores an inspection saved with `toJSON` (the object, or its JSON text). It resumes under exactly the
 * edition it was made under: if the bundle has no edition of that id and version, or has it with different
 * content, this throws `ChecklistError` (E_EDITION_MISSING, E_EDITION_CHANGED) saying so, and never moves
 * the answers onto another edition.
 *
 * A saved inspection is taken as it is or refused, never quietly repaired: text that is not strict JSON (a
 * key given twice is refused with both positions), a value nested too deeply, an unknown field, a revision
 * that is not a whole number ≥ 0, a locale other than zh or en, or an `edition.ref` that is not its id and
 * version is `ChecklistError` E_SNAPSHOT, in both languages.
 */
export function restore(bundle: BundleInput, snapshot: ChecklistSnapshot | string | unknown, options: ChecklistOptions = {}): Checklist {
  const fallback = checkLocale(options.locale);
  const refuse = (text: I18nText) => new ChecklistError('E_SNAPSHOT', text, fallback);
  const bad = (detail: string) => refuse(fill(MESSAGES.snapshot, { detail }));
  let data: unknown = snapshot;
  try {
    if (typeof snapshot === 'string') data = parseJson(snapshot, 'snapshot');
    else checkJsonValue(snapshot, 'snapshot');
  } catch (e) {
    if (e instanceof InputError) throw refuse(fill(MESSAGES.snapshotData, { detail: `${e.code} ${e.message}` }));
    throw e;
  }
  if (!isObject(data) || data.format !== 'daoze-checklist') throw bad('not a saved Daoze checklist (format "daoze-checklist")');
  for (const k of Object.keys(data)) {
    if (!SNAPSHOT_KEYS.includes(k)) throw refuse(fill(MESSAGES.snapshotField, { field: k, allowed: SNAPSHOT_KEYS.join(', ') }));
  }
  if (data.formatVersion !== 1) throw bad(`format version ${show(data.formatVersion)} is not 1`);
  const e = data.edition;
  if (!isObject(e) || typeof e.id !== 'string' || typeof e.version !== 'string' || typeof e.ref !== 'string' || typeof e.hash !== 'string') {
    throw bad('edition must be { id, version, ref, hash }, each a string');
  }
  for (const k of Object.keys(e)) {
    if (!SNAPSHOT_EDITION_KEYS.includes(k)) throw refuse(fill(MESSAGES.snapshotField, { field: `edition.${k}`, allowed: SNAPSHOT_EDITION_KEYS.join(', ') }));
  }
  const ref = `${e.id}@${e.version}`;
  if (e.ref !== ref) throw refuse(fill(MESSAGES.snapshotRef, { ref: show(e.ref), expected: ref }));
  if (data.locale !== 'zh' && data.locale !== 'en') throw refuse(fill(MESSAGES.snapshotLocale, { value: show(data.locale) }));
  const revision = data.revision;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) throw refuse(fill(MESSAGES.snapshotRevision, { value: show(revision) }));
  if (!isObject(data.observation)) throw bad('observation must be an object');
  // The caller's locale, when given, overrides the saved one (a user switching language on another device).
  const locale = options.locale !== undefined ? fallback : data.locale;
  const lb = loadBundle(bundle, locale, options.trust);
  const ed = lb.find(ref);
  if (!ed) {
    const versions = lb.editions.filter((x) => x.id === e.id).map((x) => x.version);
    throw new ChecklistError('E_EDITION_MISSING', fill(MESSAGES.editionMissing, { ref, hash: e.hash, available: versions.length ? versions.join(', ') : WORDS.none }), locale);
  }
  if (ed.hash !== e.hash) throw new ChecklistError('E_EDITION_CHANGED', fill(MESSAGES.editionChanged, { ref, hash: e.hash, found: ed.hash }), locale);
  const observation = data.observation as unknown as Observation;
  if (observation.standard !== ref) throw bad(`observation.standard ${show(observation.standard)} is not ${ref}`);
  return sessionFrom(ed, observation, locale, revision, options, 'E_SNAPSHOT');
}
