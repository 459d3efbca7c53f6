/**
 * Evaluates one chunk of NDJSON lines and formats the results: the unit of work of a batch, run the same way
 * in the main thread and in worker threads. A bad line (not JSON, not a valid observation, an unknown
 * standard) is reported with its line number, its code and a message in the batch's locale — a malformed one
 * with a short safe preview of its text — and skipped; with `strict` the chunk stops at it.
 */
import { DaozeError, InputError, linePreview, ObservationError, type LinePreview } from '../errors.js';
import { engineMessage, ERROR_WORDS, inputMessage, observationMessage } from '../messages/index.js';
import { decodeUtf8, parseJson } from '../input/index.js';
import type { Locale, Outcome } from '../model/edition.js';
import type { Registry } from '../registry.js';
import { dayOf, resolveEdition } from '../model/in-force.js';
import { CSV_EOL, csvRow, record } from './format.js';
import { summarise, type VerdictSummary } from './summary.js';
import { batchWords } from './words.js';

/** How a batch writes each verdict. */
export type BatchOutput = 'record' | 'verdict' | 'csv';

/** Options that every chunk of a batch shares. */
export interface ChunkOptions {
  output: BatchOutput;
  locale: Locale;
  /** Traces in full verdicts (`output: 'verdict'` only). */
  trace: boolean;
  evaluatedAt?: string;
  /** City profile to evaluate under (`--profile`), as `id@version` or a bare id. */
  profile?: string;
  strict: boolean;
  /**
   * Write a bad line's error as a JSON record in its place in the output (`--format json`): `{ line, error }`,
   * the error as `daoze check --format json` gives it. Otherwise bad lines are reported on stderr only.
   */
  errorRecords?: boolean;
}

/** A line that could not be evaluated. */
export interface BadLine {
  line: number;
  /** Column (1-based; for `E_ENCODING`, characters before the bad byte plus one), when the problem has one. */
  col?: number;
  /** The error's stable code (`E_JSON`, `E_DUPLICATE_KEY`, `E_DEPTH`, `E_ENCODING`, `E_OBSERVATION`, …). */
  code: string;
  /** What is wrong, in the batch's locale. */
  message: string;
  /** For a line that is not JSON: a short safe piece of its text around the problem (see `linePreview`). */
  preview?: LinePreview;
}

/** A bad line as a record of the output (`--format json`): its line, and the error as `check --format json` gives it. */
export interface BatchErrorRecord {
  line: number;
  error: { code: string; message: string; position?: { line: number; col: number }; preview?: string };
}

/** The JSON record of a bad line. */
export function errorRecord(b: BadLine): BatchErrorRecord {
  return {
    line: b.line,
    error: {
      code: b.code,
      message: b.message,
      ...(b.col !== undefined ? { position: { line: b.line, col: b.col } } : {}),
      ...(b.preview ? { preview: b.preview.text } : {}),
    },
  };
}

/** What a chunk produced. */
export interface ChunkResult {
  /** Output lines, each ending in a newline, in input order. */
  text: string;
  /** Lines consumed (evaluated, bad or blank). */
  lines: number;
  evaluated: number;
  outcomes: Record<Outcome, number>;
  /** Failed clauses: `[edition ref, clause id, label, count]`. */
  failed: [string, string, string, number][];
  bad: BadLine[];
  /** True when `strict` stopped the chunk at a bad line (the last entry of `bad`). */
  stopped: boolean;
}

// A bad line as reported: the code, where in the line, and why (without the file prefix an InputError carries),
// in `locale`. `text` is the line's text when it was decoded: a line the JSON reader refused is previewed.
function badLine(e: unknown, line: number, locale: Locale, text: string | undefined): BadLine | undefined {
  if (e instanceof InputError) {
    const preview = text !== undefined ? linePreview(text, e.position?.offset ?? 0) : undefined;
    return {
      line,
      ...(e.position ? { col: e.position.col } : {}),
      code: e.code,
      message: inputMessage(e.code, e.reason, locale),
      ...(preview ? { preview } : {}),
    };
  }
  if (e instanceof ObservationError) {
    const w = ERROR_WORDS[locale];
    return {
      line,
      code: e.code,
      message: e.issues
        .map((i) => `${i.path || w.observation}: ${observationMessage(i.code, i.message, locale)}`)
        .join(batchWords(locale).issueSep),
    };
  }
  if (e instanceof DaozeError) return { line, code: e.code, message: engineMessage(e.code, e.message, locale) };
  return undefined;
}

// `ignoreBOM`: a BOM is dropped only at the start of the stream (below), never silently at a chunk's start.
const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The lines of a chunk as text, each decoded strictly: a line that is not UTF-8 is an `E_ENCODING` error of its
 * own, naming the byte offset in the line, and the others are unaffected. The whole chunk is decoded in one
 * call first; only a chunk with a bad byte is split and decoded line by line. (UTF-8 never uses the byte 0x0a
 * inside a character, so splitting bytes and splitting text at newlines give the same lines.)
 */
function decodeLines(bytes: Uint8Array, firstLine: number): (string | InputError)[] {
  let lines: (string | InputError)[];
  try {
    lines = STRICT.decode(bytes).split('\n');
  } catch {
    lines = [];
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      const line = bytes.subarray(start, i);
      try {
        lines.push(STRICT.decode(line));
      } catch (e) {
        let error: unknown = e;
        try {
          decodeUtf8(line, `line ${firstLine + lines.length}`);
        } catch (positioned) {
          error = positioned;
        }
        lines.push(
          error instanceof InputError
            ? error
            : new InputError('E_ENCODING', `line ${firstLine + lines.length}`, 'not valid UTF-8'),
        );
      }
      start = i + 1;
    }
  }
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop(); // the newline ending the last line
  return lines;
}

/**
 * A record needs no messages or citations: summarise without building them, when the observation is one the
 * summary covers — no profile, and an edition resolved exactly as `Registry.evaluate` resolves it (a bare id by
 * the day of `observedAt`). Anything else takes the registry's full path, which also gives the same errors for
 * a bad line. test/batch/batch.test.ts holds the two paths to the same records.
 */
function lean(
  registry: Registry,
  obs: unknown,
  options: { locale: Locale; evaluatedAt?: string; profile?: string },
): VerdictSummary {
  if (options.profile === undefined && typeof obs === 'object' && obs !== null && !Array.isArray(obs)) {
    const o = obs as { standard?: unknown; profile?: unknown; observedAt?: unknown };
    if (typeof o.standard === 'string' && o.profile === undefined) {
      const day = o.standard.includes('@') ? undefined : dayOf(o.observedAt);
      const ed = resolveEdition(registry.editions, o.standard, day);
      if (ed) return summarise(ed, obs, options);
    }
  }
  return registry.evaluate(obs, { ...options, trace: false });
}

/** Evaluates the lines of a chunk (bytes as cut by `lineChunks`) against a registry. */
export function evaluateChunk(
  registry: Registry,
  bytes: Uint8Array,
  firstLine: number,
  options: ChunkOptions,
): ChunkResult {
  const lines = decodeLines(bytes, firstLine);
  const out: string[] = [];
  const outcomes: Record<Outcome, number> = { pass: 0, fail: 0, indeterminate: 0, not_applicable: 0 };
  const failed = new Map<string, [string, string, string, number]>();
  const bad: BadLine[] = [];
  let evaluated = 0;
  let consumed = 0;
  let stopped = false;
  const evalOptions = {
    locale: options.locale,
    trace: options.output === 'verdict' && options.trace,
    ...(options.evaluatedAt ? { evaluatedAt: options.evaluatedAt } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  };
  const full = options.output === 'verdict';
  for (let i = 0; i < lines.length; i++) {
    const n = firstLine + i;
    consumed++;
    const decoded = lines[i]!;
    let verdict: VerdictSummary;
    // The line's text as parsed, for the preview of a line that is not JSON.
    let parsing: string | undefined;
    try {
      if (typeof decoded !== 'string') throw decoded;
      let s = decoded;
      if (s.endsWith('\r')) s = s.slice(0, -1);
      if (n === 1 && s.charCodeAt(0) === 0xfeff) s = s.slice(1); // a byte-order mark at the start of the stream
      if (s.trim() === '') continue;
      // Strict JSON in one iterative pass (duplicate keys, depth, syntax) before anything walks the value, so
      // a line nested 10⁵ deep is this line's E_DEPTH, not a stack overflow that ends the batch.
      parsing = s;
      const obs = parseJson(s, 'line', { firstLine: n });
      parsing = undefined;
      verdict = full ? registry.evaluate(obs, evalOptions) : lean(registry, obs, evalOptions);
    } catch (e) {
      const b = badLine(e, n, options.locale, parsing);
      if (b === undefined) throw e; // a bug, not bad input: let it surface
      bad.push(b);
      if (options.errorRecords) out.push(JSON.stringify(errorRecord(b)));
      if (options.strict) {
        stopped = true;
        break;
      }
      continue;
    }
    evaluated++;
    outcomes[verdict.outcome]++;
    for (const c of verdict.clauses) {
      if (c.outcome !== 'fail' || !c.counts) continue;
      const key = `${verdict.standard.ref}\u0000${c.clause}`;
      const f = failed.get(key);
      if (f) f[3]++;
      else failed.set(key, [verdict.standard.ref, c.clause, c.label, 1]);
    }
    if (full) out.push(JSON.stringify(verdict));
    else if (options.output === 'csv') out.push(csvRow(n, verdict, options.locale));
    else out.push(JSON.stringify(record(n, verdict)));
  }
  // CSV records end with CRLF (RFC 4180, as Excel writes them); NDJSON lines with LF.
  const eol = options.output === 'csv' ? CSV_EOL : '\n';
  return {
    text: out.length ? `${out.join(eol)}${eol}` : '',
    lines: consumed,
    evaluated,
    outcomes,
    failed: [...failed.values()],
    bad,
    stopped,
  };
}
