/** Huge, deeply nested and hostile standards give a clear error, never a crash. */
import { describe, expect, it } from 'vitest';
import { parseEdition } from '../../src/index.js';
import { fixture } from '../support/helpers.js';

const valid = fixture('invalid', 'bad-cases.yaml').split('\ncases:')[0]!;

describe('limits on standards', () => {
  it('a condition nested deeper than the limit is an E_LIMIT error at its position', () => {
    const deep = `${'{ not: '.repeat(40)}{ fact: lights-ok, operator: equal, value: true }${' }'.repeat(40)}`;
    const text = valid.replace('check: { fact: lights-ok, operator: equal, value: true }', `check: ${deep}`);
    const r = parseEdition(text, { file: 'deep.yaml' });
    expect(r.edition).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toContain('E_LIMIT');
    expect(r.diagnostics.find((d) => d.code === 'E_LIMIT')!.location.line).toBe(26);
  });

  it('YAML nested far beyond any reasonable depth is an error, not a stack overflow', () => {
    const r = parseEdition(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, { file: 'nest.yaml' });
    expect(r.edition).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(['E_LIMIT', 'E_YAML', 'E_SCHEMA']).toContain(r.diagnostics[0]!.code);
  });

  it('a file over the size limit is refused before parsing', () => {
    const r = parseEdition(`# ${'x'.repeat(2_000_001)}`, { file: 'huge.yaml' });
    expect(r.diagnostics).toMatchObject([{ code: 'E_LIMIT', location: { file: 'huge.yaml' } }]);
  });

  it('an alias bomb is refused', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const r = parseEdition(bomb.join('\n'), { file: 'bomb.yaml' });
    expect(r.edition).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  it('duplicate keys are an error rather than a silent override', () => {
    const r = parseEdition(`${valid}\nstatus: published\n`, { file: 'dup.yaml' });
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_YAML' });
    expect(r.diagnostics[0]!.message).toMatch(/unique/i);
  });
});
