/** Positioned diagnostics (src/load/report.ts): one way from a path in a file to a diagnostic's location. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/index.js';
import { locationOf, reporter } from '../../../src/load/report.js';
import { parseYamlText } from '../../../src/load/yaml.js';

const { parsed } = parseYamlText('id: san-duan\nfacts:\n  water-cut:\n    type: boolean\n', 'san-duan/1.0.0.yaml');

describe('positioned diagnostics', () => {
  it('give the file, the path as written in messages, and the line and column of the value or of its key', () => {
    expect(locationOf(parsed!, ['facts', 'water-cut', 'type'])).toEqual({
      file: 'san-duan/1.0.0.yaml',
      path: 'facts.water-cut.type',
      line: 4,
      col: 11,
    });
    expect(locationOf(parsed!, ['facts', 'water-cut', 'type'], true)).toEqual({
      file: 'san-duan/1.0.0.yaml',
      path: 'facts.water-cut.type',
      line: 4,
      col: 5,
    });
    expect(locationOf({ file: 'x@1.0.0' }, ['groups', 2, 'clauses'])).toEqual({
      file: 'x@1.0.0',
      path: 'groups[2].clauses',
    });
  });

  it('append each report to the list, with its extra fields after the location', () => {
    const out: Diagnostic[] = [];
    const report = reporter(parsed!, out);
    report('E_ID_MISMATCH', ['id'], 'id must equal the folder name "si-jing"', {
      value: 'san-duan',
      allowed: ['si-jing'],
    });
    report('E_SCHEMA', ['facts'], 'positioned at the key', {}, true);
    expect(out).toEqual([
      {
        code: 'E_ID_MISMATCH',
        message: 'id must equal the folder name "si-jing"',
        location: { file: 'san-duan/1.0.0.yaml', path: 'id', line: 1, col: 5 },
        value: 'san-duan',
        allowed: ['si-jing'],
      },
      {
        code: 'E_SCHEMA',
        message: 'positioned at the key',
        location: { file: 'san-duan/1.0.0.yaml', path: 'facts', line: 2, col: 1 },
      },
    ]);
    expect(Object.keys(out[0]!)).toEqual(['code', 'message', 'location', 'value', 'allowed']);
  });
});
