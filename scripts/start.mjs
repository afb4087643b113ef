#!/usr/bin/env node
/**
 * npm start: one command from a fresh clone to a running app on SQLite.
 *   1. applies pending migrations (creating data/rls-workup.db, or DATABASE_URL),
 *   2. seeds the demo clinic (idempotent),
 *   3. creates the audit anchor key on first start (data/audit-anchor.key, or AUDIT_ANCHOR_KEY),
 *   4. builds when the sources changed since the last build,
 *   5. serves on http://127.0.0.1:PORT (default 3000) through scripts/server.mjs.
 * With --dev: migrate, seed, then `next dev` instead of build + start.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const port = process.env.PORT || '3000';
const host = process.env.HOST || '127.0.0.1';
/** The session-signing secret: BETTER_AUTH_SECRET, or one made once and kept in data/ (never committed). */
function authSecret() {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = path.join(root, 'data', 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: process.env.DATABASE_URL || 'file:./data/rls-workup.db', BETTER_AUTH_SECRET: authSecret() };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✖ ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

/** Newest modification time under the given paths (files the build depends on). */
function newest(paths) {
  let max = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'generated' && e !== 'node_modules') walk(path.join(p, e));
    } else max = Math.max(max, s.mtimeMs);
  };
  for (const p of paths) walk(path.join(root, p));
  return max;
}

// The key that signs audit anchors (outside the database); made on first start, with a first anchor.
const anchorKey = path.resolve(root, process.env.AUDIT_ANCHOR_KEY || 'data/audit-anchor.key');
const firstAnchor = !existsSync(anchorKey);

run('Applying database migrations', process.execPath, [path.join(root, 'scripts/prisma.mjs'), 'migrate', 'deploy']);
run('Seeding the demo clinic', bin('tsx'), [path.join(root, 'prisma/seed.ts')]);
if (firstAnchor) run(`Creating the audit anchor key (${path.relative(root, anchorKey)}) and the first anchor`, bin('tsx'), [path.join(root, 'scripts/audit-anchor.ts')]);

let child;
if (dev) {
  child = spawn(bin('next'), ['dev', '-H', host, '-p', port], { cwd: root, env, stdio: 'inherit' });
} else {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const sources = ['app', 'components', 'lib', 'next.config.js', 'package-lock.json', 'tsconfig.json'];
  if (!existsSync(buildId) || newest(sources) > statSync(buildId).mtimeMs) run('Building the app', bin('next'), ['build']);
  else console.log('\n▶ Build is up to date');
  child = spawn(process.execPath, [path.join(root, 'scripts/server.mjs'), '--host', host, '--port', port], { cwd: root, env, stdio: ['inherit', 'pipe', 'inherit'] });
  child.stdout.pipe(process.stdout);
}

console.log(`\nRLS Workup: http://${host}:${port}`);
console.log('Sign in with a demo account (demo data only; change or remove them for real use):');
console.log('  clinician  clinician@demo.test  demo-clinician-2026');
console.log('  admin      admin@demo.test      demo-admin-2026');
console.log('  (another clinic, for organisation scoping and break-glass: clinician@northvalley.test  north-valley-2026)');
console.log('Stop with Ctrl-C.\n');

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
