// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import boundariesPlugin from 'eslint-plugin-boundaries';

/**
 * The layers, by allow-list (docs/architecture.md): each folder of src is an element, and
 * an import is an error unless a policy below allows it, whether static, dynamic
 * (`import()`), a re-export, or an npm package. Type-only imports are marked where only
 * they are allowed.
 *
 *   ui (views) -> store, engine, recipes       main.tsx (composition root) -> anything
 *   store      -> yaml, worker (types), engine, recipes (types)
 *   worker     -> yaml, engine                 cli -> yaml, engine
 *   yaml       -> engine                       recipes -> engine (types)
 *   engine     -> nothing but itself
 */
const LAYERS = ['engine', 'yaml', 'worker', 'store', 'ui', 'recipes', 'cli'];
const element = (type) => ({ element: { type } });
const to = (...types) => ({ to: types.map(element) });
const typesOf = (...types) => ({ to: types.map(element), dependency: { kind: 'type' } });
const packages = (...sources) => ({
  to: sources.map((source) => ({ module: { source } })),
});
const allow = (from, ...allowed) => ({ from: element(from), allow: allowed });
const boundaries = {
  files: ['src/**/*.{ts,tsx}'],
  ignores: ['src/**/*.test.ts', 'src/engine/testing/**'],
  plugins: { boundaries: boundariesPlugin },
  settings: {
    'boundaries/elements': [
      ...LAYERS.map((type) => ({ type, pattern: `src/${type}` })),
      { type: 'fixture', pattern: 'src/*/lint-fixtures' },
    ],
    'boundaries/files': [
      // The composition root wires the worker client into the store.
      { category: 'root', pattern: 'src/ui/main.tsx' },
    ],
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        // npm packages and node: modules too, and local files no element claims.
        checkAllOrigins: true,
        checkUnknownLocals: true,
        message:
          '{{from.type}} must not import {{to.type}}{{to.source}} (the layers of docs/architecture.md, allow-list in eslint.config.js)',
        policies: [
          // Each layer may import its own files.
          ...LAYERS.map((type) => allow(type, to(type))),
          allow('engine'),
          allow('yaml', to('engine'), packages('yaml', 'js-yaml')),
          allow('worker', to('yaml', 'engine')),
          allow('recipes', typesOf('engine')),
          allow(
            'store',
            to('yaml', 'engine'),
            typesOf('worker', 'recipes'),
            packages('zustand', 'zustand/*'),
          ),
          allow(
            'ui',
            to('store', 'engine', 'recipes'),
            packages(
              'react',
              'react-dom',
              'react-dom/*',
              '@xyflow/react',
              'monaco-editor/**',
              'monaco-yaml',
              'monaco-yaml/*',
              'elkjs/**',
              'diff',
              'zustand',
            ),
          ),
          allow('cli', to('yaml', 'engine'), packages('node:*')),
          { from: { file: { categories: 'root' } }, allow: [to(...LAYERS)] },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-cli/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e-artifacts/**',
      'conformance/**',
      '**/lint-fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'bin/*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  boundaries,
  {
    files: ['src/**/*.test.ts', 'e2e/**/*.ts', 'scripts/**', 'bench/**', 'bin/**', '*.config.*'],
    rules: { 'no-console': 'off', 'max-lines': 'off' },
  },
  {
    files: ['**/*.mjs', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
