// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Modules that reach outside the process: the pure domain may import none of them. */
const IO_MODULES = [
  'node:fs',
  'node:fs/promises',
  'fs',
  'fs/promises',
  'node:net',
  'node:http',
  'node:child_process',
  'node:crypto',
  'pg',
  '@electric-sql/pglite',
  'drizzle-orm',
  'drizzle-orm/*',
  'fastify',
  '@fastify/*',
  'pino',
];

const layer = (from, forbidden, message) => ({
  files: [`src/${from}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', 'coverage/', '.hearken*/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        Buffer: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        NodeJS: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The web app: hooks called by the rules, and only the public API (never server code).
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/*', '../../src/**', '../../../src/**'],
              message: 'The web app talks to Hearken through the public API only.',
            },
          ],
        },
      ],
    },
  },
  // Dependencies point one way: http -> services -> domain and store; domain imports no I/O.
  layer(
    'domain',
    [...IO_MODULES, '**/store/**', '**/services/**', '**/http/**', '**/cli/**', '**/jobs/**'],
    'src/domain holds pure rules: no I/O, no store, no services.',
  ),
  layer(
    'analytics',
    [...IO_MODULES, '**/store/**', '**/services/**', '**/http/**', '**/cli/**', '**/jobs/**'],
    'src/analytics holds the pure text pipeline and models: files are read in classifier-files.ts only.',
  ),
  {
    files: ['src/analytics/classifier-files.ts', 'src/analytics/analysis-files.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  layer(
    'store',
    ['**/services/**', '**/http/**', '**/cli/**', 'fastify', '@fastify/*'],
    'src/store must not depend on use cases or the HTTP layer.',
  ),
  layer(
    'services',
    ['**/http/**', '**/cli/**', 'fastify', '@fastify/*'],
    'src/services must not depend on the HTTP layer or the CLI.',
  ),
  layer('http', ['**/cli/**'], 'src/http must not depend on the CLI.'),
);
