/** The shape of a CLI command: one file per command, registered in main.ts. */
import type { CommonOptions, Format } from '../context.js';

/** Arguments a command receives. */
export interface CommandInput {
  positionals: string[];
  values: Record<string, unknown>;
  common: CommonOptions;
}

/** A CLI command. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Extra options for node:util parseArgs, besides the common ones. */
  args: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  /** Output formats the command supports (default text and json); any other `--format` is a usage error. */
  formats?: readonly Format[];
  /**
   * Whether this run needs no more than the registry of its standards (`registryFor`): no YAML read, no schema
   * compiled. `main` then tries the build's snapshot before the command runs and, when it serves, runs the
   * command without loading the CLI's YAML side (src/cli/lazy.ts). Absent: the YAML side is always loaded.
   */
  fromSnapshot?(input: CommandInput): boolean;
  /** Runs the command; returns the exit code (a promise for a command that streams, such as `check --batch`). */
  run(input: CommandInput): number | Promise<number>;
}
