/**
 * `daoze diff <id>@<v1> <id>@<v2> [--replay inspections.ndjson]`: clause-level differences between two
 * editions, the version bump they need, and which recorded inspections would change outcome, and how.
 */
import { bumpSuffices, diffEditions, type ChangeKind, type EditionChange, type EditionDiff } from '../../audit/diff.js';
import { replay, type ReplayReport } from '../../audit/replay.js';
import type { CompiledEdition } from '../../compile/compile.js';
import type { Condition, I18nText, Locale, ParameterSpec } from '../../model/edition.js';
import { color, EXIT, out, UsageError } from '../io.js';
import { registryFor } from '../load.js';
import { paint } from '../render.js';
import { words } from '../words.js';
import { readAuditInputs } from './audit-io.js';
import type { Command } from './types.js';

const KIND: Record<Locale, Record<ChangeKind, string>> = {
  zh: {
    'clause-added': '新增条款',
    'clause-removed': '删除条款',
    'check-changed': '判定条件改变',
    'applicability-changed': '适用条件改变',
    'parameter-changed': '限值/参数改变',
    'severity-changed': '严重程度改变',
    'deduction-changed': '扣分改变',
    'optional-changed': '选用/必查改变',
    'text-changed': '条文改变',
    'label-changed': '条款名称改变',
    'messages-changed': '提示语改变',
    'citation-changed': '引用改变',
    'provenance-changed': '来源性质改变',
    'routing-changed': '实施/责任单位改变',
    'group-changed': '所属分组改变',
    'fact-added': '新增检查项',
    'fact-removed': '删除检查项',
    'fact-changed': '检查项改变',
    'parameter-added': '新增参数',
    'parameter-removed': '删除参数',
    'parameter-wording-changed': '参数说明改变',
    'scoring-changed': '计分改变',
    'source-changed': '引用文献改变',
    'metadata-changed': '版本信息改变',
  },
  en: {
    'clause-added': 'clause added',
    'clause-removed': 'clause removed',
    'check-changed': 'check changed',
    'applicability-changed': 'applicability changed',
    'parameter-changed': 'threshold / parameter changed',
    'severity-changed': 'severity changed',
    'deduction-changed': 'deduction changed',
    'optional-changed': 'optional / required changed',
    'text-changed': 'text changed',
    'label-changed': 'label changed',
    'messages-changed': 'messages changed',
    'citation-changed': 'citations changed',
    'provenance-changed': 'provenance changed',
    'routing-changed': 'routing changed',
    'group-changed': 'group changed',
    'fact-added': 'fact added',
    'fact-removed': 'fact removed',
    'fact-changed': 'fact changed',
    'parameter-added': 'parameter added',
    'parameter-removed': 'parameter removed',
    'parameter-wording-changed': 'parameter wording changed',
    'scoring-changed': 'scoring changed',
    'source-changed': 'source changed',
    'metadata-changed': 'edition metadata changed',
  },
};

const WORDS = {
  zh: {
    none: '两个版本的内容相同。',
    clauses: '条款',
    edition: '检查项、参数与版本信息',
    required: '按版本规则至少需要',
    actual: '实际版本变化',
    bump: { none: '无', patch: '修订号 (patch)', minor: '次版本 (minor)', major: '主版本 (major)', downgrade: '降级' },
    tooSmall: '版本号变化不足:见 docs/versioning.md',
    decisions: '可能改变判定结果',
    noDecisions: '不改变任何判定结果(只涉及文字、引用等)',
    affects: '涉及条款',
    replay: (n: number, f: string) => `回放 ${n} 份检查记录(${f})`,
    unchanged: '结果不变',
    outcomeChanged: '结论改变',
    clausesChanged: '仅条款结果或得分改变',
    rejected: '新版本不接受原记录',
    skipped: '跳过',
    dropped: '新版本不再使用',
    line: '第',
  },
  en: {
    none: 'The two editions have the same content.',
    clauses: 'Clauses',
    edition: 'Facts, parameters and edition metadata',
    required: 'The versioning contract asks for at least',
    actual: 'actual bump',
    bump: { none: 'none', patch: 'patch', minor: 'minor', major: 'major', downgrade: 'downgrade' },
    tooSmall: 'the version bump is too small: see docs/versioning.md',
    decisions: 'can change verdicts',
    noDecisions: 'changes no verdict (wording, citations and the like only)',
    affects: 'affects',
    replay: (n: number, f: string) => `Replay of ${n} recorded inspection(s) (${f})`,
    unchanged: 'unchanged',
    outcomeChanged: 'outcome changed',
    clausesChanged: 'clause outcomes or score changed only',
    rejected: 'rejected by the new edition as recorded',
    skipped: 'skipped',
    dropped: 'no longer asked',
    line: 'line',
  },
};

const SIGN: Record<string, string> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: '∈',
  notIn: '∉',
};

/** A condition in one line: `all(adult-fly-count ≤ {fly-limit}, maggots-present = false)`. */
export function conditionText(c: Condition | undefined): string {
  if (!c) return '—';
  if ('all' in c) return `all(${c.all.map(conditionText).join(', ')})`;
  if ('any' in c) return `any(${c.any.map(conditionText).join(', ')})`;
  if ('not' in c) return `not(${conditionText(c.not)})`;
  const v = c.value;
  const rhs =
    v !== null && typeof v === 'object' && !Array.isArray(v) ? ('param' in v ? `{${v.param}}` : v.fact) : Array.isArray(v) ? `[${v.join(', ')}]` : JSON.stringify(v);
  return `${c.fact} ${SIGN[c.operator] ?? c.operator} ${rhs}`;
}

function paramText(p: Partial<ParameterSpec> | undefined): string {
  if (!p) return '—';
  const unit = p.unit ? ` ${p.unit}` : '';
  if (p.byFact !== undefined) return `${p.byFact}: ${Object.entries(p.values ?? {}).map(([k, v]) => `${k} ${v}`).join(' / ')}${unit}`;
  return `${String(p.value)}${unit}`;
}

const isI18n = (v: unknown): v is I18nText => typeof v === 'object' && v !== null && 'zh' in v && 'en' in v;

function detail(c: EditionChange, locale: Locale): string[] {
  const show = (v: unknown) => (v === undefined ? '—' : isI18n(v) ? v[locale] : typeof v === 'string' ? v : JSON.stringify(v));
  switch (c.kind) {
    case 'check-changed':
    case 'applicability-changed':
      return [`- ${conditionText(c.from as Condition)}`, `+ ${conditionText(c.to as Condition)}`];
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
      return [`${c.subject}: ${show(c.from)} → ${show(c.to)}`];
    default:
      return c.subject ? [String(c.subject)] : [];
  }
}

const IMPACT_COLOR = { breaking: color.red, decision: color.yellow, addition: color.cyan, wording: color.dim, metadata: color.dim } as const;

/** The diff as text lines. */
export function renderDiff(d: EditionDiff, a: CompiledEdition, b: CompiledEdition, locale: Locale): string[] {
  const w = WORDS[locale];
  const lines = [color.bold(`${a.spec.nickname}  ${d.from.ref} → ${d.to.ref}`) + color.dim(`  (${a.spec.status} → ${b.spec.status})`)];
  if (!d.changes.length) return [...lines, w.none];
  const ok = bumpSuffices(d.actualBump, d.requiredBump);
  lines.push(`${w.required}: ${color.bold(w.bump[d.requiredBump])} · ${w.actual}: ${(ok ? color.green : color.red)(w.bump[d.actualBump])}${ok ? '' : color.red(`  ✗ ${w.tooSmall}`)}`);
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
        lines.push(`      ${IMPACT_COLOR[c.impact](`${KIND[locale][c.kind]} [${c.impact}]`)}`);
        if (c.kind !== 'clause-added' && c.kind !== 'clause-removed') for (const l of detail(c, locale)) lines.push(`        ${l}`);
      }
    }
  }
  const rest = d.changes.filter((c) => !c.clause);
  if (rest.length) {
    lines.push('', color.bold(w.edition));
    for (const c of rest) {
      lines.push(`  ${IMPACT_COLOR[c.impact](`${KIND[locale][c.kind]} [${c.impact}]`)}  ${detail(c, locale).join(' ')}`);
      if (c.affects?.length) lines.push(color.dim(`      ${w.affects}: ${c.affects.join(', ')}`));
    }
  }
  return lines;
}

/** The replay as text lines. */
export function renderReplay(r: ReplayReport, file: string, locale: Locale): string[] {
  const w = WORDS[locale];
  const cw = words(locale);
  const o = (x: string) => (x === 'absent' ? '—' : paint(x as never, cw.outcome[x as keyof typeof cw.outcome]));
  const lines = ['', color.bold(w.replay(r.total, file))];
  lines.push(`  ${w.unchanged} ${r.unchanged} · ${w.outcomeChanged} ${r.outcomeChanged} · ${w.clausesChanged} ${r.clausesChanged} · ${w.rejected} ${r.rejected}`);
  for (const c of r.changes) {
    const who = [c.subject, c.observedAt].filter(Boolean).join(' · ');
    const at = locale === 'zh' ? `${w.line} ${c.index} 行` : `${w.line} ${c.index}`;
    const outcome = c.to ? `${o(c.from.outcome)} → ${o(c.to.outcome)}` : `${o(c.from.outcome)} → ${color.red('✗')}`;
    const score = c.to && c.from.score !== undefined && c.to.score !== c.from.score ? color.dim(`  (${c.from.score} → ${c.to.score})`) : '';
    lines.push('', `  ${at}  ${color.bold(who)}  ${outcome}${score}`);
    for (const f of c.clauses) lines.push(`      ${f.clause} ${f.label}: ${o(f.from)} → ${o(f.to)}  ${color.dim(f.message)}`);
    if (c.error) lines.push(color.red(`      ${c.error}`));
    if (c.dropped?.length) lines.push(color.dim(`      ${w.dropped}: ${c.dropped.join(', ')}`));
  }
  for (const s of r.skipped) lines.push(color.dim(`  ${w.skipped} ${s.index}: ${s.reason}`));
  return lines;
}

export const diff: Command = {
  name: 'diff',
  summary: 'Clause-level differences between two editions; with --replay, which recorded inspections would change outcome',
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
      r = replay(a, b, inputs.map((i) => i.value), { locale: common.locale });
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
