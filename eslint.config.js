// The lint: typescript-eslint's recommended rules, and the layers of layers.json written as no-restricted-imports
// rules, so an import that runs back up a layer fails `npm run lint`.
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import tseslint from 'typescript-eslint';

import { readFileSync } from 'node:fs';

/** The engine's layers, lowest first (layers.json; test/unit/layers.test.ts reads the same table and also finds cycles). */
const { layers: LAYERS, pure: PURE } = JSON.parse(readFileSync(new URL('./layers.json', import.meta.url), 'utf8'));

/** A module of src/ is a folder or a file directly in it (`errors.ts`). */
const filesOf = (m) => (m.endsWith('.ts') ? [`src/${m}`] : [`src/${m}/**/*.ts`]);
/** Import specifiers that reach module `m` from a file one or two folders down in src/. */
const importsOf = (m) => {
  const name = m.replace(/\.ts$/, '');
  return ['../', '../../'].flatMap((up) =>
    m.endsWith('.ts') ? [`${up}${name}.js`] : [`${up}${name}`, `${up}${name}/**`],
  );
};
const NOT_SDK = { group: ['**/sdk/**', '**/sdk'], message: 'The engine must not depend on the SDK.' };
const IMPURE = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'yaml', 'jsonc-parser', 'ajv'];

const layerRules = LAYERS.flatMap((row, rank) => {
  const above = LAYERS.slice(rank + 1).flat();
  return row.map((m) => ({
    files: filesOf(m),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(above.length
              ? [
                  {
                    group: above.flatMap(importsOf),
                    message: `This module sits in a lower layer (layers.json): import downwards only.`,
                  },
                ]
              : []),
            NOT_SDK,
            ...(PURE.includes(m)
              ? [{ group: IMPURE, message: 'A pure layer (layers.json "pure") imports no parser and no Node module.' }]
              : []),
          ],
        },
      ],
    },
  }));
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'docs/api/**',
      'coverage/**',
      'node_modules/**',
      'examples/inspector-web/public/**',
      '.bench-out/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  comments.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A disable comment must say why on the same line (house rule).
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/disable-enable-pair': ['error', { allowWholeFile: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  ...layerRules,
  {
    files: ['sdk/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../src/**', '!../src/index.js', '!../src/internal.js'],
              message: "The SDK builds on the engine's entries only (src/index.ts, src/internal.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // Node scripts in plain JavaScript.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The hostile catalogue feeds deliberately ill-typed values through every entry point.
    files: ['test/hostile/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['examples/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**', '**/sdk/**', '!**/sdk/index.js'],
              message: 'Examples use the package entries (daoze, daoze/sdk), as a user would.',
            },
          ],
        },
      ],
    },
  },
);
