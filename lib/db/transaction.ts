/** Transactions: a change and its audit event are written together or not at all. */
import { writeAnchor } from '@/lib/integrity/audit-anchor';
import { takeAppendedHead } from './audit';
import { getDb, type Prisma } from './client';
import { isUniqueViolation } from './errors';

export type Tx = Prisma.TransactionClient;

/**
 * Runs `fn` in one transaction. An audit-sequence collision (two writers appending at once) rolls the
 * whole transaction back and it is tried again, so the chain never forks. Once a transaction that
 * appended audit events has committed, the new chain head is anchored outside the database.
 */
export async function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      let head: { seq: number; hash: string } | undefined;
      const result = await getDb().$transaction(async (tx) => {
        const value = await fn(tx);
        head = takeAppendedHead(tx);
        return value;
      });
      if (head) writeAnchor(head);
      return result;
    } catch (e) {
      if (attempt < 5 && isUniqueViolation(e) && /seq|audit/i.test(JSON.stringify((e as { meta?: unknown }).meta ?? ''))) continue;
      throw e;
    }
  }
}
