/** The generated page of each standard in docs/standards is up to date with its YAML (run `npm run daoze -- doc`). */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageWarnings } from '../../src/cases/house-rules.js';
import { planCoverage, renderCoverage, type PlanOutline } from '../../src/result/coverage.js';
import { renderStandardPage } from '../../src/result/page.js';
import { builtinStandardsDir } from '../../src/node.js';
import { OPERATOR_TABLE_BEGIN, withOperatorTable } from '../../src/result/operator-table.js';
import { OPERATORS } from '../../src/operators/index.js';
import { builtin } from '../support/helpers.js';

describe('docs/standards pages', () => {
  for (const id of [...new Set(builtin().editions.map((e) => e.id))]) {
    it(`${id}.md is generated from the current edition`, () => {
      // The rule `daoze validate` reports as W_PAGE (src/cases/house-rules.ts).
      const file = join(__dirname, '..', '..', 'docs', 'standards', `${id}.md`);
      const ed = builtin().get(id);
      const actual = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      expect(
        pageWarnings(ed, { file, actual, expected: renderStandardPage(ed, 'zh') }, { file: `${ed.id}@${ed.version}` }),
      ).toEqual([]);
    });
  }
});

describe('docs/coverage.md', () => {
  it('is generated from the standards and standards/plan-outline.json (run npm run daoze -- doc)', () => {
    const outline = JSON.parse(readFileSync(join(builtinStandardsDir(), 'plan-outline.json'), 'utf8')) as PlanOutline;
    const newest = [...new Set(builtin().editions.map((e) => e.id))].map((id) => builtin().get(id));
    expect(readFileSync(join(__dirname, '..', '..', 'docs', 'coverage.md'), 'utf8')).toBe(
      renderCoverage(planCoverage(newest, outline), 'zh'),
    );
  });

  it('leaves no task of the plan, and not its goals section, without a clause or a written exclusion', () => {
    const outline = JSON.parse(readFileSync(join(builtinStandardsDir(), 'plan-outline.json'), 'utf8')) as PlanOutline;
    const newest = [...new Set(builtin().editions.map((e) => e.id))].map((id) => builtin().get(id));
    const gaps = planCoverage(newest, outline)
      .filter((r) => !r.clauses.length && !r.exclusions.length)
      .map((r) => r.key);
    expect(gaps).toEqual([]);
  });
});

describe('docs/authoring.md', () => {
  it('lists the operators of src/operators/index.ts, as generated (run npm run daoze -- doc)', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'docs', 'authoring.md'), 'utf8');
    expect(text).toContain(OPERATOR_TABLE_BEGIN);
    expect(withOperatorTable(text)).toBe(text);
    for (const name of OPERATORS.keys()) expect(text).toContain(`| \`${name}\` |`);
  });
});
