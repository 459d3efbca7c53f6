/**
 * `daoze verify <record.json|records.ndjson> [--observation obs.json]`: is each verdict record intact (its hash
 * matches its content) and does it reproduce (re-evaluation gives the same verdict)? Names the altered fields.
 */
import type { RecordSignatureCheck } from '../../audit/sign.js';
import { verifyRecord, type RecordDifference, type VerifyReport } from '../../audit/verify.js';
import { preview } from '../../errors.js';
import type { Locale } from '../../model/edition.js';
import { color, EXIT, formatInputError, out, readJsonFile, UsageError } from '../io.js';
import { registryFor } from '../load.js';
import { phrase, SIGNATURE_WORDS, words, type SignatureCase } from '../words.js';
import { readAuditInputs, type AuditInput } from './audit-io.js';
import type { Command } from './types.js';
import { readPublicKeyFiles } from './keygen.js';

const mark = (b: boolean | undefined) =>
  b === true ? color.green('✓') : b === false ? color.red('✗') : color.yellow('?');

function where(input: AuditInput, d: RecordDifference): string {
  const p = input.locate(d.path);
  return p ? `${input.file}:${p.line}:${p.col}  ` : '';
}

function describe(d: RecordDifference, locale: Locale): string {
  const w = words(locale).verify;
  if (d.kind === 'input' && d.hashField)
    return `${d.field}  ${w.recorded} ${preview(d.recorded)} ${w.hashOf} (${d.hashField})`;
  const parts = [d.field];
  if ('recorded' in d) parts.push(`${w.recorded} ${preview(d.recorded)}`);
  if ('expected' in d) parts.push(`${w.expected} ${preview(d.expected)}`);
  return parts.join('  ');
}

// `unsigned` is said two ways, told apart by the verifier's sentence: 'not signed' when no trusted keys were asked
// for (or the record could not be read far enough to check), otherwise a sentence naming the trusted keys.
function signatureCase(s: RecordSignatureCheck): SignatureCase {
  if (s.status === 'unsigned') return s.message === 'not signed' ? 'unsigned' : 'unsignedTrusted';
  return s.status;
}

/** The report as text lines. */
export function renderVerifyReport(input: AuditInput, r: VerifyReport, locale: Locale, trusted = false): string[] {
  const w = words(locale).verify;
  const lines = [color.bold(input.label)];
  lines.push(`  ${mark(r.intact)} ${phrase(w.intact, { status: r.intact ? w.intactYes : w.intactNo })}`);
  const repro =
    r.reproduces === true
      ? phrase(w.reproducesYes, { engine: r.engine.current, ref: String(r.edition.ref), n: countClauses(input) })
      : r.reproduces === false
        ? w.reproducesNo
        : w.reproducesUnknown;
  lines.push(`  ${mark(r.reproduces)} ${phrase(w.reproduces, { status: repro })}`);
  const s = r.signature;
  const signed =
    s.status === 'verified'
      ? true
      : s.status === 'unchecked' || (s.status === 'unsigned' && !trusted)
        ? undefined
        : false;
  // The verifier sets `keyId` for every case whose statement names the key (src/audit/sign.ts).
  const status = phrase(SIGNATURE_WORDS[locale][signatureCase(s)], {
    message: s.message,
    ...(s.keyId !== undefined ? { key: s.keyId } : {}),
  });
  lines.push(`  ${mark(signed)} ${phrase(w.signature, { status })}`);
  if (r.observationMatches !== undefined)
    lines.push(
      `  ${mark(r.observationMatches)} ${phrase(w.observation, { status: r.observationMatches ? w.observationYes : w.observationNo })}`,
    );
  for (const p of r.problems) lines.push(color.yellow(`  ! ${p}`));
  if (r.altered.length) {
    lines.push(color.red(`  ${w.altered}:`));
    for (const d of r.altered) lines.push(color.red(`    ${where(input, d)}${describe(d, locale)}`));
  }
  const rest = r.differences.filter((d) => !r.altered.some((a) => a.field === d.field));
  if (rest.length) {
    lines.push(color.dim(`  ${phrase(w.consequences, { n: rest.length })}`));
    for (const d of rest.slice(0, 12)) lines.push(color.dim(`    ${where(input, d)}${describe(d, locale)}`));
    if (rest.length > 12) lines.push(color.dim(`    …`));
  }
  lines.push(r.ok ? color.green(`  ${w.ok}`) : color.red(`  ${w.notOk}`));
  return lines;
}

function countClauses(input: AuditInput): number {
  const v = input.value as { clauses?: unknown[] } | undefined;
  return Array.isArray(v?.clauses) ? v.clauses.length : 0;
}

export const verify: Command = {
  name: 'verify',
  summary: 'Check that verdict records are intact and reproduce; name any altered field',
  usage:
    'daoze verify <record.json|records.ndjson> [--observation obs.json] [--trust key.pub]... [--locale zh|en] [--format text|json]',
  args: { observation: { type: 'string' }, trust: { type: 'string', multiple: true } },
  run({ positionals, values, common }) {
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('usage.verifyNeedsOne');
    const inputs = readAuditInputs(file);
    // A single record that is not strict JSON is invalid input, reported as such; in NDJSON it is one named line.
    if (inputs.length === 1 && inputs[0]!.error) throw inputs[0]!.error;
    const trusted = values.observation !== undefined ? readJsonFile(values.observation as string) : undefined;
    if (trusted !== undefined && inputs.length !== 1) throw new UsageError('usage.observationOneRecord');
    // --trust (repeatable, e.g. an old and a new key during a rotation): each record must be signed by one of them.
    const trust = values.trust !== undefined ? readPublicKeyFiles(values.trust as string[]) : undefined;
    const registry = registryFor(common);
    const results = inputs.map((input) => {
      if (input.error) return { input, report: undefined };
      return {
        input,
        report: verifyRecord(input.value, registry, {
          ...(trusted !== undefined ? { observation: trusted } : {}),
          ...(trust ? { trust } : {}),
        }),
      };
    });
    if (common.format === 'json') {
      out(
        JSON.stringify(
          results.map(({ input, report }) => ({
            record: input.label,
            ...(report ?? {
              ok: false,
              code: input.error!.code,
              problems: [formatInputError(input.error!, common.locale)],
            }),
          })),
          null,
          2,
        ),
      );
    } else {
      results.forEach(({ input, report }, i) => {
        if (i > 0) out('');
        if (report) out(renderVerifyReport(input, report, common.locale, trust !== undefined).join('\n'));
        else out(color.red(formatInputError(input.error!, common.locale)));
      });
      if (results.length > 1) {
        const ok = results.filter((r) => r.report?.ok).length;
        out(
          `\n${(ok === results.length ? color.green : color.red)(phrase(words(common.locale).verify.summary, { ok, n: results.length }))}`,
        );
      }
    }
    // Worst first, as everywhere (EXIT in src/cli/io.ts): an unreadable record outranks one that does not verify.
    if (results.some((r) => !r.report)) return EXIT.invalid;
    return results.every((r) => r.report?.ok) ? EXIT.ok : EXIT.fail;
  },
};
