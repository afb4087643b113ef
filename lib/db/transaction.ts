/** Transactions: a change and its audit event are written together or not at all. */
import { getDb, type Prisma } from './client';
import { isUniqueViolation } from './errors';

export type Tx = Prisma.TransactionClient;

/**
 * Runs `fn` in one transaction. An audit-sequence collision (two writers appending at once) rolls the
 * whole transaction back and it is tried again, so the chain never forks.
 */
export async function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getDb().$transaction(fn);
    } catch (e) {
      if (attempt < 5 && isUniqueViolation(e) && /seq|audit/i.test(JSON.stringify((e as { meta?: unknown }).meta ?? ''))) continue;
      throw e;
    }
  }
}
