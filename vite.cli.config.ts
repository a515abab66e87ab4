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
    // Minified: half the code for Node to read and compile at every call (10-40 ms of a
    // ~200 ms `netpol matrix`, side by side). Node reads the map only when asked
    // (`NODE_OPTIONS=--enable-source-maps`), for an internal error's stack with its names.
    minify: true,
    sourcemap: true,
    copyPublicDir: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'netpol.mjs' } },
  },
});
