/** `daoze test [standard]`: runs the cases each standard carries and shows which clause outcomes no case covers. */
import { caseCoverageGaps, runCases } from '../../cases/run.js';
import { preview } from '../../errors.js';
import { color, EXIT, out } from '../io.js';
import { registryFor } from '../load.js';
import type { Command } from './types.js';

/** The `daoze test` command. */
export const test: Command = {
  name: 'test',
  summary: "Run the standards' own test cases",
  usage: 'daoze test [id[@version]] [--standards dir] [--format text|json]',
  args: {},
  run({ positionals, common }) {
    const registry = registryFor(common);
    const only = positionals[0];
    const all = [...registry.editions, ...registry.profiles.map((p) => p.edition)];
    const editions = only ? all.filter((e) => e.ref === only || e.id === only || (e.profile && `${e.profile.id}@${e.profile.version}`.startsWith(only))) : all;
    if (only && editions.length === 0) registry.get(only); // throws a NotFoundError naming what exists
    let failed = 0;
    let total = 0;
    const report = [];
    for (const ed of editions) {
      const results = runCases(ed);
      const gaps = caseCoverageGaps(ed, results);
      total += results.length;
      failed += results.filter((r) => !r.ok).length;
      const name = ed.profile ? `${ed.profile.id}@${ed.profile.version} (profile of ${ed.ref})` : ed.ref;
      report.push({ edition: name, results: results.map(({ verdict: _v, ...r }) => r), coverageGaps: gaps });
      if (common.format === 'json') continue;
      out(color.bold(`${name} ${ed.spec.nickname}`));
      for (const r of results) {
        out(`  ${r.ok ? color.green('✓') : color.red('✗')} ${r.name}`);
        if (r.error) out(color.red(`      ${r.error.replace(/\n/g, '\n      ')}`));
        for (const m of r.mismatches) out(color.red(`      ${m.what}: expected ${preview(m.expected)}, got ${preview(m.actual)}`));
      }
      for (const g of gaps) out(color.yellow(`  ! clause ${g.clause}: no case where it is ${g.unseen.join(', ')}`));
    }
    if (common.format === 'json') out(JSON.stringify({ total, failed, editions: report }, null, 2));
    else out(failed ? color.red(`\n${failed} of ${total} case(s) failed.`) : color.green(`\n${total} passed, 0 failed`));
    return failed ? EXIT.fail : EXIT.ok;
  },
};
