/**
 * Vitest global set-up of the `postgresql` project: one PostgreSQL 15 server (Debian's binaries, a
 * temporary folder, a free port) for the whole run, with two template databases: one migrated by the
 * real Prisma CLI (prisma/postgresql/migrations), and a copy of it seeded by the real seed script. Each test
 * database is a copy of a template (tests/integration/database.ts). Stopped after the run.
 */
import type { TestProject } from 'vitest/node';
import { migrate, seed } from './database-cli';
import { startPostgres } from '../scripts/postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresPort: number;
  }
}

export const TEMPLATE_EMPTY = 'template_migrated';
export const TEMPLATE_SEEDED = 'template_seeded';

export default async function setup(project: TestProject) {
  const pg = await startPostgres({ fast: true });
  try {
    migrate(await pg.createDatabase(TEMPLATE_EMPTY));
    // A copy of the migrated template, seeded: one migration per run (as on SQLite).
    seed(await pg.createDatabase(TEMPLATE_SEEDED, { template: TEMPLATE_EMPTY }));
  } catch (error) {
    await pg.stop();
    throw error;
  }
  project.provide('postgresPort', pg.port);
  return async () => pg.stop();
}
