import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests sit beside their modules in lib/ and component tests in components/ (project `unit`);
// integration tests (real SQLite) in tests/integration (project `sqlite`). Browser tests (tests/e2e)
// run under Playwright, not here.
// A second project runs the integration tests that use a database once more on PostgreSQL 15 (a server
// started from Debian's binaries for the run: tests/postgres-setup.ts), plus the PostgreSQL-only tests.
const DATABASE_FREE = ['tests/integration/cli.test.ts', 'tests/integration/pdf-rendering.test.ts'];
// The SQLite migration history (PostgreSQL's: tests/postgresql/schema-drift.test.ts), and the audit
// verifier's tamper cases: provider-independent logic on the events read (PostgreSQL's triggers and
// verify: tests/postgresql/audit-append-only.test.ts).
const SQLITE_ONLY = ['tests/integration/migrations.test.ts', 'tests/integration/durable-commit.test.ts', 'tests/integration/security-audit.test.ts', 'tests/integration/security-audit-anchor.test.ts'];
const POSTGRES_ONLY = ['tests/postgresql/**/*.test.ts'];

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
    setupFiles: ['tests/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two test files at a time (Vitest's default is one fewer than the cores: one here). Much of an
    // integration file's time is spent waiting (a commit's fsync, a child process, PostgreSQL), so the
    // second file uses what the first leaves idle. Every file has its own databases and ports.
    maxWorkers: 2,
    // Worker threads, not child processes: each test file gets a fresh worker, and starting a thread
    // costs less than starting a process (forks 188 s, threads 168 s for the integration projects).
    pool: 'threads',
    projects: [
      {
        extends: true,
        test: {
          // No database: `npm test` runs these while better-sqlite3 may still be compiling (scripts/test.mjs).
          name: 'unit',
          include: ['lib/**/*.test.ts', 'components/**/*.test.tsx', 'app/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['tests/**/*.test.{ts,tsx}'],
          // tests/faults run in their own stage after the build (vitest.faults.config.ts).
          exclude: ['tests/e2e/**', 'tests/faults/**', 'node_modules/**', '.next/**', ...POSTGRES_ONLY],
          globalSetup: ['tests/sqlite-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgresql',
          include: ['tests/integration/**/*.test.ts', ...POSTGRES_ONLY],
          exclude: [...DATABASE_FREE, ...SQLITE_ONLY],
          env: { TEST_DATABASE: 'postgresql' },
          globalSetup: ['tests/postgres-setup.ts'],
        },
      },
    ],
  },
});
