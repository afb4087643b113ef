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

const ROOT = path.resolve(__dirname, '../..');

export interface TestDatabase {
  url: string;
  file: string;
  client: PrismaClient;
  /** Makes the app's process-wide client (getDb) use this database. */
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
  return {
    url, file, client,
    install() {
      (globalThis as { rlsWorkupDb?: PrismaClient }).rlsWorkupDb = client;
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
