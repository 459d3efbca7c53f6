/** DaozeError's brand: an error from another copy of the engine (as daoze/sdk carries) is recognised; subclasses stay exact. */
import { describe, expect, it, vi } from 'vitest';
import { DaozeError, NotFoundError, StandardError, isDaozeError } from '../../src/errors.js';
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
    for (const v of [new Error('x'), { code: 'E_VALUE', name: 'DaozeError', message: 'x' }, JSON.parse(JSON.stringify(new DaozeError('E_X', 'x'))), null, undefined, 'E_X', 0]) {
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
