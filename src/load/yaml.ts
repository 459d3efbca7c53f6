/** YAML text → plain data, keeping a way back from a path inside the data to a line and column in the text. */
import {
  LineCounter,
  parseDocument,
  isMap,
  isSeq,
  isPair,
  isScalar,
  visit,
  type Node as YamlNode,
  type Document,
} from 'yaml';
import type { Diagnostic } from '../errors.js';
import { stripBom } from '../input/index.js';
import { formatPath, MAX_TEXT_LENGTH, type DocPath, type ParsedText } from './document.js';

// The document types and the path renderer live in document.ts, which the checks import without the parser.
export { formatPath, MAX_TEXT_LENGTH, type DocPath, type ParsedText } from './document.js';

/**
 * The only explicit tags a standard may use: those of the YAML core schema that give plain JSON data, and the
 * non-specific `!` (a string). Any other tag (`!!js/function`, `!!binary`, `!!set`, `!!timestamp`, `!evil`) would
 * either be dropped silently by the parser or give a value that is not JSON (a Buffer, a Set, a Date); both hide
 * what the author wrote, so each is an `E_YAML` error at its node.
 */
export const ALLOWED_YAML_TAGS: ReadonlySet<string> = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`).concat('!'),
);

/** The data path of a node from its ancestors as `visit` gives them (pairs give their key, sequences an index). */
function pathOf(chain: readonly unknown[]): DocPath {
  const out: (string | number)[] = [];
  for (let i = 0; i < chain.length - 1; i++) {
    const a = chain[i];
    if (isPair(a) && isScalar(a.key) && a.value === chain[i + 1]) out.push(String(a.key.value));
    else if (isSeq(a)) out.push(a.items.indexOf(chain[i + 1] as never));
  }
  return out;
}

/**
 * Parses YAML text. Returns the data, or the YAML errors as positioned diagnostics. Duplicate keys are errors
 * (a repeated key silently overriding the first is a classic rule-file bug); aliases are capped (billion laughs);
 * a tag outside {@link ALLOWED_YAML_TAGS} is an error; a leading BOM is dropped.
 */
export function parseYamlText(source: string, file: string): { parsed?: ParsedText; diagnostics: Diagnostic[] } {
  // A leading byte-order mark is dropped, as `daoze check` and batch drop it from JSON (src/input/utf8.ts).
  const text = stripBom(source);
  if (text.length > MAX_TEXT_LENGTH) {
    return {
      diagnostics: [
        {
          code: 'E_LIMIT',
          message: `file is larger than ${MAX_TEXT_LENGTH} characters`,
          location: { file, path: '' },
          value: text.length,
        },
      ],
    };
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  let data: unknown;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, merge: true });
    if (doc.errors.length > 0) {
      // Only the first syntax error: the ones after it are almost always its echo (one stray brace gives hundreds).
      const e = doc.errors[0]!;
      const pos = lineCounter.linePos(e.pos[0]);
      const more = doc.errors.length > 1 ? ` (${doc.errors.length - 1} further YAML errors follow from here)` : '';
      const where = indentationHint(text, pos.line);
      const message = `${e.message.split('\n')[0] ?? e.message}${where ? `; ${where.hint}` : ''}${more}`;
      return {
        diagnostics: [
          {
            code: 'E_YAML',
            message,
            location: { file, path: '', line: where?.line ?? pos.line, col: where?.col ?? pos.col },
          },
        ],
      };
    }
    let badTag: { tag: string; offset: number; path: DocPath } | undefined;
    visit(doc, (_key, node, ancestors) => {
      const tag = (node as { tag?: string } | null)?.tag;
      if (tag !== undefined && !ALLOWED_YAML_TAGS.has(tag)) {
        badTag = { tag, offset: (node as YamlNode).range?.[0] ?? 0, path: pathOf([...ancestors, node]) };
        return visit.BREAK;
      }
      return undefined;
    });
    if (badTag) {
      // The node's range starts at its value; point at the tag itself, which ends before it.
      let at = text.lastIndexOf('!', badTag.offset);
      while (at > 0 && !/[\s,[\]{}]/.test(text[at - 1]!)) at--;
      const pos = lineCounter.linePos(at >= 0 ? at : badTag.offset);
      const shown = badTag.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      return {
        diagnostics: [
          {
            code: 'E_YAML',
            message: `YAML tag ${shown} is not allowed: a standard is plain data`,
            location: { file, path: formatPath(badTag.path), line: pos.line, col: pos.col },
            value: shown,
            allowed: ['!!str', '!!int', '!!float', '!!bool', '!!null', '!!map', '!!seq'],
          },
        ],
      };
    }
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Deeply nested or alias-bombed input: the parser's own guard or the stack gives out. Either way, a clear error.
    const message =
      err instanceof RangeError
        ? 'document is nested too deeply to read'
        : `cannot read YAML: ${(err as Error).message}`;
    return {
      diagnostics: [{ code: err instanceof RangeError ? 'E_LIMIT' : 'E_YAML', message, location: { file, path: '' } }],
    };
  }
  const locate = (path: DocPath, key = false) => {
    let node: unknown = doc.contents;
    let best: YamlNode | undefined = node as YamlNode;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        if (key && i === path.length - 1) {
          best = pair.key as YamlNode;
          break;
        }
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
      } else break;
      if (node && typeof node === 'object' && 'range' in node) best = node as YamlNode;
      else break;
    }
    const start = best?.range?.[0];
    if (start === undefined) return undefined;
    return lineCounter.linePos(start);
  };
  const flowSplit = (path: DocPath) => {
    let node: unknown = doc.contents;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return false;
        if (i === path.length - 1)
          return (
            node.flow === true &&
            (pair.value === null ||
              (isScalar(pair.value) && pair.value.value === null && pair.value.source === undefined))
          );
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
      else return false;
    }
    return false;
  };
  return { parsed: { file, data, locate, flowSplit }, diagnostics: [] };
}

/** The key a line starts with (`  severity: minor` → `severity`; `- id: x` → `id`). */
function keyOf(line: string): string | undefined {
  return /^\s*(?:-\s+)?([^\s#:'"{}[\],][^:#]*?)\s*:(?:\s|$)/.exec(line)?.[1];
}

/**
 * For a YAML error on a line whose indentation differs from the line above: the key it starts with and both
 * indentations (YAML reads nesting from indentation, and its own message names neither the key nor the depth).
 */
function indentationHint(text: string, lineNo: number): { hint: string; line: number; col: number } | undefined {
  const lines = text.split(/\r?\n/);
  const opens = (l: string | undefined) => l !== undefined && /:\s*(#.*)?$/.test(l);
  const first = misaligned(lines, lineNo);
  // A line deeper than a key that opens a block is nested as it should be; the culprit is then the line after it.
  if (first && opens(lines[first.above]) && first.mine > first.prevCol) return misaligned(lines, lineNo + 1);
  return first;
}

function misaligned(
  lines: readonly string[],
  lineNo: number,
): { hint: string; line: number; col: number; mine: number; prevCol: number; above: number } | undefined {
  const line = lines[lineNo - 1];
  if (line === undefined) return undefined;
  const key = keyOf(line);
  if (key === undefined) return undefined;
  let above = lineNo - 2;
  while (above >= 0 && (lines[above]!.trim() === '' || lines[above]!.trim().startsWith('#'))) above--;
  const indent = (l: string) => l.length - l.trimStart().length;
  const mine = indent(line);
  if (above < 0) return undefined;
  const prev = lines[above]!;
  // An item's keys line up with the first key after its dash.
  const prevCol = /^\s*-\s+/.test(prev) ? /^\s*-\s+/.exec(prev)![0].length : indent(prev);
  if (mine === prevCol) return undefined;
  const prevKey = keyOf(prev);
  return {
    mine,
    prevCol,
    above,
    line: lineNo,
    col: mine + 1,
    hint: `key "${key}" on line ${lineNo} is indented ${mine} space(s), the line above${prevKey ? ` (key "${prevKey}", line ${above + 1})` : ''} ${prevCol}: YAML reads nesting from indentation, so keys of one map must line up (spaces only)`,
  };
}
