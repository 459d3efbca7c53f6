/** The `daoze` command line: dispatches to one module per command and turns errors into exit codes. */
import { parseArgs } from 'node:util';
import { ENGINE_VERSION } from '../version.js';
import { COMMON_ARGS, commonOptions } from './context.js';
import {
  colorEnabled,
  err,
  errorLines,
  errorObject,
  EXIT,
  fsError,
  out,
  setColor,
  UsageError,
  usageMessage,
} from './io.js';
import type { Locale } from '../model/edition.js';
import { isSystemError, startsFromSnapshot } from './load.js';
import { loadReaders, readersLoaded } from './lazy.js';
import type { Command } from './commands/types.js';
import { words } from './words.js';
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
export const COMMANDS: readonly Command[] = [
  check,
  show,
  list,
  validate,
  test,
  doc,
  verify,
  explain,
  diff,
  build,
  keygen,
];

function help(): string {
  const lines = [`daoze ${ENGINE_VERSION} — city-management inspection standards as code (导则)`, '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.usage}\n      ${c.summary}`);
  lines.push(
    '',
    'Common options: --locale zh|en (default zh), --format text|json (what the command supports), --standards <dir>, --color / --no-color',
  );
  lines.push(
    'Exit codes: 0 pass, 1 fail (or problems found), 2 indeterminate, 3 invalid input, 4 usage error, 70 internal error.',
  );
  lines.push(
    '  Over several inputs (a folder, NDJSON) the worst counts: invalid input 3 over fail 1 over indeterminate 2 over pass 0;',
  );
  lines.push('  every invalid file or line is named with its code, and the valid ones are still judged.');
  return lines.join('\n');
}

/** What the raw arguments ask for before they are parsed, so that even a parse error is reported as asked. */
interface Wanted {
  format: string | undefined;
  locale: Locale;
  color: boolean | undefined;
}

// The value of `--name v`, `--name=v` or `-x v`, the last one given (an option missing its value gives none); the
// parser checks them properly later.
function rawValue(args: readonly string[], name: string, short: string): string | undefined {
  let v: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === `--${name}` || a === `-${short}`) {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('-')) v = next;
    } else if (a.startsWith(`--${name}=`)) v = a.slice(name.length + 3);
  }
  return v;
}

function wanted(args: readonly string[]): Wanted {
  let colorFlag: boolean | undefined;
  for (const a of args) {
    if (a === '--') break;
    // The last of --color / --no-color wins, as with any repeated flag.
    if (a === '--color') colorFlag = true;
    else if (a === '--no-color') colorFlag = false;
  }
  return {
    format: rawValue(args, 'format', 'f'),
    locale: rawValue(args, 'locale', 'l') === 'en' ? 'en' : 'zh',
    color: colorFlag,
  };
}

// Node's parseArgs messages, in the words of this CLI (the advice about `--` misleads under `npm run`).
function parseArgsError(e: TypeError & { code?: string }): UsageError {
  const unknown = /^Unknown option '([^']+)'/.exec(e.message);
  if (unknown) return new UsageError('usage.unknownOption', { option: unknown[1]! });
  const option = /^Option '(?:-\w, )?(--[\w-]+)/.exec(e.message);
  if (option && /does not take an argument/.test(e.message))
    return new UsageError('usage.optionTakesNoValue', { option: option[1]! });
  if (option) return new UsageError('usage.optionNeedsValue', { option: option[1]! });
  return new UsageError('usage.badArguments', { detail: e.message.split('\n')[0]! });
}

/**
 * Runs the CLI with the given arguments; returns the exit code (a promise when the command streams, or when it
 * first loads the CLI's YAML side: src/cli/lazy.ts).
 */
export function main(argv: readonly string[]): number | Promise<number> {
  const [name, ...rest] = argv;
  const want = wanted(rest);
  // Colour is decided per run from the flags and the environment (the flag wins): see colorEnabled.
  setColor(colorEnabled(want.color));
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
    const message = usageMessage(new UsageError('usage.unknownCommand', { name }), want.locale);
    if (want.format === 'json')
      out(JSON.stringify({ error: { code: 'E_USAGE', message, allowed: COMMANDS.map((c) => c.name) } }, null, 2));
    else err(`daoze: ${message} (E_USAGE)\n\n${help()}`);
    return EXIT.usage;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: { ...COMMON_ARGS, ...cmd.args },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
        throw parseArgsError(e);
      throw e;
    }
    const { values, positionals } = parsed;
    if (values.help) {
      out(`${cmd.usage}\n  ${cmd.summary}`);
      return EXIT.ok;
    }
    const input = { positionals, values, common: commonOptions(values, cmd.formats) };
    // The YAML side is loaded first unless this run starts from the build's snapshot (src/cli/lazy.ts).
    if (!readersLoaded() && !(cmd.fromSnapshot?.(input) && startsFromSnapshot(input.common))) {
      return loadReaders()
        .then(() => cmd.run(input))
        .catch((e: unknown) => report(e, cmd, want));
    }
    const code = cmd.run(input);
    return typeof code === 'number' ? code : code.catch((e: unknown) => report(e, cmd, want));
  } catch (e) {
    return report(e, cmd, want);
  }
}

function report(e: unknown, cmd: Command, want: Wanted): number {
  // A failed file-system call that no reader typed is still about the user's paths, not a bug.
  const error = isSystemError(e) ? fsError(e, e.path ?? '(path)', 'read') : e;
  const exit = error instanceof UsageError ? EXIT.usage : EXIT.invalid;
  // --format json: the error is one JSON object on stdout and nothing else is printed there.
  if (want.format === 'json') {
    const obj = errorObject(error, undefined, want.locale, cmd.usage);
    if (obj) {
      out(JSON.stringify(obj, null, 2));
      return exit;
    }
  } else if (error instanceof UsageError) {
    err(
      `daoze ${cmd.name}: ${usageMessage(error, want.locale)} (${error.code})\n${words(want.locale).usage} ${cmd.usage}`,
    );
    return EXIT.usage;
  } else {
    // Bad input of any kind: one line (or block) with its code and place, never a stack.
    const lines = errorLines(error, cmd.name, undefined, want.locale);
    if (lines) {
      for (const line of lines) err(line);
      return EXIT.invalid;
    }
  }
  // Only a bug gets here. The stack helps whoever fixes it, so it is shown on request only.
  const what = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e).split('\n')[0];
  if (want.format === 'json')
    out(
      JSON.stringify({ error: { code: 'E_INTERNAL', message: `internal error — please report it: ${what}` } }, null, 2),
    );
  else err(`daoze ${cmd.name}: internal error — please report it: ${what}`);
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
