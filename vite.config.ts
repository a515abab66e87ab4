import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  plugins: [react()],
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
