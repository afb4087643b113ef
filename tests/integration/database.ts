/**
 * A real, temporary database for integration tests: migrated by the real Prisma CLI (through the
 * project's schema-engine stand-in) and seeded by the real seed script. Nothing is mocked.
 *
 * SQLite by default: a temporary file, copied from a template file that the CLI migrated (and the seed
 * script seeded) once for the run (tests/sqlite-setup.ts). In the Vitest project `postgresql`
 * (TEST_DATABASE=postgresql) a database on the run's PostgreSQL server (tests/postgres-setup.ts), copied
 * from a template that the CLI migrated (and the seed script seeded) once for the run.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createDbClient, type PrismaClient } from '@/lib/db/client';
import { ensureAnchorKey, useAnchorFiles, type AnchorFiles } from '@/lib/integrity/audit-anchor';
import { createDatabase, dropDatabase, dumpDatabase, restoreDatabase } from '../../scripts/postgres.mjs';


/** The provider this run's integration tests use. */
export const TEST_PROVIDER: 'sqlite' | 'postgresql' = process.env.TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';

export interface TestDatabase {
  provider: 'sqlite' | 'postgresql';
  url: string;
  /** The temporary folder of this database (anchor files; the SQLite file). */
  dir: string;
  client: PrismaClient;
  /** The audit anchor key and log of this database (in its temporary folder). */
  anchor: AnchorFiles;
  /** Environment for a script run against this database (audit:verify, audit:anchor). */
  scriptEnv: Record<string, string>;
  /** Makes the app's process-wide client (getDb) and anchor files be this database's. */
  install(): void;
  /**
   * A consistent copy of the database with the audit table's append-only triggers dropped, as someone
   * with write access to the database could: for tamper tests. Disconnected by dispose().
   */
  unprotectedCopy(): Promise<{ url: string; client: PrismaClient }>;
  /** Everything the database has stored, as bytes (the SQLite file after a checkpoint; a pg_dump). */
  storedBytes(): Promise<Buffer>;
  dispose(): Promise<void>;
}

export { migrate, seed } from '../database-cli';

/**
 * A SQLite database file at `file`, migrated by the CLI (and seeded) as the run's template was: a copy
 * of the template file (tests/sqlite-setup.ts). Returns its URL.
 */
export function migratedSqliteDatabase(file: string, { seeded }: { seeded: boolean }): string {
  const templates = inject('sqliteTemplates');
  copyFileSync(seeded ? templates.seeded : templates.migrated, file);
  return `file:${file}`;
}

let created = 0;
const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${++created}_${Math.random().toString(36).slice(2, 8)}`;

/** SQL that drops the audit table's append-only triggers (tamper tests on a throwaway database). */
export const DROP_TRIGGERS = {
  sqlite: ['DROP TRIGGER IF EXISTS audit_events_no_update', 'DROP TRIGGER IF EXISTS audit_events_no_delete'],
  postgresql: ['DROP TRIGGER IF EXISTS audit_events_no_update ON audit_events', 'DROP TRIGGER IF EXISTS audit_events_no_delete ON audit_events', 'DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events'],
};

export function createTestDatabase({ seeded = true }: { seeded?: boolean } = {}): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'rls-int-'));
  const copies: PrismaClient[] = [];
  const dropped: string[] = [];
  let url: string;
  let port = 0;
  let name = '';
  const file = path.join(dir, 'test.db');
  if (TEST_PROVIDER === 'postgresql') {
    port = inject('postgresPort');
    name = uniqueName('t');
    url = createDatabase(port, name, { template: seeded ? 'template_seeded' : 'template_migrated' });
    dropped.push(name);
  } else {
    url = migratedSqliteDatabase(file, { seeded });
  }
  const client = createDbClient(url);
  const anchor = { keyFile: path.join(dir, 'audit-anchor.key'), logFile: path.join(dir, 'audit-anchor.log') };
  ensureAnchorKey(anchor.keyFile);
  let n = 0;
  return {
    provider: TEST_PROVIDER, url, dir, client, anchor,
    scriptEnv: { DATABASE_URL: url, AUDIT_ANCHOR_KEY: anchor.keyFile, AUDIT_ANCHOR_LOG: anchor.logFile },
    install() {
      (globalThis as { rlsWorkupDb?: PrismaClient }).rlsWorkupDb = client;
      useAnchorFiles(anchor);
    },
    async unprotectedCopy() {
      let copyUrl: string;
      if (TEST_PROVIDER === 'postgresql') {
        const copyName = `${name}_c${++n}`;
        copyUrl = createDatabase(port, copyName);
        dropped.push(copyName);
        restoreDatabase(port, copyName, dumpDatabase(port, name));
      } else {
        const copyFile = path.join(dir, `copy-${++n}.db`);
        await client.$executeRawUnsafe(`VACUUM INTO '${copyFile}'`);
        copyUrl = `file:${copyFile}`;
      }
      const copy = createDbClient(copyUrl);
      copies.push(copy);
      for (const sql of DROP_TRIGGERS[TEST_PROVIDER]) await copy.$executeRawUnsafe(sql);
      return { url: copyUrl, client: copy };
    },
    async storedBytes() {
      if (TEST_PROVIDER === 'postgresql') return Buffer.from(dumpDatabase(port, name));
      await client.$executeRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
      return readFileSync(file);
    },
    async dispose() {
      await Promise.all([client, ...copies].map((c) => c.$disconnect()));
      for (const d of dropped) dropDatabase(port, d);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The acting user for service calls in tests, as a signed-in session would give it. */
export async function actorFor(client: PrismaClient, email: string): Promise<Actor> {
  const u = await client.user.findUniqueOrThrow({ where: { email } });
  return { userId: u.id, name: u.name, email: u.email, organisationId: u.organisationId, role: u.role === 'admin' ? 'admin' : 'clinician', clientAddress: '127.0.0.1', sessionToken: null, via: 'session' };
}
