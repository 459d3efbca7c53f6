/** The edition schema as editors read it: its operator lists are the engine's, and every property explains itself on hover. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATORS, OPERATOR_NAMES, parseEdition } from '../../../src/index.js';

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'schema', 'edition.schema.json'), 'utf8'));
const leaf = schema.$defs.leaf;
const names = (pred: (op: typeof OPERATORS extends ReadonlyMap<string, infer V> ? V : never) => boolean) =>
  OPERATOR_NAMES.filter((n) => pred(OPERATORS.get(n)!));

describe('edition.schema.json operators', () => {
  it("the leaf's operator enum is exactly the engine's operators (src/operators)", () => {
    expect(leaf.properties.operator.enum).toEqual(OPERATOR_NAMES);
  });

  it('a list value narrows to the list operators, a boolean value to the operators of boolean facts', () => {
    const byShape = (type: string) =>
      leaf.allOf.find((b: { if: { properties: { value: { type: string } } } }) => b.if.properties.value.type === type)
        .then.properties.operator.enum;
    expect(byShape('array')).toEqual(names((op) => op.operand === 'list'));
    expect(byShape('boolean')).toEqual(names((op) => op.operand === 'scalar' && op.factTypes.includes('boolean')));
  });

  it('the loader still reports an unknown operator itself (E_UNKNOWN_OPERATOR), not as a schema error', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'invalid', 'case-values.yaml'), 'utf8').replace(
      'operator: equal',
      'operator: startsWith',
    );
    const r = parseEdition(text, { file: 'x.yaml' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_UNKNOWN_OPERATOR']);
    expect(r.diagnostics[0]!.message).toContain('unknown operator "startsWith"');
  });

  it('a list operator on a scalar fact is E_OPERATOR_TYPE from the loader, naming the operators that apply', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'invalid', 'case-values.yaml'), 'utf8').replace(
      'operator: equal',
      'operator: contains',
    );
    const r = parseEdition(text, { file: 'x.yaml' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_OPERATOR_TYPE']);
    expect(r.diagnostics[0]!.allowed).not.toContain('contains');
  });
});

describe('edition.schema.json descriptions', () => {
  it('every property has a description, so that hover in an editor explains it', () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [k, v] of Object.entries(
        (n.properties as Record<string, Record<string, unknown>> | undefined) ?? {},
      )) {
        if (typeof v.description !== 'string' || !v.description) undocumented.push(`${path}.${k}`);
        walk(v, `${path}.${k}`);
      }
      // `allOf` branches (if/then) restate `operator` only to narrow it; they are not walked.
      for (const k of ['items', 'additionalProperties']) walk(n[k], path);
      for (const b of (n.anyOf as unknown[] | undefined) ?? []) walk(b, path);
    };
    walk(schema, '#');
    for (const [k, v] of Object.entries(schema.$defs)) walk(v, k);
    expect(undocumented).toEqual([]);
  });
});

describe('.vscode/settings.json', () => {
  it('maps standards and profiles to the schemas for yaml-language-server', () => {
    const root = join(__dirname, '..', '..', '..');
    const settings = JSON.parse(readFileSync(join(root, '.vscode', 'settings.json'), 'utf8'));
    expect(settings['yaml.schemas']).toEqual({
      './schema/edition.schema.json': ['standards/**/*.yaml'],
      './schema/profile.schema.json': ['profiles/**/*.yaml'],
    });
    for (const file of Object.keys(settings['yaml.schemas']))
      expect(JSON.parse(readFileSync(join(root, file), 'utf8')).$schema).toContain('json-schema.org');
  });
});
