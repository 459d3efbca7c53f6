/** Reading and writing verdict records and recorded inspections for `check --record`, `verify`, `explain`, `diff --replay`. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { VerdictRecord } from '../../audit/record.js';
import { formatJsonPath, jsonPathAt, jsonSyntaxError, type JsonPath } from '../../audit/json-diff.js';
import { parseYamlText } from '../../load/yaml.js';
import { InputError, MAX_JSON_BYTES } from '../io.js';

/** One JSON document read from a file: a whole `.json` file, or one line of an `.ndjson` file. */
export interface AuditInput {
  /** `file` or `file:line`, for messages. */
  label: string;
  value?: unknown;
  /** Why it could not be read, positioned and naming the field the text broke in. */
  error?: string;
  /** Line and column of a path in the document, when known. */
  locate(path: JsonPath): { line: number; col: number } | undefined;
}

/** Whether a file holds one JSON document per line. */
export function isNdjson(path: string): boolean {
  return /\.(nd)?jsonl?$/.test(path) && !path.endsWith('.json');
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

function parseOne(text: string, label: string, lineOffset: number): AuditInput {
  try {
    const value = JSON.parse(text) as unknown;
    let parsed: ReturnType<typeof parseYamlText>['parsed'];
    return {
      label,
      value,
      // JSON is YAML, so the YAML locator gives positions of fields; parsed lazily, only to report a difference.
      locate(path) {
        parsed ??= parseYamlText(text, label).parsed;
        const p = parsed?.locate(path);
        return p ? { line: p.line + lineOffset, col: p.col } : undefined;
      },
    };
  } catch (e) {
    const offset = jsonSyntaxError(text)?.offset ?? text.length;
    const { line, col } = lineCol(text, offset);
    const path = jsonPathAt(text, offset);
    const where = path.length ? ` inside ${formatJsonPath(path)}` : '';
    return {
      label,
      error: `${label.replace(/:\d+$/, '')}:${line + lineOffset}:${col} not valid JSON${where} (${(e as Error).message.split('\n')[0]})`,
      locate: () => undefined,
    };
  }
}

/** Reads a `.json` file (one document, or an array of them) or an `.ndjson` file (one document per line). */
export function readAuditInputs(path: string): AuditInput[] {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new InputError(`${path}: no such file`);
  }
  if (size > MAX_JSON_BYTES * 10) throw new InputError(`${path}: file is larger than ${MAX_JSON_BYTES * 10} bytes`);
  const text = readFileSync(path, 'utf8');
  if (isNdjson(path)) {
    return text
      .split('\n')
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, i }) => parseOne(line, `${path}:${i + 1}`, i));
  }
  const one = parseOne(text, path, 0);
  if (Array.isArray(one.value)) return one.value.map((value, i) => ({ label: `${path}[${i}]`, value, locate: () => undefined }));
  return [one];
}

/** Writes records: one pretty-printed JSON document, or NDJSON (one record per line) for `.ndjson` paths and for several records. */
export function writeRecords(path: string, records: readonly VerdictRecord[]): void {
  if (records.length === 1 && !isNdjson(path)) writeFileSync(path, `${JSON.stringify(records[0], null, 2)}\n`);
  else if (isNdjson(path)) writeFileSync(path, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  else throw new InputError(`${path}: ${records.length} records need an .ndjson file (one record per line)`);
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
