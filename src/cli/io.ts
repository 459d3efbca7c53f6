/**
 * Shared CLI plumbing: exit codes, colour, output, one safe way to read input files and streams, one safe way
 * to write output files, and one way to report an error on stderr.
 */
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import pc from 'picocolors';
import {
  DaozeError,
  formatDiagnostic,
  InputError,
  ObservationError,
  preview,
  StandardError,
  type InputErrorCode,
} from '../errors.js';
import { decodeUtf8, parseJson } from '../input/index.js';
import type { Locale, Outcome } from '../model/edition.js';
import { KeyError } from '../sign/index.js';
import {
  CliInputError,
  cliText,
  engineMessage,
  ERROR_WORDS,
  inputMessage,
  observationMessage,
  type CliMessage,
  type CliMessageId,
  type MessageParams,
} from '../messages/index.js';

export { CliInputError } from '../messages/index.js';

export { InputError } from '../errors.js';

/**
 * Exit codes, as `daoze --help` and the README list them. When one run judges several inputs (a folder of
 * observations, an NDJSON file), the code is the worst of theirs in this order: invalid input (3) over fail (1)
 * over indeterminate (2) over pass (0). As in ESLint, a bad input anywhere makes the whole run fail, so a
 * script never reads a pass from a run that skipped a file.
 */
export const EXIT = {
  /** Everything passed (or did not apply); a command without a verdict succeeded. */
  ok: 0,
  /** At least one clause failed; for validate/test, problems were found. */
  fail: 1,
  /** Nothing failed, but something could not be decided. */
  indeterminate: 2,
  /** The input (a file, a path, JSON, an observation, a standard, a record) is invalid. */
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

/**
 * Whether to colour output, by the conventions picocolors and most CLIs follow: a `--color` / `--no-color` flag
 * wins; then `NO_COLOR` (any non-empty value, https://no-color.org) turns colour off; then `FORCE_COLOR` turns it
 * on (`1`, `2`, `3`, `true` or empty) or off (`0`, `false`) whatever the stream; otherwise colour is on for a
 * terminal whose `TERM` is not `dumb`. Unlike picocolors, a `CI` variable alone does not turn it on: a log
 * file is not a terminal.
 */
export function colorEnabled(
  flag: boolean | undefined,
  env: NodeJS.ProcessEnv = process.env,
  isTTY = Boolean(process.stdout.isTTY),
): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return !/^(0|false)$/i.test(env.FORCE_COLOR.trim());
  return isTTY && env.TERM !== 'dumb';
}

/** Colour helpers; `setColor` switches them for a run (main.ts does, from the flags and the environment). */
export const color: ReturnType<typeof pc.createColors> = { ...pc.createColors(colorEnabled(undefined)) };

/** Turns colour on or off for what is printed from now on. */
export function setColor(on: boolean): void {
  Object.assign(color, pc.createColors(on));
}

/**
 * A usage mistake (a wrong flag, a missing argument); the CLI prints it with the command's usage and exits with
 * EXIT.usage. Its sentence is data (an id of CLI_MESSAGES and its values), worded in the user's locale when
 * printed; `message` is the English.
 */
export class UsageError extends DaozeError {
  /** Stable code, printed with the message and carried by the JSON error. */
  declare readonly code: 'E_USAGE';
  /** The sentence, to word in a locale. */
  readonly text: CliMessage;
  constructor(id: CliMessageId, params: MessageParams = {}) {
    const text = { id, params };
    super('E_USAGE', cliText(text, 'en'));
    this.name = 'UsageError';
    this.text = text;
  }
}

/** An input error's reason (without its file and position) in `locale`. */
export function inputReason(e: InputError, locale: Locale): string {
  if (e instanceof CliInputError) return cliText(e.text, locale);
  const at = e.position ? `${e.file}:${e.position.line}:${e.position.col}` : e.file;
  const reason = e.message.startsWith(`${at}: `) ? e.message.slice(at.length + 2) : e.reason;
  return inputMessage(e.code, reason, locale);
}

/** A usage error's sentence in `locale`. */
export function usageMessage(e: UsageError, locale: Locale): string {
  return cliText(e.text, locale);
}

// A key error's sentence without the `file: E_KEY ` its message starts with.
function keyReason(e: KeyError): string {
  const head = `${e.file}: E_KEY `;
  return e.message.startsWith(head) ? e.message.slice(head.length) : e.message;
}

/** Largest JSON input file read, in bytes. */
export const MAX_JSON_BYTES = 10 * 1024 * 1024;

/** How a file or stream is named in messages: `<stdin>` for `-`. */
export function inputLabel(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

// What a stat says the path is, for E_NOT_FILE messages.
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A Node file-system error as a typed `InputError` naming the path and the reason. */
export function fsError(e: unknown, path: string, doing: 'read' | 'write'): InputError {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const file = inputLabel(path);
  const make = (c: InputErrorCode, reason: string) => new InputError(c, file, reason);
  switch (code) {
    case 'ENOENT':
      if (doing === 'read') return make('E_NO_SUCH_FILE', 'no such file or folder');
      return existsSync(dirname(path))
        ? make('E_READ', 'cannot write: no file can be created there')
        : make('E_NO_SUCH_FILE', `cannot write: the folder ${dirname(path)} does not exist`);
    case 'ENOTDIR':
      return make(doing === 'read' ? 'E_NO_SUCH_FILE' : 'E_NOT_FILE', 'a part of the path is a file, not a folder');
    case 'EACCES':
    case 'EPERM':
      return make('E_READ', `cannot ${doing}: permission denied`);
    case 'ELOOP':
      return make('E_READ', `cannot ${doing}: too many symbolic links (a symlink loop)`);
    case 'EISDIR':
      return doing === 'write'
        ? make('E_NOT_FILE', 'is a folder; give a file path')
        : make('E_READ', 'cannot read: is a folder');
    case 'ENAMETOOLONG':
      return make('E_READ', `cannot ${doing}: the path is too long`);
    case 'EROFS':
      return make('E_READ', 'cannot write: the file system is read-only');
    case 'ENOSPC':
    case 'EDQUOT':
      return make('E_READ', 'cannot write: no space left on the device');
    default:
      // Node's message starts with the errno code (`EIO: i/o error, read`).
      return make('E_READ', `cannot ${doing}: ${(e as Error)?.message ?? String(e)}`);
  }
}

// Reads at most `max` bytes from an open descriptor; one byte more means the input is too large. Counting what
// is read (not trusting a stat size, which is 0 for devices and pipes) is what bounds a stream.
function readCapped(fd: number, max: number, file: string): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        // A non-blocking stdin pipe with nothing yet: wait briefly, without spinning the CPU.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > max) throw new InputError('E_TOO_LARGE', file, `is larger than ${max.toLocaleString('en-US')} bytes`);
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

/**
 * The bytes of a regular file, or of standard input for `-`, at most `maxBytes` of them. Refuses what is not
 * a regular file (a folder, a FIFO, a device, a socket) with `E_NOT_FILE` before reading: the path is
 * stat-ed first, opened non-blocking (so a FIFO cannot block the open) and stat-ed again through the open
 * descriptor (so a swap between the two cannot slip a device in). Throws `InputError` only:
 * `E_NO_SUCH_FILE`, `E_NOT_FILE`, `E_READ` (permissions, symlink loop, I/O), `E_TOO_LARGE`.
 */
export function readInputBytes(path: string, maxBytes = MAX_JSON_BYTES): Uint8Array {
  const file = inputLabel(path);
  if (path === '-') {
    try {
      return readCapped(0, maxBytes, file);
    } catch (e) {
      throw fsError(e, path, 'read');
    }
  }
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError('E_NOT_FILE', file, `is ${kindOf(st)}, not a file`);
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const fst = fstatSync(fd);
    if (!fst.isFile()) throw new InputError('E_NOT_FILE', file, `is ${kindOf(fst)}, not a file`);
    if (fst.size > maxBytes)
      throw new InputError('E_TOO_LARGE', file, `is larger than ${maxBytes.toLocaleString('en-US')} bytes`);
    return readCapped(fd, maxBytes, file);
  } catch (e) {
    throw fsError(e, path, 'read');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The text of a file (or of standard input for `-`): strict UTF-8, a BOM dropped; `E_ENCODING` names the byte. */
export function readTextFile(path: string, maxBytes = MAX_JSON_BYTES): string {
  return decodeUtf8(readInputBytes(path, maxBytes), inputLabel(path));
}

/**
 * Reads and parses one JSON document from a file (or `-`), strictly: every refusal of `readInputBytes`, then
 * `E_ENCODING`, `E_JSON`, `E_DUPLICATE_KEY` and `E_DEPTH`, each naming the file and line:col.
 */
export function readJsonFile(path: string, maxBytes = MAX_JSON_BYTES): unknown {
  return parseJson(readTextFile(path, maxBytes), inputLabel(path));
}

/**
 * Writes a file whole or not at all: the text goes to a temporary file beside it, which is then renamed over
 * the target (atomic on POSIX file systems), so a failed run leaves no half-written file. A folder, a missing
 * parent folder or an unwritable place is a typed `InputError` naming the path and the reason.
 */
export function writeFileAtomic(path: string, text: string): void {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError('E_NOT_FILE', path, `is ${kindOf(st)}; give a file path to write`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw fsError(e, path, 'write');
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing was written, or it is gone already.
    }
    throw fsError(e, path, 'write');
  }
}

/**
 * Checks, before any work is done, that a file can be written at `path`: not a folder or a device, in a
 * folder that exists and is writable. Throws the `InputError` that writing would; the write itself still
 * reports what only it can find (a full disk).
 */
export function checkWritable(path: string): void {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError('E_NOT_FILE', path, `is ${kindOf(st)}; give a file path to write`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(e, path, 'write');
  }
  const parent = dirname(path);
  try {
    if (!statSync(parent).isDirectory())
      throw new InputError('E_NOT_FILE', path, `cannot write: ${parent} is not a folder`);
    accessSync(parent, constants.W_OK);
  } catch (e) {
    throw fsError(e, path, 'write');
  }
}

/** Makes a folder (and its parents) to write into; a file in the way is `E_NOT_FILE`, other failures `E_READ`. */
export function ensureFolder(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR')
      throw new InputError('E_NOT_FILE', path, 'is a file (or has a file in its path); give a folder');
    throw fsError(e, path, 'write');
  }
}

/** An input error as `file:line:col: CODE reason` (the place, then the code, then why), the reason in `locale`. */
export function formatInputError(e: InputError, locale: Locale = 'en'): string {
  const at = e.position ? `${e.file}:${e.position.line}:${e.position.col}` : e.file;
  return `${at}: ${e.code} ${inputReason(e, locale)}`;
}

/**
 * An error as the lines to print on stderr: each line names the command, the place (file:line:col when known)
 * and the error's stable code. `file` names the input a path-less error came from (an observation file).
 * Observation and input errors are worded in `locale`. Undefined for what is not a `DaozeError` (a bug).
 */
export function errorLines(e: unknown, command: string, file?: string, locale: Locale = 'en'): string[] | undefined {
  const prefix = `daoze ${command}: `;
  if (e instanceof InputError) return [`${prefix}${formatInputError(e, locale)}`];
  if (e instanceof StandardError) {
    return [
      ...e.diagnostics.map(formatDiagnostic),
      color.red(`\n${prefix}E_STANDARD ${e.diagnostics.length} problem(s) in the standards; run daoze validate.`),
    ];
  }
  if (e instanceof ObservationError) {
    const w = ERROR_WORDS[locale];
    const lines = [`${prefix}${file ? `${file}: ` : ''}E_OBSERVATION ${w.invalidObservation}`];
    for (const i of e.issues) {
      const list = Array.isArray(i.allowed) ? i.allowed.join(', ') : i.allowed;
      const allowed = list ? `\n    ${w.allowed}: ${list}` : '';
      lines.push(
        `  ${i.path || w.observation}: ${observationMessage(i.code, i.message, locale)} (${i.code})${allowed}`,
      );
    }
    return lines;
  }
  if (e instanceof UsageError) return [`${prefix}${usageMessage(e, locale)} (${e.code})`];
  if (e instanceof KeyError) return [`${prefix}${e.file}: ${e.code} ${engineMessage(e.code, keyReason(e), locale)}`];
  if (e instanceof DaozeError)
    return [`${prefix}${file ? `${file}: ` : ''}${e.code} ${engineMessage(e.code, e.message, locale)}`];
  return undefined;
}

/** The JSON form of an error, as `--format json` prints it: `{ "error": { code, message, … } }`. */
export interface ErrorObject {
  error: {
    code: string;
    message: string;
    file?: string;
    path?: string;
    position?: { line: number; col: number; offset: number };
    /** For `E_DUPLICATE_KEY`, where the key first appeared. */
    first?: { line: number; col: number; offset: number };
    allowed?: readonly unknown[] | string;
    /** Every problem of an invalid observation or standard. */
    issues?: {
      code: string;
      message: string;
      path: string;
      file?: string;
      position?: { line: number; col: number };
      value?: unknown;
      allowed?: readonly unknown[] | string;
    }[];
    /** For `E_USAGE`, the command's usage. */
    usage?: string;
  };
}

// A value the user gave, carried into JSON only when it is plain data (the engine already bounded it).
function plain(v: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(v)) as unknown;
  } catch {
    return preview(v);
  }
}

/**
 * An error as one JSON object, its messages in `locale`. `file` names the input a path-less error came from.
 * Undefined for what is not a `DaozeError` or `UsageError` (a bug).
 */
export function errorObject(e: unknown, file?: string, locale: Locale = 'en', usage?: string): ErrorObject | undefined {
  if (e instanceof InputError) {
    return {
      error: {
        code: e.code,
        message: inputReason(e, locale),
        file: e.file,
        ...(e.path !== undefined ? { path: e.path } : {}),
        ...(e.position ? { position: { line: e.position.line, col: e.position.col, offset: e.position.offset } } : {}),
        ...(e.first ? { first: { line: e.first.line, col: e.first.col, offset: e.first.offset } } : {}),
      },
    };
  }
  if (e instanceof ObservationError) {
    const issues = e.issues.map((i) => ({
      code: i.code,
      message: observationMessage(i.code, i.message, locale),
      path: i.path,
      ...(i.value !== undefined ? { value: plain(i.value) } : {}),
      ...(i.allowed !== undefined ? { allowed: i.allowed } : {}),
    }));
    const one = e.issues.length === 1 ? e.issues[0]! : undefined;
    return {
      error: {
        code: e.code,
        message: `${ERROR_WORDS[locale].invalidObservation} ${issues.map((i) => `${i.path || ERROR_WORDS[locale].observation}: ${i.message}`).join('; ')}`,
        ...(file ? { file } : {}),
        ...(one ? { path: one.path } : {}),
        ...(one?.allowed !== undefined ? { allowed: one.allowed } : {}),
        issues,
      },
    };
  }
  if (e instanceof StandardError) {
    return {
      error: {
        code: e.code,
        message: `${e.diagnostics.length} problem(s) in the standards; run daoze validate.`,
        issues: e.diagnostics.map((d) => ({
          code: d.code,
          message: d.message,
          path: d.location.path,
          file: d.location.file,
          ...(d.location.line !== undefined ? { position: { line: d.location.line, col: d.location.col ?? 1 } } : {}),
          ...(d.value !== undefined ? { value: plain(d.value) } : {}),
          ...(d.allowed !== undefined ? { allowed: d.allowed } : {}),
        })),
      },
    };
  }
  if (e instanceof UsageError)
    return { error: { code: e.code, message: usageMessage(e, locale), ...(usage ? { usage } : {}) } };
  if (e instanceof KeyError)
    return { error: { code: e.code, message: engineMessage(e.code, keyReason(e), locale), file: e.file } };
  if (e instanceof DaozeError)
    return { error: { code: e.code, message: engineMessage(e.code, e.message, locale), ...(file ? { file } : {}) } };
  return undefined;
}

/** Writes a line to stdout. */
export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Writes a line to stderr. */
export function err(line = ''): void {
  process.stderr.write(`${line}\n`);
}
