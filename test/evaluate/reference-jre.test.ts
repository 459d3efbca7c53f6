/**
 * json-rules-engine is the reference: on observations that give every fact, each clause's pass/fail must equal
 * what json-rules-engine decides for the same conditions and operators.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { compileEdition, evaluate, type Condition, validateEdition } from '../../src/index.js';
import { completeFacts, edition } from '../support/arbitraries.js';

async function jreDecides(cond: Condition, facts: Record<string, unknown>): Promise<boolean> {
  const engine = new Engine([], { allowUndefinedFacts: false });
  // json-rules-engine wants all/any/not at the root; Daoze also accepts a bare leaf, which means the same as all: [leaf].
  const root = 'all' in cond || 'any' in cond || 'not' in cond ? cond : { all: [cond] };
  engine.addRule({ conditions: root as never, event: { type: 'hit' } });
  const { events } = await engine.run({ ...facts });
  return events.length === 1;
}

describe('json-rules-engine as the reference on complete observations', () => {
  it('random editions are valid editions (the generator tests what authors can write)', () => {
    fc.assert(
      fc.property(edition, (spec) => {
        const r = validateEdition(spec);
        if (!r.edition) throw new Error(JSON.stringify(r.diagnostics.slice(0, 3)));
      }),
      { numRuns: 300 },
    );
  });

  it('each clause passes exactly when json-rules-engine fires its check (and applies exactly when it fires appliesWhen)', async () => {
    await fc.assert(
      fc.asyncProperty(edition, completeFacts, async (spec, facts) => {
        const verdict = evaluate(compileEdition(spec), { standard: spec.id, facts });
        for (const [i, c] of spec.groups[0]!.clauses.entries()) {
          const r = verdict.clauses[i]!;
          const applies = c.appliesWhen ? await jreDecides(c.appliesWhen, facts) : true;
          const expected = !applies ? 'not_applicable' : (await jreDecides(c.check, facts)) ? 'pass' : 'fail';
          if (r.outcome !== expected) throw new Error(`${c.id}: daoze ${r.outcome}, json-rules-engine ${expected}`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
