/**
 * `daoze check --batch` as a user runs it: from source (`npm run daoze`, tsx) and from the built bundle (what
 * `bin/daoze.js` runs), on an input large enough to start worker threads. Both must find and start their
 * worker code and give identical output.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'tsup';
import { builtin } from '../support/helpers.js';
import { generateObservations } from '../../bench/observations.js';

const root = resolve(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'daoze-batch-cli-'));
// Inside node_modules so the bundle resolves the package's dependencies as the published one does.
const buildDir = join(root, 'node_modules', '.cache', 'daoze-test-build');
const runner = join(buildDir, 'daoze.mjs');

let big: string;

beforeAll(async () => {
  // Several chunks (256 KB each), so that both workers and the main thread take turns.
  const ed = builtin().get('si-jing-san-wu-liang-tong-yi-ming');
  const obs = generateObservations(ed.spec, 3_000, 5).map((o) => JSON.stringify(o));
  big = join(dir, 'big.ndjson');
  writeFileSync(big, `${obs.join('\n')}\nnot json\n`);
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  // The same bundling as tsup.config.ts (ESM, code splitting), for the CLI and its worker entry.
  await build({
    entry: { cli: 'src/cli/main.ts', 'batch-worker': 'src/batch/worker.ts' },
    format: ['esm'],
    outDir: join(buildDir, 'dist'),
    target: 'node20',
    splitting: true,
    treeshake: true,
    config: false,
    silent: true,
  });
  writeFileSync(
    runner,
    "import { main } from './dist/cli.js';\nprocess.exitCode = await main(process.argv.slice(2));\n",
  );
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fromSource = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    maxBuffer: 1 << 30,
  });
const fromBuild = (args: string[], input?: string) =>
  spawnSync(process.execPath, [runner, ...args, '--standards', 'standards'], {
    cwd: root,
    encoding: 'utf8',
    input,
    maxBuffer: 1 << 30,
  });

describe('daoze check --batch from the command line', () => {
  it('runs from source and from the build with worker threads, with identical output, and reports the bad line', () => {
    const src = fromSource(['check', '--batch', big, '--locale', 'en', '--workers', '2']);
    const dist = fromBuild(['check', '--batch', big, '--locale', 'en', '--workers', '2']);
    for (const r of [src, dist]) {
      expect(r.stderr).toContain('3,000 observations evaluated');
      expect(r.stderr).toContain('main thread + 2 worker threads');
      expect(r.stderr).toMatch(/^line 3001:1: E_JSON not valid JSON/m);
      expect(r.stderr).not.toContain('\r'); // no progress bar when stderr is not a terminal
      expect(r.status).toBe(3); // a bad line makes the run's input invalid, after finishing it
    }
    expect(src.stdout.split('\n').length).toBe(3_001);
    expect(dist.stdout).toBe(src.stdout);
  }, 120_000);

  it('reads standard input and writes CSV', () => {
    const lines = generateObservations(builtin().get('san-duan').spec, 3, 2).map((o) => JSON.stringify(o));
    const r = fromBuild(['check', '--batch', '-', '--format', 'csv', '--exit-zero'], lines.join('\n'));
    expect(r.status).toBe(0);
    // Excel-ready: a byte-order mark, CRLF record ends, headers in the chosen locale (Chinese by default).
    expect([...Buffer.from(r.stdout, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = r.stdout.slice(1).trimEnd().split('\r\n');
    expect(rows).toHaveLength(4);
    expect(rows[0]!.startsWith('行号,标准,版本,版本哈希')).toBe(true);
    expect(rows[3]!.startsWith('3,san-duan,1.0.0,')).toBe(true);
    const en = fromBuild(
      ['check', '--batch', '-', '--format', 'csv', '--exit-zero', '--locale', 'en'],
      lines.join('\n'),
    );
    expect(en.stdout.slice(1).split('\r\n')[0]!.startsWith('line,standard,version,edition_hash')).toBe(true);
  }, 30_000);

  it('refuses csv without --batch, files besides --batch, and --full with csv', () => {
    expect(fromBuild(['check', 'examples', '--format', 'csv']).status).toBe(4);
    expect(fromBuild(['check', 'examples', '--batch', big]).status).toBe(4);
    expect(fromBuild(['check', '--batch', big, '--format', 'csv', '--full']).status).toBe(4);
    expect(fromBuild(['show', 'san-duan', '--format', 'csv']).status).toBe(4);
  }, 30_000);

  it('stops quietly when the reader goes away (… | head)', async () => {
    const child = spawn(
      process.execPath,
      [runner, 'check', '--batch', big, '--workers', '0', '--standards', 'standards'],
      { cwd: root },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((done) => child.stdout.once('data', () => done()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(err).not.toMatch(/EPIPE|internal error/);
    expect(code).not.toBe(70);
  }, 30_000);
});
