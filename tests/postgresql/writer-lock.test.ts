// @vitest-environment node
/**
 * The writers' lock on PostgreSQL (lib/db/transaction.ts): every instance's group of transactions takes
 * a transaction-scoped advisory lock before it reads the chain head. Transactions queued while a group
 * waits for that lock join the group, in queue order, instead of forming groups of their own.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WRITER_LOCK_KEY, withTransaction, type Tx } from '@/lib/db/transaction';
import { createTestDatabase, type TestDatabase } from '../integration/database';

let db: TestDatabase;

beforeAll(() => {
  db = createTestDatabase();
  db.install();
});
afterAll(async () => db.dispose());

it('transactions queued while a group waits for the lock (another instance holds it) join that group, in queue order', async () => {
  // Another instance's group holds the lock until released.
  let release = () => {};
  const gate = new Promise<void>((r) => { release = r; });
  let locked = () => {};
  const holds = new Promise<void>((r) => { locked = r; });
  const other = db.client.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${WRITER_LOCK_KEY})`);
    locked();
    await gate;
  }, { timeout: 60_000 });
  await holds;
  const ran: number[] = [];
  const txid = (i: number) => async (tx: Tx) => {
    ran.push(i);
    const [row] = await tx.$queryRawUnsafe<{ id: string }[]>('SELECT txid_current()::text AS id');
    return row!.id;
  };
  const first = withTransaction(txid(1));
  // This instance's group has begun and waits for the lock.
  const waiting = async () => Number((await db.client.$queryRawUnsafe<{ n: bigint }[]>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))[0]!.n);
  await expect.poll(waiting, { timeout: 30_000 }).toBe(1);
  const later = [withTransaction(txid(2)), withTransaction(txid(3))];
  release();
  await other;
  const ids = await Promise.all([first, ...later]);
  // One transaction for the three, run in the order they were queued.
  expect(new Set(ids).size).toBe(1);
  expect(ran).toEqual([1, 2, 3]);
});
