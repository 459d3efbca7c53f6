/**
 * The hostile catalogue's CLI cases, run against the built CLI as a user runs it: each must end within its time
 * and memory, exit with the expected code, name the expected error code, and never print a stack trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_CASES as ALL_CLI_CASES, type HostileCase } from './catalogue.js';
import { CLI_TIMEOUT_MS, ensureBuilt, limited, runCli, STACK_LINE, type CliRun } from './run-cli.js';

/** `DAOZE_HOSTILE_ONLY=<regex>` runs only the cases whose id matches (for working on a few). */
const only = process.env.DAOZE_HOSTILE_ONLY ? new RegExp(process.env.DAOZE_HOSTILE_ONLY) : undefined;
const CLI_CASES = only ? ALL_CLI_CASES.filter((c) => only.test(c.id)) : ALL_CLI_CASES;

const root = mkdtempSync(join(tmpdir(), 'daoze-hostile-cli-'));
const results = new Map<string, { dir: string; setup: CliRun[]; setupError?: string; run?: CliRun }>();

const hasCode = (text: string, code: string) => new RegExp(`\\b${code}\\b`).test(text);
const codes = (c: string | readonly string[]) => (typeof c === 'string' ? [c] : c);

async function runCase(c: HostileCase): Promise<void> {
  const dir = mkdtempSync(join(root, `${c.id}-`));
  const entry: { dir: string; setup: CliRun[]; setupError?: string; run?: CliRun } = { dir, setup: [] };
  results.set(c.id, entry);
  try {
    c.build?.(dir);
    for (const args of c.setup?.(dir) ?? []) {
      const r = await runCli(args, dir);
      entry.setup.push(r);
      // Setup commands may report an outcome (check exits 1 on a failing toilet), never an error.
      if (r.code === null || r.code > 2)
        throw new Error(`setup \`daoze ${args.join(' ')}\` exited ${r.code}: ${r.stderr.slice(0, 500)}`);
    }
    c.tamper?.(dir);
  } catch (e) {
    entry.setupError = (e as Error).message;
    return;
  }
  entry.run = await runCli(c.args!(dir), dir, c.stdin ? { stdin: c.stdin(dir) } : {});
}

beforeAll(async () => {
  ensureBuilt();
  // Two at a time: the machine has two cores, and each case is a fresh Node process.
  await limited(
    CLI_CASES.map((c) => () => runCase(c)),
    2,
  );
}, 900_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Records (`line` numbers) on stdout and numbered errors on stderr of a `check --batch` run. */
function batchOutput(run: CliRun): { records: number[]; count: number; errors: Map<number, string> } {
  const records: number[] = [];
  let count = 0;
  for (const l of run.stdout.split('\n')) {
    if (!l.trim()) continue;
    const v = JSON.parse(l) as { line?: number };
    count++;
    if (typeof v.line === 'number') records.push(v.line);
  }
  const errors = new Map<number, string>();
  for (const l of run.stderr.split('\n')) {
    // `line N: …`, or `line N:col: …` when the problem has a column.
    const m = /^line (\d+)(?::\d+)?: (.*)$/.exec(l);
    if (m) {
      expect(errors.has(Number(m[1])), `line ${m[1]} reported twice`).toBe(false);
      errors.set(Number(m[1]), m[2]!);
    }
  }
  return { records, count, errors };
}

/** Every `altered[].field` in a JSON report (`verify --format json`), wherever the report nests it. */
function alteredFields(stdout: string): string[] {
  const fields: string[] = [];
  let todo: unknown[];
  try {
    todo = [JSON.parse(stdout)];
  } catch {
    return fields;
  }
  while (todo.length) {
    const v = todo.pop();
    if (Array.isArray(v)) todo.push(...v);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.altered))
        for (const a of o.altered)
          if (a && typeof (a as { field?: unknown }).field === 'string') fields.push((a as { field: string }).field);
      for (const k of Object.keys(o)) if (k !== 'altered') todo.push(o[k]);
    }
  }
  return fields;
}

describe('hostile inputs through the built CLI', () => {
  it('has a case for every class of issue 9', () => {
    expect(new Set(ALL_CLI_CASES.map((c) => c.class)).size).toBe(10);
  });

  it.each(CLI_CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const entry = results.get(c.id)!;
    expect(entry.setupError, 'setup').toBeUndefined();
    const run = entry.run!;
    const shown = `daoze ${run.args.join(' ')}\nexit ${run.code}\n--- stderr\n${run.stderr.slice(0, 2000)}\n--- stdout\n${run.stdout.slice(0, 1000)}`;
    expect(run.timedOut, `did not finish within ${CLI_TIMEOUT_MS} ms\n${shown}`).toBe(false);
    expect(run.memoryExceeded, `grew past the memory bound\n${shown}`).toBe(false);
    expect(run.code, `internal error\n${shown}`).not.toBe(70);
    expect(STACK_LINE.test(run.stderr) || STACK_LINE.test(run.stdout), `stack trace\n${shown}`).toBe(false);
    const json = run.args.includes('--format') && run.args[run.args.indexOf('--format') + 1] === 'json';
    // validate, test and verify report the problems they find on stdout; everything else reports errors on stderr.
    const report = json || run.args[0] === 'validate' || run.args[0] === 'test' || run.args[0] === 'verify';
    const e = c.expect;
    switch (e.kind) {
      case 'error': {
        if (e.exit !== undefined) expect(run.code, shown).toBe(e.exit);
        else expect([3, 4], shown).toContain(run.code);
        // The code on the error line (stderr), or in the JSON error object or validate's report on stdout.
        const where = report ? `${run.stderr}\n${run.stdout}` : run.stderr;
        expect(
          codes(e.code).some((k) => hasCode(where, k)),
          `one of ${codes(e.code).join(', ')} named\n${shown}`,
        ).toBe(true);
        if (typeof e.detail === 'string') expect(hasCode(where, e.detail), `${e.detail} named\n${shown}`).toBe(true);
        else if (e.detail) expect(where, shown).toMatch(e.detail);
        break;
      }
      case 'indeterminate': {
        expect(run.code, shown).toBe(e.exit ?? 2);
        const v = JSON.parse(run.stdout) as { outcome: string; missing: { fact: string }[] };
        expect(v.outcome).toBe('indeterminate');
        expect(v.missing.map((m) => m.fact)).toContain(e.missing);
        break;
      }
      case 'accepted':
        expect(e.exitIn, shown).toContain(run.code);
        expect(run.stderr, shown).not.toMatch(/\bE_[A-Z_]{3,}\b/);
        break;
      case 'safe':
        expect([0, 1, 2, 3], shown).toContain(run.code);
        break;
      case 'not-verified':
        expect(run.code, shown).toBe(e.exit ?? 1);
        // The JSON report names the field among those altered (not only somewhere in the text).
        if (e.field) expect(alteredFields(run.stdout), `${e.field} named as altered\n${shown}`).toContain(e.field);
        break;
      case 'batch': {
        expect(run.code, shown).toBe(e.exit);
        const got = batchOutput(run);
        if (got.records.length || got.count === 0) expect(got.records, shown).toEqual(e.records);
        else expect(got.count, shown).toBe(e.records.length); // --full: verdicts carry no line number
        expect(
          [...got.errors.keys()].sort((a, b) => a - b),
          shown,
        ).toEqual(Object.keys(e.errors).map(Number));
        for (const [n, code] of Object.entries(e.errors)) {
          const message = got.errors.get(Number(n))!;
          expect(
            codes(code).some((k) => hasCode(message, k)),
            `line ${n}: one of ${codes(code).join(', ')} in "${message}"`,
          ).toBe(true);
        }
        break;
      }
    }
    for (const name of c.stderrNames?.(entry.dir) ?? [])
      expect(run.stderr, `${name} named on stderr\n${shown}`).toContain(name);
    for (const name of c.stdoutNames?.(entry.dir) ?? [])
      expect(run.stdout, `${name} judged on stdout\n${shown}`).toContain(name);
  });
});
