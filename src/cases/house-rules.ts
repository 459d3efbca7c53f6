/**
 * The project's house rules for a standard, beyond what makes an edition valid: each clause cites something that
 * can be checked, each clause is seen in every outcome by a case, and each standard's generated page is current.
 * One function per rule, used by `daoze validate` / `daoze test` and by the repository's own tests, so the rule is
 * stated once. Each returns warnings (`severity: 'warning'`) positioned on the clause; `--strict` makes them errors.
 * Pure: pages are handed in as text.
 */
import type { Diagnostic, DiagnosticCode } from '../errors.js';
import type { CompiledEdition } from '../compile/compile.js';
import type { ClauseSpec, EditionSpec } from '../model/edition.js';
import { caseCoverageGaps, type CaseResult } from './run.js';
import type { DocPath, ParsedText } from '../load/yaml.js';
import { locationOf } from '../load/report.js';

/** Where an edition's text is: its file (as shown) and, when read from YAML, a locator of paths in it. */
export interface EditionWhere {
  file: string;
  locate?: ParsedText['locate'] | undefined;
}

/**
 * Where a clause of a composed edition is written: its own clause (`groups[g].clauses[c]`), or, for a clause the
 * edition includes from another (it carries its origin), the group's `include`.
 */
export function clausePath(spec: EditionSpec, clauseId: string): DocPath | undefined {
  for (let gi = 0; gi < spec.groups.length; gi++) {
    const clauses = spec.groups[gi]!.clauses ?? [];
    for (let ci = 0; ci < clauses.length; ci++) {
      const c = clauses[ci]!;
      if (c.id === clauseId) return c.origin ? ['groups', gi, 'include'] : ['groups', gi, 'clauses', ci];
    }
  }
  return undefined;
}

function warning(
  code: DiagnosticCode,
  where: EditionWhere,
  path: DocPath,
  message: string,
  extra: Partial<Diagnostic> = {},
  key = false,
): Diagnostic {
  return { code, severity: 'warning', message, location: locationOf(where, path, key), ...extra };
}

/**
 * Whether a clause's citations let a reader check it: a clause that is not local practice cites a numbered task of
 * the plan (`task:`), a national standard, or the plan's goals (section 二, whose targets no numbered task restates,
 * e.g. sewage treatment ≥85%).
 */
export function citesCheckably(c: ClauseSpec, sources: readonly EditionSpec['sources'][number][]): boolean {
  if (c.provenance === 'local') return true;
  const kind = (id: string) => sources.find((s) => s.id === id)?.kind;
  return c.cites.some(
    (x) => x.task !== undefined || kind(x.source) === 'national' || (x.section === '二' && kind(x.source) === 'plan'),
  );
}

/** `W_CITATION` for each own clause (not local practice) that cites no task of the plan, no national standard and not the plan's goals. */
export function citationWarnings(spec: EditionSpec, where: EditionWhere): Diagnostic[] {
  const out: Diagnostic[] = [];
  spec.groups.forEach((g, gi) =>
    (g.clauses ?? []).forEach((c, ci) => {
      if (c.origin || citesCheckably(c, spec.sources)) return;
      const plan = c.cites.some((x) => spec.sources.find((s) => s.id === x.source)?.kind === 'plan');
      out.push(
        warning(
          'W_CITATION',
          where,
          ['groups', gi, 'clauses', ci, 'cites'],
          plan
            ? `clause "${c.id}" cites the plan without a task: add \`task: N\` (the plan's numbered task), or \`section: 二\` for a target of the plan's goals`
            : `clause "${c.id}" cites no task of the plan, no national standard and not the plan's goals; cite one, or mark it \`provenance: local\``,
          { value: c.cites },
          true,
        ),
      );
    }),
  );
  return out;
}

/**
 * `W_CASE_COVERAGE` for each clause of an edition, included ones too (the edition's cases decide them as
 * composed), that no case makes pass, fail, be indeterminate and (with `appliesWhen`) not apply, positioned on
 * the clause or on the include that brings it (see `caseCoverageGaps`).
 */
export function coverageWarnings(
  ed: CompiledEdition,
  results: readonly CaseResult[],
  where: EditionWhere,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const g of caseCoverageGaps(ed, results)) {
    const path = clausePath(ed.spec, g.clause) ?? [];
    out.push(
      warning(
        'W_CASE_COVERAGE',
        where,
        path,
        `clause "${g.clause}": no case where it is ${g.unseen.join(', ')}; add a case under \`cases\` that makes it so`,
        {
          value: g.unseen,
        },
      ),
    );
  }
  return out;
}

/**
 * `W_PAGE` when a standard's generated page is missing (`actual` undefined) or differs from what `daoze doc`
 * writes (`expected`), positioned on the edition's `id`.
 */
export function pageWarnings(
  ed: CompiledEdition,
  page: { file: string; actual: string | undefined; expected: string },
  where: EditionWhere,
): Diagnostic[] {
  if (page.actual === page.expected) return [];
  const why =
    page.actual === undefined
      ? `has no page ${page.file}`
      : `page ${page.file} is not what \`daoze doc\` writes from the edition (stale)`;
  return [
    warning('W_PAGE', where, ['id'], `standard "${ed.id}" ${why}: run \`daoze doc\` and commit the page`, {
      value: page.file,
    }),
  ];
}

/** Turns warnings into errors (`--strict`): the same diagnostics without `severity`. */
export function strictly(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.map(({ severity: _s, ...d }) => d);
}
