/**
 * Positioned diagnostics for a file being loaded: where a path in it is (its dotted path, with line and column
 * when the file was read from text) and the `report` closure the checks call, built one way for every check.
 */
import type { Diagnostic, DiagnosticCode } from '../errors.js';
import { formatPath, type DocPath, type ParsedText } from './document.js';

/** Reports one problem at a path; `key` points at the key of the entry rather than its value. */
export type Report = (
  code: DiagnosticCode,
  path: DocPath,
  message: string,
  extra?: Partial<Diagnostic>,
  key?: boolean,
) => void;

/** The file a problem is in: its name as shown, and a locator of paths when it was read from text. */
export interface Where {
  file: string;
  locate?: ParsedText['locate'] | undefined;
}

/** The location of a path in a file: the file, the path as `a.b[2]`, and its line and column when they are known. */
export function locationOf(where: Where, path: DocPath, key = false): Diagnostic['location'] {
  const pos = where.locate?.(path, key);
  return { file: where.file, path: formatPath(path), ...(pos ? { line: pos.line, col: pos.col } : {}) };
}

/**
 * A `Report` that appends each problem to `out`, located in `where`.
 *
 * @example
 * ```ts
 * const out: Diagnostic[] = [];
 * const report = reporter(parsed, out);
 * report('E_ID_MISMATCH', ['id'], 'id must equal the folder name "san-duan"', { value: spec.id });
 * ```
 */
export function reporter(where: Where, out: Diagnostic[]): Report {
  return (code, path, message, extra = {}, key = false) => {
    out.push({ code, message, location: locationOf(where, path, key), ...extra });
  };
}
