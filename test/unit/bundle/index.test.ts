/** Compiled bundles: what `daoze build` writes, `readBundle` reads back to the same editions, and refuses when changed. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BundleError,
  compileEdition,
  createBundle,
  evaluate,
  readBundle,
  runCase,
  type Bundle,
  type EditionSpec,
} from '../../../src/index.js';
import { main } from '../../../src/cli/main.js';
import { builtin } from '../../support/helpers.js';

/** These tests are about the content checks, not signatures (test/unit/bundle/): bundles are read with the opt-out. */
const U = { trust: 'unsigned' } as const;

const bundle = (): Bundle => JSON.parse(JSON.stringify(createBundle(builtin().editions)));

describe('createBundle / readBundle', () => {
  it('carries every built-in edition, without its test cases, under the hash the registry computed', () => {
    const b = createBundle(builtin().editions);
    expect(b.format).toBe('daoze-bundle');
    expect(b.formatVersion).toBe(1);
    expect(b.editions.map((e) => e.ref)).toEqual(
      builtin()
        .editions.map((e) => e.ref)
        .sort(),
    );
    for (const e of b.editions) {
      expect(e.hash).toBe(builtin().get(e.ref).hash);
      expect(e.spec.cases).toBeUndefined();
    }
  });

  it('reads back, from JSON text, editions that give every case of every standard its expected verdict', () => {
    const loaded = readBundle(JSON.stringify(createBundle(builtin().editions)), U);
    for (const original of builtin().editions) {
      const ed = loaded.find(original.ref)!;
      expect(ed.hash).toBe(original.hash);
      for (const c of original.spec.cases ?? [])
        expect(runCase(ed, c).mismatches, `${original.ref}: ${c.name}`).toEqual([]);
    }
  });

  it('resolves a bare id to the highest published edition, and an unknown ref to nothing', () => {
    const b = bundle();
    const toilet = b.editions.find((e) => e.ref.startsWith('si-jing'))!;
    const newer: EditionSpec = { ...toilet.spec, version: '1.1.0', status: 'draft' };
    const loaded = readBundle(createBundle([...readBundle(b, U).editions, compileEdition(newer)]), U);
    // The highest published edition, never the draft 1.1.0 added here.
    expect(loaded.find('si-jing-san-wu-liang-tong-yi-ming')!.version).toBe('2.0.0');
    expect(loaded.find('si-jing-san-wu-liang-tong-yi-ming@1.1.0')!.version).toBe('1.1.0');
    expect(loaded.find('si-jing-san-wu-liang-tong-yi-ming@9.9.9')).toBeUndefined();
  });

  it('refuses an edition whose content was changed after the build, naming it', () => {
    const b = bundle();
    const i = b.editions.findIndex((e) => e.ref.startsWith('si-jing'));
    (b.editions[i]!.spec.parameters!['ammonia-limit']!.values as Record<string, number>)['class-2'] = 100;
    const e = catchError(() => readBundle(b, U));
    expect(e).toBeInstanceOf(BundleError);
    expect((e as BundleError).issues).toEqual([
      { path: `editions[${i}].hash`, message: expect.stringContaining('changed after it was built') },
    ]);
  });

  it('refuses what is not a bundle of this format version, and a spec that does not compile, with typed errors', () => {
    expect(catchError(() => readBundle('{nope', U))).toBeInstanceOf(BundleError);
    expect(catchError(() => readBundle({ format: 'other' }, U))).toBeInstanceOf(BundleError);
    expect((catchError(() => readBundle({ ...bundle(), formatVersion: 2 }, U)) as BundleError).issues[0]!.path).toBe(
      'formatVersion',
    );
    const b = bundle();
    (b.editions[0]!.spec.groups[0]!.clauses[0]!.check as { fact: string }).fact = 'no-such-fact';
    expect((catchError(() => readBundle(b, U)) as BundleError).issues[0]!.path).toMatch(/^editions\[0\]\.spec/);
    const dup = bundle();
    dup.editions.push(dup.editions[0]!);
    expect((catchError(() => readBundle(dup, U)) as BundleError).message).toContain('appears twice');
  });

  it('evaluates observations from the bundle exactly as from the YAML', () => {
    const loaded = readBundle(bundle(), U);
    const obs = {
      standard: 'si-jing-san-wu-liang-tong-yi-ming@1.0.0',
      facts: { 'flush-type': 'water-flush', 'water-supply-ok': false },
    };
    expect(evaluate(loaded.find(obs.standard)!, obs)).toEqual(builtin().evaluate(obs));
  });
});

describe('daoze build', () => {
  it('writes the bundle and one observation schema per edition', () => {
    const dir = mkdtempSync(join(tmpdir(), 'daoze-build-'));
    const out = join(dir, 'b', 'standards.bundle.json');
    // main() answers synchronously for every command but check --batch.
    const code = quiet(
      () =>
        main([
          'build',
          '--out',
          out,
          '--schemas',
          join(dir, 'schemas'),
          '--only',
          'si-jing-san-wu-liang-tong-yi-ming@1.0.0',
          '--only',
          'san-duan',
        ]) as number,
    );
    expect(code).toBe(0);
    const loaded = readBundle(readFileSync(out, 'utf8'), U);
    const sanDuan = builtin()
      .editions.filter((e) => e.id === 'san-duan')
      .map((e) => e.ref);
    expect(loaded.editions.map((e) => e.ref)).toEqual([...sanDuan, 'si-jing-san-wu-liang-tong-yi-ming@1.0.0']);
    expect(existsSync(join(dir, 'schemas', 'si-jing-san-wu-liang-tong-yi-ming', '1.0.0.observation.schema.json'))).toBe(
      true,
    );
    expect(quiet(() => main(['build', '--out', out, '--only', 'no-such-standard']) as number)).toBe(4);
  });
});

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

function quiet(f: () => number): number {
  const w = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = (() => true) as never;
  process.stderr.write = (() => true) as never;
  try {
    return f();
  } finally {
    process.stdout.write = w;
    process.stderr.write = e;
  }
}
