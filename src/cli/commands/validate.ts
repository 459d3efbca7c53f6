/** `daoze validate [paths]`: checks standards and prints every problem as file:line:col. */
import { formatDiagnostic } from '../../errors.js';
import { builtinStandardsDir, readEditions } from '../../node.js';
import { color, EXIT, out } from '../io.js';
import type { Command } from './types.js';

export const validate: Command = {
  name: 'validate',
  summary: 'Check standards: YAML, schema, references, operators, ids, placeholders',
  usage: 'daoze validate [paths...] [--format text|json]',
  args: {},
  run({ positionals, common }) {
    const paths = positionals.length ? positionals : [common.standards ?? builtinStandardsDir()];
    const all = paths.map((p) => readEditions(p));
    const diagnostics = all.flatMap((r) => r.diagnostics);
    const count = all.reduce((n, r) => n + r.editions.length, 0);
    if (common.format === 'json') out(JSON.stringify({ valid: count, diagnostics }, null, 2));
    else {
      for (const d of diagnostics) out(formatDiagnostic(d));
      if (diagnostics.length) out(color.red(`\n${diagnostics.length} problem(s) found.`));
      else out(color.green(`✓ ${count} edition(s) valid.`));
    }
    return diagnostics.length ? EXIT.fail : EXIT.ok;
  },
};
