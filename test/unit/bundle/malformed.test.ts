/**
 * Malformed bundles (issue 9, item 5): whatever is wrong with a bundle's content, readBundle answers with a
 * typed error (BundleError, E_BUNDLE) and never a TypeError or RangeError, and never uses an edited edition.
 * The mutations are applied as an attacker would, with the edition hash recomputed, so that the content
 * checks are reached (unsigned bundles, under the documented opt-out), and as a careless copy would, without.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BundleError,
  compileEdition,
  createBundle,
  DaozeError,
  evaluate,
  generateKeyPair,
  loadEdition,
  readBundle,
  signBundle,
  type Bundle,
} from '../../../src/index.js';
import { createChecklist } from '../../../sdk/index.js';
import { builtin, fixture } from '../../support/helpers.js';

const U = { trust: 'unsigned' } as const;
const REFS = ['san-duan@1.0.0', 'si-jing-san-wu-liang-tong-yi-ming@1.0.0'];
const BASE = JSON.stringify(createBundle(REFS.map((r) => builtin().get(r))));
const fresh = (): Bundle => JSON.parse(BASE);

/** Recomputes each edition's hash from its (edited) spec, as a forger would; leaves it when the spec does not compile. */
function rehash(b: Bundle): Bundle {
  for (const e of b.editions ?? []) {
    try {
      e.hash = compileEdition(e.spec).hash;
    } catch {
      /* left for readBundle to refuse */
    }
  }
  return b;
}

/** Reads a bundle and, when it loads, uses every edition (evaluate in both locales, a checklist): nothing but typed errors may come out. */
function use(b: unknown): 'loaded' | 'refused' {
  try {
    const lb = readBundle(b, U);
    for (const ed of lb.editions) {
      for (const locale of ['zh', 'en'] as const) {
        try {
          evaluate(ed, { standard: ed.ref, facts: {} }, { locale, trace: true });
          const cl = createChecklist(lb, ed.ref, { locale });
          cl.sections();
          cl.progress();
          cl.verdict();
          for (const k of cl.kinds()) {
            cl.addInstance(k.kind, { id: `${k.kind}-1` });
            cl.kinds();
            cl.progress();
            cl.verdict();
          }
        } catch (e) {
          if (!(e instanceof DaozeError))
            throw new Error(`using ${ed.ref} threw ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
        }
      }
    }
    return 'loaded';
  } catch (e) {
    if (e instanceof DaozeError) return 'refused';
    throw e;
  }
}

function expectRefused(b: unknown, label: string): BundleError {
  let caught: unknown;
  try {
    readBundle(b, U);
  } catch (e) {
    caught = e;
  }
  expect(caught, label).toBeInstanceOf(BundleError);
  expect((caught as BundleError).code).toBe('E_BUNDLE');
  return caught as BundleError;
}

/** Every path to a value inside the editions' specs. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object')
    for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}
const SPEC_PATHS = paths(fresh().editions).filter((p) => p.length >= 2);

function at(b: Bundle, path: (string | number)[]): { parent: Record<string | number, unknown>; key: string | number } {
  let parent = b.editions as unknown as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  return { parent, key: path[path.length - 1]! };
}

const deep = (n: number): unknown => {
  let c: unknown = { fact: 'water-cut', operator: 'equal', value: true };
  for (let i = 0; i < n; i++) c = { not: c };
  return c;
};

const HOSTILE = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
const mutation = fc.oneof(
  fc.constant({ kind: 'delete' as const }),
  fc.constant({ kind: 'set' as const, value: null }),
  fc.constant({ kind: 'set' as const, value: deep(2000) }),
  fc.constantFrom(...HOSTILE).map((value) => ({ kind: 'set' as const, value })),
  fc.constantFrom(...HOSTILE).map((name) => ({ kind: 'rename' as const, name })),
  fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'set' as const, value })),
  fc
    .constantFrom(0, -1, 1e308, 2.5, '', 'x', true, [], {}, [[]], { zh: 1 })
    .map((value) => ({ kind: 'set' as const, value })),
);

describe('a malformed bundle', () => {
  it('is E_BUNDLE for each case of issue 9', () => {
    const b1 = rehash(fresh());
    for (const g of b1.editions[0]!.spec.groups)
      for (const c of g.clauses) delete (c as { messages?: unknown }).messages;
    expectRefused(rehash(b1), 'missing messages');
    const b2 = fresh();
    b2.editions[0]!.spec.groups[0]!.clauses[0]!.cites = [{ source: 'no-such-source' }];
    expectRefused(rehash(b2), 'unknown source');
    for (const op of HOSTILE) {
      const b = fresh();
      (b.editions[0]!.spec.groups[0]!.clauses[0]! as { check: unknown }).check = {
        fact: 'water-cut',
        operator: op,
        value: true,
      };
      expectRefused(rehash(b), `operator ${op}`);
    }
    const b3 = fresh();
    (b3.editions[0]!.spec.groups[0]!.clauses[0]! as { check: unknown }).check = deep(2000);
    expectRefused(b3, '2,000-deep conditions');
    expectRefused(JSON.stringify(b3), '2,000-deep conditions as text');
    const b4 = fresh();
    (b4.editions[0]!.spec as unknown as { facts: unknown }).facts = [];
    expectRefused(rehash(b4), 'facts as a list');
    for (const editions of [null, 1, 'x', [null], [1], [{}], [{ ref: 1, hash: 2, spec: 3 }]])
      expectRefused({ ...fresh(), editions }, `editions ${JSON.stringify(editions)}`);
  });

  it('given as text with a duplicate key is E_BUNDLE naming both positions', () => {
    const text = BASE.replace('"format":"daoze-bundle"', '"format":"daoze-bundle","format":"daoze-bundle"');
    const e = expectRefused(text, 'duplicate key');
    expect(e.message).toContain('E_DUPLICATE_KEY');
    expect(e.message).toMatch(/1:\d+/);
    expectRefused(BASE.slice(0, -10), 'truncated');
  });

  it('under random mutations, only ever loads unchanged or refuses with a typed error, with or without recomputed hashes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SPEC_PATHS), mutation, fc.boolean(), (path, m, forger) => {
        const b = fresh();
        const { parent, key } = at(b, path);
        if (m.kind === 'delete') {
          if (Array.isArray(parent)) parent.splice(key as number, 1);
          else delete parent[key];
        } else if (m.kind === 'set') parent[key] = structuredClone(m.value);
        else if (!Array.isArray(parent)) {
          const v = parent[key];
          delete parent[key];
          Object.defineProperty(parent, m.name, { value: v, enumerable: true, writable: true, configurable: true });
        }
        const changed = JSON.stringify(b) !== BASE;
        if (forger) rehash(b);
        const result = use(b);
        // Without recomputed hashes, an edited edition never loads.
        if (!forger && changed) expect(result).toBe('refused');
      }),
      { seed: 20261201, numRuns: 600 },
    );
  });

  it('with kinds of object, parts and quantifiers, under random mutations only ever loads unchanged or refuses with a typed error', () => {
    const base = JSON.stringify(
      createBundle([compileEdition(loadEdition(fixture('units', 'street-objects', '1.0.0.yaml')))]),
    );
    expect(use(JSON.parse(base))).toBe('loaded');
    const paths = (function all(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
      out.push(at);
      if (Array.isArray(v)) v.forEach((x, i) => all(x, [...at, i], out));
      else if (v && typeof v === 'object')
        for (const k of Object.keys(v)) all((v as Record<string, unknown>)[k], [...at, k], out);
      return out;
    })((JSON.parse(base) as Bundle).editions).filter(
      (p) => p.length >= 2 && ['kinds', 'parts', 'quantifiers', 'rectification', 'groups'].includes(String(p[2])),
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), mutation, fc.boolean(), (path, m, forger) => {
        const b = JSON.parse(base) as Bundle;
        const { parent, key } = at(b, path);
        if (m.kind === 'delete') {
          if (Array.isArray(parent)) parent.splice(key as number, 1);
          else delete parent[key];
        } else if (m.kind === 'set') parent[key] = structuredClone(m.value);
        else return;
        const changed = JSON.stringify(b) !== base;
        if (forger) rehash(b);
        const result = use(b);
        if (!forger && changed) expect(result).toBe('refused');
      }),
      { seed: 20261202, numRuns: 600 },
    );
  });

  it('signed, never loads once changed, even with recomputed hashes: only E_SIGNATURE or E_BUNDLE', () => {
    const key = generateKeyPair();
    const signed = JSON.stringify(signBundle(fresh(), key.privateKey));
    fc.assert(
      fc.property(fc.constantFrom(...SPEC_PATHS), mutation, (path, m) => {
        const b = JSON.parse(signed) as Bundle;
        const { parent, key: k } = at(b, path);
        if (m.kind === 'delete') {
          if (Array.isArray(parent)) parent.splice(k as number, 1);
          else delete parent[k];
        } else if (m.kind === 'set') parent[k] = structuredClone(m.value);
        else return;
        rehash(b);
        if (JSON.stringify(b) === signed) return; // the mutation was undone by the rehash (a hash set, then recomputed)
        let caught: unknown;
        try {
          readBundle(b, { trust: [key.publicKey] });
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(DaozeError);
        expect(['E_SIGNATURE', 'E_BUNDLE']).toContain((caught as DaozeError).code);
      }),
      { seed: 7, numRuns: 150 },
    );
  });
});
