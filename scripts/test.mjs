#!/usr/bin/env node
/**
 * npm test: the whole suite, in order, stopping at the first failing stage.
 *   1. build: a production build in .next-test (served by the three-instance test, the fault tests and
 *      the browser tests).
 *   2. unit: Vitest's unit and component tests (lib/, components/, app/): no database.
 *   3. integration: Vitest's integration tests on real temporary SQLite databases (copies of a template
 *      migrated and seeded once per run), and again on PostgreSQL 15 (a server started from Debian's
 *      binaries for the run), with the PostgreSQL-only tests (tests/postgresql); two files at a time.
 *   4. faults: tests/faults on that build: a SQLite instance killed with SIGKILL during saves;
 *      `npm run cluster` (PostgreSQL, three instances, nginx) with an instance killed and PostgreSQL
 *      stopped under load, then stopped with SIGTERM.
 *   5. browser: Debian's Chromium (installed with apt when missing and running as root; otherwise a
 *      clear stop — never a silent skip), Playwright against a server of its own on E2E_PORT (with
 *      E2E_WORKERS=n, n workers, each with its own server and database on E2E_PORT, E2E_PORT + 1, …).
 * The stages run one after another: on two cores each already keeps both busy, and run side by side
 * they only slowed each other down (tests then ran into their time limits).
 * `node scripts/test.mjs unit`: every stage but the browser tests; `e2e`: the build and the browser
 * tests; `--stages=build,unit`: the stages named (in the order above). The first two stages need no
 * better-sqlite3 binary: when its native module is missing (.ci/run installs with --ignore-scripts to
 * gain that time), it is compiled in the background (npm rebuild better-sqlite3: SQLite is one C file,
 * a minute or more on one core) while they run beside it, at a lower priority; the stages that load it
 * wait for it.
 * Each runner prints its own summary last; each stage's time follows it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/** While better-sqlite3 compiles in the background, the stages beside it run niced: the compile is the longer path. */
let compiling = null;

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const t0 = Date.now();
  const niced = compiling && existsSync('/usr/bin/nice');
  const r = spawnSync(niced ? '/usr/bin/nice' : cmd, niced ? ['-n', '10', cmd, ...args] : args, { cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${r.status ?? r.signal}) after ${seconds(t0)}`);
    process.exit(r.status || 1);
  }
  console.log(`\n✔ ${label}: ${seconds(t0)}`);
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

const STAGES = ['build', 'unit', 'integration', 'faults', 'browser'];
const arg = process.argv[2] ?? '';
let selected;
if (arg === '') selected = STAGES;
else if (arg === 'unit') selected = STAGES.filter((s) => s !== 'browser');
else if (arg === 'e2e') selected = ['build', 'browser'];
else if (arg.startsWith('--stages=')) selected = arg.slice('--stages='.length).split(',');
const unknown = selected ? selected.filter((s) => !STAGES.includes(s)) : [];
if (!selected || selected.length === 0 || unknown.length > 0 || process.argv.length > 3) {
  console.error(`Usage: node scripts/test.mjs [unit | e2e | --stages=${STAGES.join(',')}]`);
  process.exit(2);
}
const wanted = (stage) => selected.includes(stage);

/** Starts `npm rebuild better-sqlite3` in the background when its native module is missing. */
function compileSqliteIfMissing() {
  const binding = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding) || !['integration', 'faults', 'browser'].some(wanted)) return null;
  console.log('\n▶ better-sqlite3 is not compiled (installed without its install script): compiling it in the background while the stages that do not load it run');
  const dir = mkdtempSync(path.join(tmpdir(), 'rls-sqlite-build-'));
  const logFile = path.join(dir, 'build.log');
  const out = openSync(logFile, 'w');
  const t0 = Date.now();
  const child = spawn('npm', ['rebuild', 'better-sqlite3'], { cwd: root, env, stdio: ['ignore', out, out] });
  closeSync(out);
  return new Promise((resolve) => {
    const done = (code) => {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      resolve({ ok: code === 0 && existsSync(binding), log, took: seconds(t0) });
    };
    child.once('exit', done);
    child.once('error', () => done(1));
  });
}

/** Waits for the background compile (the next stages load better-sqlite3). */
async function sqliteCompiled() {
  if (!compiling) return;
  const result = await compiling;
  compiling = null;
  if (!result.ok) {
    console.error(`${result.log}\n✖ better-sqlite3 did not compile (npm rebuild better-sqlite3)`);
    process.exit(1);
  }
  console.log(`\n✔ better-sqlite3 compiled in the background: ${result.took}`);
}

const started = Date.now();
if (wanted('browser')) ensureBrowserTools();
compiling = compileSqliteIfMissing();
// One production build, first: the three-instance test on PostgreSQL (Vitest), the fault tests and the
// browser tests all serve it.
if (wanted('build')) run('Production build for the instance, fault and browser tests (.next-test)', bin('next'), ['build'], { NEXT_DIST_DIR: '.next-test' });
if (wanted('unit')) run('Unit and component tests (Vitest, no database)', bin('vitest'), ['run', '--project', 'unit']);
await sqliteCompiled();
if (wanted('integration')) run('Integration tests on SQLite and on PostgreSQL (Vitest)', bin('vitest'), ['run', '--project', 'sqlite', '--project', 'postgresql']);
// Real servers on that build killed with SIGKILL and restarted, PostgreSQL stopped under load, the cluster command.
if (wanted('faults')) run('Fault tests (tests/faults: real servers on the .next-test build)', bin('vitest'), ['run', '--config', 'vitest.faults.config.ts']);
if (wanted('browser')) run('Browser tests (Playwright, Debian Chromium)', bin('playwright'), ['test'], { CHROMIUM_PATH: CHROMIUM });
console.log(`\n✔ ${selected.length === STAGES.length ? 'npm test' : `Stages ${selected.join(', ')}`} passed in ${seconds(started)}`);
