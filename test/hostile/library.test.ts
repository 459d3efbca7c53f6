/** The hostile catalogue's library cases (`daoze`, `daoze/node`, records), in process: only typed errors, or the expected outcome. */
import { describe, expect, it } from 'vitest';
import { createBundle, type Bundle } from '../../src/index.js';
import { LIBRARY_CASES } from './catalogue.js';
import { builtinRegistry } from './fixtures.js';
import { checkInProcess } from './in-process.js';

let bundle: Bundle | undefined;
const base = { bundle: () => (bundle ??= createBundle(builtinRegistry().editions)) };

describe('hostile inputs through the library', () => {
  it('covers the library and record entry points', () => {
    expect(new Set(LIBRARY_CASES.map((c) => c.entry))).toEqual(new Set(['library', 'record']));
  });

  it.each(LIBRARY_CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    checkInProcess(c, base);
  });
});
