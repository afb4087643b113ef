import { defineConfig } from '@playwright/test';
import { E2E_WORKERS, WORKER_PORT, serverPort, stateFile } from './tests/e2e/auth-state';

// Debian's Chromium, never a downloaded browser. The flags keep it off the (closed) network.
// E2E_WORKERS workers, each with a server and database of its own on port E2E_PORT + its number
// (tests/e2e/auth-state.ts): test files run side by side without sharing any data; the tests of a file
// run in order, in one worker. One by default: on two cores the server and Chromium of one worker keep
// both busy (measured: 352 s with one worker, 362 s with two).
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: E2E_WORKERS,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    // This config is read again in each worker, where TEST_PARALLEL_INDEX names the worker's server.
    baseURL: `http://127.0.0.1:${WORKER_PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', dependencies: ['setup'], testIgnore: /auth\.setup\.ts/, use: { storageState: stateFile('clinician') } },
  ],
  webServer: Array.from({ length: E2E_WORKERS }, (_, i) => ({
    command: `node scripts/e2e-server.mjs ${serverPort(i)}`,
    url: `http://127.0.0.1:${serverPort(i)}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  })),
});
