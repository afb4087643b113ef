/**
 * Vitest global set-up of the `sqlite` project: two template databases for the run, in a temporary
 * folder, migrated by the real Prisma CLI — a copy of it then seeded by the real seed script. Each test
 * database is a copy of a template file (tests/integration/database.ts), as the `postgresql` project's
 * are copies of template databases: one migration and one seed per run, not one per test file.
 * Removed after the run.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { TestProject } from 'vitest/node';

const ROOT = path.resolve(__dirname, '..');

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplates: { migrated: string; seeded: string };
  }
}

function migrate(file: string) {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/prisma.mjs'), 'migrate', 'deploy'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${file}` }, stdio: 'pipe' });
  singleFile(file);
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
    const templates = { migrated: path.join(dir, 'migrated.db'), seeded: path.join(dir, 'seeded.db') };
    migrate(templates.migrated);
    copyFileSync(templates.migrated, templates.seeded);
    execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'prisma/seed.ts')], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${templates.seeded}` }, stdio: 'pipe' });
    singleFile(templates.seeded);
    project.provide('sqliteTemplates', templates);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
