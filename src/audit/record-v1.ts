/**
 * The first verdict record format, `daoze-verdict-record/1`: the verdict it holds, and the one conversion that
 * writes today's verdict in it, so that records made in it keep verifying (`verifyRecord` rebuilds a record in
 * the format it claims and compares). Nothing writes a new record in this format: `createRecord` and
 * `recordVerdict` write `RECORD_FORMAT` only.
 */
import { traceLeaves, type LeafTrace } from '../model/trace.js';
import type { ClauseResult, Verdict } from '../result/types.js';

/** The first record format, still verified. */
export const RECORD_FORMAT_V1 = 'daoze-verdict-record/1';

/**
 * A clause result as a `/1` record holds it: `required` where today's has `counts`, and each condition as the
 * flat list of its leaves in document order, without the results of its `all` / `any` / `not` nodes.
 */
export type ClauseResultV1 = Omit<ClauseResult, 'counts' | 'trace'> & {
  /** Whether the clause counts towards the overall outcome. */
  required: boolean;
  trace?: { appliesWhen?: LeafTrace[]; check: LeafTrace[] };
};

/** A verdict as a `/1` record holds it. */
export type VerdictV1 = Omit<Verdict, 'clauses'> & { clauses: ClauseResultV1[] };

/** Today's verdict in the shape of a `/1` record: the same decisions, `counts` written `required`, traces flattened. */
export function verdictV1(v: Verdict): VerdictV1 {
  return {
    ...v,
    clauses: v.clauses.map(({ counts, trace, ...rest }): ClauseResultV1 => {
      const c: ClauseResultV1 = { ...rest, required: counts };
      if (trace)
        c.trace = {
          ...(trace.appliesWhen ? { appliesWhen: traceLeaves(trace.appliesWhen) } : {}),
          check: traceLeaves(trace.check),
        };
      return c;
    }),
  };
}
