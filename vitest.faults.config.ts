import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Fault tests (tests/faults): real production servers on the .next-test build, killed and restarted.
// A stage of their own in `npm test`, after the build; one file at a time (each runs several servers).
export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      'server-only': fileURLToPath(new URL('./tests/stubs/server-only.ts', import.meta.url)),
    },
  },
  test: {
    globals: true,
    environment: 'node',
    include: ['tests/faults/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
