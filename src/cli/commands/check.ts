/** `daoze check <observation.json|folder>`: evaluates observations and prints each verdict with its citations. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { overallOutcome } from '../../evaluate/evaluate.js';
import { isIsoDateTime } from '../../model/dates.js';
import type { Verdict } from '../../result/types.js';
import { EXIT, exitFor, out, readJsonFile, UsageError } from '../io.js';
import { registryFor } from '../load.js';
import { paint, renderVerdict } from '../render.js';
import { words } from '../words.js';
import type { Command } from './types.js';
import { recordVerdict, type VerdictRecord } from '../../audit/record.js';
import { isNdjson, localNow, writeRecords } from './audit-io.js';
import { signRecord } from '../../audit/sign.js';
import { readPrivateKeyFile } from './keygen.js';
import { BATCH_ARGS, BATCH_USAGE, batchCommand } from '../../batch/cli.js';

/** The observation files a path names: the file itself, or the .json files of a folder, in name order. */
function observationFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`${path}: no such file or folder`);
  }
  if (!st.isDirectory()) return [path];
  return readdirSync(path)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => join(path, n));
}

/** The `daoze check` command. */
export const check: Command = {
  name: 'check',
  summary: 'Evaluate observations and print verdicts with citations; --batch streams NDJSON in and results out',
  usage:
    `daoze check <observation.json|folder> [--locale zh|en] [--format text|json] [--evaluated-at <date-time>] [--profile id@version] [--no-trace] [--exit-zero] [--record <out.json|out.ndjson> [--sign key.key]]\n  ${BATCH_USAGE}`,
  args: {
    'evaluated-at': { type: 'string' },
    'no-trace': { type: 'boolean' },
    'exit-zero': { type: 'boolean' },
    profile: { type: 'string', short: 'p' },
    record: { type: 'string' },
    sign: { type: 'string' },
    ...BATCH_ARGS,
  },
  formats: ['csv'],
  run({ positionals, values, common }) {
    let evaluatedAt = values['evaluated-at'] as string | undefined;
    if (evaluatedAt !== undefined && !isIsoDateTime(evaluatedAt)) throw new UsageError('--evaluated-at must be a date-time with time zone');
    if (values.batch !== undefined) {
      if (positionals.length > 0) throw new UsageError('--batch reads its own input; give no other observation files');
      if (values.record !== undefined) throw new UsageError('--record is for single observations; --batch writes its own records');
      if (values.sign !== undefined) throw new UsageError('--sign goes with --record, which is for single observations; --batch does not sign');
      return batchCommand(values, common, evaluatedAt);
    }
    if (common.format === 'csv') throw new UsageError('--format csv is for --batch');
    if (positionals.length === 0) throw new UsageError('check needs an observation file or folder');
    const registry = registryFor(common);
    const files = positionals.flatMap(observationFiles);
    // --record: seal each verdict into an audit record (docs/audit.md). A record needs its evaluation time; the CLI reads the clock, the engine never does.
    const recordPath = values.record as string | undefined;
    if (recordPath && files.length > 1 && !isNdjson(recordPath)) throw new UsageError('--record needs an .ndjson file for several observations');
    if (values.sign !== undefined && !recordPath) throw new UsageError('--sign signs the records of --record; give --record <out.json>');
    // --sign: read the key first, so a bad key file fails before any record is made.
    const key = values.sign !== undefined ? readPrivateKeyFile(values.sign as string) : undefined;
    if (recordPath) evaluatedAt ??= localNow();
    const records: VerdictRecord[] = [];
    const verdicts: Verdict[] = [];
    files.forEach((file, i) => {
      const observation = readJsonFile(file);
      // The record carries the profile in its observation, so that it replays on its own.
      const recorded = values.profile && observation && typeof observation === 'object' ? { ...observation, profile: values.profile } : observation;
      if (recordPath) {
        const record = recordVerdict(registry, recorded, { evaluatedAt: evaluatedAt!, locale: common.locale });
        records.push(key ? signRecord(record, key) : record);
      }
      const verdict = registry.evaluate(observation, {
        locale: common.locale,
        trace: !values['no-trace'],
        ...(values.profile ? { profile: values.profile as string } : {}),
        ...(evaluatedAt ? { evaluatedAt } : {}),
      });
      verdicts.push(verdict);
      if (common.format === 'text') {
        if (i > 0) out(`\n${'─'.repeat(60)}\n`);
        out(`${file}\n`);
        out(renderVerdict(verdict, common.locale));
      }
    });
    if (recordPath) {
      writeRecords(recordPath, records);
      process.stderr.write(`${records.length} record(s)${key ? ` signed by key ${key.keyId}` : ''} written to ${recordPath}\n`);
    }
    if (common.format === 'json') out(JSON.stringify(verdicts.length === 1 ? verdicts[0] : verdicts, null, 2));
    else if (verdicts.length > 1) {
      const w = words(common.locale);
      const counts = (['pass', 'fail', 'indeterminate', 'not_applicable'] as const)
        .map((o) => [o, verdicts.filter((v) => v.outcome === o).length] as const)
        .filter(([, n]) => n > 0)
        .map(([o, n]) => paint(o, `${w.outcome[o]} ${n}`));
      out(`\n${'─'.repeat(60)}\n${verdicts.length} ${common.locale === 'zh' ? '份检查记录' : 'observations'}: ${counts.join(' · ')}`);
    }
    // The exit code is the worst outcome over all observations.
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
