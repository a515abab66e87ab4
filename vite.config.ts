import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The Content-Security-Policy of the built app: nothing from another origin, ever. Styles
 * may be inline (Monaco injects <style> elements and React sets style attributes); fonts,
 * images and fetches may use data: and blob: URLs (Monaco's codicons, picture exports);
 * workers come from the app's own files. Only in the build: the dev server injects an
 * inline script for React Fast Refresh.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'netpol-canvas:csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  resolve: {
    alias: [
      {
        // monaco-editor >= 0.56 dropped the `esm/vs/...` entry points that
        // monaco-worker-manager (used by monaco-yaml) still imports (STACK.md pitfall 2).
        find: /^monaco-editor\/esm\/vs\/(.+?)(\.js)?$/,
        replacement: `${root}/node_modules/monaco-editor/esm/vs/$1.js`,
      },
    ],
  },
  optimizeDeps: {
    include: ['monaco-yaml', 'monaco-yaml/yaml.worker.js', 'yaml'],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Monaco core is ~3 MB and cannot be split; it is loaded lazily after the canvas paints.
    chunkSizeWarningLimit: 4000,
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1', port: 5173 },
});
