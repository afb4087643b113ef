/**
 * The Prisma client: one per process, kept on `globalThis` so that Next.js hot
 * reloads in development reuse it instead of opening a new database connection
 * each time (create-t3-app's `db.ts`).
 *
 * Deliberately without `import 'server-only'`: tsx scripts (seed, CLI) and
 * integration tests import it too. Only `lib/db` imports this module.
 */
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

import { env } from '../env';
import { PrismaClient, type Prisma } from './generated/client';
import { PrismaClient as PostgresPrismaClient } from './generated-pg/client';

export type { PrismaClient };
export { Prisma } from './generated/client';
export type { Assessment, Organisation, Patient, User } from './generated/client';

/**
 * SQLite settings for many concurrent requests on one connection:
 *  - WAL: a commit appends to the log instead of writing a rollback journal and syncing it, the
 *    database and the directory (measured here: 3.8 ms instead of 15 ms per commit); readers in other
 *    processes (audit:verify, a second instance) do not block the writer.
 *  - synchronous=NORMAL, with the sync done by us, off the event loop: the driver is synchronous, so
 *    with FULL every COMMIT held the whole process still while the disk synced the log (0.4–0.5 ms
 *    here, 10–15 ms on a busy disk), and no other request moved. Now a commit writes the log, and
 *    {@link makeDurable} syncs it in the thread pool; the writer (lib/db/transaction), which every write
 *    of ours goes through, and Better Auth's adapter wait for that sync before they answer, so what is
 *    acknowledged is on disk, as with FULL. SQLite still syncs the log before a checkpoint and the
 *    database after one, as it does under NORMAL.
 *  - busy_timeout: another process writing (a migration, the seed) makes a query wait, not fail.
 */
const PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL', 'busy_timeout = 5000'];

/** The write-ahead log of each SQLite client's database (known once the adapter has connected). */
const walFiles = new WeakMap<object, { path?: string; handle?: Promise<FileHandle> }>();

async function closeWal(wal: { handle?: Promise<FileHandle> }): Promise<void> {
  const handle = wal.handle;
  wal.handle = undefined;
  await handle?.then((h) => h.close()).catch(() => {});
}

class SqliteAdapterFactory extends PrismaBetterSqlite3 {
  readonly wal: { path?: string; handle?: Promise<FileHandle> } = {};

  override async connect() {
    const adapter = await super.connect();
    // The adapter keeps its better-sqlite3 connection as `client`; fail loudly if a new version does not.
    const connection = (adapter as unknown as { client?: { pragma?: (sql: string) => unknown; name?: string; memory?: boolean } }).client;
    if (typeof connection?.pragma !== 'function') throw new Error('SQLite adapter: no connection to apply the pragmas to');
    for (const pragma of PRAGMAS) connection.pragma(pragma);
    // A new connection may have a new log file (the last connection to close deletes it): the
    // descriptor kept for syncing it is opened again, and closed with the connection.
    void closeWal(this.wal);
    if (!connection.memory && connection.name) this.wal.path = `${path.resolve(connection.name)}-wal`;
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await closeWal(this.wal);
      return dispose();
    };
    return adapter;
  }
}

/**
 * Makes every commit so far of this client's SQLite database durable: a sync of the write-ahead log, in
 * libuv's thread pool (the event loop serves other requests meanwhile). Callers answer only after it.
 * PostgreSQL: nothing to do (its COMMIT returns once the log is flushed, and the driver does not block).
 */
export async function makeDurable(client: PrismaClient = getDb()): Promise<void> {
  const wal = walFiles.get(client);
  if (!wal?.path) return; // PostgreSQL, or a SQLite client that has not connected: nothing committed
  // One descriptor per client, kept: SQLite keeps the log file (the same file) while a connection to
  // the database is open — this client's is — and deletes it only when the last one closes.
  wal.handle ??= open(wal.path, 'r+');
  try {
    // fdatasync, as SQLite syncs the log itself (the data, and the size when it grew).
    await (await wal.handle).datasync();
  } catch (e) {
    wal.handle = undefined; // opened again next time
    throw e;
  }
}

export type DbProvider = 'sqlite' | 'postgresql';

/** The provider a DATABASE_URL selects: postgres(ql):// → PostgreSQL, file: → SQLite. */
export function providerOf(url: string): DbProvider {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';
}

/**
 * PostgreSQL through the pg driver adapter, with the client generated from the derived schema
 * (prisma/postgresql/schema.prisma). A pool per process; bounded waits so that a database that is
 * down or stuck fails a request within seconds (503) instead of holding it: the connection timeout,
 * and statement_timeout / lock_timeout on every connection (a statement that runs longer is cancelled
 * by the server; the client gives up a little after that).
 */
function createPostgresClient(url: string, log: boolean): PrismaClient {
  const statementMs = Math.round(env.DB_STATEMENT_TIMEOUT_SECONDS * 1000);
  const adapter = new PrismaPg({
    connectionString: url,
    max: env.DB_POOL_SIZE,
    connectionTimeoutMillis: Math.round(env.DB_CONNECT_TIMEOUT_SECONDS * 1000),
    statement_timeout: statementMs,
    lock_timeout: statementMs,
    query_timeout: statementMs + 2000,
    idle_in_transaction_session_timeout: statementMs * 4,
    idleTimeoutMillis: 30_000,
    application_name: 'rls-workup',
  });
  // The two generated clients come from the same models, and the repositories are typed against the
  // SQLite one. TypeScript does not accept one for the other only because PostgreSQL's offers more
  // options (every transaction isolation level; string filters' `mode`): a superset of what the
  // repositories use, so the PostgreSQL client stands in for the SQLite type.
  if (!log) return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  const client = new PostgresPrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (e) => process.stderr.write(`${JSON.stringify({ query: e.query, ms: e.duration })}\n`));
  return client as unknown as PrismaClient;
}

/**
 * A new client for a database URL: a SQLite `file:` URL (relative paths resolve from the working
 * directory) or a PostgreSQL URL. For tests and scripts that need their own database; the app uses
 * {@link getDb}. With DB_QUERY_LOG=1 every query and its duration goes to stderr (profiling the
 * request path).
 */
export function createDbClient(url: string): PrismaClient {
  if (providerOf(url) === 'postgresql') return createPostgresClient(url, env.DB_QUERY_LOG);
  const adapter = new SqliteAdapterFactory({ url, timeout: 5000 });
  const client = env.DB_QUERY_LOG ? withQueryLog(adapter) : new PrismaClient({ adapter });
  walFiles.set(client, adapter.wal);
  return client;
}

function withQueryLog(adapter: SqliteAdapterFactory): PrismaClient {
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (e) => process.stderr.write(`${JSON.stringify({ query: e.query, ms: e.duration })}\n`));
  return client;
}

/** The provider of a client made by {@link createDbClient} (the generated client records it). */
export function providerOfClient(client: object): DbProvider {
  return (client as { _activeProvider?: string })._activeProvider === 'postgresql' ? 'postgresql' : 'sqlite';
}

const globalForDb = globalThis as typeof globalThis & { rlsWorkupDb?: PrismaClient };

/** The process-wide client for `env.DATABASE_URL`, created on first use. */
export function getDb(): PrismaClient {
  globalForDb.rlsWorkupDb ??= createDbClient(env.DATABASE_URL);
  return globalForDb.rlsWorkupDb;
}

/** The provider of the process-wide client: SQL that differs between the two goes through this. */
export function dbProvider(): DbProvider {
  return providerOfClient(getDb());
}

/**
 * The process-wide client. Creating it opens nothing: the adapter connects on
 * the first query.
 */
export const db: PrismaClient = getDb();

/** The client or a transaction: repositories that write take one, so a change and its audit event commit together. */
export type Db = PrismaClient | Prisma.TransactionClient;
