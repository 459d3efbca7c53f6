/** Bundles and minifies code with esbuild as an app ships it, and imports it: shared by `npm run size` and `npm run bench`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Bundles `contents` (an ESM entry resolved from `root`) minified for es2020, then imports the result. */
export async function importMinified<T>(contents: string, root: string): Promise<T> {
  const built = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    // ES module builds first, as an app's bundler picks them (jsonc-parser's `main` is a UMD wrapper whose
    // dynamic requires do not survive bundling).
    mainFields: ['module', 'main'],
    target: 'es2020',
    minify: true,
    absWorkingDir: root,
    logLevel: 'silent',
  });
  const dir = mkdtempSync(join(tmpdir(), 'daoze-minified-'));
  try {
    writeFileSync(join(dir, 'bundle.mjs'), built.outputFiles[0]!.contents);
    return (await import(pathToFileURL(join(dir, 'bundle.mjs')).href)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
