/** `daoze list`: every standard with its version, status and how many clauses are provisional. */
import { color, EXIT, out } from '../io.js';
import { registryFor } from '../load.js';
import { words } from '../words.js';
import type { Command } from './types.js';

/** The `daoze list` command. */
export const list: Command = {
  name: 'list',
  summary: 'List the standards with version, status, clause counts and provisional clauses',
  usage: 'daoze list [--standards dir] [--format text|json]',
  args: {},
  // Needs only the registry: a start from the build's snapshot serves it.
  fromSnapshot: () => true,
  run({ common }) {
    const registry = registryFor(common);
    const rows = registry.editions.map((e) => ({
      ref: e.ref,
      nickname: e.spec.nickname,
      title: e.spec.title[common.locale],
      status: e.spec.status,
      effective: `${e.spec.effective.from}${e.spec.effective.until ? ` – ${e.spec.effective.until}` : ' –'}`,
      clauses: e.clauses.length,
      provisional: e.clauses.filter((c) => c.spec.provenance === 'provisional').length,
      hash: e.hash,
    }));
    const profiles = registry.profiles.map((p) => ({
      ref: `${p.spec.id}@${p.spec.version}`,
      extends: p.spec.extends,
      status: p.spec.status,
      title: p.spec.title[common.locale],
    }));
    if (common.format === 'json') {
      out(JSON.stringify({ standards: rows, profiles }, null, 2));
      return EXIT.ok;
    }
    const w = words(common.locale).list;
    const head = [
      w.columns.ref,
      w.columns.nickname,
      w.columns.status,
      w.columns.effective,
      w.columns.clauses,
      w.columns.provisional,
    ];
    const table = [
      head,
      ...rows.map((r) => [r.ref, r.nickname, r.status, r.effective, String(r.clauses), String(r.provisional)]),
    ];
    const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);
    const cols = head.map((_, i) => Math.max(...table.map((r) => width(r[i]!))));
    table.forEach((r, i) => {
      const line = r.map((c, j) => c + ' '.repeat(cols[j]! - width(c))).join('  ');
      out(i === 0 ? color.bold(line) : line);
    });
    if (profiles.length) {
      out('');
      out(color.bold(w.profiles));
      for (const p of profiles) out(`  ${p.ref}  →  ${p.extends}  ${p.status}  ${p.title}`);
    }
    return EXIT.ok;
  },
};
