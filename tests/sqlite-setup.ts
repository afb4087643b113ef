/**
 * Vitest global set-up of the `sqlite` project: two template databases for the run, in a temporary
 * folder, migrated by the real Prisma CLI — a copy of it then seeded by the real seed script. Each test
 * database is a copy of a template file (tests/integration/database.ts), as the `postgresql` project's
 * are copies of template databases: one migration and one seed per run, not one per test file.
 * tests/integration/migrations.test.ts checks these two runs of the CLI and the seed script (what the
 * migration made, what the seed printed and stored). Removed after the run.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { TestProject } from 'vitest/node';
import { migrate, seed } from './database-cli';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The files `prisma migrate deploy` made (and the seed script then filled), and what the seed printed. */
    sqliteTemplates: { migrated: string; seeded: string; seedOutput: string };
  }
}

/** Everything in the one file (no write-ahead log beside it), so that a copy of the file is the database. */
function singleFile(file: string) {
  const sqlite = new Database(file);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('journal_mode = DELETE');
  sqlite.close();
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rls-int-templates-'));
  try {
    const migrated = path.join(dir, 'migrated.db');
    const seeded = path.join(dir, 'seeded.db');
    migrate(`file:${migrated}`);
    singleFile(migrated);
    copyFileSync(migrated, seeded);
    const seedOutput = seed(`file:${seeded}`);
    singleFile(seeded);
    project.provide('sqliteTemplates', { migrated, seeded, seedOutput });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
