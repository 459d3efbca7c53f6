/** Shared CLI plumbing: exit codes, colour, output, reading files safely. */
import { readFileSync, statSync } from 'node:fs';
import pc from 'picocolors';
import type { Outcome } from '../model/edition.js';

/** Exit codes, documented in docs/cli.md. */
export const EXIT = {
  /** Everything passed (or did not apply); a command without a verdict succeeded. */
  ok: 0,
  /** At least one clause failed; for validate/test, problems were found. */
  fail: 1,
  /** Nothing failed, but something could not be decided. */
  indeterminate: 2,
  /** The input (observation, standard, JSON) is invalid. */
  invalid: 3,
  /** The command line is wrong. */
  usage: 4,
  /** A bug in Daoze. */
  internal: 70,
} as const;

/** The exit code for an outcome. */
export function exitFor(outcome: Outcome): number {
  return outcome === 'fail' ? EXIT.fail : outcome === 'indeterminate' ? EXIT.indeterminate : EXIT.ok;
}

/** Colour helpers, on only for a terminal that did not ask for NO_COLOR. */
export const color = pc.createColors(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb');

/** A usage mistake; the CLI prints it with a hint and exits with EXIT.usage. */
export class UsageError extends Error {}

/** Largest JSON input file read, in bytes. */
export const MAX_JSON_BYTES = 10 * 1024 * 1024;

/** Reads and parses a JSON file; a clear error for a missing, huge or malformed file. */
export function readJsonFile(path: string): unknown {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new InputError(`${path}: no such file`);
  }
  if (size > MAX_JSON_BYTES) throw new InputError(`${path}: file is larger than ${MAX_JSON_BYTES} bytes`);
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${err instanceof RangeError ? 'nested too deeply' : (err as Error).message})`);
  }
}

/** Input that cannot be read (a missing or malformed file). */
export class InputError extends Error {}

/** Writes a line to stdout. */
export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Writes a line to stderr. */
export function err(line = ''): void {
  process.stderr.write(`${line}\n`);
}
