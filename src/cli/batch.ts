/** The `--batch` mode of `daoze check`: options, the run, the summary on stderr, the exit code. */
import type { CommonOptions } from './context.js';
import { readingStandards } from './load.js';
import { EXIT, exitFor, UsageError } from './io.js';
import { overallOutcome } from '../evaluate/evaluate.js';
import { StandardError } from '../errors.js';
import type { EditionSpec } from '../model/edition.js';
import { builtinProfilesDir, builtinStandardsDir } from '../files.js';
import { readers } from './lazy.js';
import { createRegistry, type ProfileInput, type Registry } from '../registry.js';
import type { BatchOutput } from '../batch/chunk.js';
import { formatSummary, runBatch } from '../batch/run.js';

/** The options `check` declares for batch mode (merged into its parseArgs options). */
export const BATCH_ARGS = {
  batch: { type: 'string' },
  strict: { type: 'boolean' },
  full: { type: 'boolean' },
  workers: { type: 'string' },
} as const;

/** Usage text of batch mode. */
export const BATCH_USAGE =
  'daoze check --batch <observations.ndjson|-> [--format json|csv] [--full] [--strict] [--workers <n>] [--profile id@version]';

/**
 * The standards and profiles a batch works on: the registry, as `registryFor` (src/cli/load.ts) builds it, and
 * the validated specs it was built from, which the worker threads compile for themselves.
 */
export function batchSources(common: CommonOptions): {
  registry: Registry;
  editions: EditionSpec[];
  profiles: ProfileInput[];
} {
  const { readEditions, readProfiles } = readers();
  const standards = common.standards ?? builtinStandardsDir();
  const { editions, diagnostics } = readingStandards(() => readEditions(standards), standards);
  const profiles = readingStandards(() => readProfiles(common.profiles ?? builtinProfilesDir()), standards);
  diagnostics.push(...profiles.diagnostics);
  if (diagnostics.length > 0) throw new StandardError(diagnostics);
  const specs = editions.map((e) => e.spec);
  // `locate` (positions for error messages) is a function: not sent to workers, whose input is already valid.
  const plain = profiles.profiles.map(({ spec, file }) => ({ spec, ...(file ? { file } : {}) }));
  return { registry: createRegistry(specs, { profiles: profiles.profiles }), editions: specs, profiles: plain };
}

/**
 * Runs `check --batch`. Output: one NDJSON record per observation (`--full`: the full verdict), or CSV rows
 * with `--format csv`. Exit code: 3 when any line was bad (or --strict stopped), else the worst outcome (0 with
 * --exit-zero).
 */
export async function batchCommand(
  values: Record<string, unknown>,
  common: CommonOptions,
  evaluatedAt: string | undefined,
): Promise<number> {
  const input = values.batch as string;
  if (input === '') throw new UsageError('usage.batchNeedsInput');
  let workers: number | undefined;
  if (values.workers !== undefined) {
    workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0 || workers > 64)
      throw new UsageError('usage.workers', { min: 0, max: 64 });
  }
  if (values.full && common.format === 'csv') throw new UsageError('usage.fullNotCsv');
  const output: BatchOutput = common.format === 'csv' ? 'csv' : values.full ? 'verdict' : 'record';
  const { registry, editions, profiles } = batchSources(common);
  const summary = await runBatch({
    input,
    registry,
    sources: { editions, profiles },
    chunk: {
      output,
      locale: common.locale,
      trace: !values['no-trace'],
      strict: Boolean(values.strict),
      // Asked for JSON: a bad line is a JSON record in its place too, so a script reading the output sees every line.
      ...(common.format === 'json' ? { errorRecords: true } : {}),
      ...(evaluatedAt ? { evaluatedAt } : {}),
      ...(values.profile ? { profile: values.profile as string } : {}),
    },
    ...(workers !== undefined ? { workers } : {}),
    progress: Boolean(process.stderr.isTTY),
    locale: common.locale,
  });
  process.stderr.write(`${formatSummary(summary, common.locale)}\n`);
  if (summary.bad > 0) return EXIT.invalid;
  if (values['exit-zero']) return EXIT.ok;
  return exitFor(overallOutcome({ ...summary.outcomes, not_applicable: 0 }));
}
