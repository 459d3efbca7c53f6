/**
 * `daoze explain <record.json|verdict.json> [--locale zh|en]`: a verdict for people — each failed or
 * undecided clause, what was observed against what is required, the clause text, its sources and who answers
 * for it.
 */
import type { ExplainedClause, ExplainedComparison, ExplainedCondition, Explanation } from '../../audit/explain.js';
import { explanationOf, type ExplanationNote } from '../../audit/explain-record.js';
import { isEvidenceReason } from '../../evaluate/observation.js';
import type { Locale } from '../../model/edition.js';
import type { MissingFact } from '../../result/types.js';
import { color, EXIT, out, UsageError } from '../io.js';
import { registryFor } from '../load.js';
import { formatSource, paint, placeOf } from '../render.js';
import { phrase, words } from '../words.js';
import { readAuditInputs } from './audit-io.js';
import type { Command } from './types.js';

/** Display width on a terminal: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);

const RESULT_MARK = { true: color.green('✓'), false: color.red('✗'), unknown: color.yellow('?') } as const;

function comparisonLine(c: ExplainedComparison, locale: Locale): string {
  const w = words(locale).explain;
  const from = c.requiredFrom ? phrase(w.aside, { text: c.requiredFrom }) : '';
  const note = c.note ? color.yellow(phrase(w.aside, { text: c.note })) : '';
  return `${RESULT_MARK[c.result]} ${c.label}: ${w.observed} ${c.observed}${note}${w.against}${w.required} ${c.relation} ${c.required}${from}`;
}

/**
 * A condition as indented lines: a comparison per line, an `all` / `any` / `not` as a line with its result and
 * its children below it. The top `all` of a condition is left implicit (its children are the list shown).
 */
function conditionLines(c: ExplainedCondition, locale: Locale, indent: string, top = true): string[] {
  if ('leaves' in c) return c.leaves.map((x) => `${indent}${comparisonLine(x, locale)}`);
  if ('fact' in c) return [`${indent}${comparisonLine(c, locale)}`];
  const kind = 'all' in c ? 'all' : 'any' in c ? 'any' : 'not';
  const kids = 'all' in c ? c.all : 'any' in c ? c.any : [c.not];
  if (top && kind === 'all') return kids.flatMap((k) => conditionLines(k, locale, indent, false));
  return [
    `${indent}${RESULT_MARK[c.result]} ${words(locale).explain.node[kind]}:`,
    ...kids.flatMap((k) => conditionLines(k, locale, `${indent}  `, false)),
  ];
}

/** Whether a condition held (for a list of leaves only: every leaf held). */
const held = (c: ExplainedCondition): boolean =>
  'leaves' in c ? c.leaves.every((x) => x.result === 'true') : c.result === 'true';

/** A fact still needed, why, what it asks and what evidence it takes. */
function neededLine(m: MissingFact, locale: Locale, indent: string): string {
  const w = words(locale).explain;
  const why = isEvidenceReason(m.reason)
    ? w.noEvidence
    : m.reason === 'unknown'
      ? w.unknown
      : m.reason === 'partial'
        ? w.partial
        : '';
  const ev = m.evidence.length ? ` [${w.evidence}: ${m.evidence.join(', ')}${m.evidenceRequired ? ' *' : ''}]` : '';
  return color.yellow(`${indent}${w.needed}: ${m.label}${why ? ` (${why})` : ''} — ${m.question}${ev}`);
}

function clauseLines(x: ExplainedClause, n: number, locale: Locale): string[] {
  const cw = words(locale);
  const w = cw.explain;
  const tags = [`${w.level} ${w.severity[x.severity]}`];
  if (x.deduction !== undefined) tags.push(`${w.deduction} ${x.deduction}`);
  if (!x.counts) tags.push(w.optional);
  if (x.provenance === 'provisional') tags.push(w.provisional);
  const lines = [
    '',
    `${n}. ${paint(x.outcome, `${x.outcome === 'fail' ? '✗' : '?'} ${cw.outcome[x.outcome]}`)}  ${color.bold(x.label)} [${x.group}]  ${color.dim(tags.join(' · '))}`,
    `   ${w.result}: ${x.message}`,
  ];
  if (x.appliesWhen && !held(x.appliesWhen))
    lines.push(`   ${w.applies}:`, ...conditionLines(x.appliesWhen, locale, '     '));
  if (x.check) lines.push(`   ${w.compare}:`, ...conditionLines(x.check, locale, '     '));
  // A clause checked per object: each object that failed or is undecided, by name and place, with its comparisons.
  for (const o of x.instances ?? []) {
    const place = placeOf(o.instance);
    lines.push(
      `   ${paint(o.outcome, o.outcome === 'fail' ? '✗' : '?')} ${o.message}${place ? color.dim(`  ${place}`) : ''}`,
    );
    if (o.appliesWhen && !held(o.appliesWhen))
      lines.push(`     ${w.applies}:`, ...conditionLines(o.appliesWhen, locale, '       '));
    if (o.check) lines.push(`     ${w.compare}:`, ...conditionLines(o.check, locale, '       '));
    for (const m of o.missing) lines.push(neededLine(m, locale, '     '));
    for (const e of o.evidence)
      lines.push(color.dim(`     ${w.evidence}: ${e.label} ${e.kind} ${e.ref}${e.sha256 ? ` ${e.sha256}` : ''}`));
  }
  // The objects' missing facts are listed under each; the clause's list is the unit's and the kinds'.
  for (const m of x.instances ? x.missing.filter((m) => m.instance === undefined) : x.missing)
    lines.push(neededLine(m, locale, '   '));
  lines.push(`   ${w.text}: ${x.text}`);
  if (x.provisionalReason) lines.push(color.yellow(`   ${w.provisional}: ${x.provisionalReason}`));
  x.sources.forEach((s, i) => {
    const quote = s.quote ? phrase(w.quote, { quote: s.quote }) : '';
    lines.push(`   ${i === 0 ? `${w.basis}:` : ' '.repeat(width(w.basis) + 1)} ${formatSource(s, locale)}${quote}`);
  });
  for (const e of x.evidence)
    lines.push(
      color.dim(
        `   ${w.evidence}: ${e.label} ${e.kind} ${e.ref}${e.sha256 ? ` ${e.sha256}` : ''}${e.capturedAt ? ` @ ${e.capturedAt}` : ''}`,
      ),
    );
  if (x.routing) {
    lines.push(`   ${w.implementing}: ${x.routing.implementing.join('、')}`);
    lines.push(`   ${w.responsible}: ${x.routing.responsible.join('、')}`);
    if (x.routing.inferred) lines.push(color.yellow(`   ${w.inferred}: ${x.routing.inferred[locale]}`));
  }
  lines.push(color.dim(`   ${w.clauseHash}: ${x.clauseHash}`));
  return lines;
}

/** The explanation as text lines, with `notes` (what {@link explanationOf} found) in words under the verdict. */
export function renderExplanation(e: Explanation, notes: readonly ExplanationNote[]): string[] {
  const L = e.locale;
  const cw = words(L);
  const w = cw.explain;
  const lines = [color.bold(`${w.title} — ${e.standard.nickname} ${e.standard.title}`)];
  lines.push(color.dim(`${e.standard.ref} · ${w.hash} ${e.standard.hash}`));
  if (e.profile) lines.push(color.dim(`${cw.profile}: ${e.profile.id}@${e.profile.version} ${e.profile.hash}`));
  if (e.subject) {
    const s = e.subject;
    const bits = [`${s.id}${s.name ? ` ${s.name}` : ''}`];
    if (s.location?.address) bits.push(s.location.address);
    const unit = s.inspectionUnit ?? s.unit;
    if (unit) bits.push(`${w.unit} ${unit}`);
    if (s.gridCell) bits.push(`${w.grid} ${s.gridCell}`);
    lines.push(`${cw.subject}: ${bits.join(' · ')}`);
  }
  const who = [
    e.observer
      ? `${cw.observer}: ${e.observer.id}${e.observer.name ? ` ${e.observer.name}` : ''}${e.observer.role ? ` (${e.observer.role})` : ''}`
      : '',
    e.observedAt ? `${w.observedAt}: ${e.observedAt}` : '',
    e.evaluatedAt ? `${w.evaluatedAt}: ${e.evaluatedAt}` : '',
  ].filter(Boolean);
  if (who.length) lines.push(who.join(' · '));
  const t = e.totals;
  const counts = (['pass', 'fail', 'indeterminate', 'not_applicable'] as const)
    .map((o) => `${cw.outcome[o]} ${t[o]}`)
    .join(' · ');
  lines.push(`${cw.verdict}: ${color.bold(paint(e.outcome, cw.outcome[e.outcome]))} — ${counts}`);
  if (e.score) lines.push(`${cw.score}: ${e.score.value} / ${e.score.base}`);
  for (const n of notes) lines.push(color.dim(w.notes[n]));
  if (!e.clauses.length) lines.push('', w.nothing);
  e.clauses.forEach((x, i) => lines.push(...clauseLines(x, i + 1, L)));
  lines.push('', color.dim(phrase(w.rest, { pass: t.pass, na: t.not_applicable })));
  return lines;
}

export const explain: Command = {
  name: 'explain',
  summary:
    'Explain a verdict for people: what failed or is undecided, observed against required, text, source, who answers',
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
    if (common.format === 'json')
      out(
        JSON.stringify(
          explained.map((x) => x.explanation),
          null,
          2,
        ),
      );
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
