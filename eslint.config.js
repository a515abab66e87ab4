// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layering of ARCHITECTURE.md: ui -> store -> yaml -> engine, store -> worker -> engine,
 * cli -> yaml -> engine. Nothing points back. Each folder lists what it must not import.
 */
const layer = (name, patterns, paths = []) => ({
  files: [`src/${name}/**/*.{ts,tsx}`],
  rules: { 'no-restricted-imports': ['error', { patterns, paths }] },
});

const ui = {
  group: ['**/ui/**', '../ui', '../../ui'],
  message: 'Only src/ui renders: lower layers must not depend on the UI.',
};
const store = {
  group: ['**/store/**', '**/store'],
  message: 'The store sits above the yaml, worker and engine layers: they must not import it.',
};
const cli = { group: ['**/cli/**'], message: 'The CLI is a shell around yaml + engine; nothing imports it.' };
const worker = {
  group: ['**/worker/**'],
  message: 'The worker is a shell around the engine; engine and yaml must not import it.',
};
const react = {
  group: [
    'react',
    'react-dom',
    'react-dom/*',
    '@xyflow/*',
    'monaco-editor',
    'monaco-editor/*',
    'monaco-yaml',
    'zustand',
    'zustand/*',
  ],
  message: 'Only src/ui (and src/store for zustand) may use React, React Flow, Monaco or zustand.',
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
  layer('engine', [
    {
      group: [
        'react',
        'react-dom',
        'react-dom/*',
        '@xyflow/*',
        'monaco-editor',
        'monaco-editor/*',
        'monaco-yaml',
        'zustand',
        'zustand/*',
        'yaml',
        'node:*',
      ],
      message:
        'src/engine is pure TypeScript that runs unchanged in Node, the worker and the browser: no React, DOM libraries, zustand, yaml package or Node modules.',
    },
    {
      group: ['../yaml/**', '../../yaml/**', '**/src/yaml/**'],
      message: 'The engine must not depend on the yaml layer: yaml -> engine, never back.',
    },
    ui,
    store,
    cli,
    worker,
  ]),
  layer('yaml', [
    react,
    { group: ['node:*'], message: 'src/yaml also runs in the browser: no Node modules.' },
    ui,
    store,
    cli,
    worker,
  ]),
  layer('worker', [react, ui, store, cli]),
  layer(
    'store',
    [{ ...react, group: react.group.filter((g) => !g.startsWith('zustand')) }, ui, cli],
    [
      {
        name: 'yaml',
        message: 'The store edits text through src/yaml (which owns the yaml package), not directly.',
      },
    ],
  ),
  layer('cli', [react, ui, store, worker]),
  {
    files: ['src/**/*.test.ts', 'e2e/**/*.ts', 'scripts/**', 'bench/**', 'bin/**', '*.config.*'],
    rules: { 'no-console': 'off', 'max-lines': 'off' },
  },
  {
    files: ['**/*.mjs', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
