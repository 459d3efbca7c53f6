/** `daoze check <observation.json|folder>`: evaluates observations and prints each verdict with its citations. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { overallOutcome } from '../../evaluate/evaluate.js';
import { isIsoDateTime } from '../../model/dates.js';
import type { Verdict } from '../../result/types.js';
import {
  checkWritable,
  err,
  errorLines,
  errorObject,
  type ErrorObject,
  EXIT,
  exitFor,
  fsError,
  CliInputError,
  inputLabel,
  out,
  readJsonFile,
  UsageError,
} from '../io.js';
import { registryFor } from '../load.js';
import { paint, renderVerdict } from '../render.js';
import { phrase, words } from '../words.js';
import type { Command } from './types.js';
import type { VerdictRecord } from '../../audit/record.js';
import { checkObservation } from '../../audit/check.js';
import { isNdjson, localNow, writeRecords } from './audit-io.js';
import { readPrivateKeyFile } from './keygen.js';
import { BATCH_ARGS, BATCH_USAGE, batchCommand } from '../batch.js';

/**
 * The observation files a path names: the file itself (or `-`, standard input), or the `.json` entries of a
 * folder in name order. An entry that is not a regular file (a subfolder named `x.json`, a FIFO, a symlink
 * loop) stays in the list, to be named by the reader as `E_NOT_FILE`/`E_READ` while the rest are judged. The
 * folder is listed, never walked, so a symlink loop cannot make the listing run forever.
 */
function observationFiles(path: string): string[] {
  if (path === '-') return [path];
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw fsError(e, path, 'read');
  }
  if (!st.isDirectory()) return [path];
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (e) {
    throw fsError(e, path, 'read');
  }
  const files = names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => join(path, n));
  if (files.length === 0) throw new CliInputError('E_NO_SUCH_FILE', path, 'input.emptyFolder');
  return files;
}

/** The `daoze check` command. */
export const check: Command = {
  name: 'check',
  summary: 'Evaluate observations and print verdicts with citations; --batch streams NDJSON in and results out',
  usage: `daoze check <observation.json|folder|->... [--locale zh|en] [--format text|json] [--evaluated-at <date-time>] [--profile id@version] [--no-trace] [--exit-zero] [--record <out.json|out.ndjson> [--sign key.key]]\n  ${BATCH_USAGE}`,
  args: {
    'evaluated-at': { type: 'string' },
    'no-trace': { type: 'boolean' },
    'exit-zero': { type: 'boolean' },
    profile: { type: 'string', short: 'p' },
    record: { type: 'string' },
    sign: { type: 'string' },
    ...BATCH_ARGS,
  },
  formats: ['text', 'json', 'csv'],
  // Needs only the registry, except --batch, which hands the workers the specs read from YAML (src/cli/batch.ts).
  fromSnapshot: ({ values }) => values.batch === undefined,
  run({ positionals, values, common }) {
    let evaluatedAt = values['evaluated-at'] as string | undefined;
    if (evaluatedAt !== undefined && !isIsoDateTime(evaluatedAt)) throw new UsageError('usage.evaluatedAt');
    if (values.batch !== undefined) {
      if (positionals.length > 0) throw new UsageError('usage.batchNoFiles');
      if (values.record !== undefined) throw new UsageError('usage.batchNoRecord');
      if (values.sign !== undefined) throw new UsageError('usage.batchNoSign');
      return batchCommand(values, common, evaluatedAt);
    }
    if (common.format === 'csv') throw new UsageError('usage.csvIsForBatch');
    if (positionals.length === 0) throw new UsageError('usage.checkNeedsInput');
    // Paths first: a missing path or an empty folder is named before the standards are loaded.
    const files = positionals.flatMap(observationFiles);
    const registry = registryFor(common);
    // --record: seal each verdict into an audit record (docs/audit.md). A record needs its evaluation time; the CLI reads the clock, the engine never does.
    const recordPath = values.record as string | undefined;
    if (recordPath && files.length > 1 && !isNdjson(recordPath)) throw new UsageError('usage.recordNeedsNdjson');
    if (values.sign !== undefined && !recordPath) throw new UsageError('usage.signNeedsRecord');
    // --sign: read the key first, so a bad key file fails before any record is made.
    const key = values.sign !== undefined ? readPrivateKeyFile(values.sign as string) : undefined;
    if (recordPath) {
      // A record that cannot be written is found before anything is judged.
      checkWritable(recordPath);
      evaluatedAt ??= localNow();
    }
    const records: VerdictRecord[] = [];
    const verdicts: Verdict[] = [];
    // --format json over several files: every file's verdict or error, in file order.
    const entries: (Verdict | ErrorObject)[] = [];
    // Each file is judged on its own: one bad file is named (with its code and place) and the rest still count.
    let invalid = 0;
    let shown = 0;
    const several = files.length > 1;
    for (const file of files) {
      const label = inputLabel(file);
      let verdict: Verdict;
      let record: VerdictRecord | undefined;
      try {
        const observation = readJsonFile(file);
        ({ verdict, record } = checkObservation(registry, observation, {
          locale: common.locale,
          trace: !values['no-trace'],
          ...(values.profile ? { profile: values.profile as string } : {}),
          ...(evaluatedAt ? { evaluatedAt } : {}),
          record: Boolean(recordPath),
          ...(key ? { sign: key } : {}),
        }));
      } catch (e) {
        // Named with its file; a single file's error ends the run, in a folder it is one entry among the verdicts.
        // With --format json it is an `{ "error": … }` entry in the output instead (docs/observations.md).
        if (common.format === 'json') {
          const obj = errorObject(e, label, common.locale);
          if (!obj) throw e; // a bug, not bad input
          if (!several) {
            out(JSON.stringify(obj, null, 2));
            return EXIT.invalid;
          }
          entries.push(obj);
        } else {
          const lines = errorLines(e, 'check', label, common.locale);
          if (!lines) throw e; // a bug, not bad input
          for (const line of lines) err(line);
          if (!several) return EXIT.invalid;
        }
        invalid++;
        continue;
      }
      if (record) records.push(record);
      verdicts.push(verdict);
      entries.push(verdict);
      if (common.format === 'text') {
        if (shown++ > 0) out(`\n${'─'.repeat(60)}\n`);
        out(`${label}\n`);
        out(renderVerdict(verdict, common.locale));
      }
    }
    if (recordPath && records.length > 0) {
      writeRecords(recordPath, records);
      const w = words(common.locale);
      err(
        key?.keyId
          ? phrase(w.signedRecords, { n: records.length, key: key.keyId, file: recordPath })
          : phrase(w.records, { n: records.length, file: recordPath }),
      );
    }
    if (common.format === 'json') out(JSON.stringify(several ? entries : verdicts[0], null, 2));
    else if (several) {
      const w = words(common.locale);
      const counts = (['pass', 'fail', 'indeterminate', 'not_applicable'] as const)
        .map((o) => [o, verdicts.filter((v) => v.outcome === o).length] as const)
        .filter(([, n]) => n > 0)
        .map(([o, n]) => paint(o, `${w.outcome[o]} ${n}`));
      if (invalid > 0) counts.push(`${w.invalid} ${invalid}`);
      out(`\n${'─'.repeat(60)}\n${phrase(w.observations, { n: verdicts.length + invalid })}: ${counts.join(' · ')}`);
    }
    // The exit code is the worst over all observations: invalid input over fail over indeterminate over pass
    // (EXIT in src/cli/io.ts). --exit-zero does not hide invalid input.
    if (invalid > 0) return EXIT.invalid;
    const worst = overallOutcome({
      pass: verdicts.filter((v) => v.outcome === 'pass').length,
      fail: verdicts.filter((v) => v.outcome === 'fail').length,
      indeterminate: verdicts.filter((v) => v.outcome === 'indeterminate').length,
      not_applicable: 0,
    });
    // --exit-zero: a report run (npm start) succeeds whatever the outcomes; invalid input still fails.
    return verdicts.length && !values['exit-zero'] ? exitFor(worst) : EXIT.ok;
  },
};
