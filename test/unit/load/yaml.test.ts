/** The YAML reader: a BOM is dropped, and any tag that is not plain data is an error at the tag. */
import { describe, expect, it } from 'vitest';
import { ALLOWED_YAML_TAGS, parseYamlText } from '../../../src/load/yaml.js';

describe('parseYamlText', () => {
  it('drops a leading BOM, as check and batch do, and positions stay those of the text after it', () => {
    const r = parseYamlText('\uFEFFa: 1\nb: [x]\n', 'bom.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.parsed!.data).toEqual({ a: 1, b: ['x'] });
    expect(r.parsed!.locate(['b'])).toEqual({ line: 2, col: 4 });
  });

  it.each([
    ['a: !!js/function "function () {}"', '!!js/function', 1, 4],
    ['a: !evil x', '!evil', 1, 4],
    ['a:\n  - ok\n  - !<tag:example.com,2000:x> y', 'tag:example.com,2000:x', 3, 5],
    ['a: !!binary aGk=', '!!binary', 1, 4],
    ['a: !!set { x }', '!!set', 1, 4],
    ['a: !!timestamp 2020-01-01', '!!timestamp', 1, 4],
    ['a: { b: !!omap [ { c: 1 } ] }', '!!omap', 1, 9],
  ])('%j is an E_YAML error at the tag, never a dropped tag or a non-JSON value', (text, tag, line, col) => {
    const r = parseYamlText(text, 't.yaml');
    expect(r.parsed).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_YAML', value: tag, location: { file: 't.yaml', line, col } });
  });

  it('names the data path of a tagged node', () => {
    const r = parseYamlText('a:\n  - x\n  - { b: !evil y }\n', 't.yaml');
    expect(r.diagnostics[0]!.location.path).toBe('a[1].b');
  });

  it('accepts the core tags that give plain data', () => {
    const r = parseYamlText(
      'a: !!str 1\nb: !!int "2"\nc: !!float 1.5\nd: !!bool true\ne: !!null ~\nf: !!map { x: 1 }\ng: !!seq [1]\nh: ! 3\n',
      't.yaml',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.parsed!.data).toEqual({ a: '1', b: 2, c: 1.5, d: true, e: null, f: { x: 1 }, g: [1], h: '3' });
    expect(ALLOWED_YAML_TAGS.size).toBe(8);
  });
});
