/** Better Auth's database adapter over the app's Prisma client (lib/db is the only Prisma user). */
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { dbProvider, getDb } from './client';

export function authDatabase() {
  return prismaAdapter(getDb(), { provider: dbProvider(), transaction: true });
}

/**
 * Where Better Auth counts requests for its rate limiter: in the database on PostgreSQL (several
 * instances share one count, table rate_limits), in memory on SQLite (one instance).
 */
export function authRateLimitStorage(): 'database' | 'memory' {
  return dbProvider() === 'postgresql' ? 'database' : 'memory';
}
