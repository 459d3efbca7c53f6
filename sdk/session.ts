/**
 * A live checklist session: it holds the current state, turns each answer, clear, language switch and change
 * to the unit's objects into the next state and an update, tells subscribers, and keeps what it derived from
 * the current state (its verdict, its items' relevance) until the state changes.
 */
import type { CompiledEdition, EvidenceRef, Locale, Observation, Verdict } from '../src/index.js';
import { buildVerdict, preview, type NormalisedInstance, type NormalisedObservation } from '../src/internal.js';
import { ChecklistError } from './errors.js';
import { instanceOf, itemAt, itemsOf, kindsOf, progressOf, sectionsOf, type View } from './items.js';
import { layoutOf, type Layout } from './layout.js';
import { fill, MESSAGES } from './messages.js';
import { added, kindOf, listed, objectAnswered, objectCleared, objectOf, removed } from './objects.js';
import { objectRelevanceOf, relevanceOf, type FactRelevance } from './relevance.js';
import { observationOf, snapshotOf, type ObservationContext } from './snapshot.js';
import { answered, cleared, factOf, nextState, stateOf, type Recorded, type State } from './state.js';
import type {
  Checklist,
  ChecklistInstance,
  ChecklistItem,
  ChecklistKind,
  ChecklistListener,
  ChecklistProgress,
  ChecklistSection,
  ChecklistSnapshot,
  ChecklistUpdate,
  ClauseChange,
  InstanceInput,
} from './types.js';

/** What an update says a change was about. */
type About = Pick<ChecklistUpdate, 'fact' | 'instance' | 'objectKind'>;

/** A checklist session over one compiled edition. */
export class Session implements Checklist {
  readonly edition: Checklist['edition'];
  private readonly layout: Layout;
  private state: State;
  private readonly listeners = new Set<ChecklistListener>();

  /** A session at revision `revision` over `facts`; `context` is what its observations record beside the facts. */
  constructor(
    private readonly ed: CompiledEdition,
    revision: number,
    locale: Locale,
    facts: Recorded,
    private readonly context: ObservationContext,
    private readonly trace: boolean,
  ) {
    this.edition = {
      id: ed.id,
      version: ed.version,
      ref: ed.ref,
      hash: ed.hash,
      nickname: ed.spec.nickname,
      title: ed.spec.title,
      scoring: ed.spec.scoring !== undefined,
    };
    this.layout = layoutOf(ed);
    this.state = stateOf(ed, revision, locale, facts);
  }

  get locale(): Locale {
    return this.state.locale;
  }

  get revision(): number {
    return this.state.revision;
  }

  answer(fact: string, value: unknown, evidence?: readonly EvidenceRef[]): ChecklistUpdate {
    const f = factOf(this.ed, fact, this.locale);
    return this.commit('answer', { fact }, this.state.locale, answered(this.ed, this.state, f, value, evidence));
  }

  clear(fact: string): ChecklistUpdate {
    const f = factOf(this.ed, fact, this.locale);
    return this.commit('clear', { fact }, this.state.locale, cleared(this.state, f));
  }

  kinds(): ChecklistKind[] {
    return kindsOf(this.view());
  }

  instance(id: string): ChecklistInstance {
    objectOf(this.state, id, this.locale); // E_UNKNOWN_INSTANCE for an id not recorded
    return instanceOf(this.view(), id)!;
  }

  addInstance(kind: string, instance: InstanceInput): ChecklistUpdate {
    const facts = added(this.ed, this.state, kind, instance);
    return this.commit('add-instance', { instance: instance.id, objectKind: kind }, this.locale, facts);
  }

  removeInstance(id: string): ChecklistUpdate {
    const { x } = objectOf(this.state, id, this.locale);
    return this.commit(
      'remove-instance',
      { instance: id, objectKind: x.kind.id },
      this.locale,
      removed(this.state, id),
    );
  }

  recordNone(kind: string): ChecklistUpdate {
    const facts = listed(this.ed, this.state, kind, true);
    return this.commit('record-none', { objectKind: kindOf(this.ed, kind, this.locale).id }, this.locale, facts);
  }

  clearKind(kind: string): ChecklistUpdate {
    const facts = listed(this.ed, this.state, kind, false);
    return this.commit('clear-kind', { objectKind: kindOf(this.ed, kind, this.locale).id }, this.locale, facts);
  }

  answerInstance(id: string, fact: string, value: unknown, evidence?: readonly EvidenceRef[]): ChecklistUpdate {
    const facts = objectAnswered(this.ed, this.state, id, fact, value, evidence);
    const { x } = objectOf(this.state, id, this.locale);
    return this.commit('answer', { fact, instance: id, objectKind: x.kind.id }, this.locale, facts);
  }

  clearInstance(id: string, fact: string): ChecklistUpdate {
    const facts = objectCleared(this.ed, this.state, id, fact);
    const { x } = objectOf(this.state, id, this.locale);
    return this.commit('clear', { fact, instance: id, objectKind: x.kind.id }, this.locale, facts);
  }

  setLocale(locale: Locale): ChecklistUpdate {
    if (locale !== 'zh' && locale !== 'en')
      throw new ChecklistError(
        'E_OPTIONS',
        fill(MESSAGES.options, { detail: `locale ${preview(locale)} (zh | en)` }),
        this.locale,
      );
    return this.commit('locale', {}, locale, this.state);
  }

  private commit(kind: ChecklistUpdate['kind'], about: About, locale: Locale, facts: Recorded): ChecklistUpdate {
    const before = this.state;
    const state = nextState(this.ed, before, locale, facts);
    const changes: ClauseChange[] = [];
    for (let i = 0; i < state.outcomes.length; i++) {
      if (state.outcomes[i] !== before.outcomes[i]) {
        const c = this.ed.clauses[i]!;
        changes.push({
          clause: c.id,
          group: c.group.id,
          label: c.spec.label,
          from: before.outcomes[i]!,
          to: state.outcomes[i]!,
          counts: c.counts,
        });
      }
    }
    this.state = state;
    const { tally } = state;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the update's `verdict` getter below has its own `this`
    const session = this;
    let stale: Verdict | undefined;
    const update: ChecklistUpdate = {
      revision: state.revision,
      kind,
      outcome: tally.outcome,
      previous: before.tally.outcome,
      totals: { ...tally.totals },
      changes,
      get verdict() {
        // The current verdict is kept by the session; an update read after later changes keeps its own.
        if (state === session.state) return session.verdictOf(state);
        stale ??= session.verdictOf(state);
        return stale;
      },
    };
    if (about.fact !== undefined) update.fact = about.fact;
    if (about.instance !== undefined) update.instance = about.instance;
    if (about.objectKind !== undefined) update.objectKind = about.objectKind;
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

  /**
   * What was derived from the current state (its verdict, its items' relevance), kept here and dropped when the
   * state changes. Not kept on the state objects themselves: an engine may allocate those long-lived states in
   * its old generation, and a verdict hung on a dead old state survives young collections (many more full
   * collections, and a far longer p99 of `answer`).
   */
  private derived:
    | { state: State; verdict?: Verdict; relevance?: FactRelevance[]; objects?: Map<string, FactRelevance[]> }
    | undefined;

  private derivedOf(s: State): NonNullable<Session['derived']> | undefined {
    if (s !== this.state) return undefined;
    if (this.derived?.state !== s) this.derived = { state: s };
    return this.derived;
  }

  private verdictOf(s: State): Verdict {
    const d = this.derivedOf(s);
    if (d?.verdict) return d.verdict;
    // An update read after later changes gets its own revision's verdict, built afresh (not kept). The engine
    // only reads the vector: the cast drops `readonly` for its parameter type alone.
    const options = { locale: s.locale, trace: this.trace };
    let verdict: Verdict;
    if (!s.objects) verdict = buildVerdict(this.ed, s.unit.vector as NormalisedObservation, this.context, options);
    else {
      // With objects the verdict names them, and its findings carry their evidence and the unit's: it is built on
      // a copy of the observation, so that nothing it holds is the session's own.
      const obs = observationOf(this.ed, s, this.context);
      const instances = new Map<string, NormalisedInstance[] | undefined>();
      for (const [kind, list] of s.objects)
        instances.set(
          kind,
          list?.map((x, j) => ({ observed: obs.instances![kind]![j]!, values: x.values, raw: x.raw, why: x.why })),
        );
      const n = { ...(s.unit.vector as NormalisedObservation), instances };
      verdict = buildVerdict(this.ed, n, obs, options);
    }
    if (d) d.verdict = verdict;
    return verdict;
  }

  private relevanceOf(s: State): FactRelevance[] {
    const d = this.derivedOf(s);
    if (d?.relevance) return d.relevance;
    const relevance = relevanceOf(this.ed, this.layout, s);
    if (d) d.relevance = relevance;
    return relevance;
  }

  private objectRelevanceOf(s: State): Map<string, FactRelevance[]> {
    const d = this.derivedOf(s);
    if (d?.objects) return d.objects;
    const objects = objectRelevanceOf(this.ed, this.layout, s);
    if (d) d.objects = objects;
    return objects;
  }

  /** The current state with what the items read of it. */
  private view(): View {
    const s = this.state;
    return {
      ed: this.ed,
      layout: this.layout,
      state: s,
      relevance: this.relevanceOf(s),
      objectRelevance: () => this.objectRelevanceOf(s),
    };
  }

  verdict(): Verdict {
    return this.verdictOf(this.state);
  }

  sections(): ChecklistSection[] {
    return sectionsOf(this.view());
  }

  items(): ChecklistItem[] {
    return itemsOf(this.view());
  }

  item(fact: string): ChecklistItem {
    const i = factOf(this.ed, fact, this.locale).index;
    return itemAt(this.view(), i);
  }

  progress(): ChecklistProgress {
    const v = this.view();
    return progressOf(v, this.verdictOf(v.state));
  }

  observation(): Observation {
    return observationOf(this.ed, this.state, this.context);
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
    return snapshotOf(this.ed, this.state, this.observation());
  }
}
