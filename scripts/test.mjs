#!/usr/bin/env node
/**
 * npm test: the whole suite, in order, stopping at the first failing stage.
 *   1. Vitest: unit tests beside the modules in lib/, component tests, integration tests on real
 *      temporary SQLite databases.
 *   2. Browser tests: Debian's Chromium (installed with apt when missing and running as root; otherwise
 *      a clear stop — never a silent skip), a production build in .next-test, Playwright.
 * Each runner prints its own summary last.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`\n▶ Installing Debian's Chromium for the browser tests (apt-get)`);
    run('apt-get update', 'apt-get', ['update', '-qq']);
    run('apt-get install chromium', 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (existsSync(CHROMIUM)) return;
  }
  console.error(`\n✖ Browser tests need Chromium at ${CHROMIUM}. Install Debian's package (sudo apt-get install chromium),`);
  console.error('  or set CHROMIUM_PATH. The browser suite is not skipped: the test run stops here.');
  process.exit(1);
}

const only = process.argv[2];
if (only !== 'e2e') run('Unit, component and integration tests (Vitest)', bin('vitest'), ['run']);
if (only !== 'unit') {
  ensureChromium();
  run('Production build for the browser tests (.next-test)', bin('next'), ['build'], { NEXT_DIST_DIR: '.next-test' });
  run('Browser tests (Playwright, Debian Chromium)', bin('playwright'), ['test'], { CHROMIUM_PATH: CHROMIUM });
}
