#!/usr/bin/env node
/**
 * npm run cluster -- --instances 3 [--port 8000]: the scale-out path on one machine, on loopback.
 *   1. PostgreSQL 15 from Debian's binaries in DIR/postgres (initdb on first start; as the `postgres`
 *      user when run as root, since PostgreSQL refuses root), database `rls_workup`;
 *   2. migrates and seeds it (idempotent), makes the audit anchor key on first start;
 *   3. builds the app when there is no build or the sources changed since (as npm start does);
 *   4. starts N production instances (scripts/server.mjs) on free loopback ports, sharing one
 *      BETTER_AUTH_SECRET, the database and the audit anchor key and log, trusting the proxy on
 *      127.0.0.1 for the client address (TRUSTED_PROXIES);
 *   5. nginx (Debian's /usr/sbin/nginx) in front on 127.0.0.1:PORT, its configuration, pid, logs and
 *      temporary files in DIR/nginx; passive health checks (max_fails / fail_timeout) and
 *      proxy_next_upstream for requests that may be repeated (never a POST);
 *   6. prints `ready http://127.0.0.1:PORT` and the DATABASE_URL, then watches every instance's
 *      /api/health (nginx open source has no active health checks) and reports changes; an instance
 *      that exits is started again;
 *   7. on Ctrl-C or SIGTERM stops nginx, the instances and PostgreSQL, and exits 0.
 *
 * Options: --instances N (default 3), --port P (nginx, default 8000), --dir DIR (default data/cluster),
 * --pool N (connections per instance, DB_POOL_SIZE, default 10), --pg-port P (default: a free port),
 * --cpu-prof-dir DIR (instances run with V8's --cpu-prof, each writing its profile there when stopped).
 * Environment: BETTER_AUTH_SECRET (else made once into DIR/auth-secret), AUDIT_ANCHOR_KEY /
 * AUDIT_ANCHOR_LOG (else in DIR), NEXT_DIST_DIR (build folder, default .next), NGINX (the binary).
 * DIR/cluster.json lists the processes and ports while it runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startPostgres } from './postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const integer = (name, fallback, min, max) => {
  const v = Number(option(name, String(fallback)));
  if (!Number.isInteger(v) || v < min || v > max) fail(`--${name} must be a whole number from ${min} to ${max}`);
  return v;
};
function fail(message) {
  console.error(`✖ cluster: ${message}`);
  process.exit(1);
}

const INSTANCES = integer('instances', 3, 1, 16);
const PORT = integer('port', 8000, 1, 65_535);
const POOL = integer('pool', 10, 1, 100);
const PG_PORT = option('pg-port') ? integer('pg-port', 0, 1, 65_535) : undefined;
const DIR = path.resolve(root, option('dir', 'data/cluster'));
const CPU_PROF_DIR = option('cpu-prof-dir') ? path.resolve(option('cpu-prof-dir')) : undefined;
const DIST = process.env.NEXT_DIST_DIR || '.next';
const NGINX = process.env.NGINX || '/usr/sbin/nginx';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const log = (line) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

if (!existsSync(NGINX)) fail(`nginx not found at ${NGINX}: install Debian's nginx (apt-get install nginx)`);
mkdirSync(path.join(DIR, 'logs'), { recursive: true });
// As root, PostgreSQL runs as `postgres`, who must be able to reach its folder inside DIR.
if (isRoot && spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', DIR]).status !== 0) {
  fail(`PostgreSQL runs as the postgres user here, who cannot reach ${DIR}: make it and its parent folders traversable (chmod o+x) or choose another --dir`);
}

/** The session secret every instance shares: BETTER_AUTH_SECRET, or one made once into DIR/auth-secret. */
function authSecret() {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = path.join(DIR, 'auth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

let pg = null;
const instances = [];
let nginx = null;
let stopping = false;
let watcher = null;

/** Synchronous last resort (an exception, process.exit): nothing this command started outlives it. */
function killEverythingNow() {
  for (const p of [nginx, ...instances.map((i) => i.child)]) {
    if (p && p.exitCode === null && p.signalCode === null) {
      try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
    }
  }
}
process.on('exit', killEverythingNow);

async function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  clearInterval(watcher);
  log(`${signal ?? 'stop'}: stopping nginx, ${instances.length} instance(s) and PostgreSQL`);
  // nginx first (no new requests reach the instances), then the instances, then the database.
  await stopChild(nginx, 'SIGQUIT');
  await Promise.all(instances.map((i) => stopChild(i.child, 'SIGTERM')));
  if (pg) await pg.stop();
  rmSync(path.join(DIR, 'cluster.json'), { force: true });
  log('stopped');
  process.exit(0);
}

/** Asks a child to stop, then SIGKILL after 15 s; resolves when it has exited. */
function stopChild(child, signal) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill(signal);
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stopAll(signal));

function step(label, cmd, args, env) {
  log(label);
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
}

/** Newest modification time under the sources the build depends on (npm start's rule). */
function newestSource() {
  let max = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p)) if (!e.startsWith('generated') && e !== 'node_modules') walk(path.join(p, e)); // generated clients: made by npm install, not sources
    } else max = Math.max(max, s.mtimeMs);
  };
  for (const p of ['app', 'components', 'lib', 'next.config.js', 'package-lock.json', 'tsconfig.json']) walk(path.join(root, p));
  return max;
}

async function until(what, probe, deadlineMs = 180_000) {
  const end = Date.now() + deadlineMs;
  for (;;) {
    if (stopping) throw new Error('stopping');
    try { if (await probe()) return; } catch { /* not yet */ }
    if (Date.now() > end) throw new Error(`${what}: no answer within ${deadlineMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const healthOf = async (port) => {
  const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5000) });
  const body = await res.json().catch(() => ({}));
  return { status: res.status, message: body.message ?? body.status ?? '' };
};

function startInstance(instance, env) {
  const out = openSync(path.join(DIR, 'logs', `${instance.name}.log`), 'a');
  const profile = CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`, `--cpu-prof-name=${instance.name}-${Date.now()}.cpuprofile`] : [];
  instance.child = spawn(process.execPath, [...profile, path.join(root, 'scripts/server.mjs'), '--host', '127.0.0.1', '--port', String(instance.port)], {
    cwd: root, env, stdio: ['ignore', out, out], detached: true,
  });
  closeSync(out);
  instance.startedAt = Date.now();
  instance.child.once('exit', (code, signal) => {
    if (stopping) return;
    instance.healthy = false;
    // Started again (after a pause that grows while it keeps failing): nginx sends its requests to the others meanwhile.
    instance.restarts++;
    const pause = Math.min(30_000, 1000 * 2 ** Math.min(instance.restarts - 1, 5));
    log(`${instance.name} (127.0.0.1:${instance.port}) exited (${signal ?? `code ${code}`}); starting it again in ${pause / 1000} s — see ${path.join(DIR, 'logs', `${instance.name}.log`)}`);
    setTimeout(() => {
      if (stopping) return;
      startInstance(instance, env);
      writeState();
    }, pause).unref();
  });
}

function nginxConfig(ports) {
  const n = path.join(DIR, 'nginx');
  const temp = path.join(n, 'temp');
  return `# Generated by npm run cluster: edit scripts/cluster.mjs, not this file.
worker_processes 1;
pid ${n}/nginx.pid;
error_log ${n}/error.log warn;
${isRoot ? 'user nobody nogroup;\n' : ''}events { worker_connections 1024; }
http {
  access_log ${n}/access.log;
  client_body_temp_path ${temp}/client_body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  server_tokens off;
  # The app refuses bodies over 1 MB itself (413, audited); this only bounds what nginx buffers.
  client_max_body_size 2m;

  upstream rls_workup {
    # To the instance with the fewest requests in flight: a save or a page costs ten times a health
    # check, and round robin kept sending to a busy instance while another stood idle.
    least_conn;
    # Passive health checks: after 2 failed attempts an instance is left out for 5 s, then tried again.
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=2 fail_timeout=5s;`).join('\n')}
    keepalive 32;
    # Below the instances' own idle timeout (Node's keepAliveTimeout, 5 s): nginx must never send a
    # request on a connection the instance is closing (a POST is not tried again elsewhere: a 502).
    keepalive_timeout 4s;
  }

  server {
    listen 127.0.0.1:${PORT};
    location / {
      proxy_pass http://rls_workup;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      # nginx is the edge here: the client address it saw, overwriting anything the client sent
      # (behind another proxy: $proxy_add_x_forwarded_for, and list that proxy in TRUSTED_PROXIES).
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Another instance is tried when one is down or answers 502/504; nginx never repeats a
      # POST (no non_idempotent): a save is sent once, and the form retries it with its key.
      proxy_next_upstream error timeout http_502 http_504;
      proxy_next_upstream_tries ${Math.min(ports.length, 3)};
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
    }
  }
}
`;
}

function writeState() {
  const state = {
    pid: process.pid,
    url: `http://127.0.0.1:${PORT}`,
    databaseUrl: pg ? pg.url('rls_workup') : null,
    postgres: pg ? { port: pg.port, dataDir: pg.dataDir, log: pg.logFile } : null,
    nginx: nginx ? { pid: nginx.pid, port: PORT, config: path.join(DIR, 'nginx', 'nginx.conf') } : null,
    instances: instances.map((i) => ({ name: i.name, port: i.port, pid: i.child?.pid ?? null, log: path.join(DIR, 'logs', `${i.name}.log`) })),
  };
  writeFileSync(path.join(DIR, 'cluster.json'), `${JSON.stringify(state, null, 2)}\n`);
}

/** Whether something already listens on 127.0.0.1:port (another app must not be taken for nginx). */
function portTaken(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

try {
  if (await portTaken(PORT)) throw new Error(`port ${PORT} on 127.0.0.1 is in use: choose another with --port`);
  log(`PostgreSQL in ${path.join(DIR, 'postgres')}`);
  pg = await startPostgres({ dir: path.join(DIR, 'postgres'), port: PG_PORT, maxConnections: Math.max(100, INSTANCES * (POOL + 2) + 20) });
  const databaseUrl = await pg.createDatabase('rls_workup');
  const env = {
    ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: DIST, DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: authSecret(), TRUSTED_PROXIES: '127.0.0.1', DB_POOL_SIZE: String(POOL),
    AUDIT_ANCHOR_KEY: process.env.AUDIT_ANCHOR_KEY || path.join(DIR, 'audit-anchor.key'),
    AUDIT_ANCHOR_LOG: process.env.AUDIT_ANCHOR_LOG || path.join(DIR, 'audit-anchor.log'),
  };
  const firstAnchor = !existsSync(env.AUDIT_ANCHOR_KEY);
  step('Applying database migrations', process.execPath, [path.join(root, 'scripts/prisma.mjs'), 'migrate', 'deploy'], env);
  step('Seeding the demo clinic', bin('tsx'), [path.join(root, 'prisma/seed.ts')], env);
  if (firstAnchor) step('Creating the audit anchor key and the first anchor', bin('tsx'), [path.join(root, 'scripts/audit-anchor.ts')], env);

  const buildId = path.join(root, DIST, 'BUILD_ID');
  if (!existsSync(buildId) || newestSource() > statSync(buildId).mtimeMs) step(`Building the app into ${DIST}`, bin('next'), ['build'], env);
  else log(`Build in ${DIST} is up to date`);

  for (let i = 1; i <= INSTANCES; i++) {
    const instance = { name: `app${i}`, port: await freePort(), child: null, healthy: false, restarts: 0, startedAt: 0 };
    instances.push(instance);
    startInstance(instance, env);
  }
  writeState();
  for (const instance of instances) {
    await until(`${instance.name} on 127.0.0.1:${instance.port}`, async () => (await healthOf(instance.port)).status === 200);
    instance.healthy = true;
    log(`${instance.name} ready on 127.0.0.1:${instance.port} (log ${path.join(DIR, 'logs', `${instance.name}.log`)})`);
  }

  const nginxDir = path.join(DIR, 'nginx');
  for (const t of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(nginxDir, 'temp', t), { recursive: true });
  // Workers run as nobody when nginx starts as root: they write request bodies to the temporary folders.
  if (isRoot) {
    const nobody = { uid: Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout), gid: Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout) };
    for (const t of ['', 'client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) chownSync(path.join(nginxDir, 'temp', t), nobody.uid, nobody.gid);
  }
  writeFileSync(path.join(nginxDir, 'nginx.conf'), nginxConfig(instances.map((i) => i.port)));
  const test = spawnSync(NGINX, ['-t', '-q', '-p', nginxDir, '-e', path.join(nginxDir, 'error.log'), '-c', path.join(nginxDir, 'nginx.conf')], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refused its configuration: ${test.stderr}`);
  const nginxOut = openSync(path.join(nginxDir, 'error.log'), 'a');
  nginx = spawn(NGINX, ['-p', nginxDir, '-e', path.join(nginxDir, 'error.log'), '-c', path.join(nginxDir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', nginxOut, nginxOut], detached: true });
  closeSync(nginxOut);
  nginx.once('exit', (code, signal) => {
    if (stopping) return;
    log(`nginx exited (${signal ?? `code ${code}`}): see ${path.join(nginxDir, 'error.log')}; stopping the cluster`);
    void stopAll();
  });
  await until(`nginx on 127.0.0.1:${PORT}`, async () => (await healthOf(PORT)).status === 200, 30_000);
  writeState();

  console.log(`ready http://127.0.0.1:${PORT}`);
  console.log(`DATABASE_URL=${databaseUrl}`);
  log(`${INSTANCES} instance(s) behind nginx; PostgreSQL on 127.0.0.1:${pg.port} (${pg.dataDir}); ${poolNote()}`);
  log('Demo accounts: clinician@demo.test / demo-clinician-2026, admin@demo.test / demo-admin-2026. Stop with Ctrl-C.');
  log('nginx checks instances passively (failed requests); this command also polls each /api/health every 2 s and reports changes.');

  // Active health checks: nginx open source has none, so changes are reported here.
  let polling = false;
  watcher = setInterval(async () => {
    if (polling || stopping) return;
    polling = true;
    try {
      await Promise.all(instances.map(async (instance) => {
        if (!instance.child || instance.child.exitCode !== null) return;
        let state;
        try {
          state = await healthOf(instance.port);
        } catch (e) {
          state = { status: 0, message: e instanceof Error ? e.message : String(e) };
        }
        const healthy = state.status === 200;
        if (healthy !== instance.healthy) {
          // A freshly (re)started instance is not "unhealthy" while it boots.
          if (!healthy && Date.now() - instance.startedAt < 60_000 && instance.restarts > 0 && state.status === 0) return;
          instance.healthy = healthy;
          log(healthy ? `${instance.name} (127.0.0.1:${instance.port}) healthy` : `${instance.name} (127.0.0.1:${instance.port}) unhealthy: ${state.status || 'no answer'} ${state.message}`);
        }
      }));
    } finally {
      polling = false;
    }
  }, 2000);
} catch (e) {
  console.error(`✖ cluster: ${e instanceof Error ? e.message : String(e)}`);
  if (!stopping) {
    stopping = true;
    killEverythingNow();
    if (pg) await pg.stop();
    process.exit(1);
  }
}

function poolNote() {
  return `${POOL} database connections per instance (--pool), ${INSTANCES * POOL} in all`;
}
