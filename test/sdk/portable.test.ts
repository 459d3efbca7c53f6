/**
 * The SDK runs wherever JavaScript does: no Node built-ins anywhere in `sdk/`, only the engine's public and
 * internal entries, and neither the YAML parser nor ajv in what a browser loads.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { createBundle, generateKeyPair, signBundle } from '../../src/index.js';
import { builtin } from '../support/helpers.js';

const ROOT = join(__dirname, '..', '..');
const SDK = join(ROOT, 'sdk');

describe('the SDK is portable', () => {
  it('imports only its own modules and the engine’s public and internal entries, and names no Node global', async () => {
    // Every file an entry point, so that a module holding only types (which no bundle keeps) is checked too.
    const files = readdirSync(SDK).filter((f) => f.endsWith('.ts'));
    const entryPoints = files.map((f) => join(SDK, f));
    const r = await build({
      entryPoints,
      outdir: 'out',
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: ROOT,
    });
    const own = Object.entries(r.metafile.inputs).filter(([p]) => p.startsWith('sdk/'));
    expect(own.map(([p]) => p).sort()).toEqual(files.map((f) => `sdk/${f}`).sort());
    for (const [file, input] of own) {
      for (const i of input.imports)
        expect(i.original, `${file} imports ${i.original}`).toMatch(
          /^(\.\/[a-z-]+\.js|\.\.\/src\/(index|internal)\.js)$/,
        );
      // Code only (comments stripped): no Node globals.
      const code = readFileSync(join(ROOT, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/\b(process|Buffer|__dirname|__filename|require|global)\b/);
    }
  });

  it('bundles for the browser with no Node built-in and without the YAML parser or ajv', async () => {
    const r = await build({
      entryPoints: [join(SDK, 'index.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: ROOT,
    });
    // What ends up in the output (esbuild also lists modules it parsed and then shook out).
    const used = Object.values(r.metafile.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, x]) => x.bytesInOutput > 0)
        .map(([p]) => p),
    );
    expect(
      used.filter((p) => /node_modules\/(yaml|ajv|ajv-formats|picocolors)\//.test(p) || /src\/(load|cli|node)/.test(p)),
    ).toEqual([]);
    expect(used.filter((p) => p.startsWith('node:') || !/\.(ts|js|mjs|cjs|json)$/.test(p))).toEqual([]);
    expect(used).toContain('src/evaluate/evaluate.ts');
  });

  it('runs in a bare JavaScript context: no process, Buffer, require or module, only the standard TextEncoder', async () => {
    const r = await build({
      entryPoints: [join(SDK, 'index.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'daozeSdk',
      platform: 'browser',
      logLevel: 'silent',
    });
    // Signed, so that the Ed25519 check runs here too: verification needs no Node built-in and no WebCrypto.
    const key = generateKeyPair();
    const bundle = JSON.stringify(signBundle(createBundle(builtin().editions), key.privateKey));
    const trust = JSON.stringify({ trust: [key.publicKey] });
    const script = `${r.outputFiles[0]!.text}
      const cl = daozeSdk.createChecklist(${JSON.stringify(bundle)}, 'si-jing-san-wu-liang-tong-yi-ming', { locale: 'en', ...${trust} });
      cl.answer('flush-type', 'water-flush');
      const u = cl.answer('water-supply-ok', false);
      const saved = JSON.stringify(cl);
      [u.outcome, u.verdict.clauses.find((c) => c.clause === 'water-flowing').citation.sources[0].task, daozeSdk.restore(${JSON.stringify(bundle)}, saved, ${trust}).verdict().outcome,
       typeof process, typeof Buffer, typeof require, typeof module];`;
    const result = runInNewContext(script, { TextEncoder });
    expect(JSON.parse(JSON.stringify(result))).toEqual([
      'fail',
      12,
      'fail',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
  });
});
