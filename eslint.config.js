// The lint: typescript-eslint's recommended rules, and the layers of docs/architecture (reference: house notes)
// written as no-restricted-imports rules, so an import that runs back up a layer fails `npm run lint`.
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import tseslint from 'typescript-eslint';

/**
 * The engine's layers, lowest first. A module may import its own layer and the layers below it, never one above.
 * Folders on one row are siblings and may import each other (a cycle between them is caught by
 * test/unit/layers.test.ts, which also checks this table against the source).
 */
const LAYERS = [
  ['errors', 'version', 'hash'],
  ['input', 'sign'],
  ['model'],
  ['operators'],
  ['load'],
  ['compile'],
  ['profile', 'evaluate'],
  ['result', 'cases', 'audit'],
  ['registry'],
  ['bundle', 'batch'],
  ['node'],
  ['cli'],
];

/** Patterns that match an import of folder `name` from anywhere under src/. */
const importsOf = (name) => [`../${name}`, `../${name}.js`, `../${name}/**`, `../../${name}`, `../../${name}.js`, `../../${name}/**`];

const layerRules = LAYERS.flatMap((row, rank) => {
  const above = LAYERS.slice(rank + 1).flat();
  if (above.length === 0) return [];
  return row.map((name) => ({
    files: [`src/${name}/**/*.ts`, `src/${name}.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: above.flatMap(importsOf), message: `src/${name} sits below this module's layer: import downwards only (eslint.config.js LAYERS).` },
            { group: ['**/sdk/**', '**/sdk'], message: 'The engine must not depend on the SDK.' },
            ...(rank <= LAYERS.findIndex((r) => r.includes('evaluate'))
              ? [{ group: ['node:*', 'fs', 'path', 'os', 'child_process', 'yaml'].filter((p) => !(name === 'load' && p === 'yaml')), message: 'Evaluation and the layers under it are pure: no Node built-ins (file access lives in src/node.ts and src/cli/).' }]
              : []),
          ],
        },
      ],
    },
  }));
});

export default tseslint.config(
  { ignores: ['dist/**', 'docs/api/**', 'coverage/**', 'node_modules/**', 'examples/inspector-web/public/**', '.bench-out/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  comments.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A disable comment must say why on the same line (house rule).
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/disable-enable-pair': ['error', { allowWholeFile: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  ...layerRules,
  {
    files: ['src/index.ts', 'src/node.ts', 'src/registry.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/sdk/**', '**/sdk'], message: 'The engine must not depend on the SDK.' }] }] },
  },
  {
    files: ['sdk/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../src/**', '!../src/index.js', '!../src/internal.js'], message: "The SDK builds on the engine's entries only (src/index.ts, src/internal.ts)." }] },
      ],
    },
  },
  {
    files: ['examples/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**', '**/sdk/**', '!**/sdk/index.js'], message: 'Examples use the package entries (daoze, daoze/sdk), as a user would.' }] }] },
  },
);
