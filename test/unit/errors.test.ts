/** DaozeError's brand: an error from another copy of the engine (as daoze/sdk carries) is recognised; subclasses stay exact. */
import { describe, expect, it, vi } from 'vitest';
import { DaozeError, NotFoundError, StandardError, isDaozeError, linePreview } from '../../src/errors.js';
import * as engine from '../../src/index.js';
import * as sdk from '../../sdk/index.js';

/** A second, separately evaluated copy of src/errors.ts: what a separately built entry or a second install holds. */
async function otherCopy(): Promise<typeof import('../../src/errors.js')> {
  vi.resetModules();
  return import('../../src/errors.js');
}

describe('isDaozeError and instanceof DaozeError', () => {
  it('recognise an error from another copy of the engine, whose classes are different objects', async () => {
    const other = await otherCopy();
    expect(other.DaozeError).not.toBe(DaozeError);
    const e = new other.NotFoundError('no such standard');
    expect(Object.getPrototypeOf(Object.getPrototypeOf(e))).not.toBe(DaozeError.prototype);
    expect(isDaozeError(e)).toBe(true);
    expect(e instanceof DaozeError).toBe(true);
    expect(new DaozeError('E_X', 'x') instanceof other.DaozeError).toBe(true);
    expect(other.isDaozeError(new StandardError([]))).toBe(true);
  });

  it('keep instanceof a subclass exact: the class itself, not the brand', async () => {
    const other = await otherCopy();
    expect(new NotFoundError('x') instanceof NotFoundError).toBe(true);
    expect(new NotFoundError('x') instanceof StandardError).toBe(false);
    expect(new other.NotFoundError('x') instanceof NotFoundError).toBe(false);
    expect(new DaozeError('E_X', 'x') instanceof NotFoundError).toBe(false);
  });

  it('reject what is not a Daoze error, including look-alikes with a code', () => {
    for (const v of [
      new Error('x'),
      { code: 'E_VALUE', name: 'DaozeError', message: 'x' },
      JSON.parse(JSON.stringify(new DaozeError('E_X', 'x'))),
      null,
      undefined,
      'E_X',
      0,
    ]) {
      expect(isDaozeError(v)).toBe(false);
      expect(v instanceof DaozeError).toBe(false);
    }
  });

  it('does not show the brand in JSON, keys or spreads', () => {
    const e = new DaozeError('E_X', 'x');
    expect(Object.getOwnPropertySymbols(e)).toEqual([]);
    expect(JSON.stringify(e)).toBe('{"code":"E_X","name":"DaozeError"}');
    expect(isDaozeError({ ...e })).toBe(false);
  });

  it('is exported from both entries, as one function', () => {
    expect(engine.isDaozeError).toBe(isDaozeError);
    expect(sdk.isDaozeError).toBe(isDaozeError);
  });
});

describe('linePreview', () => {
  it('shows a short line whole, with the caret at the offset', () => {
    expect(linePreview('{bad', 1)).toEqual({ text: '{bad', caret: 1 });
    expect(linePreview('', 0)).toEqual({ text: '', caret: 0 });
    expect(linePreview('{}', 99)).toEqual({ text: '{}', caret: 2 });
  });

  it('cuts a long line to about its width around the offset, marking each cut', () => {
    const line = `${'a'.repeat(1000)}!${'b'.repeat(1000)}`;
    const p = linePreview(line, 1000, 40);
    expect(p.text).toBe(`…${'a'.repeat(20)}!${'b'.repeat(19)}…`);
    expect(p.text[p.caret]).toBe('!');
    expect(linePreview(line, 0, 40).text).toBe(`${'a'.repeat(40)}…`);
    expect(linePreview(line, line.length, 40).text).toBe(`…${'b'.repeat(40)}`);
  });

  it('escapes what could drive a terminal or reorder text, and counts the escapes for the caret', () => {
    const p = linePreview('\u001b[31m\u202e\u2028\u0000\t\u007f\u0085\ufeff\ud800x!', 14);
    expect(p.text).toBe('\\u001b[31m\\u202e\\u2028\\u0000\\t\\u007f\\u0085\\ufeff\\ud800x!');
    expect(p.text[p.caret]).toBe('!');
    // eslint-disable-next-line no-control-regex -- the characters a preview must never print raw
    expect(p.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e\u2028\ufeff\ud800-\udfff]/);
  });

  it('never splits a surrogate pair at a cut, and counts wide characters as two columns', () => {
    const emoji = '😀'.repeat(100);
    for (const offset of [0, 1, 50, 51, 199, 200]) {
      const { text } = linePreview(emoji, offset, 21);
      expect(text.replace(/…/g, ''), String(offset)).toMatch(/^(😀)+$/);
    }
    expect(linePreview('城市,!', 3).caret).toBe(5);
  });
});
