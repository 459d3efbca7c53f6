/**
 * What building a verdict needs that does not depend on the observation, worked out once per compiled edition
 * and cached: the checklist evaluator (generated code, else closures), each clause's citation, and each
 * message template split into literal text and resolved placeholders, so that no verdict rebuilds a citation
 * (a dozen objects per clause) or parses a template.
 */
import type { CompiledEdition, CompiledFact, CompiledParam, Scope } from '../compile/compile.js';
import { programFor, type Program } from '../compile/codegen.js';
import type { I18nText, Locale, Outcome } from '../model/edition.js';
import { formatFactValue, formatParamValue, joinList } from '../result/format.js';
import type { Citation, MissingFact } from '../result/types.js';
import { citationOf } from '../result/citation.js';
import { placeholderMatches } from '../model/template.js';

/** A placeholder, resolved against the edition at preparation time. */
type Slot =
  | { readonly kind: 'missing' }
  | { readonly kind: 'fact'; readonly fact: CompiledFact }
  | { readonly kind: 'param'; readonly param: CompiledParam }
  | { readonly kind: 'unknown'; readonly whole: string };

/** A template: a constant string, or literal text and slots in turn (`parts[0]`, slot, `parts[1]`, …). */
export type PreparedTemplate = string | { readonly parts: readonly string[]; readonly slots: readonly Slot[] };

/** Per clause: its shared citation and its templates per outcome and locale. */
export interface PreparedClause {
  /** Frozen and shared by every verdict of this edition: the citation never depends on the observation. */
  readonly citation: Citation;
  readonly messages: Readonly<Record<Outcome, Readonly<Record<Locale, PreparedTemplate>>>>;
}

/** Per edition. */
export interface Prepared {
  /** The program of the unit's clauses (`ed.unitScope`: every clause, for an edition without kinds). */
  readonly program: Program;
  readonly clauses: readonly PreparedClause[];
  /**
   * Scratch output of `program.run`, reused: evaluation is synchronous and calls no outside code between
   * writing and reading it, so one buffer per edition (per thread) is safe.
   */
  readonly scratch: Uint8Array;
  /** For an edition with kinds: the output of every clause, in `ed.clauses` order (`scratch` holds the unit's). */
  readonly out: Uint8Array;
}

/** The not-applicable message of a clause that has none of its own. */
export const NOT_APPLICABLE: I18nText = {
  zh: '本条不适用于此检查对象。',
  en: 'This clause does not apply to the inspected subject.',
};

function prepareTemplate(ed: Pick<Scope, 'factById' | 'params'>, text: string): PreparedTemplate {
  const parts: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const m of placeholderMatches(text)) {
    parts.push(text.slice(last, m.index));
    const name = m[1]!;
    // A name is {missing}, else a fact, else a parameter; an unknown name stays visible as written.
    const fact = ed.factById.get(name);
    const param = ed.params.get(name);
    slots.push(
      name === 'missing'
        ? { kind: 'missing' }
        : fact
          ? { kind: 'fact', fact }
          : param
            ? { kind: 'param', param }
            : { kind: 'unknown', whole: m[0] },
    );
    last = m.index + m[0].length;
  }
  if (slots.length === 0) return text;
  parts.push(text.slice(last));
  return { parts, slots };
}

/** Fills a prepared template from the observation's raw values and the clause's missing facts. */
export function renderPrepared(
  t: PreparedTemplate,
  raw: readonly unknown[],
  missing: readonly MissingFact[],
  locale: Locale,
): string {
  if (typeof t === 'string') return t;
  let s = t.parts[0]!;
  for (let i = 0; i < t.slots.length; i++) {
    s += slotText(t.slots[i]!, raw, missing, locale) + t.parts[i + 1]!;
  }
  return s;
}

function slotText(slot: Slot, raw: readonly unknown[], missing: readonly MissingFact[], locale: Locale): string {
  switch (slot.kind) {
    case 'missing': {
      const labels: string[] = [];
      for (const m of missing) labels.push(m.label);
      return joinList(labels, locale);
    }
    case 'fact':
      return formatFactValue(slot.fact.spec, raw[slot.fact.index], locale);
    case 'param': {
      const p = slot.param;
      if (!p.byFact) return formatParamValue(p.value, p.spec.unit, locale);
      const key = raw[p.byFact.index];
      if (key !== undefined) return formatParamValue(p.table!.get(key as string), p.spec.unit, locale);
      // Not yet known which entry applies: show the whole table.
      const entries: string[] = [];
      for (const [k, v] of p.table!)
        entries.push(`${formatFactValue(p.byFact.spec, k, locale)} ${formatParamValue(v, p.spec.unit, locale)}`);
      return entries.join(' / ');
    }
    case 'unknown':
      return slot.whole;
  }
}

/** A clause's citation (from `citationOf`), frozen so that sharing it is safe. */
function frozenCitation(c: Citation): Citation {
  for (const s of c.sources) Object.freeze(s);
  Object.freeze(c.sources);
  Object.freeze(c.group);
  return Object.freeze(c);
}

const cache = new WeakMap<CompiledEdition, Prepared>();

/** The prepared form of an edition, made on first use and cached for the edition's lifetime. */
export function preparedFor(ed: CompiledEdition): Prepared {
  let p = cache.get(ed);
  if (!p) {
    p = {
      program: programFor(ed.unitScope),
      clauses: ed.clauses.map((c) => {
        // A clause checked per instance fills its placeholders from the instance's vector (its kind's layout).
        const scope = c.scope ?? ed;
        const both = (t: I18nText) => ({ zh: prepareTemplate(scope, t.zh), en: prepareTemplate(scope, t.en) });
        return {
          citation: frozenCitation(citationOf(ed, c)),
          messages: {
            pass: both(c.spec.messages.pass),
            fail: both(c.spec.messages.fail),
            indeterminate: both(c.spec.messages.indeterminate),
            not_applicable: both(c.spec.messages.notApplicable ?? NOT_APPLICABLE),
          },
        };
      }),
      scratch: new Uint8Array(2 * ed.unitScope.clauses.length),
      out: ed.unitScope === ed ? new Uint8Array(0) : new Uint8Array(2 * ed.clauses.length),
    };
    cache.set(ed, p);
  }
  return p;
}
