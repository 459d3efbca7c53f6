/** Golden runner: every case every built-in standard carries, plus meta-checks on the standards themselves. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseCoverageGaps, runCase, runCases } from '../src/index.js';
import { builtinStandardsDir, readEditions } from '../src/node.js';
import { builtin } from './helpers.js';

const { editions, diagnostics } = readEditions(builtinStandardsDir());

describe('built-in standards', () => {
  it('all validate without a single diagnostic', () => {
    expect(diagnostics).toEqual([]);
    expect(editions.length).toBeGreaterThanOrEqual(2);
  });

  for (const ed of builtin().editions) {
    describe(ed.ref, () => {
      for (const c of ed.spec.cases ?? []) {
        it(c.name, () => {
          const r = runCase(ed, c);
          expect(r.error).toBeUndefined();
          expect(r.mismatches).toEqual([]);
        });
      }

      it('has cases in which every clause passes, fails, is indeterminate and (if it has a condition) does not apply', () => {
        expect(caseCoverageGaps(ed, runCases(ed))).toEqual([]);
      });

      it('carries a schema line for editors', () => {
        const file = join(builtinStandardsDir(), ed.id, `${ed.version}.yaml`);
        expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/edition.schema.json');
      });

      it('cites the seed plan task on every clause that is not local practice', () => {
        for (const c of ed.clauses) {
          if (c.spec.provenance === 'local') continue;
          const tasks = c.spec.cites.filter((x) => x.task !== undefined);
          const national = c.spec.cites.filter((x) => ed.sources.get(x.source)?.kind === 'national');
          // The plan's goals (section 二) set targets that no numbered task restates (e.g. sewage treatment ≥85%);
          // a clause on such a target cites the section itself.
          const goals = c.spec.cites.filter((x) => x.section === '二' && ed.sources.get(x.source)?.kind === 'plan');
          expect(tasks.length + national.length + goals.length, `${c.id} cites no task, no national standard and not the plan's goals`).toBeGreaterThan(0);
        }
      });
    });
  }
});
