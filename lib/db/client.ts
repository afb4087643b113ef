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
 * SQLite settings for many concurrent requests on one connection (the driver is synchronous, so a
 * commit blocks the process while it waits for the disk):
 *  - WAL: a commit appends to the log and syncs once, instead of writing a rollback journal and
 *    syncing it, the database and the directory (measured here: 3.8 ms instead of 15 ms per commit);
 *    readers in other processes (audit:verify, a second instance) do not block the writer.
 *  - synchronous=FULL kept: an acknowledged save or audit event is on disk even after a power loss.
 *  - busy_timeout: another process writing (a migration, the seed) makes a query wait, not fail.
 */
const PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'busy_timeout = 5000'];

class SqliteAdapterFactory extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    // The adapter keeps its better-sqlite3 connection as `client`; fail loudly if a new version does not.
    const connection = (adapter as unknown as { client?: { pragma?: (sql: string) => unknown } }).client;
    if (typeof connection?.pragma !== 'function') throw new Error('SQLite adapter: no connection to apply the pragmas to');
    for (const pragma of PRAGMAS) connection.pragma(pragma);
    return adapter;
  }
}

/**
 * A new client for a SQLite `file:` URL (relative paths resolve from the working directory). For
 * tests and scripts that need their own database; the app uses {@link getDb}. With DB_QUERY_LOG=1
 * every query and its duration goes to stderr (profiling the request path).
 */
export function createDbClient(url: string): PrismaClient {
  const adapter = new SqliteAdapterFactory({ url, timeout: 5000 });
  if (!env.DB_QUERY_LOG) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (e) => process.stderr.write(`${JSON.stringify({ query: e.query, ms: e.duration })}\n`));
  return client;
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
