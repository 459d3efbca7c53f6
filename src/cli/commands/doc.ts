/** `daoze doc`: writes the readable page of every standard (or one) to docs/standards/<id>.md. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderStandardPage } from '../../result/page.js';
import { EXIT, out } from '../io.js';
import { registryFor } from '../load.js';
import type { Command } from './types.js';

/** The `daoze doc` command. */
export const doc: Command = {
  name: 'doc',
  summary: 'Write a readable page per standard (clauses, citations, provenance, parameters) to docs/standards/',
  usage: 'daoze doc [id[@version]] [--out docs/standards] [--locale zh|en]',
  args: { out: { type: 'string', short: 'o' } },
  run({ positionals, values, common }) {
    const registry = registryFor(common);
    const dir = (values.out as string | undefined) ?? join('docs', 'standards');
    mkdirSync(dir, { recursive: true });
    // The page of a standard is its newest edition's; `id@version` writes that edition instead.
    const editions = positionals.length ? positionals.map((r) => registry.get(r)) : [...new Set(registry.editions.map((e) => e.id))].map((id) => registry.get(id));
    for (const ed of editions) {
      const file = join(dir, `${ed.id}.md`);
      writeFileSync(file, renderStandardPage(ed, common.locale));
      out(file);
    }
    return EXIT.ok;
  },
};
