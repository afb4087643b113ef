/**
 * Vitest global set-up of the `postgresql` project: one PostgreSQL 15 server (Debian's binaries, a
 * temporary folder, a free port) for the whole run, with two template databases migrated by the real
 * Prisma CLI (prisma/postgresql/migrations) — one of them seeded by the real seed script. Each test
 * database is a copy of a template (tests/integration/database.ts). Stopped after the run.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../scripts/postgres.mjs';

const ROOT = path.resolve(__dirname, '..');

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
      const env = { ...process.env, DATABASE_URL: await pg.createDatabase(name) };
      execFileSync(process.execPath, [path.join(ROOT, 'scripts/prisma.mjs'), 'migrate', 'deploy'], { cwd: ROOT, env, stdio: 'pipe' });
      if (seeded) execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'prisma/seed.ts')], { cwd: ROOT, env, stdio: 'pipe' });
    }
  } catch (error) {
    await pg.stop();
    throw error;
  }
  project.provide('postgresPort', pg.port);
  return async () => pg.stop();
}
