/**
 * The CLI's YAML side is loaded on demand (src/cli/lazy.ts): the CLI's static imports reach no YAML parser, schema
 * validator or `semver`, so a start from the build's snapshot loads none of them; and without the YAML side
 * provided, `main` loads it before a command that needs it and answers with a promise.
 */
import { build, type Metafile } from 'esbuild';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const HEAVY = ['yaml', 'ajv', 'ajv-formats', 'semver'];

/** The packages the CLI's entry reaches, through static imports only or through dynamic ones as well. */
async function packagesReached(withDynamic: boolean): Promise<Set<string>> {
  const r = await build({
    entryPoints: [resolve(ROOT, 'src/cli/main.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const inputs: Metafile['inputs'] = r.metafile.inputs;
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of inputs[file]?.imports ?? []) {
      if (i.kind === 'dynamic-import' && !withDynamic) continue;
      if (i.external)
        packages.add(i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : i.path.split('/')[0]!);
      else visit(i.path);
    }
  };
  visit('src/cli/main.ts');
  return packages;
}

describe('the CLI loads its YAML side on demand', () => {
  it('reaches no YAML parser, schema validator or semver through static imports, and the YAML side through import()', async () => {
    const statically = await packagesReached(false);
    expect(HEAVY.filter((p) => statically.has(p))).toEqual([]);
    const all = await packagesReached(true);
    expect(['yaml', 'ajv', 'ajv-formats'].filter((p) => all.has(p))).toEqual(['yaml', 'ajv', 'ajv-formats']);
  });

  it('without the YAML side provided, answers a command that needs it with a promise, having loaded it', async () => {
    vi.resetModules();
    const lazy = await import('../../../src/cli/lazy.js');
    const { main } = await import('../../../src/cli/main.js');
    expect(lazy.readersLoaded()).toBe(false);
    let stdout = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    try {
      expect(main(['--version'])).toBeTypeOf('number');
      expect(lazy.readersLoaded()).toBe(false);
      stdout = '';
      // No snapshot beside the source (src/builtin-snapshot.json): `list` cannot start from one, so it loads the YAML side.
      const code = main(['list', '--format', 'json']);
      expect(code).toBeInstanceOf(Promise);
      expect(await code).toBe(0);
      expect(lazy.readersLoaded()).toBe(true);
      expect((JSON.parse(stdout) as { standards: { ref: string }[] }).standards.map((s) => s.ref)).toContain(
        'san-duan@1.0.0',
      );
    } finally {
      o.mockRestore();
    }
  });
});
