/**
 * `daoze explain <record.json|verdict.json> [--locale zh|en]`: a verdict for people — each failed or
 * undecided clause, what was observed against what is required, the clause text, its sources and who answers
 * for it.
 */
import { explainVerdict, type ExplainedClause, type ExplainedComparison, type Explanation } from '../../audit/explain.js';
import { RECORD_FORMAT, recordHashOf, type VerdictRecord } from '../../audit/record.js';
import type { CompiledEdition } from '../../compile/compile.js';
import { DaozeError } from '../../errors.js';
import { checkJsonValue } from '../../input/index.js';
import { isEvidenceReason, type Observation } from '../../evaluate/observation.js';
import type { Locale, Severity } from '../../model/edition.js';
import type { Registry } from '../../registry.js';
import type { Verdict } from '../../result/types.js';
import { CliInputError, color, EXIT, out, UsageError } from '../io.js';
import { registryFor } from '../load.js';
import { formatSource, paint } from '../render.js';
import { words } from '../words.js';
import { readAuditInputs } from './audit-io.js';
import type { Command } from './types.js';

const WORDS = {
  zh: {
    title: '检查结论说明',
    hash: '内容哈希',
    unit: 'U型空间',
    grid: '网格',
    evaluatedAt: '判定时间',
    observedAt: '检查时间',
    record: '记录',
    intact: '完整(记录哈希与内容一致;daoze verify 可复核判定)',
    notIntact: '记录哈希与内容不一致,记录可能被改动;请用 daoze verify 查明',
    plain: '普通判定结果(非封存记录,无法校验)',
    noEdition: '本机没有该版本(或内容哈希不同),以下用事实编号和原始值显示',
    localeNote: '判定消息为记录时的语言',
    severity: { minor: '一般', major: '较重', critical: '严重' } as Record<Severity, string>,
    level: '严重程度',
    deduction: '扣分',
    result: '判定',
    compare: '实测与要求',
    applies: '适用条件',
    observed: '实测',
    required: '要求',
    text: '条文',
    basis: '依据',
    evidence: '证据',
    needed: '仍需',
    noEvidence: '已填写但未附所需证据',
    unknown: '检查人记为无法确定',
    implementing: '实施单位',
    inferred: '推定',
    responsible: '责任单位',
    clauseHash: '条款哈希',
    optional: '选用条款,不计入结论',
    provisional: '暂定',
    rest: (pass: number, na: number) => `其余:合格 ${pass} 条,不适用 ${na} 条。`,
    nothing: '没有不合格或无法判定的条款。',
  },
  en: {
    title: 'Verdict explained',
    hash: 'content hash',
    unit: 'U unit',
    grid: 'grid cell',
    evaluatedAt: 'Evaluated',
    observedAt: 'Observed',
    record: 'Record',
    intact: 'intact (record hash matches; run daoze verify to re-check the verdict)',
    notIntact: 'the record hash does not match its content: it may have been altered; run daoze verify',
    plain: 'plain verdict (not a sealed record; cannot be verified)',
    noEdition: 'this edition (with this content hash) is not available here; fact ids and raw values are shown',
    localeNote: 'messages are in the language the verdict was made in',
    severity: { minor: 'minor', major: 'major', critical: 'critical' } as Record<Severity, string>,
    level: 'severity',
    deduction: 'deduction',
    result: 'Finding',
    compare: 'Observed against required',
    applies: 'Applies when',
    observed: 'observed',
    required: 'required',
    text: 'Text',
    basis: 'Source',
    evidence: 'Evidence',
    needed: 'Still needed',
    noEvidence: 'given, but its required evidence is not attached',
    unknown: 'recorded as unknown by the inspector',
    implementing: 'Implementing',
    inferred: 'inferred',
    responsible: 'Responsible',
    clauseHash: 'clause hash',
    optional: 'optional clause, does not count towards the verdict',
    provisional: 'provisional',
    rest: (pass: number, na: number) => `The others: ${pass} passed, ${na} not applicable.`,
    nothing: 'No clause failed or was left undecided.',
  },
};

/** Display width on a terminal: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);

const RESULT_MARK = { true: color.green('✓'), false: color.red('✗'), unknown: color.yellow('?') } as const;

function comparisonLine(c: ExplainedComparison, locale: Locale): string {
  const w = WORDS[locale];
  const from = c.requiredFrom ? (locale === 'zh' ? `(${c.requiredFrom})` : ` (${c.requiredFrom})`) : '';
  const sep = locale === 'zh' ? ',' : '; ';
  const note = c.note ? color.yellow(locale === 'zh' ? `(${c.note})` : ` (${c.note})`) : '';
  return `${RESULT_MARK[c.result]} ${c.label}: ${w.observed} ${c.observed}${note}${sep}${w.required} ${c.relation} ${c.required}${from}`;
}

function clauseLines(x: ExplainedClause, n: number, locale: Locale): string[] {
  const w = WORDS[locale];
  const cw = words(locale);
  const tags = [`${w.level} ${w.severity[x.severity]}`];
  if (x.deduction !== undefined) tags.push(`${w.deduction} ${x.deduction}`);
  if (!x.required) tags.push(w.optional);
  if (x.provenance === 'provisional') tags.push(w.provisional);
  const lines = [
    '',
    `${n}. ${paint(x.outcome, `${x.outcome === 'fail' ? '✗' : '?'} ${cw.outcome[x.outcome]}`)}  ${color.bold(x.label)} [${x.group}]  ${color.dim(tags.join(' · '))}`,
    `   ${w.result}: ${x.message}`,
  ];
  if (x.appliesWhen.length && x.appliesWhen.some((c) => c.result !== 'true')) {
    lines.push(`   ${w.applies}:`);
    for (const c of x.appliesWhen) lines.push(`     ${comparisonLine(c, locale)}`);
  }
  if (x.check.length) {
    lines.push(`   ${w.compare}:`);
    for (const c of x.check) lines.push(`     ${comparisonLine(c, locale)}`);
  }
  for (const m of x.missing) {
    const why = isEvidenceReason(m.reason) ? w.noEvidence : m.reason === 'unknown' ? w.unknown : '';
    const ev = m.evidence.length ? ` [${w.evidence}: ${m.evidence.join(', ')}${m.evidenceRequired ? ' *' : ''}]` : '';
    lines.push(color.yellow(`   ${w.needed}: ${m.label}${why ? ` (${why})` : ''} — ${m.question}${ev}`));
  }
  lines.push(`   ${w.text}: ${x.text}`);
  if (x.provisionalReason) lines.push(color.yellow(`   ${w.provisional}: ${x.provisionalReason}`));
  x.sources.forEach((s, i) => {
    const quote = s.quote ? (locale === 'zh' ? ` —「${s.quote}」` : ` — "${s.quote}"`) : '';
    lines.push(`   ${i === 0 ? `${w.basis}:` : ' '.repeat(width(w.basis) + 1)} ${formatSource(s, locale)}${quote}`);
  });
  for (const e of x.evidence) lines.push(color.dim(`   ${w.evidence}: ${e.label} ${e.kind} ${e.ref}${e.sha256 ? ` ${e.sha256}` : ''}${e.capturedAt ? ` @ ${e.capturedAt}` : ''}`));
  if (x.routing) {
    lines.push(`   ${w.implementing}: ${x.routing.implementing.join('、')}`);
    lines.push(`   ${w.responsible}: ${x.routing.responsible.join('、')}`);
    if (x.routing.inferred) lines.push(color.yellow(`   ${w.inferred}: ${x.routing.inferred[locale]}`));
  }
  lines.push(color.dim(`   ${w.clauseHash}: ${x.clauseHash}`));
  return lines;
}

/** The explanation as text lines. */
export function renderExplanation(e: Explanation, notes: string[]): string[] {
  const L = e.locale;
  const w = WORDS[L];
  const cw = words(L);
  const lines = [color.bold(`${w.title} — ${e.standard.nickname} ${e.standard.title}`)];
  lines.push(color.dim(`${e.standard.ref} · ${w.hash} ${e.standard.hash}`));
  if (e.profile) lines.push(color.dim(`${cw.profile}: ${e.profile.id}@${e.profile.version} ${e.profile.hash}`));
  if (e.subject) {
    const s = e.subject;
    const bits = [`${s.id}${s.name ? ` ${s.name}` : ''}`];
    if (s.location?.address) bits.push(s.location.address);
    if (s.unit) bits.push(`${w.unit} ${s.unit}`);
    if (s.gridCell) bits.push(`${w.grid} ${s.gridCell}`);
    lines.push(`${cw.subject}: ${bits.join(' · ')}`);
  }
  const who = [
    e.observer ? `${cw.observer}: ${e.observer.id}${e.observer.name ? ` ${e.observer.name}` : ''}${e.observer.role ? ` (${e.observer.role})` : ''}` : '',
    e.observedAt ? `${w.observedAt}: ${e.observedAt}` : '',
    e.evaluatedAt ? `${w.evaluatedAt}: ${e.evaluatedAt}` : '',
  ].filter(Boolean);
  if (who.length) lines.push(who.join(' · '));
  const t = e.totals;
  const counts = (['pass', 'fail', 'indeterminate', 'not_applicable'] as const).map((o) => `${cw.outcome[o]} ${t[o]}`).join(' · ');
  lines.push(`${cw.verdict}: ${color.bold(paint(e.outcome, cw.outcome[e.outcome]))} — ${counts}`);
  if (e.score) lines.push(`${cw.score}: ${e.score.value} / ${e.score.base}`);
  for (const n of notes) lines.push(color.dim(n));
  if (!e.clauses.length) lines.push('', w.nothing);
  e.clauses.forEach((x, i) => lines.push(...clauseLines(x, i + 1, L)));
  lines.push('', color.dim(w.rest(t.pass, t.not_applicable)));
  return lines;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The verdict to explain from a record or a plain verdict, in the asked locale when the edition is at hand. */
export function explanationOf(value: unknown, registry: Registry, locale: Locale, label = '<record>'): { explanation: Explanation; notes: string[] } {
  const w = WORDS[locale];
  const notes: string[] = [];
  let verdict: Verdict;
  let observation: Observation | undefined;
  // Plain, bounded JSON data before anything reads it (a record holding 1e400 reads as Infinity, which none holds).
  checkJsonValue(value, label);
  if (isObject(value) && value.format === RECORD_FORMAT) {
    const rec = value as unknown as VerdictRecord;
    if (!isObject(rec.verdict)) throw new CliInputError('E_VALUE', label, 'input.noVerdict');
    verdict = rec.verdict;
    observation = rec.observation;
    notes.push(`${w.record}: ${rec.recordHash === recordHashOf(rec) ? w.intact : w.notIntact}`);
  } else if (isObject(value) && isObject(value.standard) && Array.isArray(value.clauses)) {
    verdict = value as unknown as Verdict;
    notes.push(`${w.record}: ${w.plain}`);
  } else {
    throw new CliInputError('E_VALUE', label, 'input.notAVerdict');
  }
  if (!isObject(verdict.standard) || typeof verdict.standard.ref !== 'string') {
    throw new CliInputError('E_VALUE', label, 'input.verdictNoEdition', {}, { path: 'standard.ref' });
  }
  let edition: CompiledEdition | undefined;
  try {
    const e = registry.get(verdict.standard.ref);
    if (e.hash === verdict.standard.hash) edition = e;
  } catch (e) {
    if (!(e instanceof DaozeError)) throw e;
  }
  if (!edition) notes.push(w.noEdition);
  if (locale !== verdict.locale) {
    // Messages are rendered in one language when the verdict is made: re-render them from the same observation and edition.
    let again: Verdict | undefined;
    if (observation && edition) {
      try {
        again = registry.evaluate(observation, { locale, trace: true, ...(verdict.evaluatedAt ? { evaluatedAt: verdict.evaluatedAt } : {}) });
      } catch (e) {
        if (!(e instanceof DaozeError)) throw e;
      }
    }
    if (again && again.standard.hash === verdict.standard.hash && again.outcome === verdict.outcome) verdict = again;
    else notes.push(w.localeNote);
  }
  return { explanation: explainVerdict(verdict, { ...(edition ? { edition } : {}), ...(observation ? { observation } : {}), locale }), notes };
}

export const explain: Command = {
  name: 'explain',
  summary: 'Explain a verdict for people: what failed or is undecided, observed against required, text, source, who answers',
  usage: 'daoze explain <record.json|verdict.json|records.ndjson> [--locale zh|en] [--format text|json]',
  args: {},
  run({ positionals, common }) {
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('usage.explainNeedsOne');
    const inputs = readAuditInputs(file);
    const registry = registryFor(common);
    const explained = inputs.map((input) => {
      if (input.error) throw input.error;
      return { input, ...explanationOf(input.value, registry, common.locale, input.label) };
    });
    if (common.format === 'json') out(JSON.stringify(explained.map((x) => x.explanation), null, 2));
    else {
      explained.forEach((x, i) => {
        if (i > 0) out(`\n${'─'.repeat(60)}\n`);
        if (explained.length > 1) out(color.dim(x.input.label));
        out(renderExplanation(x.explanation, x.notes).join('\n'));
      });
    }
    // Explaining succeeded whatever the verdict says; `check` and `verify` are the commands whose exit code judges.
    return EXIT.ok;
  },
};
