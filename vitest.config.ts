import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests sit beside their modules in lib/; component tests in components/; integration tests
// (real SQLite) in tests/integration. Browser tests (tests/e2e) run under Playwright, not here.
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
    include: ['lib/**/*.test.ts', 'components/**/*.test.tsx', 'app/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
    // tests/faults run in their own stage after the build (vitest.faults.config.ts).
    exclude: ['tests/e2e/**', 'tests/faults/**', 'node_modules/**', '.next/**'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
