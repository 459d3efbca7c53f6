/**
 * Strict JSON: RFC 8259 text to a value, refusing what `JSON.parse` lets through silently. A key that
 * appears twice in one object is `E_DUPLICATE_KEY` naming both positions (`JSON.parse` keeps the last, so
 * `"ammonia": 1.5, "ammonia": 0.5` would read as 0.5); nesting deeper than `maxDepth` is `E_DEPTH` before
 * anything recurses; a syntax error is `E_JSON` with line, column and what was expected. Pure and
 * browser-safe: the SDK reads bundles and saved sessions with it too.
 *
 * The checks run over jsonc-parser's scanner (the tokenizer of VS Code) in one iterative pass, so a line
 * nested 10⁵ deep costs one loop, not a stack overflow; the value itself is then built by `JSON.parse`.
 */
import { createScanner } from 'jsonc-parser';
import { InputError, type TextPosition } from '../errors.js';
import { lineStarts, positionAt } from './position.js';

/** Deepest nesting of arrays and objects accepted by default (observations need about 6). */
export const MAX_JSON_DEPTH = 64;

/** Options of `parseJson`. */
export interface ParseJsonOptions {
  /** Deepest nesting of arrays and objects accepted; default `MAX_JSON_DEPTH`. */
  maxDepth?: number;
  /** Line number of the text's first line, when the text is one line of a larger file (NDJSON). */
  firstLine?: number;
}

// jsonc-parser's SyntaxKind and ScanError are const enums, which isolated modules cannot read: their values,
// as jsonc-parser 3 defines them (a unit test parses every token kind, so a change would show).
const SyntaxKind = {
  OpenBraceToken: 1,
  CloseBraceToken: 2,
  OpenBracketToken: 3,
  CloseBracketToken: 4,
  CommaToken: 5,
  ColonToken: 6,
  NullKeyword: 7,
  TrueKeyword: 8,
  FalseKeyword: 9,
  StringLiteral: 10,
  NumericLiteral: 11,
  LineCommentTrivia: 12,
  BlockCommentTrivia: 13,
  LineBreakTrivia: 14,
  Trivia: 15,
  Unknown: 16,
  EOF: 17,
} as const;
const ScanError = {
  None: 0,
  UnexpectedEndOfComment: 1,
  UnexpectedEndOfString: 2,
  UnexpectedEndOfNumber: 3,
  InvalidUnicode: 4,
  InvalidEscapeCharacter: 5,
  InvalidCharacter: 6,
} as const;

// What the parser expects next.
const VALUE = 0; // a value (top level, after a colon, after a comma in an array)
const VALUE_OR_END = 1; // right after `[`
const KEY_OR_END = 2; // right after `{`
const KEY = 3; // after a comma in an object
const COLON = 4;
const COMMA_OR_END = 5; // after a value inside an array or object
const EOF = 6; // after the top-level value

const EXPECTED = [
  'a value',
  'a value or "]"',
  'a key in double quotes or "}"',
  'a key in double quotes',
  '":"',
  '"," or a closing bracket',
  'the end of the text',
];

const SCAN_ERRORS: Partial<Record<number, string>> = {
  [ScanError.UnexpectedEndOfComment]: 'a comment (comments are not JSON)',
  [ScanError.UnexpectedEndOfString]: 'a string that does not end on its line',
  [ScanError.UnexpectedEndOfNumber]: 'a number that ends too early',
  [ScanError.InvalidUnicode]: 'a \\u escape that is not four hex digits',
  [ScanError.InvalidEscapeCharacter]: 'an escape that JSON does not have',
  [ScanError.InvalidCharacter]: 'a control character inside a string (escape it)',
};

interface Frame {
  /** 1 for an object, 0 for an array. */
  object: 0 | 1;
  /** Keys seen so far in this object, with their offsets. */
  keys: Map<string, number> | undefined;
}

/**
 * Parses JSON text strictly. Throws `InputError` (`E_JSON`, `E_DUPLICATE_KEY`, `E_DEPTH`) naming `file` and
 * line:col; never throws anything else, whatever the text.
 *
 * @example
 * parseJson('{"a": 1, "a": 2}', 'obs.json'); // throws: obs.json:1:10: key "a" appears twice in one object (first at 1:2)
 */
export function parseJson(text: string, file: string, options: ParseJsonOptions = {}): unknown {
  checkJsonText(text, file, options);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    // The scan accepted what JSON.parse refused (a number form such as 01): still a positioned E_JSON.
    throw new InputError('E_JSON', file, `not valid JSON (${e instanceof Error ? e.message : 'unreadable'})`);
  }
}

/**
 * Checks JSON text without building its value: syntax, duplicate keys and depth, in one pass. Throws as
 * `parseJson` does; returns nothing when the text is acceptable.
 */
export function checkJsonText(text: string, file: string, options: ParseJsonOptions = {}): void {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const scanner = createScanner(text, false);
  const stack: Frame[] = [];
  let expect = VALUE;
  let starts: number[] | undefined;
  const pos = (offset: number): TextPosition => {
    starts ??= lineStarts(text);
    const p = positionAt(starts, offset);
    return options.firstLine ? { ...p, line: p.line + options.firstLine - 1 } : p;
  };
  const fail = (offset: number, found: string): never => {
    throw new InputError('E_JSON', file, `not valid JSON: expected ${EXPECTED[expect]}, found ${found}`, {
      position: pos(offset),
    });
  };
  const afterValue = (): void => {
    expect = stack.length === 0 ? EOF : COMMA_OR_END;
  };
  for (;;) {
    const kind = scanner.scan();
    const offset = scanner.getTokenOffset();
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    const scanError = scanner.getTokenError();
    if (scanError !== ScanError.None) fail(offset, SCAN_ERRORS[scanError] ?? 'a malformed token');
    switch (kind) {
      case SyntaxKind.EOF:
        if (expect !== EOF) fail(offset, 'the end of the text');
        return;
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        if (expect !== VALUE && expect !== VALUE_OR_END)
          fail(offset, kind === SyntaxKind.OpenBraceToken ? '"{"' : '"["');
        if (stack.length >= maxDepth) {
          throw new InputError('E_DEPTH', file, `values are nested deeper than ${maxDepth} levels`, {
            position: pos(offset),
          });
        }
        if (kind === SyntaxKind.OpenBraceToken) {
          stack.push({ object: 1, keys: undefined });
          expect = KEY_OR_END;
        } else {
          stack.push({ object: 0, keys: undefined });
          expect = VALUE_OR_END;
        }
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken: {
        const top = stack[stack.length - 1];
        const closesObject = kind === SyntaxKind.CloseBraceToken;
        const ok =
          top !== undefined &&
          (top.object === 1) === closesObject &&
          (expect === COMMA_OR_END || expect === (closesObject ? KEY_OR_END : VALUE_OR_END));
        if (!ok) fail(offset, closesObject ? '"}"' : '"]"');
        stack.pop();
        afterValue();
        break;
      }
      case SyntaxKind.CommaToken: {
        const top = stack[stack.length - 1];
        if (expect !== COMMA_OR_END || !top) fail(offset, '","');
        expect = top!.object ? KEY : VALUE;
        break;
      }
      case SyntaxKind.ColonToken:
        if (expect !== COLON) fail(offset, '":"');
        expect = VALUE;
        break;
      case SyntaxKind.StringLiteral:
        if (expect === KEY || expect === KEY_OR_END) {
          const top = stack[stack.length - 1]!;
          const key = scanner.getTokenValue();
          top.keys ??= new Map();
          const seen = top.keys.get(key);
          if (seen !== undefined) {
            const first = pos(seen);
            throw new InputError(
              'E_DUPLICATE_KEY',
              file,
              `key ${JSON.stringify(key)} appears twice in one object (first at ${first.line}:${first.col}); keep one`,
              {
                position: pos(offset),
                first,
              },
            );
          }
          top.keys.set(key, offset);
          expect = COLON;
          break;
        }
        if (expect !== VALUE && expect !== VALUE_OR_END) fail(offset, 'a string');
        afterValue();
        break;
      case SyntaxKind.NumericLiteral:
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword:
        if (expect !== VALUE && expect !== VALUE_OR_END)
          fail(offset, JSON.stringify(text.slice(offset, offset + Math.min(scanner.getTokenLength(), 20))));
        afterValue();
        break;
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        fail(offset, 'a comment (comments are not JSON)');
        break;
      default:
        fail(offset, JSON.stringify(text.slice(offset, offset + Math.max(1, Math.min(scanner.getTokenLength(), 20)))));
    }
  }
}
