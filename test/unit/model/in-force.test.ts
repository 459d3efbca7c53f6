/** compareEditionRefs: id by code unit, then version precedence; on the schema's kebab-case ids, the order `localeCompare` gave. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareEditionRefs } from '../../../src/model/in-force.js';

const word = fc.stringMatching(/^[a-z0-9]{1,6}$/);
const id = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join('-')); // schema/edition.schema.json $defs.id
const sign = (n: number) => Math.sign(n) || 0;

describe('compareEditionRefs', () => {
  it('orders kebab-case ids as localeCompare does in the root and the usual locales', () => {
    fc.assert(
      fc.property(id, id, (a, b) => {
        const ours = sign(compareEditionRefs({ id: a, version: '1.0.0' }, { id: b, version: '1.0.0' }));
        for (const locale of ['en', 'zh', 'und']) expect(ours).toBe(sign(a.localeCompare(b, locale)));
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('orders one id by version precedence', () => {
    const refs = ['b@1.10.0', 'a-b@2.0.0', 'b@1.2.0', 'a@1.0.0', 'b@1.2.0-rc.1', 'a0@1.0.0'].map((r) => ({ id: r.split('@')[0]!, version: r.split('@')[1]! }));
    expect(refs.sort(compareEditionRefs).map((r) => `${r.id}@${r.version}`)).toEqual(['a@1.0.0', 'a-b@2.0.0', 'a0@1.0.0', 'b@1.2.0-rc.1', 'b@1.2.0', 'b@1.10.0']);
  });
});
