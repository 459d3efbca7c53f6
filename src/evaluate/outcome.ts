/**
 * A clause's outcome from its applicability and its check, and a missing unit fact as a verdict lists it: the
 * two rules every result builder shares (the verdict, the per-instance results).
 */
import type { Tri, CompiledEdition } from '../compile/compile.js';
import { F, T, U } from '../compile/compile.js';
import type { Locale, Outcome } from '../model/edition.js';
import type { NormalisedObservation } from '../model/observation.js';
import type { MissingFact } from '../result/types.js';

/** The outcome of one clause, from its applicability and its check, in three-valued logic. */
export function clauseOutcome(applies: Tri, check: Tri): Outcome {
  if (applies === F) return 'not_applicable';
  if (applies === U) return 'indeterminate'; // it might apply and might fail: never a pass
  return check === T ? 'pass' : check === F ? 'fail' : 'indeterminate';
}

/** `clauseOutcome` tabulated for the hot loops, at index 3 × applies + check (Kleene values 0 F, 1 T, 2 U). */
export const OUTCOME_OF: readonly Outcome[] = Array.from({ length: 9 }, (_, i) =>
  clauseOutcome(Math.floor(i / 3) as Tri, (i % 3) as Tri),
);

/** A unit fact still needed, as a verdict lists it. */
export function missingFact(
  ed: CompiledEdition,
  n: NormalisedObservation,
  i: number,
  locale: Locale,
  count: number,
): MissingFact {
  const f = ed.facts[i]!;
  return {
    fact: f.id,
    label: f.spec.label[locale],
    question: f.spec.question[locale],
    // A value given that still leaves a clause unknown is a partial list answer (src/operators/index.ts).
    reason: n.why[i] ?? (n.values[i] !== undefined ? 'partial' : 'absent'),
    evidence: f.spec.evidence?.kinds ?? [],
    evidenceRequired: f.spec.evidence?.required ?? false,
    clauses: count,
  };
}

/** What a program's output says of each clause, in `ed.clauses` order. */
export interface ClauseOutcomes {
  outcomes: Outcome[];
  /** Per clause, the indices of the facts that would settle it; empty unless it is indeterminate. */
  missing: ReadonlySet<number>[];
}
