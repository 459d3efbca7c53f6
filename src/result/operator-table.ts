/**
 * The operator table of the authoring guide (docs/authoring.md), generated from `OPERATORS`, and the splice
 * that puts it between its marker comments: `daoze doc` writes it, test/docs/pages.test.ts fails when it is stale.
 */
import { FACT_TYPE_DEFS } from '../model/fact-types.js';
import { OPERATORS } from '../operators/index.js';

/** The comment that opens the generated table; the line it is on sets the table's indentation. */
export const OPERATOR_TABLE_BEGIN =
  '<!-- operators:begin (generated from src/operators/index.ts by `npm run daoze -- doc`; do not edit) -->';
/** The comment that closes the generated table. */
export const OPERATOR_TABLE_END = '<!-- operators:end -->';

/** The operators as a Markdown table: name, sign, its reading in English and Chinese, the value it takes, the fact types. */
export function renderOperatorTable(): string[] {
  const rows = [...OPERATORS.values()].map((op) => {
    // A list fact is searched for one of its options, which another fact's value is not (src/load/validate.ts).
    const onOptions = op.factTypes.every((t) => FACT_TYPE_DEFS[t].multi);
    const value =
      op.operand === 'list'
        ? 'a list of values'
        : onOptions
          ? 'one of the choices, or `{ param: … }`'
          : 'a value, `{ fact: … }` or `{ param: … }`';
    return `| \`${op.name}\` | ${op.sign} | ${op.words.en} | ${op.words.zh} | ${value} | ${op.factTypes.join(', ')} |`;
  });
  return ['| Operator | Sign | Reads | 读作 | `value` | Fact types |', '|---|---|---|---|---|---|', ...rows];
}

/**
 * `markdown` with the lines between {@link OPERATOR_TABLE_BEGIN} and {@link OPERATOR_TABLE_END} replaced by the
 * current table, indented as the opening comment is; `undefined` when the text has no such pair of comments.
 */
export function withOperatorTable(markdown: string): string | undefined {
  const lines = markdown.split('\n');
  const begin = lines.findIndex((l) => l.trim() === OPERATOR_TABLE_BEGIN);
  const end = lines.findIndex((l, i) => i > begin && l.trim() === OPERATOR_TABLE_END);
  if (begin < 0 || end < 0) return undefined;
  const indent = /^\s*/.exec(lines[begin]!)![0];
  return [...lines.slice(0, begin + 1), ...renderOperatorTable().map((l) => indent + l), ...lines.slice(end)].join(
    '\n',
  );
}
