import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The CLI as one JavaScript file for Node (`dist-cli/netpol.mjs`), built by `npm run build:cli`
 * and on install (`prepare`). `bin/netpol.mjs` runs it, so the CLI starts without a TypeScript
 * loader: every dependency (`yaml`, `diff`) is bundled in.
 */
export default defineConfig({
  root,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: path.join(root, 'src/cli/main.ts'),
    outDir: path.join(root, 'dist-cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'netpol.mjs' } },
  },
});
