/**
 * The Prisma client: one per process, kept on `globalThis` so that Next.js hot
 * reloads in development reuse it instead of opening a new database connection
 * each time (create-t3-app's `db.ts`).
 *
 * Deliberately without `import 'server-only'`: tsx scripts (seed, CLI) and
 * integration tests import it too. Only `lib/db` imports this module.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';

import { env } from '../env';
import { PrismaClient, type Prisma } from './generated/client';

export type { PrismaClient };
export { Prisma } from './generated/client';
export type { Assessment, Organisation, Patient, User } from './generated/client';

/**
 * A new client for a SQLite `file:` URL (relative paths resolve from the working
 * directory). For tests and scripts that need their own database; the app uses
 * {@link getDb}.
 */
export function createDbClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });
}

const globalForDb = globalThis as typeof globalThis & { rlsWorkupDb?: PrismaClient };

/** The process-wide client for `env.DATABASE_URL`, created on first use. */
export function getDb(): PrismaClient {
  globalForDb.rlsWorkupDb ??= createDbClient(env.DATABASE_URL);
  return globalForDb.rlsWorkupDb;
}

/**
 * The process-wide client. Creating it opens nothing: the adapter connects on
 * the first query.
 */
export const db: PrismaClient = getDb();

/** The client or a transaction: repositories that write take one, so a change and its audit event commit together. */
export type Db = PrismaClient | Prisma.TransactionClient;
