import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import baseConfig from '../../playwright.config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `npm run screenshots`: the README's pictures, taken in the same Chromium as the browser tests. */
export default defineConfig({
  ...baseConfig,
  testDir: '.',
  testMatch: '**/*.shots.ts',
  outputDir: '../../test-results/screenshots',
  webServer: {
    command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
    url: 'http://127.0.0.1:4173',
    reuseExistingServer: false,
    timeout: 60_000,
    cwd: root,
  },
});
