// @vitest-environment node
/**
 * The committed migrations, applied by the real Prisma CLI (through
 * scripts/prisma.mjs and the schema-engine stand-in) to an empty SQLite file,
 * produce the expected tables and history; the seed is idempotent; MRNs are
 * unique per organisation. No mocks: real CLI, real files, real SQLite.
 *
 * The first `migrate deploy` on an empty file, and the first seed of the migrated
 * database, are the ones the run's global set-up made its templates with
 * (tests/sqlite-setup.ts): checked here on copies of those files, and on what the
 * seed printed. `migrate status` and the second seed run here.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createDbClient, Prisma, type PrismaClient } from '../../lib/db/client';

const run = promisify(execFile);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');

/** The part of better-sqlite3 used here (its type package is not installed). */
interface SqliteDatabase {
  prepare(sql: string): { all(...params: unknown[]): unknown[]; get(...params: unknown[]): unknown };
  close(): void;
}
type SqliteConstructor = new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => SqliteDatabase;
const Database = createRequire(import.meta.url)('better-sqlite3') as SqliteConstructor;

let workDir: string;
/** The migrated database (a copy of the file `migrate deploy` made from nothing), then seeded by the tests. */
let databaseFile: string;
let databaseUrl: string;

/** Runs a command from the project root against the temporary database. */
function runWithDatabase(file: string, args: string[]) {
  return run(process.execPath, [file, ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    timeout: 60_000,
  });
}

const prismaCli = (...args: string[]) => runWithDatabase(path.join(projectRoot, 'scripts', 'prisma.mjs'), args);
const seed = () => runWithDatabase(path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), ['prisma/seed.ts']);

function withSqlite<T>(read: (db: SqliteDatabase) => T): T {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function countRows(): { organisations: number; users: number; patients: number } {
  return withSqlite((db) => {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return { organisations: count('organisations'), users: count('users'), patients: count('patients') };
  });
}

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'rls-workup-migrations-'));
  databaseFile = path.join(workDir, 'test.db');
  databaseUrl = `file:${databaseFile}`;
  // `prisma migrate deploy` on an empty file: the run's template.
  copyFileSync(inject('sqliteTemplates').migrated, databaseFile);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('prisma migrate deploy on an empty database', () => {
  it('creates every model table', () => {
    const tables = withSqlite((db) =>
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name),
    );
    expect(tables).toEqual(expect.arrayContaining(['organisations', 'users', 'patients', 'assessments', 'reviews', '_prisma_migrations']));
  });

  it('records one finished row per migration folder in _prisma_migrations', () => {
    const folders = readdirSync(migrationsDir)
      .filter((name) => statSync(path.join(migrationsDir, name)).isDirectory())
      .sort();
    expect(folders.length).toBeGreaterThan(0);

    const rows = withSqlite(
      (db) =>
        db
          .prepare('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name')
          .all() as { migration_name: string; finished_at: string | null; rolled_back_at: string | null }[],
    );
    expect(rows.map((row) => row.migration_name)).toEqual(folders);
    for (const row of rows) {
      expect(row.finished_at, row.migration_name).not.toBeNull();
      expect(row.rolled_back_at, row.migration_name).toBeNull();
    }
  });

  it('leaves the database up to date according to prisma migrate status', async () => {
    const { stdout } = await prismaCli('migrate', 'status');
    expect(stdout).toContain('Database schema is up to date');
  }, 60_000);
});

describe('prisma/seed.ts', () => {
  it('creates the demo clinics, accounts and patients, and running it again duplicates nothing', async () => {
    expect(countRows()).toEqual({ organisations: 0, users: 0, patients: 0 });
    // The first run: the seed of the migrated template, as it printed and stored it.
    const templates = inject('sqliteTemplates');
    expect(templates.seedOutput).toContain('Demo Sleep Clinic');
    copyFileSync(templates.seeded, databaseFile);
    expect(countRows()).toEqual({ organisations: 2, users: 3, patients: 4 });

    await seed();
    expect(countRows()).toEqual({ organisations: 2, users: 3, patients: 4 });

    const mrns = withSqlite((db) => (db.prepare('SELECT mrn FROM patients ORDER BY mrn').all() as { mrn: string }[]).map((row) => row.mrn));
    expect(mrns).toEqual(['DEMO-001', 'DEMO-002', 'DEMO-003', 'NV-001']);
  }, 60_000);
});

describe('patient MRN uniqueness', () => {
  let db: PrismaClient;

  beforeAll(() => {
    db = createDbClient(databaseUrl);
  });

  afterAll(async () => {
    await db.$disconnect();
  });

  it('rejects a second patient with the same MRN in the same organisation, allows it in another', async () => {
    const first = await db.organisation.create({ data: { name: 'Uniqueness Clinic A', slug: 'uniqueness-a' } });
    const second = await db.organisation.create({ data: { name: 'Uniqueness Clinic B', slug: 'uniqueness-b' } });
    const patient = { mrn: 'MRN-1', givenName: 'Una', familyName: 'Unique', birthDate: '1980-02-29', sex: 'female' };

    await db.patient.create({ data: { ...patient, organisationId: first.id } });

    const duplicate = db.patient.create({ data: { ...patient, organisationId: first.id } });
    await expect(duplicate).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await expect(duplicate).rejects.toMatchObject({ code: 'P2002' });

    await expect(db.patient.create({ data: { ...patient, organisationId: second.id } })).resolves.toMatchObject({ mrn: 'MRN-1' });
    expect(await db.patient.count({ where: { mrn: 'MRN-1' } })).toBe(2);
  });
});
