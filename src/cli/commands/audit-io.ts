/** Reading and writing verdict records and recorded inspections for `check --record`, `verify`, `explain`, `diff --replay`. */
import { MAX_RECORD_DEPTH, type VerdictRecord } from '../../audit/record.js';
import { formatJsonPath, jsonPathAt, type JsonPath } from '../../audit/json-diff.js';
import { InputError } from '../../errors.js';
import { parseJson } from '../../input/index.js';
import type { ParsedText } from '../../load/document.js';
import { readers } from '../lazy.js';
import { CliInputError, inputLabel, MAX_JSON_BYTES, readTextFile, writeFileAtomic } from '../io.js';

/** One JSON document read from a file: a whole `.json` file, or one line of an `.ndjson` file. */
export interface AuditInput {
  /** `file` or `file:line`, for messages. */
  label: string;
  value?: unknown;
  /** Why it could not be read: a typed error, positioned and naming the field the text broke in. */
  error?: InputError;
  /** Line and column of a path in the document, when known: a position in the file (`file:line:col`), not in `label`. */
  locate(path: JsonPath): { line: number; col: number } | undefined;
  /** The file the document is in, as positions name it. */
  file: string;
}

/** Whether a file holds one JSON document per line. */
export function isNdjson(path: string): boolean {
  return /\.(nd)?jsonl?$/.test(path) && !path.endsWith('.json');
}

/** Largest record file read: records are larger than observations, and an NDJSON file holds many. */
export const MAX_AUDIT_BYTES = MAX_JSON_BYTES * 10;

function parseOne(text: string, file: string, label: string, lineOffset: number): AuditInput {
  try {
    const value = parseJson(text, file, { firstLine: lineOffset + 1, maxDepth: MAX_RECORD_DEPTH });
    let parsed: ParsedText | undefined;
    return {
      label,
      file,
      value,
      // JSON is YAML, so the YAML locator gives positions of fields; parsed lazily, only to report a difference.
      locate(path) {
        parsed ??= readers().parseYamlText(text, label).parsed;
        const p = parsed?.locate(path);
        return p ? { line: p.line + lineOffset, col: p.col } : undefined;
      },
    };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // Name the field a syntax error fell in: a broken record is easier to mend knowing where in it.
    let error = e;
    if (e.code === 'E_JSON' && e.position) {
      // Only the text before the error decides the path; the rest may be nested deeper than any walk should go.
      const path = jsonPathAt(text.slice(0, e.position.offset + 1), e.position.offset);
      if (path.length) {
        error = new InputError(
          'E_JSON',
          e.file,
          `${e.reason.replace(/^not valid JSON/, `not valid JSON inside ${formatJsonPath(path)}`)}`,
          { position: e.position },
        );
      }
    }
    return { label, file, error, locate: () => undefined };
  }
}

/**
 * Reads a `.json` file (one document, or an array of them) or an `.ndjson` file (one document per line), with
 * the CLI's safe reader (regular files only, strict UTF-8, a size cap). A file that cannot be read throws a
 * typed `InputError`; a document that is not strict JSON (syntax, duplicate keys, depth) is returned with its
 * `error`, so that the other lines of an NDJSON file are still read.
 */
export function readAuditInputs(path: string): AuditInput[] {
  const text = readTextFile(path, MAX_AUDIT_BYTES);
  const file = inputLabel(path);
  if (isNdjson(path)) {
    return text
      .split('\n')
      .map((line, i) => ({ line: line.endsWith('\r') ? line.slice(0, -1) : line, i }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, i }) => parseOne(line, file, `${file}:${i + 1}`, i));
  }
  const one = parseOne(text, file, file, 0);
  if (Array.isArray(one.value))
    return one.value.map((value, i) => ({ label: `${file}[${i}]`, file, value, locate: () => undefined }));
  return [one];
}

/**
 * Writes records: one pretty-printed JSON document, or NDJSON (one record per line) for `.ndjson` paths and for
 * several records. Written whole or not at all (`writeFileAtomic`).
 */
export function writeRecords(path: string, records: readonly VerdictRecord[]): void {
  if (records.length === 1 && !isNdjson(path)) writeFileAtomic(path, `${JSON.stringify(records[0], null, 2)}\n`);
  else if (isNdjson(path)) writeFileAtomic(path, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  else throw new CliInputError('E_NOT_FILE', path, 'input.recordsNeedNdjson', { n: records.length });
}

/**
 * The current time with the machine's UTC offset (`2026-11-20T10:00:00+08:00`). Only the CLI reads the clock;
 * the engine takes the evaluation time as an input.
 */
export function localNow(now = new Date()): string {
  const off = -now.getTimezoneOffset();
  const local = new Date(now.getTime() + off * 60_000).toISOString().slice(0, 19);
  const sign = off >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, '0');
  const mm = String(Math.abs(off) % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
