/**
 * What a checklist shows of a state: each item (its question, input, answer and relevance), the printed
 * sections with their clauses, and the progress of the inspection. Pure functions of the state and the
 * relevance and verdict derived from it.
 */
import type { CompiledEdition, Verdict } from '../src/index.js';
import { FACT_TYPE_DEFS, formatFactValue, isEvidenceReason } from '../src/internal.js';
import type { Layout } from './layout.js';
import type { FactRelevance } from './relevance.js';
import type { State } from './state.js';
import type { ChecklistItem, ChecklistProgress, ChecklistSection, InputKind } from './types.js';

/** What one view of a state reads: the edition, its layout, the state and the relevance derived from it. */
export interface View {
  readonly ed: CompiledEdition;
  readonly layout: Layout;
  readonly state: State;
  readonly relevance: readonly FactRelevance[];
}

/** The item of fact index `i`. */
export function itemAt(v: View, i: number): ChecklistItem {
  const { ed, layout, state: s } = v;
  const { given, evidence } = s.unit;
  const { raw, why } = s.unit.vector;
  const loc = s.locale;
  const f = ed.facts[i]!;
  const spec = f.spec;
  const rel = v.relevance[i]!;
  const kind = FACT_TYPE_DEFS[spec.type];
  const input: InputKind = kind.input;
  const item: ChecklistItem = {
    fact: f.id,
    section: layout.sectionOf[i] ?? '',
    label: spec.label[loc],
    question: spec.question[loc],
    type: spec.type,
    input,
    clauses: layout.factClauses[i]!.map((ci) => ed.clauses[ci]!.id),
    answered: given[i]!,
    value: given[i] ? (raw[i] === undefined ? null : raw[i]) : undefined,
    attached: (evidence[i] ?? []).map((e) => ({ ...e })),
    awaitingEvidence: isEvidenceReason(why[i]),
    relevance: rel.relevance,
  };
  if (rel.moot) item.moot = rel.moot;
  if (given[i] && raw[i] !== undefined) item.display = formatFactValue(spec, raw[i], loc);
  if (spec.help) item.help = spec.help[loc];
  if (spec.unit) item.unit = spec.unit;
  if (input === 'number') {
    item.range = {
      ...(spec.minimum !== undefined ? { min: spec.minimum } : {}),
      ...(spec.maximum !== undefined ? { max: spec.maximum } : {}),
      ...(kind.step !== undefined ? { step: kind.step } : {}),
    };
  }
  if (spec.choices) item.choices = spec.choices.map((c) => ({ value: c.value, label: c.label[loc] }));
  if (spec.evidence) {
    item.evidence = {
      kinds: [...spec.evidence.kinds],
      required: spec.evidence.required ?? false,
      ...(spec.evidence.note ? { note: spec.evidence.note[loc] } : {}),
    };
  }
  return item;
}

/** The sections in the standard's printed order, with their clauses' outcomes and their items. */
export function sectionsOf(v: View): ChecklistSection[] {
  const { ed, state: s } = v;
  return v.layout.sections.map((sec) => ({
    id: sec.id,
    label: sec.label[s.locale],
    clauses: sec.clauses.map((ci) => {
      const c = ed.clauses[ci]!;
      return {
        id: c.id,
        label: c.spec.label[s.locale],
        outcome: s.outcomes[ci]!,
        counts: c.counts,
        severity: c.spec.severity,
      };
    }),
    items: sec.facts.map((fi) => itemAt(v, fi)),
  }));
}

/** Every item, in item order. */
export function itemsOf(v: View): ChecklistItem[] {
  return v.layout.order.map((fi) => itemAt(v, fi));
}

/** How far the inspection of `v` is, with `verdict` its verdict. */
export function progressOf(v: View, verdict: Verdict): ChecklistProgress {
  const { ed, layout, state: s } = v;
  let total = 0;
  let applicable = 0;
  let answered = 0;
  ed.facts.forEach((f) => {
    if (!layout.factClauses[f.index]!.length) return;
    total++;
    if (v.relevance[f.index]!.relevance === 'required') {
      applicable++;
      if (s.unit.given[f.index]) answered++;
    }
  });
  const forRequired = new Set(verdict.clauses.filter((c) => c.counts).flatMap((c) => c.missing.map((m) => m.fact)));
  const outcome = verdict.outcome;
  return {
    revision: s.revision,
    outcome,
    decided: outcome !== 'indeterminate',
    total,
    applicable,
    answered,
    clauses: { total: s.outcomes.length, decided: s.outcomes.filter((o) => o !== 'indeterminate').length },
    needed: verdict.missing.filter((m) => forRequired.has(m.fact)),
    optional: verdict.missing.filter((m) => !forRequired.has(m.fact)),
  };
}
