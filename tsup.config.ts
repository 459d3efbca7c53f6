import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Cleaned here, once, rather than by each build below: the two builds run in parallel and would race.
rmSync('dist', { recursive: true, force: true });

const common = { format: ['esm', 'cjs'] as ('esm' | 'cjs')[], sourcemap: true, clean: false, treeshake: true };

export default defineConfig([
  // The engine's entries and the CLI share chunks; the CLI is built as its own entry so `bin/daoze.js` runs the
  // compiled code. The CLI and the batch worker are ES modules only: `bin/daoze.js` imports them, nothing requires them.
  {
    ...common,
    format: ['esm'],
    // batch-worker: the worker threads of `daoze check --batch` load it by file name (src/batch/pool.ts).
    entry: {
      index: 'src/index.ts',
      node: 'src/node.ts',
      cli: 'src/cli/main.ts',
      'batch-worker': 'src/batch/worker.ts',
    },
    dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
    target: 'node20',
    splitting: true,
    // jsonc-parser (the JSON scanner every observation is read with) ships its ES module build without
    // `"type": "module"`, so Node would load its UMD build through the CommonJS loader, five files at every start
    // of the CLI (about 8 ms of it); its ES module source is bundled instead.
    noExternal: ['jsonc-parser'],
    esbuildOptions(options) {
      options.mainFields = ['module', 'main'];
    },
  },
  // The CommonJS build of the engine's entries, for apps that `require('daoze')`.
  {
    ...common,
    format: ['cjs'],
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
    target: 'node20',
    splitting: true,
    // import.meta.url in the CJS build (src/node.ts finds the built-in standards from it).
    shims: true,
    // canonicalize (RFC 8785) is an ES module whose exports have only an `import` condition, so `require` cannot
    // load it: the CommonJS build carries it (a few hundred bytes).
    noExternal: ['canonicalize'],
  },
  // The SDK is built on its own, without shared chunks: chunks are shared by file, and the engine's shared chunk
  // imports the YAML parser and ajv, which the SDK must not load (in Node or in an app's browser bundle).
  {
    ...common,
    entry: { sdk: 'sdk/index.ts' },
    dts: { entry: { sdk: 'sdk/index.ts' } },
    target: 'es2020',
    splitting: false,
    // As for the CommonJS engine: `require('daoze/sdk')` cannot load the ES-module-only canonicalize.
    noExternal: ['canonicalize'],
  },
]);
