/**
 * The installed one-shot start: packs this checkout (its `prepack` builds), installs the tarball in a new project
 * in a temporary folder, and times `node_modules/.bin/daoze check <one example observation>` against bare
 * `node -e 0`, started in alternation. `npm run bench` prints it among the rest; `npx tsx bench/installed.ts` runs
 * only this part (BENCH_STARTS=<n> sets how many starts of each are timed). Nothing here is a test.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The installed one-shot start's target, as a multiple of bare `node -e 0` on the same machine in the same run. */
export const INSTALLED_TARGET = 3;

/** The observation the installed CLI checks (it fails one clause: exit 1 is the CLI having judged it). */
export const EXAMPLE = join('examples', 'observations', '01-toilet-ammonia-high.json');

/**
 * The package as a user installs it: `npm pack` of this checkout (its `prepack` builds), installed with
 * `npm install` into a fresh project in a temporary folder, its dependencies resolved from the registry as a
 * user's are. Returns the project's folder and its `node_modules/.bin/daoze`.
 */
export function installPacked(dir: string): { app: string; bin: string } {
  const npm = (args: string[], cwd: string) => {
    const r = spawnSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
    return r.stdout;
  };
  // `prepack` (the build) prints before npm's JSON report: the report is the array that ends the output.
  const report = npm(['pack', '--json', '--pack-destination', dir], root);
  const [packed] = JSON.parse(report.slice(report.search(/^\[/m))) as { filename: string }[];
  const app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'daoze-bench-install', version: '1.0.0', private: true }),
  );
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed!.filename)], app);
  return { app, bin: join(app, 'node_modules', '.bin', 'daoze') };
}

/**
 * Median start-to-exit times (ms) of each command, started `n` times in alternation (A B A B …) after one
 * warm-up each, so that the machine's load and the file cache hit them alike.
 */
export function startTimes(
  commands: Record<string, { file: string; args: string[]; cwd: string; status: number }>,
  n: number,
): Record<string, number> {
  const names = Object.keys(commands);
  const start = (k: string) => {
    const c = commands[k]!;
    const t0 = performance.now();
    const r = spawnSync(c.file, c.args, { cwd: c.cwd, stdio: 'ignore' });
    const ms = performance.now() - t0;
    // A crash is fast too: only a run that gave the expected exit code is timed.
    if (r.status !== c.status) throw new Error(`${c.file} ${c.args.join(' ')}: exit ${r.status}, expected ${c.status}`);
    return ms;
  };
  for (const k of names) start(k);
  const ts: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let i = 0; i < n; i++) for (const k of names) ts[k]!.push(start(k));
  return Object.fromEntries(names.map((k) => [k, median(ts[k]!)]));
}

/** Packs, installs and times the installed `daoze check` against bare `node`, `starts` times each; cleans up after. */
export function installedStart(starts: number): {
  installed: number;
  node: number;
  ratio: number;
  observation: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'daoze-bench-install-'));
  try {
    const { app, bin } = installPacked(dir);
    const observation = basename(EXAMPLE);
    copyFileSync(join(root, EXAMPLE), join(app, observation));
    const t = startTimes(
      {
        installed: { file: bin, args: ['check', observation], cwd: app, status: 1 },
        node: { file: process.execPath, args: ['-e', '0'], cwd: app, status: 0 },
      },
      starts,
    );
    return { installed: t.installed!, node: t.node!, ratio: t.installed! / t.node!, observation };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const starts = Number(process.env.BENCH_STARTS ?? 15);
  const r = installedStart(starts);
  console.log(`node_modules/.bin/daoze check ${r.observation}: ${r.installed.toFixed(0)} ms (median of ${starts})`);
  console.log(`node -e 0: ${r.node.toFixed(0)} ms (median of ${starts}, in alternation)`);
  console.log(
    `installed one-shot start / bare node: ${r.ratio.toFixed(1)}× (target ≤ ${INSTALLED_TARGET}×: ${r.ratio <= INSTALLED_TARGET ? 'holds' : 'NOT met'})`,
  );
}
