/**
 * `daoze diff <id>@<v1> <id>@<v2> [--replay inspections.ndjson]`: clause-level differences between two
 * editions, the version bump they need, and which recorded inspections would change outcome, and how.
 */
import { bumpSuffices, diffEditions, type EditionChange, type EditionDiff } from '../../audit/diff.js';
import { replay, type ReplayReport } from '../../audit/replay.js';
import type { CompiledEdition } from '../../compile/compile.js';
import type { Condition, I18nText, Locale, ParameterSpec } from '../../model/edition.js';
import { conditionText, type ConditionTextStyle } from '../../model/condition.js';
import { OPERATORS } from '../../operators/index.js';
import { color, EXIT, out, UsageError } from '../io.js';
import { registryFor } from '../load.js';
import { paint } from '../render.js';
import { phrase, words } from '../words.js';
import { readAuditInputs } from './audit-io.js';
import type { Command } from './types.js';

/** Conditions with the operators' signs, members apart by commas: `all(adult-fly-count ≤ {fly-limit}, maggots-present = false)`. */
const SIGNS: ConditionTextStyle = {
  operator: (name) => OPERATORS.get(name)?.sign ?? name,
  separator: ', ',
  list: (values) => `[${values.join(', ')}]`,
  unwrapSingle: false,
};

/** A condition of a change in one line, or a dash where the clause has none (an `appliesWhen` added or dropped). */
const changedCondition = (c: Condition | undefined): string => (c ? conditionText(c, SIGNS) : '—');

function paramText(p: Partial<ParameterSpec> | undefined): string {
  if (!p) return '—';
  const unit = p.unit ? ` ${p.unit}` : '';
  if (p.byFact !== undefined)
    return `${p.byFact}: ${Object.entries(p.values ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(' / ')}${unit}`;
  return `${String(p.value)}${unit}`;
}

const isI18n = (v: unknown): v is I18nText => typeof v === 'object' && v !== null && 'zh' in v && 'en' in v;

function detail(c: EditionChange, locale: Locale): string[] {
  const show = (v: unknown) =>
    v === undefined ? '—' : isI18n(v) ? v[locale] : typeof v === 'string' ? v : JSON.stringify(v);
  switch (c.kind) {
    case 'check-changed':
    case 'applicability-changed':
      return [
        `- ${changedCondition(c.from as Condition | undefined)}`,
        `+ ${changedCondition(c.to as Condition | undefined)}`,
      ];
    case 'parameter-changed':
      return [`${c.subject}: ${paramText(c.from as ParameterSpec)} → ${paramText(c.to as ParameterSpec)}`];
    case 'text-changed':
    case 'label-changed':
      return [`- ${show(c.from)}`, `+ ${show(c.to)}`];
    case 'severity-changed':
    case 'deduction-changed':
    case 'optional-changed':
    case 'provenance-changed':
    case 'group-changed':
      return [`${show(c.from)} → ${show(c.to)}`];
    case 'fact-changed':
      return [`${c.subject}: ${(c.properties ?? []).join(', ')}`];
    case 'fact-added':
    case 'fact-removed': {
      const f = (c.to ?? c.from) as { type: string; unit?: string; label: I18nText };
      return [`${c.subject} ${f.label[locale]} (${f.type}${f.unit ? `, ${f.unit}` : ''})`];
    }
    case 'parameter-added':
    case 'parameter-removed': {
      const p = (c.to ?? c.from) as ParameterSpec;
      return [`${c.subject} ${p.label[locale]}: ${paramText(p)}`];
    }
    case 'metadata-changed':
    case 'scoring-changed':
    case 'rectification-changed':
      return [`${c.subject}: ${show(c.from)} → ${show(c.to)}`];
    case 'scope-changed': {
      // The unit, or each object of a kind.
      const scope = (k: unknown) =>
        typeof k === 'string' ? `${locale === 'zh' ? '逐个' : 'each'} ${k}` : locale === 'zh' ? '单元' : 'the unit';
      return [`${scope(c.from)} → ${scope(c.to)}`];
    }
    case 'kind-changed':
      return [`${c.subject}: ${(c.properties ?? []).join(', ')}`];
    default:
      return c.subject ? [String(c.subject)] : [];
  }
}

const IMPACT_COLOR = {
  breaking: color.red,
  decision: color.yellow,
  addition: color.cyan,
  wording: color.dim,
  metadata: color.dim,
} as const;

/** The diff as text lines. */
export function renderDiff(d: EditionDiff, a: CompiledEdition, b: CompiledEdition, locale: Locale): string[] {
  const w = words(locale).diff;
  const lines = [
    color.bold(`${a.spec.nickname}  ${d.from.ref} → ${d.to.ref}`) +
      color.dim(`  (${a.spec.status} → ${b.spec.status})`),
  ];
  if (!d.changes.length) return [...lines, w.none];
  const ok = bumpSuffices(d.actualBump, d.requiredBump);
  lines.push(
    `${w.required}: ${color.bold(w.bump[d.requiredBump])} · ${w.actual}: ${(ok ? color.green : color.red)(w.bump[d.actualBump])}${ok ? '' : color.red(`  ✗ ${w.tooSmall}`)}`,
  );
  lines.push(d.decisionChanges ? color.yellow(w.decisions) : color.green(w.noDecisions));
  const byClause = new Map<string, EditionChange[]>();
  for (const c of d.changes) if (c.clause) byClause.set(c.clause, [...(byClause.get(c.clause) ?? []), c]);
  if (byClause.size) {
    lines.push('', color.bold(w.clauses));
    for (const [id, cs] of byClause) {
      const ed = cs[0]!.kind === 'clause-removed' ? a : b;
      const label = ed.clauseById.get(id)?.spec.label[locale] ?? '';
      const sign = cs[0]!.kind === 'clause-added' ? '+' : cs[0]!.kind === 'clause-removed' ? '-' : '~';
      lines.push(`  ${sign} ${color.bold(id)} ${label}`);
      for (const c of cs) {
        lines.push(`      ${IMPACT_COLOR[c.impact](`${w.kind[c.kind]} [${c.impact}]`)}`);
        if (c.kind !== 'clause-added' && c.kind !== 'clause-removed')
          for (const l of detail(c, locale)) lines.push(`        ${l}`);
      }
    }
  }
  const rest = d.changes.filter((c) => !c.clause);
  if (rest.length) {
    lines.push('', color.bold(w.edition));
    for (const c of rest) {
      lines.push(`  ${IMPACT_COLOR[c.impact](`${w.kind[c.kind]} [${c.impact}]`)}  ${detail(c, locale).join(' ')}`);
      if (c.affects?.length) lines.push(color.dim(`      ${w.affects}: ${c.affects.join(', ')}`));
    }
  }
  return lines;
}

/** The replay as text lines. */
export function renderReplay(r: ReplayReport, file: string, locale: Locale): string[] {
  const cw = words(locale);
  const w = cw.diff;
  const o = (x: string) => (x === 'absent' ? '—' : paint(x as never, cw.outcome[x as keyof typeof cw.outcome]));
  const lines = ['', color.bold(phrase(w.replay, { n: r.total, file }))];
  lines.push(
    `  ${w.unchanged} ${r.unchanged} · ${w.outcomeChanged} ${r.outcomeChanged} · ${w.clausesChanged} ${r.clausesChanged} · ${w.rejected} ${r.rejected}`,
  );
  for (const c of r.changes) {
    const who = [c.subject, c.observedAt].filter(Boolean).join(' · ');
    const at = phrase(w.line, { n: c.index });
    const outcome = c.to ? `${o(c.from.outcome)} → ${o(c.to.outcome)}` : `${o(c.from.outcome)} → ${color.red('✗')}`;
    const score =
      c.to && c.from.score !== undefined && c.to.score !== c.from.score
        ? color.dim(`  (${c.from.score} → ${c.to.score})`)
        : '';
    lines.push('', `  ${at}  ${color.bold(who)}  ${outcome}${score}`);
    for (const f of c.clauses)
      lines.push(`      ${f.clause} ${f.label}: ${o(f.from)} → ${o(f.to)}  ${color.dim(f.message)}`);
    if (c.error) lines.push(color.red(`      ${c.error}`));
    if (c.dropped?.length) lines.push(color.dim(`      ${w.dropped}: ${c.dropped.join(', ')}`));
    for (const f of c.findings ?? [])
      lines.push(
        `      ${f.change === 'new' ? color.red(`+ ${w.findingNew}`) : color.green(`− ${w.findingResolved}`)}: ${f.label} — ${f.clause}`,
      );
  }
  for (const s of r.skipped) lines.push(color.dim(`  ${w.skipped} ${s.index}: ${s.reason}`));
  return lines;
}

export const diff: Command = {
  name: 'diff',
  summary:
    'Clause-level differences between two editions; with --replay, which recorded inspections would change outcome',
  usage: 'daoze diff <id>@<v1> <id>@<v2> [--replay inspections.ndjson] [--locale zh|en] [--format text|json]',
  args: { replay: { type: 'string' } },
  run({ positionals, values, common }) {
    if (positionals.length !== 2 || positionals.some((p) => !p.includes('@'))) {
      throw new UsageError('usage.diffNeedsTwo');
    }
    const registry = registryFor(common);
    const [a, b] = positionals.map((p) => registry.get(p)) as [CompiledEdition, CompiledEdition];
    const d = diffEditions(a, b);
    let r: ReplayReport | undefined;
    const file = values.replay as string | undefined;
    if (file) {
      const inputs = readAuditInputs(file);
      const bad = inputs.find((i) => i.error);
      if (bad) throw bad.error!;
      r = replay(
        a,
        b,
        inputs.map((i) => i.value),
        { locale: common.locale },
      );
    }
    if (common.format === 'json') out(JSON.stringify({ ...d, ...(r ? { replay: r } : {}) }, null, 2));
    else {
      out(renderDiff(d, a, b, common.locale).join('\n'));
      if (r) out(renderReplay(r, file!, common.locale).join('\n'));
    }
    // A version bump smaller than the changes need is a problem, as in validate; otherwise a diff is a report.
    return bumpSuffices(d.actualBump, d.requiredBump) || d.changes.length === 0 ? EXIT.ok : EXIT.fail;
  },
};
