#!/usr/bin/env node
/**
 * npm test: the whole suite.
 *   1. A production build in .next-test (served by the three-instance test, the fault tests and the
 *      browser tests).
 *   Then two lines of work at the same time (much of each is waiting — on fsync, child processes,
 *   PostgreSQL, the browser — so together they take far less than one after the other):
 *   2. Vitest: unit tests beside the modules in lib/, component tests, integration tests on real
 *      temporary SQLite databases, and the integration tests again on PostgreSQL 15 (a server started
 *      from Debian's binaries for the run), with the PostgreSQL-only tests (tests/postgresql).
 *      3. Then, when they pass, the fault tests (tests/faults) on that build: a SQLite instance killed
 *      with SIGKILL during saves; `npm run cluster` (PostgreSQL, three instances, nginx) with an
 *      instance killed and PostgreSQL stopped under load, then stopped with SIGTERM.
 *   4. Alongside 2–3, the browser tests: Debian's Chromium (installed with apt when missing and running
 *      as root; otherwise a clear stop — never a silent skip), Playwright with two workers, each with
 *      its own server and database (E2E_PORT, E2E_PORT + 1). Their output is printed when they end.
 * Vitest prints as it goes; each runner prints its own summary; the run fails if any stage fails, and
 * says which, with each stage's time. `node scripts/test.mjs unit` runs 1–3, `… e2e` runs 1 and 4.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${r.status ?? r.signal}) after ${seconds(t0)}`);
    process.exit(r.status || 1);
  }
  console.log(`\n✔ ${label}: ${seconds(t0)}`);
}

/** Runs a stage alongside others: its output is kept and printed when it ends. Resolves with its exit status. */
function runAlongside(label, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${label} (alongside; output when it ends)`);
  const t0 = Date.now();
  const child = spawn(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks = [];
  child.stdout.on('data', (c) => chunks.push(c));
  child.stderr.on('data', (c) => chunks.push(c));
  return new Promise((resolve) => {
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      resolve(1);
    });
    child.on('close', (code, signal) => {
      console.log(`\n▶ ${label}: output\n`);
      process.stdout.write(Buffer.concat(chunks));
      const status = code ?? (signal ? 1 : 0);
      if (status === 0) console.log(`\n✔ ${label}: ${seconds(t0)}`);
      else console.error(`\n✖ ${label} failed (exit ${code ?? signal}) after ${seconds(t0)}`);
      resolve(status);
    });
  });
}

/** Runs a stage in order, printing as it goes. Resolves with its exit status. */
function runLive(label, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const t0 = Date.now();
  const child = spawn(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      if (status === 0) console.log(`\n✔ ${label}: ${seconds(t0)}`);
      else console.error(`\n✖ ${label} failed (exit ${code ?? signal}) after ${seconds(t0)}`);
      resolve(status);
    });
  });
}

/** Debian packages the browser tests need: Chromium, and pdftotext to read printed PDFs. */
const NEEDED = [
  { file: CHROMIUM, pkg: 'chromium', why: 'the browser tests' },
  { file: '/usr/bin/pdftotext', pkg: 'poppler-utils', why: 'reading the printed PDF' },
];

function ensureBrowserTools() {
  const missing = NEEDED.filter((n) => !existsSync(n.file));
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`\n▶ Installing ${missing.map((m) => m.pkg).join(', ')} from Debian (apt-get)`);
    run('apt-get update', 'apt-get', ['update', '-qq']);
    run('apt-get install', 'apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing.map((m) => m.pkg)], { DEBIAN_FRONTEND: 'noninteractive' });
  }
  const still = NEEDED.filter((n) => !existsSync(n.file));
  if (still.length === 0) return;
  for (const n of still) console.error(`\n✖ ${n.why} need ${n.file}: install Debian's ${n.pkg} (sudo apt-get install ${n.pkg}).`);
  console.error('  The browser suite is not skipped: the test run stops here.');
  process.exit(1);
}

const only = process.argv[2];
const started = Date.now();
if (only !== 'unit') ensureBrowserTools();
// One production build, first: the three-instance test on PostgreSQL (Vitest), the fault tests and the
// browser tests all serve it.
run('Production build for the instance, fault and browser tests (.next-test)', bin('next'), ['build'], { NEXT_DIST_DIR: '.next-test' });

const VITEST = 'Unit, component and integration tests on SQLite, integration tests on PostgreSQL (Vitest)';
const FAULTS = 'Fault tests (tests/faults: real servers on the .next-test build)';
const BROWSER = 'Browser tests (Playwright, Debian Chromium)';
const browser = only === 'unit' ? Promise.resolve(0)
  : (only === 'e2e' ? runLive : runAlongside)(BROWSER, bin('playwright'), ['test'], { CHROMIUM_PATH: CHROMIUM });
const vitest = only === 'e2e' ? Promise.resolve(0) : (async () => {
  if ((await runLive(VITEST, bin('vitest'), ['run'])) !== 0) return VITEST;
  // Real servers on that build killed with SIGKILL and restarted, PostgreSQL stopped under load, the cluster command.
  if ((await runLive(FAULTS, bin('vitest'), ['run', '--config', 'vitest.faults.config.ts'])) !== 0) return FAULTS;
  return null;
})();
const [failedVitest, browserStatus] = await Promise.all([vitest, browser]);
const failed = [failedVitest, browserStatus !== 0 ? BROWSER : null].filter(Boolean);
if (failed.length > 0) {
  console.error(`\n✖ npm test failed after ${seconds(started)}: ${failed.join('; ')}`);
  process.exit(1);
}
console.log(`\n✔ npm test passed in ${seconds(started)}`);
