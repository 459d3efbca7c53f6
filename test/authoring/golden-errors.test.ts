/**
 * Golden error files: each broken standard in test/fixtures/invalid comes with the exact diagnostics an author
 * sees, so a change to a message or a position shows in review. UPDATE_GOLDEN=1 rewrites them.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  caseDiagnostics,
  compileEdition,
  composeEditions,
  formatDiagnostics,
  parseEdition,
  runCases,
} from '../../src/index.js';

const dir = join(__dirname, '..', 'fixtures', 'invalid');

function diagnose(name: string): string {
  const file = `test/fixtures/invalid/${name}`;
  const r = parseEdition(readFileSync(join(dir, name), 'utf8'), { file });
  // Cases are checked on the composed edition: run that step too, as `daoze validate` does.
  const composed = r.edition
    ? composeEditions([{ spec: r.edition, file, ...(r.locate ? { locate: r.locate } : {}) }])
    : undefined;
  const later = composed?.diagnostics ?? [];
  // A valid edition whose cases fail: the failures `daoze test` reports, positioned on each case.
  const cases =
    composed && !r.diagnostics.length && !later.length
      ? caseDiagnostics(runCases(compileEdition(composed.editions[0]!)), { file, locate: r.locate })
      : [];
  return `${formatDiagnostics([...r.diagnostics, ...later, ...cases])}\n`;
}

describe('golden authoring errors', () => {
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    it(name, () => {
      const actual = diagnose(name);
      const golden = join(dir, name.replace(/\.yaml$/, '.errors.txt'));
      if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, actual);
      expect(actual.trim().length).toBeGreaterThan(0);
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
