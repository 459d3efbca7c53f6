/**
 * `daoze doc`: writes the readable page of every standard (or one) to docs/standards/<id>.md, the plan coverage
 * table beside them, and the operator table of the authoring guide where the guide carries its markers.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderStandardPage } from '../../result/page.js';
import { planCoverage, renderCoverage, type PlanOutline } from '../../result/coverage.js';
import { withOperatorTable } from '../../result/operator-table.js';
import { builtinStandardsDir } from '../../files.js';
import { EXIT, out } from '../io.js';
import { registryFor } from '../load.js';
import type { Command } from './types.js';

/** The `daoze doc` command. */
export const doc: Command = {
  name: 'doc',
  summary:
    'Write a readable page per standard (clauses, citations, provenance, parameters) to docs/standards/, and the plan coverage table beside it',
  usage: 'daoze doc [id[@version]] [--out docs/standards] [--locale zh|en]',
  args: { out: { type: 'string', short: 'o' } },
  // It writes Markdown pages and prints their paths: there is nothing to print as JSON.
  formats: ['text'],
  run({ positionals, values, common }) {
    const registry = registryFor(common);
    const dir = (values.out as string | undefined) ?? join('docs', 'standards');
    mkdirSync(dir, { recursive: true });
    // The page of a standard is its newest edition's; `id@version` writes that edition instead.
    const editions = positionals.length
      ? positionals.map((r) => registry.get(r))
      : [...new Set(registry.editions.map((e) => e.id))].map((id) => registry.get(id));
    for (const ed of editions) {
      const file = join(dir, `${ed.id}.md`);
      writeFileSync(file, renderStandardPage(ed, common.locale));
      out(file);
    }
    // With every standard written, the coverage table of the plan they cite goes one folder up (docs/coverage.md),
    // when the standards folder carries the plan's outline.
    const outline = join(common.standards ?? builtinStandardsDir(), 'plan-outline.json');
    if (!positionals.length && existsSync(outline)) {
      const file = join(dirname(dir), 'coverage.md');
      writeFileSync(
        file,
        renderCoverage(planCoverage(editions, JSON.parse(readFileSync(outline, 'utf8')) as PlanOutline), common.locale),
      );
      out(file);
    }
    // The authoring guide one folder up (docs/authoring.md) lists the operators between two marker comments:
    // regenerated from OPERATORS, so the guide and the engine name the same operators.
    const guide = join(dirname(dir), 'authoring.md');
    const updated =
      !positionals.length && existsSync(guide) ? withOperatorTable(readFileSync(guide, 'utf8')) : undefined;
    if (updated !== undefined) {
      writeFileSync(guide, updated);
      out(guide);
    }
    return EXIT.ok;
  },
};
