/**
 * A live checklist session: it holds the current state, turns each answer, clear and language switch into the
 * next state and an update, tells subscribers, and keeps what it derived from the current state (its verdict,
 * its items' relevance) until the state changes.
 */
import type { CompiledEdition, EvidenceRef, Locale, Observation, Verdict } from '../src/index.js';
import { buildVerdict, preview, type NormalisedObservation } from '../src/internal.js';
import { ChecklistError } from './errors.js';
import { itemAt, itemsOf, progressOf, sectionsOf, type View } from './items.js';
import { layoutOf, type Layout } from './layout.js';
import { fill, MESSAGES } from './messages.js';
import { relevanceOf, type FactRelevance } from './relevance.js';
import { observationOf, snapshotOf, type ObservationContext } from './snapshot.js';
import { answered, cleared, factOf, nextState, stateOf, type ScopeFacts, type State } from './state.js';
import type {
  Checklist,
  ChecklistItem,
  ChecklistListener,
  ChecklistProgress,
  ChecklistSection,
  ChecklistSnapshot,
  ChecklistUpdate,
  ClauseChange,
} from './types.js';

/** A checklist session over one compiled edition. */
export class Session implements Checklist {
  readonly edition: Checklist['edition'];
  private readonly layout: Layout;
  private state: State;
  private readonly listeners = new Set<ChecklistListener>();

  /** A session at revision `revision` over `unit`; `context` is what its observations record beside the facts. */
  constructor(
    private readonly ed: CompiledEdition,
    revision: number,
    locale: Locale,
    unit: ScopeFacts,
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
    this.state = stateOf(ed, revision, locale, unit);
  }

  get locale(): Locale {
    return this.state.locale;
  }

  get revision(): number {
    return this.state.revision;
  }

  answer(fact: string, value: unknown, evidence?: readonly EvidenceRef[]): ChecklistUpdate {
    const f = factOf(this.ed, fact, this.locale);
    return this.commit('answer', fact, this.state.locale, answered(this.ed, this.state, f, value, evidence));
  }

  clear(fact: string): ChecklistUpdate {
    const f = factOf(this.ed, fact, this.locale);
    return this.commit('clear', fact, this.state.locale, cleared(this.state, f));
  }

  setLocale(locale: Locale): ChecklistUpdate {
    if (locale !== 'zh' && locale !== 'en')
      throw new ChecklistError(
        'E_OPTIONS',
        fill(MESSAGES.options, { detail: `locale ${preview(locale)} (zh | en)` }),
        this.locale,
      );
    return this.commit('locale', undefined, locale, this.state.unit);
  }

  private commit(
    kind: ChecklistUpdate['kind'],
    fact: string | undefined,
    locale: Locale,
    unit: ScopeFacts,
  ): ChecklistUpdate {
    const before = this.state;
    const state = nextState(this.ed, before, locale, unit);
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

  /**
   * What was derived from the current state (its verdict, its items' relevance), kept here and dropped when the
   * state changes. Not kept on the state objects themselves: an engine may allocate those long-lived states in
   * its old generation, and a verdict hung on a dead old state survives young collections (many more full
   * collections, and a far longer p99 of `answer`).
   */
  private derived: { state: State; verdict?: Verdict; relevance?: FactRelevance[] } | undefined;

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
    const verdict = buildVerdict(this.ed, s.unit.vector as NormalisedObservation, this.context, {
      locale: s.locale,
      trace: this.trace,
    });
    if (d) d.verdict = verdict;
    return verdict;
  }

  private relevanceOf(s: State): FactRelevance[] {
    const d = this.derivedOf(s);
    if (d?.relevance) return d.relevance;
    const relevance = relevanceOf(this.ed, this.layout, s.unit.vector.values);
    if (d) d.relevance = relevance;
    return relevance;
  }

  /** The current state with what the items read of it. */
  private view(): View {
    const s = this.state;
    return { ed: this.ed, layout: this.layout, state: s, relevance: this.relevanceOf(s) };
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
