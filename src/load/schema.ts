/** Schema validation of editions with ajv (draft 2020-12, strict), and ajv errors turned into authors' diagnostics. */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import editionSchema from '../../schema/edition.schema.json';
import profileSchema from '../../schema/profile.schema.json';
import type { Diagnostic } from '../errors.js';
import type { DocPath, ParsedText } from './yaml.js';
import { locationOf } from './report.js';

type SchemaName = 'edition' | 'profile';
const compiled = new Map<SchemaName, ValidateFunction>();

// Compiled on first use, so that importing the engine (or the SDK, which never validates YAML) costs nothing.
function validator(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    // strictRequired is off because the condition schema dispatches with if: {required: [all]}, which it flags.
    const ajv = new Ajv2020({
      allErrors: true,
      strict: true,
      strictRequired: false,
      verbose: true,
      allowUnionTypes: true,
    });
    addFormats(ajv, ['date', 'date-time', 'uri']);
    ajv.addSchema(editionSchema);
    // The profile schema refers to the edition schema's definitions by relative $ref.
    v = name === 'edition' ? ajv.getSchema(editionSchema.$id)! : ajv.compile(profileSchema);
    compiled.set(name, v);
  }
  return v;
}

const PATTERN_MEANINGS: Record<string, string> = {
  '^[a-z0-9]+(-[a-z0-9]+)*$': 'a kebab-case id (lowercase letters and digits, words joined by single hyphens)',
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?$': 'a semantic version such as 1.0.0',
  '^[a-z0-9]+(-[a-z0-9]+)*@(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?$':
    'an edition reference id@version such as san-duan@1.0.0',
};

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(data: unknown, path: DocPath): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function toDiagnostic(e: ErrorObject, parsed: ParsedText): Diagnostic | undefined {
  const path = pointerToPath(e.instancePath);
  const value = valueAt(parsed.data, path);
  let message: string;
  let allowed: Diagnostic['allowed'];
  let at: DocPath = path;
  let key = false;
  switch (e.keyword) {
    case 'required':
      message = `missing required property "${(e.params as { missingProperty: string }).missingProperty}"`;
      return { code: 'E_SCHEMA', message, location: locationOf(parsed, path, false) };
    case 'additionalProperties': {
      const prop = (e.params as { additionalProperty: string }).additionalProperty;
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      allowed = props ? Object.keys(props) : undefined;
      at = [...path, prop];
      key = true;
      if (parsed.flowSplit?.(at)) {
        // `{ zh: 每日清运,不得积存 }`: in a { } flow map a comma ends the value, and the rest becomes a key of its own.
        message = `the text was split by YAML at a comma: in a { } flow map an unquoted comma ends the value, so "${prop}" became a key of its own; quote the whole text ("…") or use a full-width comma (，)`;
        return { code: 'E_SCHEMA', message, location: locationOf(parsed, at, key), value: prop };
      }
      const near = allowed ? closest(prop, allowed as string[]) : undefined;
      message = `unknown property "${prop}"${near ? `; did you mean "${near}"?` : ''}`;
      return { code: 'E_SCHEMA', message, location: locationOf(parsed, at, key), ...(allowed ? { allowed } : {}) };
    }
    case 'enum':
      message = 'value is not one of the allowed values';
      allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      break;
    case 'const':
      message = 'value is not the allowed value';
      allowed = [(e.params as { allowedValue: unknown }).allowedValue];
      break;
    case 'pattern': {
      const pattern = (e.params as { pattern: string }).pattern;
      message = `must be ${PATTERN_MEANINGS[pattern] ?? `a string matching ${pattern}`}`;
      if (e.propertyName !== undefined) {
        at = [...path, e.propertyName];
        key = true;
        return {
          code: 'E_SCHEMA',
          message: `key ${JSON.stringify(e.propertyName)} ${message}`,
          location: locationOf(parsed, at, key),
          value: e.propertyName,
        };
      }
      break;
    }
    case 'propertyNames':
      return undefined; // the nested pattern error says it better
    case 'type':
      message = `must be ${(e.params as { type: string | string[] }).type.toString().replace(/,/g, ' or ')}`;
      break;
    case 'format':
      message = `must be a valid ${(e.params as { format: string }).format}${(e.params as { format: string }).format === 'date' ? ' (YYYY-MM-DD)' : ''}`;
      break;
    case 'minItems':
      message = `must have at least ${(e.params as { limit: number }).limit} item(s)`;
      break;
    case 'anyOf': {
      const branches = (e.schema as { required?: string[] }[] | undefined) ?? [];
      const names = branches.every((b) => Array.isArray(b.required) && b.required.length === 1)
        ? branches.map((b) => b.required![0]!)
        : undefined;
      message = names
        ? `must have ${names.map((n) => `"${n}"`).join(' or ')}`
        : 'must be a scalar, a list of scalars, {fact: <id>} or {param: <id>}';
      if (names) return { code: 'E_SCHEMA', message, location: locationOf(parsed, path, false), allowed: names };
      break;
    }
    case 'if':
      return undefined; // the failing branch reports the real problem
    default:
      message = e.message ?? `fails ${e.keyword}`;
  }
  return { code: 'E_SCHEMA', message, location: locationOf(parsed, at, key), value, ...(allowed ? { allowed } : {}) };
}

/** Edit distance of two short strings (Levenshtein), for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The allowed name closest to a misspelt one, if it is close enough to be the one meant (at most a third of its letters off). */
export function closest(name: string, allowed: readonly string[]): string | undefined {
  let best: { n: string; d: number } | undefined;
  for (const n of allowed) {
    const d = distance(name.toLowerCase(), n.toLowerCase());
    if (!best || d < best.d) best = { n, d };
  }
  return best && best.d > 0 && best.d <= Math.max(1, Math.floor(best.n.length / 3)) ? best.n : undefined;
}

/** Validates parsed data against a schema; returns every problem as a positioned diagnostic, in document order. */
export function validateSchema(name: SchemaName, parsed: ParsedText): Diagnostic[] {
  const validate = validator(name);
  if (validate(parsed.data)) return [];
  const errors = validate.errors ?? [];
  // Branch errors under an anyOf say the same thing several times; keep the anyOf's own summary instead.
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath);
  const kept = errors.filter(
    (e) =>
      !anyOfPaths.some((p) => e.schemaPath !== p && e.schemaPath.startsWith(p.slice(0, -'/anyOf'.length) + '/anyOf/')),
  );
  const out: Diagnostic[] = [];
  // A misspelt key (`claueses`) also makes the key meant missing; the misspelling is the cause, so only it is reported.
  const misspelt = new Set<string>();
  for (const e of kept) {
    if (e.keyword !== 'additionalProperties') continue;
    const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
    const near = props
      ? closest((e.params as { additionalProperty: string }).additionalProperty, Object.keys(props))
      : undefined;
    if (near) misspelt.add(`${e.instancePath}|${near}`);
  }
  const explained = (e: ErrorObject) =>
    (e.keyword === 'required' &&
      misspelt.has(`${e.instancePath}|${(e.params as { missingProperty: string }).missingProperty}`)) ||
    (e.keyword === 'anyOf' &&
      ((e.schema as { required?: string[] }[] | undefined) ?? []).some((b) =>
        b.required?.some((n) => misspelt.has(`${e.instancePath}|${n}`)),
      ));
  // The operator enums are for editors (hover, completion); the loader's own check says more (why `contains` is not
  // offered, which operators fit the fact's type) and still runs the other checks, so it reports operators itself.
  const forEditors = (e: ErrorObject) =>
    e.keyword === 'enum' && e.instancePath.endsWith('/operator') && e.schemaPath.endsWith('/properties/operator/enum');
  const seen = new Set<string>();
  for (const e of kept) {
    if (explained(e) || forEditors(e)) continue;
    const d = toDiagnostic(e, parsed);
    if (!d) continue;
    const k = `${d.location.path}|${d.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return sortDiagnostics(out);
}

/** Orders diagnostics by file position, then path. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort(
    (a, b) =>
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.col ?? 0) - (b.location.col ?? 0) ||
      a.location.path.localeCompare(b.location.path),
  );
}
