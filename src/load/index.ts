/** Standard editions from YAML text (or plain data) to validated specs, with every problem positioned. Pure: no file access. */
import { StandardError, type Diagnostic } from '../errors.js';
import type { EditionSpec } from '../model/edition.js';
import { checkEdition, type ExpectedIdentity } from './validate.js';
import { sortDiagnostics, validateSchema } from './schema.js';
import { parseYamlText, type ParsedText } from './yaml.js';

/** The result of reading an edition: the spec when it is valid, and all problems found. */
export interface EditionParseResult {
  edition?: EditionSpec;
  diagnostics: Diagnostic[];
  /** Line and column of a path in the text, for later checks (composition, cases) to position their errors. */
  locate?: ParsedText['locate'];
}

/** Options for reading an edition. */
export interface ParseEditionOptions {
  /** Name of the document in diagnostics (a file path). */
  file?: string;
  /** Identity the file's location implies (folder = id, file name = version). */
  expected?: ExpectedIdentity;
}

function validateParsed(parsed: ParsedText, expected?: ExpectedIdentity): EditionParseResult {
  const schemaDiagnostics = validateSchema('edition', parsed);
  if (schemaDiagnostics.length > 0) return { diagnostics: schemaDiagnostics };
  const spec = parsed.data as EditionSpec;
  const diagnostics = sortDiagnostics(checkEdition(spec, parsed, expected));
  return diagnostics.length > 0
    ? { diagnostics, locate: parsed.locate }
    : { edition: spec, diagnostics, locate: parsed.locate };
}

/**
 * Reads an edition from YAML text: YAML syntax, then the JSON Schema, then references, operators, ids and
 * placeholders. Never throws on bad input; returns the diagnostics instead. Includes and test cases need the
 * other editions, so they are checked when editions are composed (`composeEditions`, `createRegistry`).
 */
export function parseEdition(text: string, options: ParseEditionOptions = {}): EditionParseResult {
  const file = options.file ?? '<edition>';
  const { parsed, diagnostics } = parseYamlText(text, file);
  if (!parsed) return { diagnostics };
  return validateParsed(parsed, options.expected);
}

/** Validates an edition given as plain data (for example, JSON from an app). Positions are paths only. */
export function validateEdition(data: unknown, options: ParseEditionOptions = {}): EditionParseResult {
  const parsed: ParsedText = { file: options.file ?? '<edition>', data, locate: () => undefined };
  return validateParsed(parsed, options.expected);
}

/** Like `parseEdition`, but throws a `StandardError` carrying every diagnostic. */
export function loadEdition(text: string, options: ParseEditionOptions = {}): EditionSpec {
  const r = parseEdition(text, options);
  if (!r.edition) throw new StandardError(r.diagnostics);
  return r.edition;
}
