/** `daoze test [standard]`: runs the cases each standard carries and shows which clause outcomes no case covers. */
import { caseCoverageGaps, caseDiagnostics, runCases } from '../../cases/run.js';
import { formatDiagnostic, preview, type Diagnostic } from '../../errors.js';
import { coverageWarnings, strictly, type EditionWhere } from '../../cases/house-rules.js';
import { builtinStandardsDir } from '../../files.js';
import type { CompiledEdition } from '../../compile/compile.js';
import { color, EXIT, out } from '../io.js';
import { readers } from '../lazy.js';
import { profilesFor, readingStandards, registryFor } from '../load.js';
import type { Command } from './types.js';
import type { CommonOptions } from '../context.js';

/**
 * Where each edition's and profile's text is, read from disk only when something must be positioned (the registry
 * may come from the build's snapshot, which keeps no positions).
 */
function locator(common: CommonOptions): (ed: CompiledEdition) => EditionWhere {
  let byRef: Map<string, EditionWhere> | undefined;
  return (ed) => {
    if (!byRef) {
      byRef = new Map();
      const { readEditions, readProfiles } = readers();
      const standards = common.standards ?? builtinStandardsDir();
      for (const e of readingStandards(() => readEditions(standards), standards).editions)
        byRef.set(`${e.spec.id}@${e.spec.version}`, { file: e.file.display, locate: e.locate });
      const profiles = profilesFor(common);
      if (profiles !== null)
        for (const p of readProfiles(profiles).profiles)
          byRef.set(`profile:${p.spec.id}@${p.spec.version}`, { file: p.file ?? p.spec.id, locate: p.locate });
    }
    const key = ed.profile ? `profile:${ed.profile.id}@${ed.profile.version}` : ed.ref;
    return byRef.get(key) ?? { file: key };
  };
}

/** The `daoze test` command. */
export const test: Command = {
  name: 'test',
  summary:
    "Run the standards' own test cases; a clause no case makes pass, fail, indeterminate or not apply is a warning (an error with --strict)",
  usage: 'daoze test [id[@version]] [--standards dir] [--profiles dir] [--strict] [--format text|json]',
  args: { strict: { type: 'boolean' } },
  run({ positionals, values, common }) {
    const registry = registryFor(common);
    const strict = values.strict === true;
    const where = locator(common);
    const only = positionals[0];
    const all = [...registry.editions, ...registry.profiles.map((p) => p.edition)];
    const editions = only
      ? all.filter(
          (e) =>
            e.ref === only || e.id === only || (e.profile && `${e.profile.id}@${e.profile.version}`.startsWith(only)),
        )
      : all;
    if (only && editions.length === 0) registry.get(only); // throws a NotFoundError naming what exists
    let failed = 0;
    let total = 0;
    let warned = 0;
    const report = [];
    for (const ed of editions) {
      const results = runCases(ed);
      const gaps = caseCoverageGaps(ed, results);
      total += results.length;
      failed += results.filter((r) => !r.ok).length;
      const failures: Diagnostic[] = results.some((r) => !r.ok) ? caseDiagnostics(results, where(ed)) : [];
      // The house rule covers an edition's own clauses; a profile's gaps are shown, as advice only.
      const coverage = !ed.profile && gaps.length ? coverageWarnings(ed, results, where(ed)) : [];
      const warnings = strict ? strictly(coverage) : coverage;
      warned += warnings.length;
      const name = ed.profile ? `${ed.profile.id}@${ed.profile.version} (profile of ${ed.ref})` : ed.ref;
      report.push({
        edition: name,
        results: results.map(({ verdict: _v, ...r }) => r),
        coverageGaps: gaps,
        diagnostics: [...failures, ...warnings],
      });
      if (common.format === 'json') continue;
      out(color.bold(`${name} ${ed.spec.nickname}`));
      for (const r of results) {
        out(`  ${r.ok ? color.green('✓') : color.red('✗')} ${r.name}`);
        if (r.error) out(color.red(`      ${r.error.replace(/\n/g, '\n      ')}`));
        for (const m of r.mismatches)
          out(color.red(`      ${m.what}: expected ${preview(m.expected)}, got ${preview(m.actual)}`));
      }
      for (const d of failures) out(color.red(formatDiagnostic(d)));
      for (const d of warnings) out((strict ? color.red : color.yellow)(formatDiagnostic(d)));
      if (ed.profile)
        for (const g of gaps) out(color.yellow(`  ! clause ${g.clause}: no case where it is ${g.unseen.join(', ')}`));
    }
    const bad = failed > 0 || (strict && warned > 0);
    if (common.format === 'json')
      out(JSON.stringify({ total, failed, ...(strict ? { strict } : {}), editions: report }, null, 2));
    else {
      const tail = warned
        ? ` ${warned} clause(s) without a case for every outcome${strict ? ' (an error with --strict)' : ' (warnings; --strict makes them errors)'}.`
        : '';
      out(
        failed
          ? color.red(`\n${failed} of ${total} case(s) failed.${tail}`)
          : (bad ? color.red : warned ? color.yellow : color.green)(`\n${total} passed, 0 failed.${tail}`),
      );
    }
    return bad ? EXIT.fail : EXIT.ok;
  },
};
