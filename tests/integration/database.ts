/**
 * A real, temporary SQLite database for integration tests: migrated by the real Prisma CLI (through
 * the project's schema-engine stand-in) and seeded by the real seed script. Nothing is mocked.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '@/lib/auth/actor';
import { createDbClient, type PrismaClient } from '@/lib/db/client';
import { ensureAnchorKey, useAnchorFiles, type AnchorFiles } from '@/lib/integrity/audit-anchor';

const ROOT = path.resolve(__dirname, '../..');

export interface TestDatabase {
  url: string;
  file: string;
  client: PrismaClient;
  /** The audit anchor key and log of this database (in its temporary folder). */
  anchor: AnchorFiles;
  /** Environment for a script run against this database (audit:verify, audit:anchor). */
  scriptEnv: Record<string, string>;
  /** Makes the app's process-wide client (getDb) and anchor files be this database's. */
  install(): void;
  dispose(): Promise<void>;
}

export function migrate(url: string): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/prisma.mjs'), 'migrate', 'deploy'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });
}

export function seed(url: string): string {
  return execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'prisma/seed.ts')], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' }).toString();
}

export function createTestDatabase({ seeded = true }: { seeded?: boolean } = {}): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'rls-int-'));
  const file = path.join(dir, 'test.db');
  const url = `file:${file}`;
  migrate(url);
  if (seeded) seed(url);
  const client = createDbClient(url);
  const anchor = { keyFile: path.join(dir, 'audit-anchor.key'), logFile: path.join(dir, 'audit-anchor.log') };
  ensureAnchorKey(anchor.keyFile);
  return {
    url, file, client, anchor,
    scriptEnv: { DATABASE_URL: url, AUDIT_ANCHOR_KEY: anchor.keyFile, AUDIT_ANCHOR_LOG: anchor.logFile },
    install() {
      (globalThis as { rlsWorkupDb?: PrismaClient }).rlsWorkupDb = client;
      useAnchorFiles(anchor);
    },
    async dispose() {
      await client.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The acting user for service calls in tests, as a signed-in session would give it. */
export async function actorFor(client: PrismaClient, email: string): Promise<Actor> {
  const u = await client.user.findUniqueOrThrow({ where: { email } });
  return { userId: u.id, name: u.name, email: u.email, organisationId: u.organisationId, role: u.role === 'admin' ? 'admin' : 'clinician', clientAddress: '127.0.0.1', sessionToken: null, via: 'session' };
}
