/**
 * The compiled evaluators give the reference answers: the closure tree, the generated code, the tiered
 * evaluator `evaluate()` uses, and the verdict built from them — against the plain three-valued interpreter on
 * partial observations, and against json-rules-engine on complete ones.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import {
  compileEdition,
  evaluate,
  evaluateOutcomes,
  validateEdition,
  type CompiledEdition,
  type Condition,
  type EditionSpec,
} from '../../src/index.js';
import { normaliseObservation } from '../../src/evaluate/observation.js';
import { closureProgram, codegenProgram, CODEGEN_AFTER, programFor } from '../../src/compile/codegen.js';
import { completeAndDropped, completeFacts, edition, without } from '../support/arbitraries.js';
import { extEdition, extObservation } from '../support/arbitraries-extended.js';
import { knownFacts, refEvaluate } from '../support/kleene-reference.js';

const K = ['false', 'true', 'unknown'] as const;

/** Applicability and check per clause, as the reference names them, from a program's output. */
function decode(out: Uint8Array, n: number): { applies: string; check: string }[] {
  return Array.from({ length: n }, (_, i) => ({ applies: K[out[2 * i]!]!, check: K[out[2 * i + 1]!]! }));
}

function agree(spec: EditionSpec, facts: Record<string, unknown>, evidence: Record<string, unknown[]> = {}): void {
  const ed = compileEdition(spec);
  const observation = { standard: spec.id, facts, evidence };
  const ref = refEvaluate(spec, knownFacts(spec, facts, evidence));
  const values = normaliseObservation(ed, observation).values;
  const want = ref.map((r) => ({ applies: r.applies, check: r.check }));
  for (const program of [closureProgram(ed), codegenProgram(ed)]) {
    const out = new Uint8Array(2 * ed.clauses.length);
    program.run(values, out);
    expect(decode(out, ed.clauses.length), program.kind).toEqual(want);
  }
  const verdict = evaluate(ed, observation);
  expect(verdict.clauses.map((c) => c.outcome)).toEqual(ref.map((r) => r.outcome));
  expect(verdict.clauses.map((c) => c.missing.map((m) => m.fact).sort())).toEqual(ref.map((r) => r.missing));
  expect(evaluateOutcomes(ed, values)).toEqual(ref.map((r) => r.outcome));
}

describe('compiled evaluation against the plain three-valued interpreter', () => {
  it('the extended random editions are valid editions', () => {
    fc.assert(
      fc.property(extEdition, (spec) => {
        const r = validateEdition(spec);
        if (!r.edition) throw new Error(JSON.stringify(r.diagnostics.slice(0, 3)));
      }),
      { numRuns: 200 },
    );
  });

  it('closures, generated code and the verdict agree with it on partial observations', () => {
    fc.assert(
      fc.property(edition, completeAndDropped, (spec, [full, dropped]) => agree(spec, without(full, dropped))),
      { numRuns: 1500 },
    );
  });

  it('… and with parameters, keyed parameters, dates, unknown (null) facts and evidence-backed facts', () => {
    fc.assert(
      fc.property(extEdition, extObservation, (spec, obs) => agree(spec, obs.facts, obs.evidence)),
      { numRuns: 2500 },
    );
  });

  it('the tiered evaluator moves to generated code after its warm-up and keeps its answers', () => {
    fc.assert(
      fc.property(extEdition, fc.array(extObservation, { minLength: 4, maxLength: 4 }), (spec, observations) => {
        const ed: CompiledEdition = compileEdition(spec);
        const vectors = observations.map((o) => normaliseObservation(ed, { standard: spec.id, ...o }).values);
        const want = observations.map((o) =>
          refEvaluate(spec, knownFacts(spec, o.facts, o.evidence)).map((r) => r.outcome),
        );
        for (let i = 0; i <= CODEGEN_AFTER + 4; i++) expect(evaluateOutcomes(ed, vectors[i % 4]!)).toEqual(want[i % 4]);
        expect(programFor(ed).kind).toBe('codegen');
      }),
      { numRuns: 100 },
    );
  });
});

async function jreFires(cond: Condition, facts: Record<string, unknown>): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: false });
  const root = 'all' in cond || 'any' in cond || 'not' in cond ? cond : { all: [cond] };
  engine.addRule({ conditions: root as never, event: { type: 'hit' } });
  return (await engine.run({ ...facts })).events.length === 1;
}

describe('generated code against json-rules-engine on complete observations', () => {
  it('each clause passes exactly when json-rules-engine fires its check, and applies exactly when it fires appliesWhen', async () => {
    await fc.assert(
      fc.asyncProperty(edition, completeFacts, async (spec, facts) => {
        const ed = compileEdition(spec);
        const out = new Uint8Array(2 * ed.clauses.length);
        codegenProgram(ed).run(normaliseObservation(ed, { standard: spec.id, facts }).values, out);
        for (const [i, c] of spec.groups[0]!.clauses.entries()) {
          const applies = c.appliesWhen ? await jreFires(c.appliesWhen, facts) : true;
          expect(out[2 * i]).toBe(applies ? 1 : 0);
          if (applies) expect(out[2 * i + 1]).toBe((await jreFires(c.check, facts)) ? 1 : 0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
