/** createRegistry compiles an edition when it is first used, once: `get`, `evaluate` and `editions` give the same object. */
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/registry.js';
import { builtinStandardsDir, readEditions } from '../../src/node.js';
import { compareEditionRefs } from '../../src/model/in-force.js';

const specs = readEditions(builtinStandardsDir()).editions.map((e) => e.spec);

describe('createRegistry', () => {
  it('compiles each edition once, whether reached by get, by evaluate or through editions', () => {
    const reg = createRegistry(specs);
    const first = reg.get('san-duan@1.0.0');
    expect(reg.get('san-duan')).toBe(first);
    expect(reg.editions).toBe(reg.editions);
    expect(reg.editions.find((e) => e.ref === 'san-duan@1.0.0')).toBe(first);
    expect(reg.editions).toHaveLength(specs.length);
    expect(reg.editions.map((e) => e.ref)).toEqual([...reg.editions].sort(compareEditionRefs).map((e) => e.ref));
    expect(reg.editions.every((e) => reg.get(e.ref) === e)).toBe(true);
  });

  it('hashes and lock-checks every edition at creation, compiled or not', () => {
    const lock = {
      lockfileVersion: 1,
      editions: Object.fromEntries(
        specs.filter((s) => s.status === 'published').map((s) => [`${s.id}@${s.version}`, `sha256:${'0'.repeat(64)}`]),
      ),
    };
    expect(() => createRegistry(specs, { lock })).toThrow(
      expect.objectContaining({
        diagnostics: expect.arrayContaining([expect.objectContaining({ code: 'E_PUBLISHED_CHANGED' })]),
      }),
    );
  });
});
