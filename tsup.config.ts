import { defineConfig } from 'tsup';

// One build for the three public entries; the CLI is built as its own entry so `bin/daoze.js` runs the compiled code.
export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', sdk: 'sdk/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts', sdk: 'sdk/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  // import.meta.url in the CJS build (src/node.ts finds the built-in standards from it).
  shims: true,
});
