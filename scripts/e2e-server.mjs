#!/usr/bin/env node
/**
 * The server the browser tests run against: a fresh temporary SQLite database, migrated by the real
 * Prisma CLI and seeded, and the production build in .next-test. Removed again on exit.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.argv[2] ?? '3917';
const dir = mkdtempSync(path.join(tmpdir(), 'rls-e2e-'));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-test', DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`, BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
  AUDIT_ANCHOR_KEY: path.join(dir, 'audit-anchor.key'), AUDIT_ANCHOR_LOG: path.join(dir, 'audit-anchor.log') };
const step = (args) => {
  const r = spawnSync(args[0], args.slice(1), { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step([process.execPath, 'scripts/prisma.mjs', 'migrate', 'deploy']);
step([path.join(root, 'node_modules/.bin/tsx'), 'prisma/seed.ts']);
step([path.join(root, 'node_modules/.bin/tsx'), 'scripts/audit-anchor.ts']);
const child = spawn(process.execPath, ['scripts/server.mjs', '--host', '127.0.0.1', '--port', port], { cwd: root, env, stdio: 'inherit' });
const cleanup = () => rmSync(dir, { recursive: true, force: true });
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => { child.kill(s); });
child.on('exit', (code) => { cleanup(); process.exit(code ?? 0); });
