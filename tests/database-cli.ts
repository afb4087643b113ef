/**
 * A database prepared by the project's own commands, as an operator prepares one: migrated by the real
 * Prisma CLI (through scripts/prisma.mjs) and seeded by the real seed script. No Vitest imports: the
 * global set-ups (tests/sqlite-setup.ts, tests/postgres-setup.ts) use it too.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

export function migrate(url: string): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/prisma.mjs'), 'migrate', 'deploy'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });
}

export function seed(url: string): string {
  return execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'prisma/seed.ts')], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' }).toString();
}
