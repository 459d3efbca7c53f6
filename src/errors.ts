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
  | 'E_LOCK';

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
}

/** Base class of every error the engine throws on purpose. */
export class DaozeError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'DaozeError';
    this.code = code;
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

/** Formats one diagnostic the way compilers do: `file:line:col  CODE  path: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const { file, line, col, path } = d.location;
  const where = line !== undefined ? `${file}:${line}:${col ?? 1}` : file;
  let text = `${where}  ${d.code}\n  ${path || '(document)'}: ${d.message}`;
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

/** A short, safe rendering of any value for an error message. */
export function preview(value: unknown): string {
  let s: string;
  try {
    s = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
