/** Better Auth's database adapter over the app's Prisma client (lib/db is the only Prisma user). */
import type { BetterAuthOptions } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { dbProvider, getDb, makeDurable } from './client';

type Adapter = ReturnType<ReturnType<typeof prismaAdapter>>;

/** Runs `fn`, then waits for its writes to be on disk before answering (SQLite, lib/db/client). */
function synced<F extends (...args: never[]) => Promise<unknown>>(fn: F): F {
  return (async (...args: Parameters<F>) => {
    const result = await fn(...args);
    await makeDurable();
    return result;
  }) as F;
}

/**
 * Better Auth writes sessions, accounts, two-factor secrets and verifications outside the single
 * writer: on SQLite each write (or transaction) is synced before Better Auth goes on, as the writer's
 * commits are. Inside a transaction Better Auth uses the transaction's own adapter, synced once at the end.
 */
function durableWrites(adapter: Adapter): Adapter {
  return {
    ...adapter,
    create: synced(adapter.create),
    update: synced(adapter.update),
    updateMany: synced(adapter.updateMany),
    delete: synced(adapter.delete),
    deleteMany: synced(adapter.deleteMany),
    consumeOne: synced(adapter.consumeOne),
    incrementOne: synced(adapter.incrementOne),
    transaction: synced(adapter.transaction),
  };
}

export function authDatabase() {
  const factory = prismaAdapter(getDb(), { provider: dbProvider(), transaction: true });
  if (dbProvider() !== 'sqlite') return factory;
  return (options: BetterAuthOptions) => durableWrites(factory(options));
}

/**
 * Where Better Auth counts requests for its rate limiter: in the database on PostgreSQL (several
 * instances share one count, table rate_limits), in memory on SQLite (one instance).
 */
export function authRateLimitStorage(): 'database' | 'memory' {
  return dbProvider() === 'postgresql' ? 'database' : 'memory';
}
