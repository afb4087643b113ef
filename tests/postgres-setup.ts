/**
 * Vitest global set-up of the `postgresql` project: one PostgreSQL 15 server (Debian's binaries, a
 * temporary folder, a free port) for the whole run, with two template databases migrated by the real
 * Prisma CLI (prisma/postgresql/migrations) — one of them seeded by the real seed script. Each test
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
    for (const [name, seeded] of [[TEMPLATE_EMPTY, false], [TEMPLATE_SEEDED, true]] as const) {
      const url = await pg.createDatabase(name);
      migrate(url);
      if (seeded) seed(url);
    }
  } catch (error) {
    await pg.stop();
    throw error;
  }
  project.provide('postgresPort', pg.port);
  return async () => pg.stop();
}
