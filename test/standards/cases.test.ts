/** Golden runner: every case every built-in standard carries, plus meta-checks on the standards themselves. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCase, runCases } from '../../src/index.js';
import { citationWarnings, coverageWarnings } from '../../src/cases/house-rules.js';
import { builtinStandardsDir, readEditions } from '../../src/node.js';
import { builtin } from '../support/helpers.js';

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

      // The house rules are the ones `daoze test --strict` and `daoze validate --strict` enforce (src/cases/house-rules.ts).
      const where = { file: join('standards', ed.id, `${ed.version}.yaml`) };
      it('has cases in which every clause passes, fails, is indeterminate and (if it has a condition) does not apply', () => {
        expect(coverageWarnings(ed, runCases(ed), where)).toEqual([]);
      });

      it('carries a schema line for editors', () => {
        const file = join(builtinStandardsDir(), ed.id, `${ed.version}.yaml`);
        expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/edition.schema.json');
      });

      it('cites the seed plan task, a national standard or the plan\'s goals on every clause that is not local practice', () => {
        expect(citationWarnings(ed.spec, where)).toEqual([]);
      });
    });
  }
});
