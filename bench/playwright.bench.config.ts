import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import baseConfig from '../playwright.config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Browser benchmarks: the same Chromium and server as the browser tests, other specs. */
export default defineConfig({
  ...baseConfig,
  testDir: 'browser',
  testMatch: '**/*.bench.ts',
  timeout: 300_000,
  outputDir: '../test-results/bench',
  webServer: {
    ...baseConfig.webServer,
    command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
    url: 'http://127.0.0.1:4173',
    cwd: root,
  },
});
