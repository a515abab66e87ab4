import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    // A limit against hangs, not a speed assertion: with other work on the machine the
    // property and fuzz tests take minutes (speed is measured by \`npm run bench\`).
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
