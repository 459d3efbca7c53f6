/** Shared test helpers: the built-in registry and small edition builders. */
import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { join } from 'node:path';
import { builtinStandardsDir, loadRegistry } from '../../src/node.js';
import type { Registry } from '../../src/index.js';

let registry: Registry | undefined;

/** The registry of built-in standards, loaded once per test file. */
export function builtin(): Registry {
  registry ??= loadRegistry(builtinStandardsDir());
  return registry;
}

/** Reads a fixture file. */
export function fixture(...parts: string[]): string {
  return readFileSync(join(__dirname, '..', 'fixtures', ...parts), 'utf8');
}

/**
 * Runs the CLI in process; returns the exit code and what it printed (colour is off: stdout is not a terminal
 * under vitest). Every command answers synchronously except `check --batch`, which streams (test/batch/).
 */
export function runCli(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: main(args) as number, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
