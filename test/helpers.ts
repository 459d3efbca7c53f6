/** Shared test helpers: the built-in registry and small edition builders. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinStandardsDir, loadRegistry } from '../src/node.js';
import type { Registry } from '../src/index.js';

let registry: Registry | undefined;

/** The registry of built-in standards, loaded once per test file. */
export function builtin(): Registry {
  registry ??= loadRegistry(builtinStandardsDir());
  return registry;
}

/** Reads a fixture file. */
export function fixture(...parts: string[]): string {
  return readFileSync(join(__dirname, 'fixtures', ...parts), 'utf8');
}
