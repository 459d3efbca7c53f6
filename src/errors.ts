/**
 * The engine's typed errors. Everything the engine throws on bad input is one of these, with a stable `code`,
 * so callers can tell an author's mistake from an inspector's from a bug.
 */

/** Where in a source document something is: the file, the JSON path inside it and, when known, line and column (1-based). */
export interface SourceLocation {
  /** File name or other label of the document (`standards/san-duan/1.0.0.yaml`, `<observation>`). */
  file: string;
  /** Path inside the document, as dotted segments (`groups[0].clauses[2].check.all[1].operator`). */
  path: string;
  /** 1-based line, when the document was parsed from text. */
  line?: number;
  /** 1-based column, when the document was parsed from text. */
  col?: number;
}

/** Codes of problems found in a standard edition or profile (authoring errors). */
export type DiagnosticCode =
  | 'E_YAML'
  | 'E_SCHEMA'
  | 'E_UNKNOWN_FACT'
  | 'E_UNKNOWN_PARAM'
  | 'E_UNKNOWN_OPERATOR'
  | 'E_OPERATOR_TYPE'
  | 'E_DUPLICATE_ID'
  | 'E_PLACEHOLDER'
  | 'E_FACT_SPEC'
  | 'E_ID_MISMATCH'
  | 'E_PROVISIONAL'
  | 'E_SOURCE'
  | 'E_CASE'
  | 'E_LIMIT'
  | 'E_REFERENCE'
  | 'E_EFFECTIVE_OVERLAP'
  | 'E_PUBLISHED_CHANGED'
  | 'E_LOCK'
  /** A standard or profile file that is not UTF-8 (the byte offset is the diagnostic's value). */
  | 'E_ENCODING'
  /** A standard or profile path that is not a regular file (a FIFO, socket or device). */
  | 'E_NOT_FILE'
  /** A standard or profile file that cannot be read (a dangling symlink, a loop, permissions). */
  | 'E_READ'
  /** House rule (a warning; an error under `--strict`): a clause that cites no task of the plan, no national standard and not the plan's goals. */
  | 'W_CITATION'
  /** House rule: a clause that no case makes pass, fail, indeterminate or (with `appliesWhen`) not apply. */
  | 'W_CASE_COVERAGE'
  /** House rule: a standard's generated page (docs/standards/<id>.md) is missing or not what `daoze doc` writes. */
  | 'W_PAGE';

/** One problem found in a standard, positioned, with what was found and what is allowed. */
export interface Diagnostic {
  code: DiagnosticCode;
  /** One sentence, in English, saying what is wrong. */
  message: string;
  location: SourceLocation;
  /** The offending value, when there is one. */
  value?: unknown;
  /** What would have been accepted, when that can be listed. */
  allowed?: readonly unknown[] | string;
  /** `warning` for a house rule (the edition is still valid; `--strict` makes it an error); absent for an error. */
  severity?: 'warning';
}

/**
 * The brand every Daoze error carries, in the global symbol registry so that every copy of the engine shares it:
 * `daoze` and `daoze/sdk` are built separately (the SDK must not share chunks that load the YAML parser), the ESM
 * and CommonJS builds are separate files, and an app may bundle or install more than one copy.
 */
const DAOZE_ERROR = Symbol.for('daoze.error');

/**
 * Whether a value is an error thrown on purpose by any copy of Daoze (`daoze`, `daoze/node`, `daoze/sdk`, ESM or
 * CommonJS, any version from this one on), by its brand rather than by class identity. Then `e.code` is its stable code.
 *
 * @example
 * ```ts
 * import { isDaozeError } from 'daoze';
 * try { checklist.answer('ammonia-mg-m3', 5000); }          // a ChecklistError from daoze/sdk
 * catch (e) { if (isDaozeError(e)) console.error(e.code); else throw e; }
 * ```
 */
export function isDaozeError(value: unknown): value is DaozeError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DAOZE_ERROR] === true;
}

/**
 * Base class of every error the engine throws on purpose. `e instanceof DaozeError` holds for an error from any
 * copy of Daoze (it tests the brand, as {@link isDaozeError} does); `instanceof` a subclass still tests that class.
 */
export class DaozeError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'DaozeError';
    this.code = code;
  }

  /** The brand, on the prototype (a class getter: not enumerable, not in JSON or spreads, kept by any tree-shaker). */
  get [DAOZE_ERROR](): true {
    return true;
  }

  /** The brand test for `DaozeError` itself; the ordinary prototype test for its subclasses, which inherit this. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return this === DaozeError ? isDaozeError(value) : Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/** A standard edition (or profile) is invalid; carries every problem found, not only the first. */
export class StandardError extends DaozeError {
  /** All problems found, in document order. */
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super('E_STANDARD', formatDiagnostics(diagnostics));
    this.name = 'StandardError';
    this.diagnostics = diagnostics;
  }
}

/** One problem with an observation, naming the fact (or field) and why. */
export interface ObservationIssue {
  code:
    | 'E_UNKNOWN_FACT'
    | 'E_FACT_TYPE'
    | 'E_FACT_RANGE'
    | 'E_FACT_CHOICE'
    | 'E_HOSTILE_KEY'
    | 'E_SHAPE'
    | 'E_STANDARD_REF'
    | 'E_UNKNOWN_KIND'
    | 'E_DUPLICATE_ID'
    | 'E_LIMIT';
  /** Path inside the observation (`facts.ammonia-mg-m3`). */
  path: string;
  message: string;
  value?: unknown;
  allowed?: readonly unknown[] | string;
}

/** An observation does not fit the standard's fact catalogue or the observation format. */
export class ObservationError extends DaozeError {
  /** Every problem found. */
  readonly issues: readonly ObservationIssue[];
  constructor(issues: readonly ObservationIssue[]) {
    super('E_OBSERVATION', issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.name = 'ObservationError';
    this.issues = issues;
  }
}

/** A standard or edition that was asked for is not in the registry. */
export class NotFoundError extends DaozeError {
  constructor(message: string) {
    super('E_NOT_FOUND', message);
    this.name = 'NotFoundError';
  }
}

/** Codes of problems with input text or files, before any standard or observation rule is applied. */
export type InputErrorCode =
  /** Not valid JSON (syntax). */
  | 'E_JSON'
  /** The same key twice in one JSON object: the reader cannot know which one the writer meant. */
  | 'E_DUPLICATE_KEY'
  /** Values nested deeper than the reader accepts. */
  | 'E_DEPTH'
  /** Bytes that are not UTF-8. */
  | 'E_ENCODING'
  /** Larger than the reader accepts. */
  | 'E_TOO_LARGE'
  /** The path is not a regular file (a folder, a FIFO, a device) where a file was expected, or the reverse. */
  | 'E_NOT_FILE'
  /** The path does not exist. */
  | 'E_NO_SUCH_FILE'
  /** The file exists but cannot be read or written (permissions, a symlink loop, an I/O error). */
  | 'E_READ'
  /** A value of a kind the reader cannot carry (BigInt, a function, a cycle, a non-finite number). */
  | 'E_VALUE';

/** Where in a text a problem is: byte or character offset and 1-based line and column. */
export interface TextPosition {
  /** 0-based offset: characters for text, bytes for `E_ENCODING`. */
  offset: number;
  line: number;
  col: number;
}

/**
 * Input that cannot be read as what it claims to be: a missing or special file, bytes that are not UTF-8,
 * malformed or duplicate-keyed JSON, values nested too deeply. Names the file and, for text, where.
 */
export class InputError extends DaozeError {
  /** The file (or label, such as `<stdin>` or `<observation>`) the input came from. */
  readonly file: string;
  /** Where in the text, when the problem has a position. */
  readonly position?: TextPosition;
  /** A second position: for `E_DUPLICATE_KEY`, where the key first appeared. */
  readonly first?: TextPosition;
  /** JSON path of the problem inside the document, when known (`facts.ammonia-mg-m3`). */
  readonly path?: string;
  constructor(
    code: InputErrorCode,
    file: string,
    message: string,
    where: { position?: TextPosition; first?: TextPosition; path?: string } = {},
  ) {
    const at = where.position ? `${file}:${where.position.line}:${where.position.col}` : file;
    super(code, `${at}: ${message}`);
    this.name = 'InputError';
    this.file = file;
    if (where.position) this.position = where.position;
    if (where.first) this.first = where.first;
    if (where.path !== undefined) this.path = where.path;
  }
  /** The problem without the file prefix. */
  get reason(): string {
    const i = this.message.indexOf(': ');
    return i < 0 ? this.message : this.message.slice(i + 2);
  }
}

/** Formats one diagnostic the way compilers do: `file:line:col  CODE  path: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const { file, line, col, path } = d.location;
  const where = line !== undefined ? `${file}:${line}:${col ?? 1}` : file;
  let text = `${where}  ${d.severity === 'warning' ? 'warning ' : ''}${d.code}\n  ${path || '(document)'}: ${d.message}`;
  if (d.value !== undefined) text += `\n    found: ${preview(d.value)}`;
  if (d.allowed !== undefined) {
    text += `\n    allowed: ${typeof d.allowed === 'string' ? d.allowed : d.allowed.map((a) => preview(a)).join(', ')}`;
  }
  return text;
}

/** Formats a list of diagnostics, one block each. */
export function formatDiagnostics(ds: readonly Diagnostic[]): string {
  return ds.map(formatDiagnostic).join('\n');
}

/**
 * A short, safe rendering of any value for an error message. Never throws and never recurses deeper than a
 * few levels, whatever the value (deeply nested, cyclic, BigInt, a proxy, an object whose `toString` throws):
 * an error message must not fail while describing bad input.
 */
export function preview(value: unknown): string {
  let s: string;
  try {
    s = shallow(value, 3);
  } catch {
    s = `[${typeof value}]`;
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

// Renders at most `depth` levels and about 100 characters of each level; deeper parts show as `…`.
function shallow(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v.length > 100 ? `${v.slice(0, 100)}…` : v);
    case 'number':
      return Number.isFinite(v) ? String(v) : String(v);
    case 'boolean':
      return String(v);
    case 'bigint':
      return `${v}n`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return '[function]';
    case 'symbol':
      return '[symbol]';
  }
  if (v === null) return 'null';
  if (depth === 0) return Array.isArray(v) ? '[…]' : '{…}';
  if (Array.isArray(v)) {
    const parts: string[] = [];
    for (let i = 0; i < v.length && i < 5; i++) parts.push(shallow(v[i], depth - 1));
    if (v.length > 5) parts.push('…');
    return `[${parts.join(',')}]`;
  }
  const parts: string[] = [];
  let n = 0;
  for (const k of Object.keys(v as object)) {
    if (n++ === 5) {
      parts.push('…');
      break;
    }
    parts.push(`${JSON.stringify(k)}:${shallow((v as Record<string, unknown>)[k], depth - 1)}`);
  }
  return `{${parts.join(',')}}`;
}

/** A short piece of one line of text, safe to print, and where in it a position falls. */
export interface LinePreview {
  /** At most about `width` characters of the line around the position, `…` where it was cut, every control character escaped. */
  text: string;
  /** How many terminal columns of `text` come before the position (for a `^` under it). */
  caret: number;
}

// Characters never printed raw: C0 and C1 controls, DEL, bidirectional overrides and isolates (which reorder what
// follows them on a terminal), line and paragraph separators, the byte-order mark, and lone surrogates.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Terminal columns of one character: 2 for the wide ranges of East Asian scripts and emoji, else 1.
function cells(ch: string): number {
  const c = ch.codePointAt(0)!;
  return (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x1f300
    ? 2
    : 1;
}

/**
 * A preview of a line of input around `offset` (0-based, in UTF-16 units), for an error message: the line itself
 * when it is short, else `width` characters around the offset with `…` at each cut; a control character,
 * bidirectional override, separator or lone surrogate is shown as its `\uXXXX` escape (a tab as `\t`), so that
 * printing the preview can neither move the cursor, colour the terminal nor reorder the text. Never splits a
 * surrogate pair.
 */
export function linePreview(line: string, offset: number, width = 60): LinePreview {
  const at = Math.max(0, Math.min(offset, line.length));
  let start = 0;
  let end = line.length;
  if (line.length > width) {
    start = Math.max(0, at - Math.floor(width / 2));
    end = Math.min(line.length, start + width);
    start = Math.max(0, end - width);
    // Not inside a surrogate pair at either cut.
    if (start > 0 && /[\udc00-\udfff]/.test(line[start]!) && /[\ud800-\udbff]/.test(line[start - 1]!)) start++;
    if (end < line.length && /[\udc00-\udfff]/.test(line[end]!) && /[\ud800-\udbff]/.test(line[end - 1]!)) end++;
  }
  let text = start > 0 ? '…' : '';
  let caret = text.length;
  for (let i = start; i < end;) {
    const cp = line.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const unit = cp > 0xffff && i + 1 < end ? ch : line[i]!;
    const shown =
      unit === '\t' ? '\\t' : UNSAFE.test(unit) ? `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}` : unit;
    if (i < at) caret += shown === unit ? cells(unit) : shown.length;
    text += shown;
    i += unit.length;
  }
  if (end < line.length) text += '…';
  return { text, caret };
}
