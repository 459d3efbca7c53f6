/**
 * The standards against the seed plan's own text: every quote attributed to it appears word for word, inside the
 * task or section it is cited for; the plan outline behind the coverage table names each task as the plan prints
 * it. The seed lives beside the repository (../shared/seed); in CI it must be there, so a missing seed fails the
 * run rather than skipping the check.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cite } from '../../src/index.js';
import { builtinStandardsDir } from '../../src/node.js';
import { builtin } from '../support/helpers.js';
import { seedSpans, type SeedSpans } from './seed-spans.js';

const seedPath = join(__dirname, '..', '..', '..', 'shared', 'seed', '000_1a519d71141c709e.txt');
const haveSeed = existsSync(seedPath);
const inCi = process.env.CI === 'true' || process.env.CI === '1';

if (!haveSeed && !inCi) {
  // A plain clone has no ../shared: say so once, in the test output, instead of passing quietly.
  console.warn(`seed-plan checks skipped: ${seedPath} is not here (it is beside the repository in the project's workspace and in CI, where its absence fails)`);
}

describe('the seed plan is where the checks expect it', () => {
  it.runIf(inCi)('in CI the seed text is present (these checks never skip there)', () => {
    expect(haveSeed, `${seedPath} is missing`).toBe(true);
  });
});

describe.runIf(haveSeed)('quotes from the seed plan', () => {
  const seed = haveSeed ? readFileSync(seedPath, 'utf8') : '';
  const spans: SeedSpans = seedSpans(seed);

  it('finds all 40 tasks and the goals section in the plan text, in order', () => {
    expect(spans.tasks.size).toBe(40);
    for (let n = 2; n <= 40; n++) expect(spans.tasks.get(n)!.start).toBeGreaterThan(spans.tasks.get(n - 1)!.start);
    expect(spans.sections.get('二')).toBeDefined();
  });

  for (const ed of builtin().editions) {
    it(`${ed.ref}: every seed quote (clauses, parameters, exclusions) is verbatim and inside the task or section it cites`, () => {
      const cites: { where: string; cite: Cite }[] = [
        ...ed.clauses.filter((c) => c.spec.origin === undefined).flatMap((c) => c.spec.cites.map((cite) => ({ where: `clause ${c.id}`, cite }))),
        ...Object.entries(ed.spec.parameters ?? {}).flatMap(([id, p]) => p.cites.map((cite) => ({ where: `parameter ${id}`, cite }))),
        ...(ed.spec.exclusions ?? []).map((x, i) => ({ where: `exclusion ${i}`, cite: x.source })),
      ];
      for (const { where, cite } of cites) {
        if (ed.sources.get(cite.source)?.kind !== 'plan' || cite.quote === undefined) continue;
        expect(seed, `${where}: "${cite.quote}" is not in the seed word for word`).toContain(cite.quote);
        const span = spans.spanOf(cite);
        expect(span, `${where}: cites ${cite.task !== undefined ? `task ${cite.task}` : `section ${cite.section}`}, which the plan text does not have`).toBeDefined();
        const text = seed.slice(span!.start, span!.end);
        expect(text.includes(cite.quote), `${where}: "${cite.quote}" is in the seed but not in the ${cite.task !== undefined ? `task ${cite.task}` : `section ${cite.section}`} it cites`).toBe(true);
      }
    });
  }

  it('the plan outline (standards/plan-outline.json) names each task as the plan prints it', () => {
    const outline = JSON.parse(readFileSync(join(builtinStandardsDir(), 'plan-outline.json'), 'utf8')) as { tasks: { task: number; title: { zh: string } }[] };
    expect(outline.tasks.map((t) => t.task)).toEqual([...Array(40).keys()].map((i) => i + 1));
    for (const t of outline.tasks) expect(spans.titleOf(t.task), `task ${t.task}`).toBe(t.title.zh);
  });
});
