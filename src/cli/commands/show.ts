/** `daoze show <id[@version]>`: the checklist an inspector fills in — groups, questions, units, choices, evidence. */
import { color, EXIT, out, UsageError } from '../io.js';
import { registryFor } from '../load.js';
import { words } from '../words.js';
import { unitName } from '../../result/units.js';
import type { Command } from './types.js';

/** The `daoze show` command. */
export const show: Command = {
  name: 'show',
  summary: 'Show the checklist of a standard: groups, clauses, questions, units, evidence',
  usage: 'daoze show <id[@version]> [--locale zh|en] [--format text|json]',
  args: {},
  // Needs only the registry: a start from the build's snapshot serves it.
  fromSnapshot: () => true,
  run({ positionals, common }) {
    const ref = positionals[0];
    if (!ref) throw new UsageError('usage.showNeedsStandard');
    const ed = registryFor(common).get(ref);
    const L = common.locale;
    const w = words(L);
    if (common.format === 'json') {
      out(JSON.stringify({ ref: ed.ref, hash: ed.hash, spec: ed.spec }, null, 2));
      return EXIT.ok;
    }
    out(color.bold(`${ed.spec.nickname} ${ed.spec.title[L]}`) + color.dim(`  ${ed.ref}`));
    if (ed.spec.summary) out(ed.spec.summary[L]);
    for (const g of ed.groups) {
      out('');
      out(color.bold(g.label[L]));
      for (const c of g.clauses) {
        const tags = [c.counts ? '' : w.optional, c.spec.provenance === 'provisional' ? w.provisional : ''].filter(
          Boolean,
        );
        // A clause checked per object says on which kind.
        const each = c.scope ? color.cyan(` [${w.units.each}: ${c.scope.spec.label[L]}]`) : '';
        out(
          `  ${color.bold(c.spec.label[L])}${tags.length ? color.yellow(` [${tags.join(', ')}]`) : ''}${each}  ${c.spec.text[L]}`,
        );
      }
    }
    const sep = w.listSep;
    const facts = (list: typeof ed.facts) => {
      for (const f of list) {
        const s = f.spec;
        const bits: string[] = [];
        if (s.choices) bits.push(`${w.choices}: ${s.choices.map((c) => `${c.value}=${c.label[L]}`).join(sep)}`);
        if (s.minimum !== undefined || s.maximum !== undefined)
          bits.push(`${w.range}: ${s.minimum ?? ''}–${s.maximum ?? ''}`);
        // A plain count has no English unit (src/result/units.ts): nothing to show.
        const unit = s.unit ? unitName(s.unit, L) : '';
        if (unit) bits.push(`${w.unit}: ${unit}`);
        if (s.evidence)
          bits.push(
            `${w.evidenceLabel}: ${s.evidence.kinds.map((k) => w.kinds[k] ?? k).join(sep)}${s.evidence.required ? ` (${w.required})` : ''}`,
          );
        out(`  ${color.cyan(f.id)} (${w.types[s.type] ?? s.type}) ${s.question[L]}`);
        if (bits.length) out(color.dim(`      ${bits.join(' · ')}`));
      }
    };
    if (ed.facts.length) {
      out('');
      out(color.bold(w.facts));
      facts(ed.facts);
    }
    // Objects: what is asked of each instance of each kind.
    for (const k of ed.kinds) {
      out('');
      const parts = (k.spec.parts ?? []).map((id) => ed.spec.parts?.find((p) => p.id === id)?.label[L] ?? id);
      out(
        color.bold(`${w.units.kind}: ${k.spec.label[L]} (${k.id})`) +
          color.dim(
            `${parts.length ? `  ${parts.join(sep)}` : ''}${k.spec.responsibleParty ? `  ${w.units.ownParty}` : ''}`,
          ),
      );
      facts(k.own);
    }
    return EXIT.ok;
  },
};
