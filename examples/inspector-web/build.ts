/**
 * Builds the inspector's page into a folder: the HTML and CSS, the app bundled with `daoze/sdk` for the
 * browser (one ES module, minified), and the standards bundle exactly as `daoze build` writes it.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
// The page's build runs the repository's own `daoze build` in-process (this script is tooling, not the app).
// eslint-disable-next-line no-restricted-imports -- tooling of the repository, never shipped or copied by a user
import { main as daoze } from '../../src/cli/main.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

/** Builds the page into `outDir` (default `examples/inspector-web/dist`). */
export async function buildInspector(
  outDir = join(HERE, 'dist'),
): Promise<{ outDir: string; appBytes: number; bundleBytes: number }> {
  mkdirSync(outDir, { recursive: true });
  for (const f of ['index.html', 'style.css']) copyFileSync(join(HERE, f), join(outDir, f));
  const bundleFile = join(outDir, 'standards.bundle.json');
  const code = await daoze(['build', '--out', bundleFile]);
  if (code !== 0) throw new Error(`daoze build exited with ${code}`);
  await build({
    entryPoints: [join(HERE, 'app.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    // The page imports 'daoze/sdk' as an app would; here it resolves to the SDK's source.
    alias: { 'daoze/sdk': join(ROOT, 'sdk', 'index.ts') },
    outfile: join(outDir, 'app.js'),
    logLevel: 'warning',
  });
  return { outDir, appBytes: statSync(join(outDir, 'app.js')).size, bundleBytes: statSync(bundleFile).size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await buildInspector(process.argv[2]);
  process.stdout.write(
    `✓ page → ${r.outDir} (app.js ${(r.appBytes / 1024).toFixed(1)} kB, standards ${(r.bundleBytes / 1024).toFixed(1)} kB)\n`,
  );
}
