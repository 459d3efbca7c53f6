/** Renders verdicts for people on a terminal: outcome, message, clause text, source, routing, what is missing. */
import type { CitedSource, ClauseResult, Finding, InstanceRef, Verdict } from '../result/types.js';
import type { Locale, Outcome } from '../model/edition.js';
import { color } from './io.js';
import { phrase, words } from './words.js';

const MARK: Record<Outcome, string> = { pass: '✓', fail: '✗', indeterminate: '?', not_applicable: '–' };

/** Colours an outcome word or mark. */
export function paint(outcome: Outcome, s: string): string {
  return outcome === 'pass'
    ? color.green(s)
    : outcome === 'fail'
      ? color.red(s)
      : outcome === 'indeterminate'
        ? color.yellow(s)
        : color.dim(s);
}

/** One source reference, as a person reads it: title, designation, section, task, clause. */
export function formatSource(s: CitedSource, locale: Locale): string {
  const w = words(locale);
  const parts = [s.designation ? `${s.designation} ${s.title[locale]}` : s.title[locale]];
  if (s.section) parts.push(s.section);
  if (s.task !== undefined) parts.push(phrase(w.task, { n: s.task }));
  if (s.clause) parts.push(/^\d+(\.\d+)*$/.test(s.clause) ? phrase(w.clause, { n: s.clause }) : s.clause);
  return parts.join(' · ');
}

/** The lines for one clause result. */
export function renderClause(r: ClauseResult, locale: Locale, detail: boolean): string[] {
  const w = words(locale);
  const tag = r.counts ? '' : color.dim(` [${w.optional}]`);
  const prov = r.citation.provenance === 'provisional' ? color.yellow(` [${w.provisional}]`) : '';
  const lines = [`  ${paint(r.outcome, MARK[r.outcome])} ${color.bold(r.label)}${tag}${prov}  ${r.message}`];
  // Every result shows its source; results that are not a pass also show the clause text they are held to.
  if (detail) lines.push(color.dim(`      ${w.text}: ${r.citation.text[locale]}`));
  for (const s of r.citation.sources) lines.push(color.dim(`      ${w.basis}: ${formatSource(s, locale)}`));
  if (!detail) return lines;
  if (r.citation.provisionalReason)
    lines.push(color.dim(`      ${w.provisional}: ${r.citation.provisionalReason[locale]}`));
  if (r.outcome === 'fail' && r.routing) {
    lines.push(
      color.dim(`      ${w.routing}: ${r.routing.implementing.join('、')} / ${r.routing.responsible.join('、')}`),
    );
    // An inferred routing says so next to the units: the source prints none for this requirement.
    if (r.routing.inferred) lines.push(color.yellow(`      ${w.inferred}: ${r.routing.inferred[locale]}`));
  }
  // A clause checked per object lists the objects that did not pass, each by name and place.
  for (const x of r.instances ?? []) {
    if (x.outcome === 'pass' || x.outcome === 'not_applicable') continue;
    const place = placeOf(x.instance);
    lines.push(`      ${paint(x.outcome, MARK[x.outcome])} ${x.message}${place ? color.dim(`  ${place}`) : ''}`);
  }
  for (const m of r.missing) {
    lines.push(
      color.yellow(
        `      ${w.needed}: ${m.label}${m.evidenceRequired ? ` (${w.evidence}: ${m.evidence.map((k) => w.kinds[k] ?? k).join(w.listSep)})` : ''} — ${m.question}`,
      ),
    );
  }
  return lines;
}

/** Where an object is, as a person reads it: its part, address, coordinates with their system, 部件 code. */
export function placeOf(x: InstanceRef): string {
  const l = x.location;
  const coords = l?.lat !== undefined ? `${l.lat}, ${l.lng}${l.crs ? ` ${l.crs}` : ''}` : '';
  return [x.partLabel ?? x.part, l?.address, coords, x.code].filter((p) => p).join(' · ');
}

/** The findings of a verdict: each failure with its object, place, who must act, by when, and its evidence. */
export function renderFindings(findings: readonly Finding[], locale: Locale): string[] {
  const w = words(locale);
  const u = w.units;
  const lines = [color.bold(`${u.findings} (${findings.length})`)];
  for (const f of findings) {
    const who = f.instance ? f.instance.label : u.unitLabel;
    const bits = [`${who} — ${f.label}`, `[${u.severity[f.severity]}]`];
    if (f.deduction) bits.push(phrase(u.deduction, { n: String(f.deduction) }));
    lines.push(`  ${paint('fail', MARK.fail)} ${bits.join(' ')}`);
    const place = f.instance ? placeOf(f.instance) : '';
    if (place) lines.push(color.dim(`      ${place}`));
    const act: string[] = [];
    if (f.mustAct) act.push(`${u.mustAct}: ${f.mustAct.parties.join(w.listSep)}`);
    if (f.deadline)
      act.push(
        f.deadline.dueBy ? phrase(u.due, { time: f.deadline.dueBy }) : phrase(u.hours, { n: String(f.deadline.hours) }),
      );
    if (act.length) lines.push(`      ${act.join(' · ')}`);
    for (const e of f.evidence)
      lines.push(color.dim(`      ${w.evidenceLabel}: ${w.kinds[e.kind] ?? e.kind} ${e.ref}`));
  }
  return lines;
}

/** The whole verdict as text. Clauses that pass are one line; the others carry their citation in full. */
export function renderVerdict(v: Verdict, locale: Locale): string {
  const w = words(locale);
  const lines: string[] = [];
  lines.push(
    `${color.bold(v.standard.nickname)} ${v.standard.title}  ${color.dim(`${v.standard.ref} ${v.standard.hash.slice(0, 19)}…`)}`,
  );
  if (v.profile) lines.push(color.dim(`${w.profile}: ${v.profile.id}@${v.profile.version}`));
  const who = [
    v.subject
      ? `${w.subject} ${v.subject.id}${v.subject.name ? ` ${v.subject.name}` : ''}${(v.subject.inspectionUnit ?? v.subject.unit) ? ` (U ${v.subject.inspectionUnit ?? v.subject.unit})` : ''}`
      : undefined,
    v.observer ? `${w.observer} ${v.observer.id}` : undefined,
    v.observedAt ? `${w.at} ${v.observedAt}` : undefined,
  ].filter(Boolean);
  if (who.length) lines.push(color.dim(who.join(' · ')));
  // The totals count required clauses (they decide the verdict); optional clauses are listed too, so their
  // outcomes are counted beside, and every listed line is counted once.
  const t = v.totals;
  let counts = (['pass', 'fail', 'indeterminate', 'not_applicable'] as const)
    .map((o) => `${w.outcome[o]} ${t[o]}`)
    .join(' · ');
  const optional = (['pass', 'fail', 'indeterminate', 'not_applicable'] as const)
    .map((o) => [o, v.clauses.filter((c) => !c.counts && c.outcome === o).length] as const)
    .filter(([, n]) => n > 0);
  if (optional.length)
    counts += ` (${w.optionalCounts}: ${optional.map(([o, n]) => `${w.outcome[o]} ${n}`).join(' · ')})`;
  lines.push(
    `${w.verdict}: ${color.bold(paint(v.outcome, `${MARK[v.outcome]} ${w.outcome[v.outcome]}`))}   ${color.dim(counts)}`,
  );
  if (v.score)
    lines.push(
      `${w.score}: ${v.score.value} / ${v.score.base}${v.score.atStake ? color.dim(` (≥ ${v.score.lowest})`) : ''}${v.score.critical ? color.red(` ${w.units.critical}: ${v.score.critical.join(' ')}`) : ''}`,
    );
  let group = '';
  for (const r of v.clauses) {
    if (r.group !== group) {
      group = r.group;
      lines.push('');
      lines.push(color.bold(r.citation.group.label[locale]));
    }
    lines.push(...renderClause(r, locale, r.outcome !== 'pass' && r.outcome !== 'not_applicable'));
  }
  if (v.findings?.length) {
    lines.push('');
    lines.push(...renderFindings(v.findings, locale));
  }
  if (v.missing.length) {
    lines.push('');
    lines.push(color.yellow(`${w.needed}: ${v.missing.map((m) => m.label).join(w.listSep)}`));
  }
  return lines.join('\n');
}
