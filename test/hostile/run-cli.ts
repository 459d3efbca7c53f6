/**
 * Runs the built CLI (`node bin/daoze.js`) as a user would, with a time limit, a heap limit and a watch on the
 * process's resident memory, so that a hang or a runaway read ends the run instead of the machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './fixtures.js';

/** The published entry point. */
export const BIN = join(REPO, 'bin', 'daoze.js');

/** Milliseconds a command may run (20 s; `DAOZE_HOSTILE_TIMEOUT_MS` raises it on a machine under heavy load). */
export const CLI_TIMEOUT_MS = Number(process.env.DAOZE_HOSTILE_TIMEOUT_MS) || 20_000;

/** Resident memory above which the process is killed (the heap limit does not cover buffers). */
export const MAX_RSS_BYTES = 768 * 1024 * 1024;

/** Output kept per stream; beyond it the rest is counted, not stored. */
const MAX_KEPT = 64 * 1024 * 1024;

/** What one run did. */
export interface CliRun {
  args: readonly string[];
  /** Exit code; null when killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  memoryExceeded: boolean;
  ms: number;
}

/** A stack-trace line as Node prints one. */
export const STACK_LINE = /^\s+at .+\(/m;

function newest(dir: string): number {
  let t = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (s.mtimeMs > t) t = s.mtimeMs;
    }
  };
  walk(dir);
  return t;
}

/** Builds dist/ (`npm run build`) when it is missing or older than src/, sdk/ or standards/. */
export function ensureBuilt(): void {
  const cli = join(REPO, 'dist', 'cli.js');
  const built = existsSync(cli) ? statSync(cli).mtimeMs : 0;
  const sources = Math.max(...['src', 'sdk', 'standards', 'profiles'].map((d) => newest(join(REPO, d))));
  if (built >= sources) return;
  execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'pipe', timeout: 600_000 });
}

function rss(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs `daoze <args>` in `cwd`. */
export function runCli(
  args: readonly string[],
  cwd: string,
  options: { stdin?: string | Uint8Array; timeoutMs?: number } = {},
): Promise<CliRun> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=256', BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let timedOut = false;
    let memoryExceeded = false;
    child.stdout.on('data', (b: Buffer) => {
      if (outLen < MAX_KEPT) out.push(b);
      outLen += b.length;
    });
    child.stderr.on('data', (b: Buffer) => {
      if (errLen < MAX_KEPT) err.push(b);
      errLen += b.length;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? CLI_TIMEOUT_MS);
    const watch = setInterval(() => {
      if (child.pid !== undefined && rss(child.pid) > MAX_RSS_BYTES) {
        memoryExceeded = true;
        child.kill('SIGKILL');
      }
    }, 100);
    child.stdin.on('error', () => {
      // The command may exit without reading its input.
    });
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(watch);
      resolve({
        args,
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        memoryExceeded,
        ms: Date.now() - start,
      });
    });
  });
}

/** Runs `jobs` with at most `limit` at a time; results in job order. */
export async function limited<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
