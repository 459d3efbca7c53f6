/** The `daoze` command line: dispatches to one module per command and turns errors into exit codes. */
import { parseArgs } from 'node:util';
import { ENGINE_VERSION } from '../version.js';
import { COMMON_ARGS, commonOptions } from './context.js';
import { err, errorLines, EXIT, fsError, out, UsageError } from './io.js';
import { isSystemError } from './load.js';
import type { Command } from './commands/types.js';
import { validate } from './commands/validate.js';
import { test } from './commands/test.js';
import { list } from './commands/list.js';
import { show } from './commands/show.js';
import { check } from './commands/check.js';
import { doc } from './commands/doc.js';
import { verify } from './commands/verify.js';
import { explain } from './commands/explain.js';
import { diff } from './commands/diff.js';
import { build } from './commands/build.js';
import { keygen } from './commands/keygen.js';

/** Every command, in the order `daoze --help` lists them. */
export const COMMANDS: readonly Command[] = [check, show, list, validate, test, doc, verify, explain, diff, build, keygen];

function help(): string {
  const lines = [`daoze ${ENGINE_VERSION} — city-management inspection standards as code (导则)`, '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.usage}\n      ${c.summary}`);
  lines.push('', 'Common options: --locale zh|en (default zh), --format text|json, --standards <dir>');
  lines.push('Exit codes: 0 pass, 1 fail (or problems found), 2 indeterminate, 3 invalid input, 4 usage error, 70 internal error.');
  lines.push('  Over several inputs (a folder, NDJSON) the worst counts: invalid input 3 over fail 1 over indeterminate 2 over pass 0;');
  lines.push('  every invalid file or line is named with its code, and the valid ones are still judged.');
  return lines.join('\n');
}

/** Runs the CLI with the given arguments; returns the exit code (a promise when the command streams). */
export function main(argv: readonly string[]): number | Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    out(ENGINE_VERSION);
    return EXIT.ok;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    err(`daoze: unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options: { ...COMMON_ARGS, ...cmd.args }, allowPositionals: true, strict: true });
    if (values.help) {
      out(`${cmd.usage}\n  ${cmd.summary}`);
      return EXIT.ok;
    }
    const code = cmd.run({ positionals, values, common: commonOptions(values, cmd.formats) });
    return typeof code === 'number' ? code : code.catch((e: unknown) => report(e, cmd));
  } catch (e) {
    return report(e, cmd);
  }
}

function report(e: unknown, cmd: Command): number {
  if (e instanceof UsageError || (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
    err(`daoze ${cmd.name}: ${e.message}\nusage: ${cmd.usage}`);
    return EXIT.usage;
  }
  // Bad input of any kind: one line (or block) with its code and place, never a stack. A failed file-system
  // call that no reader typed is still about the user's paths, not a bug.
  const lines = errorLines(isSystemError(e) ? fsError(e, e.path ?? '(path)', 'read') : e, cmd.name);
  if (lines) {
    for (const line of lines) err(line);
    return EXIT.invalid;
  }
  // Only a bug gets here. The stack helps whoever fixes it, so it is shown on request only.
  const what = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e).split('\n')[0];
  err(`daoze ${cmd.name}: internal error — please report it: ${what}`);
  if (process.env.DAOZE_DEBUG) err((e as Error)?.stack ?? String(e));
  else err('  (set DAOZE_DEBUG=1 to print the stack trace)');
  return EXIT.internal;
}

/**
 * Makes a closed pipe (`daoze show … | head`) end the process quietly, as Unix tools do, instead of an
 * uncaught EPIPE error.
 */
export function guardPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}
