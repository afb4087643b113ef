#!/usr/bin/env node
/**
 * npm run loadtest: the request path under concurrent clients, measured (never asserted) with autocannon
 * against a production build on a temporary, seeded SQLite database.
 *
 * In one run, at 10 and at 50 connections: the framework's floor (GET /api/ping, a route handler that
 * only answers), GET /api/health, the patient list page (signed in), POST /api/v1/evaluate with an API
 * token, and saving an assessment (the intake page's server action); then saves paced as a clinic sends
 * them: 50 clients, each saving every 2 s at its own turn (25/s in all, steady). Throughput and p50/p95/p99 are
 * printed and written to docs/BENCHMARKS.md with the machine description; ratios are taken against the
 * floor of the same run, because the machine is shared and absolute figures drift.
 *
 * Afterwards it checks that nothing was given up: the audit chain verifies (`audit:verify` exits 0),
 * every acknowledged save is in the database, and every answered read and save has its audit event.
 *
 *   --no-build        reuse the existing .next-loadtest build (only when the sources did not change)
 *   --profile         run the server (on PostgreSQL each instance) with --cpu-prof (profiles in the
 *                     temporary directory, kept)
 *   --seconds=N       seconds per measurement (default 10)
 *   --only=a,b        measure only these paths (floor is always measured)
 *   --connections=a,b concurrency levels (default 10,50; the paced saves run at the 50 level)
 *   --no-write        do not update docs/BENCHMARKS.md
 *   --rounds=N        run every target N times, each time set up afresh; the comparison of the targets
 *                     takes the median of the rounds (each target's own section is its last round's)
 *   --queries         no load: one request per path with the server's query log (DB_QUERY_LOG=1), then
 *                     the queries each path ran, their durations and SQLite's EXPLAIN QUERY PLAN
 *   --targets=a,b     sqlite, postgresql:1, postgresql:3 (default: all three when PostgreSQL and nginx are
 *                     installed, else sqlite): one run per target on the same build, all started side by
 *                     side (each on its own port: LOADTEST_PORT, +10, +20), then measured in turns, one
 *                     row each, so that a row of one target runs right after the same row of the others;
 *                     PostgreSQL targets run `npm run cluster` (PostgreSQL, N instances, nginx in front)
 *                     in the temporary directory and measure through nginx
 * LOADTEST_PORT (default 4102) is the server's (or nginx's) port; it listens on 127.0.0.1 only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { machine, machineLine } from './machine.mjs';
import { postgresInstalled, runSql } from './postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SECONDS = Number(option('seconds', '10'));
const ONLY = option('only', '')?.split(',').filter(Boolean);
const PORT = Number(process.env.LOADTEST_PORT ?? 4102);
const BASE = `http://127.0.0.1:${PORT}`;
const DIST = '.next-loadtest';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CONNECTIONS = option('connections', '10,50').split(',').map(Number);
/** Runs of every target (runTargets): each a fresh set-up of each target, the comparison over all. */
const ROUNDS = Number(option('rounds', '1'));
/** The paced saves: this many clients, each saving once per period, their turns spread evenly. */
const PACED = { clients: 50, periodMs: 2000 };
// Whole run bounded: a hung server or client never keeps the command going.
const HARD_LIMIT_MS = 30 * 60_000;
const NGINX = process.env.NGINX || '/usr/sbin/nginx';
/** This run's target (a child run per target when several are asked for). */
const TARGET = option('target', '');
const [PROVIDER, INSTANCES_TEXT] = TARGET.split(':');
const INSTANCES = Number(INSTANCES_TEXT ?? 1);
const ON_POSTGRES = PROVIDER === 'postgresql';

const dir = mkdtempSync(path.join(tmpdir(), 'rls-loadtest-'));
// PostgreSQL runs as the postgres user when this runs as root: it must reach its folder in here.
chmodSync(dir, 0o755);
const dbFile = path.join(dir, 'loadtest.db');
const env = {
  ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: DIST,
  DATABASE_URL: `file:${dbFile}`, BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
  // Anchoring on, as in production (npm start makes the key): its cost is measured, and audit:verify
  // checks the chain against this run's anchors.
  AUDIT_ANCHOR_KEY: path.join(dir, 'audit-anchor.key'), AUDIT_ANCHOR_LOG: path.join(dir, 'audit-anchor.log'),
  ...(flag('queries') ? { DB_QUERY_LOG: '1' } : {}),
};
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(label, cmd, cmdArgs, extraEnv = {}) {
  console.log(`▶ ${label}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`${label} failed (exit ${r.status ?? r.signal})`);
  }
  return r.stdout;
}

let server = null;
function stopServer() {
  if (server && server.exitCode === null) server.kill('SIGTERM');
}
/** The processes serving the app: the server, or (PostgreSQL) every instance the cluster started. */
let appPids = () => (server ? [server.pid] : []);
/** On PostgreSQL: the postmaster's and nginx's pids (their workers are their children), and the port. */
let backing = null;
const hardStop = setTimeout(() => {
  console.error(`✖ load test exceeded ${HARD_LIMIT_MS / 60_000} minutes: stopping`);
  stopServer();
  process.exit(1);
}, HARD_LIMIT_MS);
hardStop.unref();
process.on('exit', stopServer);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => { stopServer(); process.exit(130); });

/** Starts `npm run cluster` (PostgreSQL, the instances, nginx on PORT) and waits for its ready line. */
async function startCluster() {
  const clusterDir = path.join(dir, 'cluster');
  const profile = flag('profile') ? ['--cpu-prof-dir', path.join(dir, 'profiles')] : [];
  server = spawn(process.execPath, [path.join(root, 'scripts/cluster.mjs'), '--instances', String(INSTANCES), '--port', String(PORT), '--dir', clusterDir, ...profile], {
    cwd: root, env: { ...env, DATABASE_URL: '', AUDIT_ANCHOR_KEY: '', AUDIT_ANCHOR_LOG: '' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const ready = await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /^DATABASE_URL=(\S+)$/m.exec(out)?.[1];
      if (/^ready http:/m.test(out) && url) resolve(url);
    });
    server.once('exit', (code) => reject(new Error(`npm run cluster exited (${code}) before it was ready:\n${out.slice(-2000)}`)));
  });
  server.stdout.resume();
  const state = JSON.parse(readFileSync(path.join(clusterDir, 'cluster.json'), 'utf8'));
  appPids = () => JSON.parse(readFileSync(path.join(clusterDir, 'cluster.json'), 'utf8')).instances.map((i) => i.pid).filter(Boolean);
  // audit:verify and the checks read the cluster's database and anchors.
  Object.assign(env, { DATABASE_URL: ready, AUDIT_ANCHOR_KEY: path.join(clusterDir, 'audit-anchor.key'), AUDIT_ANCHOR_LOG: path.join(clusterDir, 'audit-anchor.log') });
  backing = {
    postgres: Number(readFileSync(path.join(state.postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    nginx: state.nginx.pid, pgPort: state.postgres.port,
  };
  return { databaseUrl: ready, pgPort: state.postgres.port };
}

async function waitForServer() {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode})`);
    try { if ((await fetch(`${BASE}/api/ping`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start');
}

/** Signs in through the sign-in page (as a browser does) and returns the session cookie header. */
async function signIn() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${BASE}/sign-in`);
    await page.getByLabel('Email').fill('clinician@demo.test');
    await page.getByLabel('Password').fill('demo-clinician-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Patients', exact: true }).waitFor();
    return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  } finally {
    await browser.close();
  }
}

/**
 * The run's database, read directly (SQLite file, or psql on the cluster's PostgreSQL): the checks after
 * the load count rows. Only our own literals are put into the SQL.
 */
function openStore(pg) {
  if (!pg) {
    const sqlite = new Database(dbFile);
    return {
      value: (sql) => Object.values(sqlite.prepare(sql).get())[0],
      run: (sql) => sqlite.prepare(sql).run(),
      now: String(Date.now()),
      close: () => sqlite.close(),
    };
  }
  return {
    value: (sql) => runSql(pg.pgPort, 'rls_workup', sql).trim(),
    run: (sql) => runSql(pg.pgPort, 'rls_workup', sql),
    now: 'now()',
    close: () => {},
  };
}

/** An API token for the demo clinic, stored as the admin page stores one (only its SHA-256). */
function issueToken(store) {
  const adminId = store.value("SELECT id FROM users WHERE email = 'admin@demo.test'");
  const organisationId = store.value("SELECT organisation_id FROM users WHERE email = 'admin@demo.test'");
  const secret = `rlsw_${randomBytes(32).toString('base64url')}`;
  store.run(`INSERT INTO api_tokens (id, organisation_id, name, token_hash, created_by_id, created_at) VALUES ('loadtest${randomBytes(8).toString('hex')}', '${organisationId}', 'load test', '${createHash('sha256').update(secret).digest('hex')}', '${adminId}', ${store.now})`);
  return secret;
}

/** The intake form a clinician submits (built by the app's own schema module): a few labs and a medication list. */
function intakeForm() {
  const script = `import { emptyAssessmentForm } from './lib/schemas/assessment';
const f = emptyAssessmentForm();
const set = (a, v) => { f.labs[a].value = v; };
set('ferritin', '40'); set('tsat', '18'); set('hemoglobin', '12.9'); set('glucose-fasting', '96'); set('egfr', '72'); set('tsh', '2.1');
f.collectedOn = '2026-11-20';
f.medicationsText = 'sertraline 50 mg daily\\nlisinopril 10 mg';
process.stdout.write(JSON.stringify(f));`;
  return JSON.parse(step('Intake form for the save path', bin('tsx'), ['--eval', script]));
}

/** Nearest-rank percentile of sorted latencies. */
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** autocannon's options for one path at a concurrency. */
const cannonOptions = (request, connections) => ({
  url: `${BASE}${request.path}`, method: request.method ?? 'GET', headers: request.headers ?? {}, body: request.body, connections, pipelining: 1, timeout: 60,
});

/** The warm-up at the start of each row, on the connections the row then measures. */
const WARM_UP_MS = 2000;

/**
 * One autocannon measurement: the connections are opened, warmed up for 2 s, and the answers to the
 * requests sent after that are measured (latencies of every one). One run, not a warm-up run and then
 * a measured one: a run opens all its connections at once, and the first requests of some of them
 * waited up to 3 s (answered one by one, while the others were served at the usual pace) — against a
 * bare Node.js server too, so a trait of the burst of new connections, not of a path. Clients that
 * stay connected, as browsers and API clients do, are what a row measures.
 */
async function measure(name, connections, request, { expectStatus, seconds = SECONDS }) {
  const opts = cannonOptions(request, connections);
  // The previous row's last requests are still being served: let them finish first.
  await settle();
  const latencies = [];
  // When each measured request was sent (ms since the run started) and its latency: where a tail sits.
  const sent = [];
  let ok = 0;
  let load = null;
  let cpuBefore = null;
  const started = performance.now();
  let backingBefore = null;
  const warmedUp = setTimeout(() => { load = machine().loadAverage; cpuBefore = serverCpuMs(); backingBefore = backingUse(); }, WARM_UP_MS);
  const instance = autocannon({ ...opts, duration: (WARM_UP_MS / 1000) + seconds });
  const warmUp = [];
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    const at = performance.now() - started - responseTime;
    if (at < WARM_UP_MS) {
      warmUp.push(responseTime);
      return;
    }
    latencies.push(responseTime);
    sent.push([at - WARM_UP_MS, responseTime]);
    if (expectStatus.includes(statusCode)) ok++;
  });
  const r = await instance;
  clearTimeout(warmedUp);
  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const slow = sent.filter(([, ms]) => ms > 5 * p50);
  const warmUpSlow = warmUp.filter((ms) => ms > 5 * p50).length;
  // After the requests still in flight are served (settle), so their work is counted.
  await settle();
  const cpuMs = cpuBefore === null ? null : serverCpuMs() - cpuBefore;
  const row = {
    name, connections, requests: latencies.length, ok, rps: latencies.length / seconds, errors: r.errors, timeouts: r.timeouts,
    p50, p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? null, load,
    cpuPerRequest: latencies.length && cpuMs !== null ? cpuMs / latencies.length : null,
    backing: backingPerRequest(backingBefore, latencies.length),
  };
  console.log(`${name.padEnd(36)} c=${String(connections).padStart(2)} ${row.rps.toFixed(1).padStart(8)} req/s  p50 ${fmt(row.p50)}  p95 ${fmt(row.p95)}  p99 ${fmt(row.p99)}  max ${fmt(row.max)}  cpu ${row.cpuPerRequest?.toFixed(2) ?? '—'} ms/req  ok ${ok}/${row.requests}${row.errors || row.timeouts ? `  errors ${row.errors} timeouts ${row.timeouts}` : ''}  load ${load}`);
  if (row.backing) console.log(`  per request: PostgreSQL ${row.backing.postgresMs.toFixed(2)} ms of CPU, ${row.backing.commits.toFixed(2)} writing transactions; nginx ${row.backing.nginxMs.toFixed(2)} ms of CPU`);
  if (slow.length > 0 || warmUpSlow > 0) {
    const secondsOf = (a) => (a[0] / 1000).toFixed(1);
    console.log(`  over 5 × p50: ${slow.length} measured answers${slow.length ? ` (sent ${secondsOf(slow.reduce((m, a) => (a[0] < m[0] ? a : m)))}–${secondsOf(slow.reduce((m, a) => (a[0] > m[0] ? a : m)))} s into the measurement)` : ''}; ${warmUpSlow} in the warm-up (${warmUp.length} answers)`);
  }
  return row;
}

/**
 * Requests at a steady pace, as clinicians send them: `clients` clients, each sending once per
 * `periodMs`, their turns spread evenly over the period (client i first at i × period / clients), each
 * waiting for its answer (a late answer delays that client's next turn, it does not make it send two).
 * Not autocannon's rate option: it sends each second's quota at the start of the second, every client at
 * once, so the "paced" load arrives as bursts. Node's fetch (undici) keeps one connection per client alive.
 */
async function measurePaced(name, request, { expectStatus, seconds = SECONDS, clients, periodMs }) {
  const send = async () => {
    const started = performance.now();
    const res = await fetch(`${BASE}${request.path}`, { method: request.method ?? 'GET', headers: request.headers, body: request.body, redirect: 'manual' });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  };
  const run = async (durationMs, onAnswer) => {
    const start = performance.now();
    let errors = 0;
    await Promise.all(Array.from({ length: clients }, async (_, i) => {
      let next = start + (i * periodMs) / clients;
      while (next < start + durationMs) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        try { onAnswer(await send()); } catch { errors++; }
        next = Math.max(next + periodMs, performance.now());
      }
    }));
    return { errors, elapsedMs: performance.now() - start };
  };
  await run(periodMs, () => {});
  await settle();
  const load = machine().loadAverage;
  const cpuBefore = serverCpuMs();
  const backingBefore = backingUse();
  const latencies = [];
  let ok = 0;
  const { errors, elapsedMs } = await run(seconds * 1000, ({ status, ms }) => {
    latencies.push(ms);
    if (expectStatus.includes(status)) ok++;
  });
  latencies.sort((a, b) => a - b);
  await settle();
  const cpuMs = serverCpuMs() - cpuBefore;
  const row = {
    name, connections: clients, requests: latencies.length, ok, rps: latencies.length / (elapsedMs / 1000), errors, timeouts: 0,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? null, load,
    cpuPerRequest: latencies.length ? cpuMs / latencies.length : null,
    backing: backingPerRequest(backingBefore, latencies.length),
  };
  console.log(`${name.padEnd(36)} c=${String(clients).padStart(2)} ${row.rps.toFixed(1).padStart(8)} req/s  p50 ${fmt(row.p50)}  p95 ${fmt(row.p95)}  p99 ${fmt(row.p99)}  max ${fmt(row.max)}  cpu ${row.cpuPerRequest?.toFixed(2) ?? '—'} ms/req  ok ${ok}/${row.requests}${errors ? `  errors ${errors}` : ''}  load ${load}`);
  return row;
}

/** A process's parent and CPU ticks (user + system, all its threads) from /proc; null once it is gone. */
function procStat(pid) {
  let fields;
  try { fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); } catch { return null; }
  // After "pid (comm) ": ppid (field 4) at 1, utime and stime (fields 14 and 15) at 11 and 12.
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/**
 * CPU time the server process has used so far (user + system, all its threads), in ms. Per request it
 * is the work a path costs, which the machine's other jobs do not change the way they change throughput.
 */
function serverCpuMs() {
  const ticks = appPids().reduce((n, pid) => {
    const stat = procStat(pid);
    if (!stat) throw new Error(`server process ${pid} is gone`);
    return n + stat.ticks;
  }, 0);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** CPU (ms) of each root process with its children (PostgreSQL's backends, nginx's worker): one pass over /proc. */
function treeCpuMs(roots) {
  const ticks = roots.map(() => 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (!stat) continue;
    roots.forEach((root, i) => { if (Number(entry) === root || stat.ppid === root) ticks[i] += stat.ticks; });
  }
  return ticks.map((t) => (t * 1000) / CLOCK_TICKS);
}

/** On PostgreSQL: what the database and nginx have used so far, and the transactions committed. */
function backingUse() {
  if (!backing) return null;
  // The next transaction id: only transactions that write take one (the statistics views lag by seconds).
  const commits = Number(runSql(backing.pgPort, 'rls_workup', 'SELECT pg_snapshot_xmax(pg_current_snapshot())').trim());
  const [postgresMs, nginxMs] = treeCpuMs([backing.postgres, backing.nginx]);
  return { postgresMs, nginxMs, commits };
}

function backingPerRequest(before, requests) {
  const after = before && requests ? backingUse() : null;
  if (!after) return null;
  return { postgresMs: (after.postgresMs - before.postgresMs) / requests, nginxMs: (after.nginxMs - before.nginxMs) / requests, commits: (after.commits - before.commits) / requests };
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/**
 * Requests still queued in the server when a measurement ends would slow the next one: wait (bounded)
 * until the floor answers promptly again.
 */
async function settle() {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const t = performance.now();
    try { await (await fetch(`${BASE}/api/ping`)).text(); } catch { /* busy */ }
    if (performance.now() - t < 100) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Several targets are measured interleaved (runTargets): each is started and set up at once, then
 * they take turns, one row each, so that the rows they are compared on run minutes apart no more and
 * the machine's drift hits them alike. A turn starts when the parent says so; alone, at once.
 */
async function turn(fn) {
  if (typeof process.send !== 'function') return fn();
  const go = new Promise((resolve) => process.once('message', resolve));
  process.send({ ask: true });
  await go;
  try {
    return await fn();
  } finally {
    process.send({ done: true });
  }
}

const fmt = (ms) => `${ms == null ? '—' : ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`.padStart(8);

if (!TARGET) {
  rmSync(dir, { recursive: true, force: true });
  await runTargets();
}

try {
  console.log(machineLine());
  console.log(`▶ Target: ${ON_POSTGRES ? `PostgreSQL, ${INSTANCES} instance${INSTANCES === 1 ? '' : 's'} behind nginx (npm run cluster)` : 'SQLite, one instance'}`);
  if (flag('no-build') && existsSync(path.join(root, DIST, 'BUILD_ID'))) console.log(`▶ Reusing the build in ${DIST}`);
  else step(`Production build into ${DIST}`, bin('next'), ['build']);
  let queryLog = '';
  let pg = null;
  if (ON_POSTGRES) {
    if (flag('queries')) throw new Error('--queries runs on the SQLite target only');
    console.log('▶ Starting the cluster');
    pg = await startCluster();
  } else {
    step('Migrating a temporary SQLite database', process.execPath, ['scripts/prisma.mjs', 'migrate', 'deploy']);
    step('Seeding the demo clinic', bin('tsx'), ['prisma/seed.ts']);
    step('Creating the audit anchor key and the first anchor', bin('tsx'), ['scripts/audit-anchor.ts']);
    // --cpu-prof is not allowed in NODE_OPTIONS: the server runs under node with the flag itself.
    const profileArgs = flag('profile') ? ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, 'profiles')}`] : [];
    // The production server npm start runs (scripts/server.mjs: Next.js's handler behind a Node HTTP
    // server that records the peer address and answers 503 while the database is down).
    server = spawn(process.execPath, [...profileArgs, path.join(root, 'scripts/server.mjs'), '--host', '127.0.0.1', '--port', String(PORT)], {
      cwd: root, env, stdio: ['ignore', 'ignore', flag('queries') ? 'pipe' : 'inherit'],
    });
    server.stderr?.on('data', (chunk) => { queryLog += chunk; });
  }
  await waitForServer();
  console.log(`▶ Serving on ${BASE}; signing in`);
  const cookie = await signIn();

  const store = openStore(pg);
  const token = issueToken(store);
  const patient = { id: store.value("SELECT id FROM patients WHERE mrn = 'DEMO-001'") };
  const evaluateBody = JSON.stringify(JSON.parse(readFileSync(path.join(root, 'lib/rules/cases/V02.json'), 'utf8')).input);
  const manifest = JSON.parse(readFileSync(path.join(root, DIST, 'server', 'server-reference-manifest.json'), 'utf8'));
  const actionId = Object.entries(manifest.node).find(([, e]) => e.exportedName === 'createAssessmentAction')?.[0];
  if (!actionId) throw new Error('createAssessmentAction is not in the build');
  if (!(await fetch(`${BASE}/patients/${patient.id}/assessments/new`, { headers: { cookie } })).ok) throw new Error('the intake page did not open with the signed-in session');
  const intake = intakeForm();
  const countBefore = Number(store.value('SELECT COUNT(*) AS n FROM assessments'));
  // The size of an evaluation's answer: the floor is also measured answering that many bytes.
  const evaluated = await fetch(`${BASE}/api/v1/evaluate`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: evaluateBody });
  if (!evaluated.ok) throw new Error(`evaluate did not answer (${evaluated.status})`);
  const answerBytes = (await evaluated.arrayBuffer()).byteLength;

  const paths = [
    { key: 'floor', name: 'floor: GET /api/ping', request: { path: '/api/ping' }, expectStatus: [200] },
    { key: 'floor-sized', name: `floor, ${(answerBytes / 1024).toFixed(0)} KB answer: GET /api/ping?bytes=`, request: { path: `/api/ping?bytes=${answerBytes}` }, expectStatus: [200] },
    { key: 'health', name: 'GET /api/health', request: { path: '/api/health' }, expectStatus: [200] },
    { key: 'patients', name: 'GET /patients (signed in)', request: { path: '/patients', headers: { cookie } }, expectStatus: [200] },
    {
      key: 'evaluate', name: 'POST /api/v1/evaluate (API token)', expectStatus: [200],
      request: { path: '/api/v1/evaluate', method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: evaluateBody },
    },
    {
      // A save answers with the saved assessment's id (the browser then opens the result page, a GET
      // of its own). Measured for longer: fewer answers per second than the other paths.
      key: 'save', name: 'save an assessment (server action)', expectStatus: [200], seconds: SECONDS * 3,
      request: {
        path: `/patients/${patient.id}/assessments/new`, method: 'POST',
        headers: { cookie, origin: BASE, 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' },
        body: JSON.stringify([patient.id, null, intake]),
      },
    },
  ]
    // On PostgreSQL the paths that touch the database (the floor for reference).
    .filter((p) => !ON_POSTGRES || ['floor', 'patients', 'evaluate', 'save'].includes(p.key))
    .filter((p) => p.key === 'floor' || ONLY.length === 0 || ONLY.includes(p.key) || (p.key === 'floor-sized' && ONLY.includes('evaluate')));
  // The same saves from 50 clients that each save every 2 s (25 saves/s offered): the latency a clinic
  // of 50 clinicians sees when all of them save at a pace no clinic reaches, rather than at saturation.
  const paced = paths.find((p) => p.key === 'save') && {
    ...paths.find((p) => p.key === 'save'), ...PACED, key: 'save-paced',
    name: `save, each client every ${PACED.periodMs / 1000} s (${(PACED.clients * 1000) / PACED.periodMs}/s offered)`,
  };

  // One save by hand first: the action must answer as the browser expects (saved, with the new
  // assessment's id), and that assessment must open. A refused save answers 200 too, so the load's
  // acknowledged saves are checked against the database afterwards.
  const probe = paths.find((p) => p.key === 'save');
  if (probe) {
    const res = await fetch(`${BASE}${probe.request.path}`, { method: 'POST', headers: probe.request.headers, body: probe.request.body, redirect: 'manual' });
    const text = await res.text();
    const id = /"ok":true,"assessmentId":"(c[a-z0-9]{20,})"/.exec(text)?.[1];
    if (res.status !== 200 || !id) throw new Error(`save did not answer with the saved assessment (${res.status}): ${text.slice(0, 300)}`);
    const shown = await fetch(`${BASE}/assessments/${id}`, { headers: { cookie } });
    if (!shown.ok || !(await shown.text()).includes('digest verified')) throw new Error(`the saved assessment did not open (${shown.status})`);
  }

  if (flag('queries')) {
    await new Promise((r) => setTimeout(r, 500));
    for (const p of paths) {
      queryLog = '';
      const started = performance.now();
      const res = await fetch(`${BASE}${p.request.path}`, { method: p.request.method ?? 'GET', headers: p.request.headers, body: p.request.body, redirect: 'manual' });
      await res.text();
      const elapsed = performance.now() - started;
      await new Promise((r) => setTimeout(r, 300));
      const queries = queryLog.split('\n').filter((l) => l.startsWith('{"query"')).map((l) => JSON.parse(l));
      console.log(`\n▶ ${p.name}: answered ${res.status} in ${elapsed.toFixed(0)} ms, ${queries.length} queries, ${queries.reduce((n, q) => n + q.ms, 0).toFixed(1)} ms in the database`);
      for (const q of queries) {
        console.log(`  ${q.ms.toFixed(2).padStart(7)} ms  ${q.query.replace(/`main`\./g, '').slice(0, 220)}`);
        if (/^\s*SELECT/i.test(q.query)) {
          const plan = new Database(dbFile).prepare(`EXPLAIN QUERY PLAN ${q.query}`).all(...Array((q.query.match(/\?/g) ?? []).length).fill(null));
          console.log(`             plan: ${plan.map((x) => x.detail).join(' | ')}`);
        }
      }
    }
    stopServer();
    store.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }

  // Every path once before any measurement: a fresh server compiles each route's code on its first
  // requests, and the first row measured (the floor) would otherwise pay for it alone. Each instance
  // compiles its own code: behind nginx, 3 s per instance, so each gets the warm-up one instance gets.
  const warmSeconds = 3 * INSTANCES;
  await turn(async () => {
    console.log(`\n▶ Warming every path up (${warmSeconds} s each at 10 connections, not measured)`);
    for (const p of paths) await autocannon({ ...cannonOptions(p.request, 10), duration: warmSeconds });
    await settle();
  });

  const rows = [];
  for (const connections of CONNECTIONS) {
    console.log(`\n▶ ${connections} connections, ${SECONDS} s each (after a 2 s warm-up)`);
    for (const p of paths) rows.push({ key: p.key, ...(await turn(() => measure(p.name, connections, p.request, p))) });
    if (paced && connections === PACED.clients) rows.push({ key: paced.key, ...(await turn(() => measurePaced(paced.name, paced.request, paced))) });
    // The floor again at the end of the round: the ratio uses both, so drift of the machine shows.
    rows.push({ key: 'floor-again', ...(await turn(() => measure('floor again: GET /api/ping', connections, paths[0].request, paths[0]))) });
  }

  // The checks take the machine too: in their own turn.
  const checks = await turn(async () => {
    // Let requests still in flight finish before counting what was stored (SQLite: the server stopped
    // first; PostgreSQL: counted, and the chain verified, while it still runs).
    await new Promise((r) => setTimeout(r, 2000));
    const stopped = () => new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
    if (!ON_POSTGRES) {
      stopServer();
      await stopped();
    }

    const acknowledged = rows.filter((r) => r.key === 'save' || r.key === 'save-paced').reduce((n, r) => n + r.ok, 0) + (probe ? 1 : 0);
    const saved = Number(store.value('SELECT COUNT(*) AS n FROM assessments')) - countBefore;
    const eventsOf = (action) => Number(store.value(`SELECT COUNT(*) AS n FROM audit_events WHERE action = '${action}'`));
    const checks = [
      { what: 'every acknowledged save is in the database', ok: saved >= acknowledged, detail: `${acknowledged} acknowledged, ${saved} stored` },
      { what: 'every stored save has its audit event', ok: eventsOf('assessment.create') >= saved, detail: `${eventsOf('assessment.create')} assessment.create events` },
      {
        what: 'every answered patient-list read has its audit event',
        ok: eventsOf('patient.search') >= rows.filter((r) => r.key === 'patients').reduce((n, r) => n + r.ok, 0),
        detail: `${eventsOf('patient.search')} patient.search events, ${rows.filter((r) => r.key === 'patients').reduce((n, r) => n + r.ok, 0)} answered (after warm-ups)`,
      },
      {
        what: 'every answered evaluation has its audit event',
        ok: eventsOf('api.evaluate') >= rows.filter((r) => r.key === 'evaluate').reduce((n, r) => n + r.ok, 0),
        detail: `${eventsOf('api.evaluate')} api.evaluate events`,
      },
    ];
    store.close();
    const verify = spawnSync(bin('tsx'), ['scripts/audit-verify.ts'], { cwd: root, env, encoding: 'utf8' });
    checks.push({ what: 'the audit chain verifies (audit:verify exits 0)', ok: verify.status === 0, detail: verify.stdout.trim() || verify.stderr.trim() });
    if (ON_POSTGRES) {
      stopServer();
      await stopped();
    }

    console.log('\n▶ Nothing given up');
    for (const c of checks) console.log(`${c.ok ? '✔' : '✖'} ${c.what}: ${c.detail}`);
    const report = summarise(rows, checks);
    console.log(`\n${report.ratios}`);
    // In the turn: targets run side by side must not write docs/BENCHMARKS.md at once.
    if (!flag('no-write')) writeBenchmarks(report.markdown, ON_POSTGRES ? `loadtest-postgresql-${INSTANCES}` : 'loadtest');
    return checks;
  });

  // For the run over several targets (runTargets), which compares them.
  console.log(`LOADTEST_ROWS ${JSON.stringify({ target: TARGET, rows, ok: checks.every((c) => c.ok) })}`);
  if (flag('profile')) console.log(`\nCPU profiles: ${path.join(dir, 'profiles')}`);
  else rmSync(dir, { recursive: true, force: true });
  process.exit(checks.every((c) => c.ok) ? 0 : 1);
} catch (e) {
  console.error(`✖ ${e instanceof Error ? e.stack : e}`);
  stopServer();
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}

function summarise(rows, checks) {
  const m = machine();
  const at = (key, c) => rows.find((r) => r.key === key && r.connections === c);
  const lines = [];
  const md = [];
  md.push(`Target: ${ON_POSTGRES ? `PostgreSQL 15, ${INSTANCES} instance${INSTANCES === 1 ? '' : 's'} of the app behind nginx (\`npm run cluster\`), measured through nginx; CPU per request is the instances' together (not PostgreSQL's or nginx's)` : 'SQLite, one instance (`scripts/server.mjs`, as `npm start` serves)'}.`);
  md.push(`Command: \`npm run loadtest\` (autocannon ${autocannonVersion()}, ${SECONDS} s per row — saves ${SECONDS * 3} s — after a 2 s warm-up on the same connections (answers to requests sent in it are not counted); the paced saves with Node's fetch, each client at its own turn; client and server on the same machine; percentiles over every answer).`);
  md.push(`Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}; load average at the end ${m.loadAverage} (each row: at its start).`);
  md.push(`Run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}.`);
  md.push('');
  // On PostgreSQL also what the database and nginx spent per request, and the writing transactions.
  const backingHead = ON_POSTGRES ? ' PostgreSQL CPU per request | Writing transactions per request | nginx CPU per request |' : '';
  md.push(`| Path | Connections | Requests/s | p50 | p95 | p99 | max | Server CPU per request |${backingHead} Answered as expected | Load average |`);
  md.push(`|---|---|---|---|---|---|---|---|${ON_POSTGRES ? '---|---|---|' : ''}---|---|`);
  for (const r of rows) {
    const backingCells = !ON_POSTGRES ? '' : r.backing ? ` ${r.backing.postgresMs.toFixed(2)} ms | ${r.backing.commits.toFixed(2)} | ${r.backing.nginxMs.toFixed(2)} ms |` : ' — | — | — |';
    md.push(`| ${r.name} | ${r.connections} | ${r.rps.toFixed(1)} | ${fmt(r.p50).trim()} | ${fmt(r.p95).trim()} | ${fmt(r.p99).trim()} | ${fmt(r.max).trim()} | ${r.cpuPerRequest == null ? '—' : `${r.cpuPerRequest.toFixed(2)} ms`} |${backingCells} ${r.ok}/${r.requests}${r.errors || r.timeouts ? ` (errors ${r.errors}, timeouts ${r.timeouts})` : ''} | ${r.load} |`);
  }
  md.push('');
  md.push('| Target (same run) | Connections | Figure | Met |');
  md.push('|---|---|---|---|');
  // The throughput targets against the floor are the single SQLite instance's (the framework's floor).
  for (const c of ON_POSTGRES ? [] : CONNECTIONS) {
    const floor = ((at('floor', c)?.rps ?? 0) + (at('floor-again', c)?.rps ?? 0)) / 2;
    for (const [key, share] of [['health', 0.8], ['evaluate', 0.5]]) {
      const r = at(key, c);
      if (!r || !floor) continue;
      const ratio = r.rps / floor;
      // The same ratio from the server's CPU time per request: what it would be with the CPU to itself.
      const floorCpu = ((at('floor', c)?.cpuPerRequest ?? 0) + (at('floor-again', c)?.cpuPerRequest ?? 0)) / 2;
      const byCpu = floorCpu && r.cpuPerRequest ? ` — by server CPU per request ${((floorCpu / r.cpuPerRequest) * 100).toFixed(0)} % (${r.cpuPerRequest.toFixed(2)} against ${floorCpu.toFixed(2)} ms)` : '';
      md.push(`| ${r.name} ≥ ${share * 100} % of the floor's throughput | ${c} | ${(ratio * 100).toFixed(0)} % (${r.rps.toFixed(0)} of ${floor.toFixed(0)} req/s)${byCpu} | ${ratio >= share ? 'yes' : 'no'} |`);
    }
    // How much of the gap is the framework answering as many bytes (not a target: a decomposition).
    const sized = at('floor-sized', c);
    const ev = at('evaluate', c);
    if (sized && ev && floor) {
      md.push(`| (decomposition) the floor answering ${sized.name.match(/\d+ KB/)?.[0] ?? 'as many bytes'}: share of the floor; evaluate's share of it | ${c} | ${((sized.rps / floor) * 100).toFixed(0)} % (${sized.rps.toFixed(0)} req/s); evaluate ${((ev.rps / sized.rps) * 100).toFixed(0)} % of it | — |`);
    }
  }
  for (const r of rows.filter((x) => x.connections === 50 && !x.key.startsWith('floor'))) {
    md.push(`| ${r.name}: p99 ≤ 5 × p50 | 50 | p99 ${fmt(r.p99).trim()} = ${(r.p99 / r.p50).toFixed(1)} × p50 | ${r.p99 <= 5 * r.p50 ? 'yes' : 'no'} |`);
  }
  for (const r of rows.filter((x) => x.connections === 50 && x.key.startsWith('floor'))) {
    md.push(`| ${r.name}: p99 ≤ 5 × p50 | 50 | p99 ${fmt(r.p99).trim()} = ${(r.p99 / r.p50).toFixed(1)} × p50 | ${r.p99 <= 5 * r.p50 ? 'yes' : 'no'} |`);
  }
  const save50 = at('save', 50);
  if (save50) md.push(`| save: p95 ≤ 50 ms (clients save again as soon as answered) | 50 | p95 ${fmt(save50.p95).trim()} | ${save50.p95 <= 50 ? 'yes' : 'no'} |`);
  const paced50 = at('save-paced', 50);
  if (paced50) md.push(`| save: p95 ≤ 50 ms (50 clients, each every 2 s at its own turn; ${paced50.rps.toFixed(1)} saves/s answered) | 50 | p95 ${fmt(paced50.p95).trim()} | ${paced50.p95 <= 50 ? 'yes' : 'no'} |`);
  md.push('');
  md.push('Nothing given up (checked by the same run after the load):');
  md.push('');
  for (const ch of checks) md.push(`- ${ch.ok ? 'yes' : '**no**'}: ${ch.what} (${ch.detail})`);
  const ratios = md.filter((l) => l.startsWith('| ') && /%|×|p95 ≤/.test(l)).join('\n');
  return { markdown: md.join('\n'), ratios };
}

function autocannonVersion() {
  return JSON.parse(readFileSync(path.join(root, 'node_modules/autocannon/package.json'), 'utf8')).version;
}

/** Replaces one load-test section (`name`) of docs/BENCHMARKS.md with this run's figures. */
function writeBenchmarks(markdown, name) {
  const file = path.join(root, 'docs/BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown}\n${end}`;
  const headings = {
    loadtest: 'Request path under load (latest `npm run loadtest`)',
    'loadtest-compare': 'Scale-out: SQLite and PostgreSQL with 1 and 3 instances (latest `npm run loadtest`)',
  };
  const heading = headings[name] ?? `PostgreSQL, ${name.split('-').pop()} instance(s) behind nginx (latest \`npm run loadtest\`)`;
  const next = text.includes(start) ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block) : `${text.trimEnd()}\n\n## ${heading}\n\n${block}\n`;
  writeFileSync(file, next);
  console.log(`▶ Figures written to docs/BENCHMARKS.md (${name})`);
}

/**
 * Without --target: builds once, runs each target in a process of its own (all set up side by side,
 * then measured in turns: interleaved()), as many rounds as asked, then writes their comparison.
 * Exits with the worst exit code.
 */
async function runTargets() {
  const installed = postgresInstalled() && existsSync(NGINX);
  const fallback = installed && !flag('queries') ? 'sqlite,postgresql:1,postgresql:3' : 'sqlite';
  const targets = (option('targets', '') || fallback).split(',').filter(Boolean);
  for (const t of targets) if (!/^(sqlite|postgresql:[1-9])$/.test(t)) throw new Error(`--targets: "${t}" is not sqlite or postgresql:N (N from 1 to 9)`);
  if (!installed && targets.some((t) => t.startsWith('postgresql'))) throw new Error('PostgreSQL targets need Debian\'s postgresql and nginx (apt-get install postgresql nginx)');
  if (!installed) console.log('▶ PostgreSQL or nginx is not installed: measuring SQLite only');
  if (!(flag('no-build') && existsSync(path.join(root, DIST, 'BUILD_ID')))) {
    console.log(`▶ Production build into ${DIST}`);
    const r = spawnSync(bin('next'), ['build'], { cwd: root, env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: DIST }, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) process.exit(1);
  }
  const passed = args.filter((a) => !a.startsWith('--targets=') && !a.startsWith('--rounds=') && a !== '--no-build');
  const rounds = [];
  let worst = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    if (ROUNDS > 1) console.log(`\n═══ Round ${round} of ${ROUNDS}`);
    const { code, results } = await interleaved(targets, passed);
    worst = Math.max(worst, code);
    rounds.push(results);
  }
  if (targets.length > 1) {
    const markdown = compareTargets(rounds);
    console.log(`\n${markdown}`);
    if (!flag('no-write')) writeBenchmarks(markdown, 'loadtest-compare');
  }
  process.exit(worst);
}

/**
 * One run of every target: each started and set up at once (on its own port), then they take turns
 * (turn()): one row each, the order rotating, a turn starting once every target has reached its next
 * row and the machine is quiet again (a previous row's after-work — PostgreSQL's autovacuum and
 * checkpoint, garbage collection — would otherwise fall into another target's row).
 */
async function interleaved(targets, passed) {
  console.log(`▶ Targets ${targets.join(', ')}: set up side by side, then measured in turns, one row each`);
  let wake = () => {};
  const changed = () => new Promise((resolve) => { wake = resolve; });
  const kids = targets.map((target, i) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), `--target=${target}`, '--no-build', ...passed], {
      cwd: root, env: { ...process.env, LOADTEST_PORT: String(PORT + 10 * i) }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    const kid = { target, child, out: '', partial: '', asking: false, busy: false, code: null };
    child.stdout.on('data', (chunk) => {
      kid.out += chunk;
      const lines = (kid.partial + chunk).split('\n');
      kid.partial = lines.pop();
      for (const l of lines) if (!l.startsWith('LOADTEST_ROWS ')) console.log(`[${target}] ${l}`);
    });
    child.on('message', (m) => {
      if (m.ask) kid.asking = true;
      if (m.done) kid.busy = false;
      wake();
    });
    child.once('exit', (c) => { kid.code = c ?? 1; wake(); });
    return kid;
  });
  const alive = () => kids.filter((k) => k.code === null);
  for (let turnNo = 0; ; turnNo++) {
    while (alive().some((k) => !k.asking)) await changed();
    const ready = alive();
    if (ready.length === 0) break;
    for (let j = 0; j < ready.length; j++) {
      const kid = ready[(j + turnNo) % ready.length];
      if (kid.code !== null) continue;
      if (targets.length > 1) await machineQuiet();
      kid.asking = false;
      kid.busy = true;
      kid.child.send({ go: true });
      while (kid.busy && kid.code === null) await changed();
    }
  }
  let code = 0;
  const results = [];
  for (const kid of kids) {
    code = Math.max(code, kid.code);
    const line = kid.out.split('\n').find((l) => l.startsWith('LOADTEST_ROWS '));
    if (line) results.push(JSON.parse(line.slice('LOADTEST_ROWS '.length)));
  }
  return { code, results };
}

/** Busy CPU time of the whole machine (/proc/stat: all but idle and iowait), in clock ticks. */
function machineBusyTicks() {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return f.reduce((n, v) => n + v, 0) - f[3] - f[4];
}

/**
 * Waits until the machine used under a fifth of a core over half a second: at most 8 s, since on a
 * machine others use too it may never be (a previous row's after-work takes a few seconds).
 */
async function machineQuiet() {
  const until = Date.now() + 8000;
  while (Date.now() < until) {
    const before = machineBusyTicks();
    await new Promise((r) => setTimeout(r, 500));
    if (((machineBusyTicks() - before) * 1000) / CLOCK_TICKS / 500 < 0.2) return;
  }
}

/**
 * The targets side by side: throughput and p95 of the paths they share, and the scale-out target. With
 * several rounds each cell is the median of the rounds (each listed), and the scale-out target is the
 * median of each round's ratio: the two were measured in the same round, in turns.
 */
function compareTargets(rounds) {
  const m = machine();
  const label = (t) => (t === 'sqlite' ? 'SQLite, 1 instance' : `PostgreSQL, ${t.split(':')[1]} instance${t.endsWith(':1') ? '' : 's'}`);
  const at = (res, key, c) => res?.rows.find((r) => r.key === key && r.connections === c);
  const floorOf = (res, c) => ((at(res, 'floor', c)?.rps ?? 0) + (at(res, 'floor-again', c)?.rps ?? 0)) / 2;
  const median = (xs) => {
    const v = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
    if (v.length === 0) return null;
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  const targets = [...new Set(rounds.flatMap((r) => r.map((x) => x.target)))];
  const of = (round, target) => round.find((x) => x.target === target);
  const several = rounds.length > 1;
  const md = [];
  md.push(`Command: \`npm run loadtest${several ? ` -- --rounds=${rounds.length}` : ''}\` (the targets side by side on the same build and machine, measured in turns: each row of a target right after the same row of the others, once the machine is quiet${several ? `; ${rounds.length} rounds, each with every target set up afresh` : ''}). Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}; load average at the end ${m.loadAverage}. Run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}. Each cell: requests/s, its share of the same target's floor (GET /api/ping through the same server or nginx, mean of the round's first and last row), p95${several ? '; the median of the rounds, then each round' : ''}.`);
  md.push('');
  md.push(`| Path | Connections | ${targets.map(label).join(' | ')} |`);
  md.push(`|---|---|${targets.map(() => '---').join('|')}|`);
  for (const key of ['floor', 'patients', 'evaluate', 'save', 'save-paced']) {
    for (const c of CONNECTIONS) {
      const cells = targets.map((t) => rounds.map((round) => ({ row: at(of(round, t), key, c), floor: floorOf(of(round, t), c) })).filter((x) => x.row));
      if (cells.every((x) => x.length === 0)) continue;
      const name = cells.find((x) => x.length)[0].row.name;
      md.push(`| ${name} | ${c} | ${cells.map((x) => {
        if (x.length === 0) return '—';
        const rps = median(x.map((y) => y.row.rps));
        const share = key === 'floor' ? '' : ` (${(median(x.map((y) => y.row.rps / y.floor)) * 100).toFixed(0)} %)`;
        const each = several ? `; ${x.map((y) => y.row.rps.toFixed(0)).join(', ')}` : '';
        return `${rps.toFixed(1)}/s${share}, p95 ${fmt(median(x.map((y) => y.row.p95))).trim()}${each}`;
      }).join(' | ')} |`);
    }
  }
  if (targets.includes('postgresql:1') && targets.includes('postgresql:3')) {
    md.push('');
    md.push('| Target (same run) | Connections | Figure | Met |');
    md.push('|---|---|---|---|');
    for (const key of ['patients', 'evaluate', 'save']) {
      for (const c of CONNECTIONS) {
        const pairs = rounds.map((round) => ({ a: at(of(round, 'postgresql:1'), key, c), b: at(of(round, 'postgresql:3'), key, c) })).filter((x) => x.a && x.b);
        if (pairs.length === 0) continue;
        const ratio = median(pairs.map((x) => x.b.rps / x.a.rps));
        const figure = several
          ? `median ${(ratio * 100).toFixed(0)} % of 1 instance's throughput; each round ${pairs.map((x) => `${x.b.rps.toFixed(0)} against ${x.a.rps.toFixed(0)} req/s (${((x.b.rps / x.a.rps) * 100).toFixed(0)} %)`).join(', ')}`
          : `${pairs[0].b.rps.toFixed(1)} against ${pairs[0].a.rps.toFixed(1)} req/s (${(ratio * 100).toFixed(0)} %)`;
        md.push(`| PostgreSQL, 3 instances no slower than 1: ${pairs[0].a.name} | ${c} | ${figure} | ${ratio >= 1 ? 'yes' : 'no'} |`);
      }
    }
  }
  md.push('');
  md.push(`Nothing given up: ${targets.map((t) => `${label(t)} ${rounds.every((round) => of(round, t)?.ok) ? 'yes' : '**no**'}`).join(', ')} (each target's own checks, in its section${several ? ', every round' : ''}).`);
  return md.join('\n');
}
