/**
 * Transactions: a change and its audit event are written together or not at all.
 *
 * One writer with a queue (group commit). SQLite has one writer, and the driver is synchronous: every
 * COMMIT waits for the disk while the whole process stands still (10–15 ms on a busy disk). So
 * transactions are not run one commit each: a single writer takes every transaction waiting in the
 * queue, runs each in turn inside one database transaction and commits them together. If one fails, the
 * group is undone and run again around it (the jobs before it together, it alone, then the rest), so
 * it is undone alone and its caller gets its error; jobs must therefore be safe to run again (they
 * only use the transaction). A caller's promise
 * settles only after that COMMIT and the sync of the log that makes it durable (on SQLite done off the
 * event loop, lib/db/client `makeDurable`; the next group waits for it and grows meanwhile): what is
 * acknowledged is on disk. Order is the queue's order, so audit events keep a single chain.
 *
 * Once a batch that appended audit events has committed, the chain head is anchored outside the
 * database (lib/integrity/audit-anchor).
 */
import { writeAnchor } from '@/lib/integrity/audit-anchor';
import { takeAppendedHead } from './audit';
import { dbProvider, getDb, makeDurable, type Prisma } from './client';
import { isAuditSeqCollision } from './errors';

export type Tx = Prisma.TransactionClient;

interface Job {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** Bounded so that one database transaction stays short. */
const MAX_BATCH = 32;
const queue: Job[] = [];
let writing = false;

/**
 * PostgreSQL: several instances (processes) each run a writer like this one. A transaction-scoped
 * advisory lock taken first in every batch, before anything reads the chain head, makes their batches
 * take turns, so the audit chain stays one chain. Released by the COMMIT or ROLLBACK. (SQLite needs
 * none: it has one writer at a time, and a second process collides on `seq` and retries, below.)
 */
const WRITER_LOCK_KEY = 4_216_630_012; // arbitrary, fixed: "the RLS Workup writer"

/** Thrown inside a group's transaction to undo it: job `index` failed with `error`. */
class JobFailed {
  constructor(readonly index: number, readonly error: unknown) {}
}

/**
 * Runs the jobs in order in one transaction and commits. No savepoints (two more statements per job):
 * the first job that fails undoes the whole group, and runBatch runs the group again around it.
 */
async function commitTogether(batch: Job[]): Promise<{ values: unknown[]; appended: { seq: number; hash: string } | undefined }> {
  const values: unknown[] = [];
  let appended: { seq: number; hash: string } | undefined;
  const postgres = dbProvider() === 'postgresql';
  await getDb().$transaction(async (tx) => {
    if (postgres) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${WRITER_LOCK_KEY})`);
    for (const [index, job] of batch.entries()) {
      try {
        values.push(await job.fn(tx));
      } catch (error) {
        throw new JobFailed(index, error);
      }
    }
    appended = takeAppendedHead(tx);
  }, { maxWait: 30_000, timeout: 30_000 });
  return { values, appended };
}

async function runBatch(batch: Job[]): Promise<void> {
  if (batch.length === 0) return;
  let committed: Awaited<ReturnType<typeof commitTogether>>;
  try {
    committed = await commitTogether(batch);
  } catch (e) {
    if (e instanceof JobFailed && batch.length > 1) {
      // Nothing of the group was stored. The jobs before the failed one commit together again, the
      // failed one alone (its caller gets its own error), then the rest: same order, one chain.
      await runBatch(batch.slice(0, e.index));
      await runBatch([batch[e.index]!]);
      await runBatch(batch.slice(e.index + 1));
      return;
    }
    // The job failed, or the commit (or the transaction as a whole) did: nothing of the batch was stored.
    const error = e instanceof JobFailed ? e.error : e;
    for (const job of batch) job.reject(error);
    return;
  }
  try {
    await makeDurable();
  } catch (e) {
    // Committed, but not known to be on disk: nobody is told it was saved (a retried save finds its
    // idempotency key, so it is not stored twice).
    const error = new Error(`the commit could not be made durable: ${(e as Error).message}`);
    for (const job of batch) job.reject(error);
    return;
  }
  if (committed.appended) {
    try {
      writeAnchor(committed.appended);
    } catch {
      // The anchor log is best effort here: audit:verify reports a tail the anchors do not cover.
    }
  }
  batch.forEach((job, i) => job.resolve(committed.values[i]));
}

async function drain(): Promise<void> {
  if (writing) return;
  writing = true;
  try {
    while (queue.length > 0) await runBatch(queue.splice(0, MAX_BATCH));
  } finally {
    writing = false;
  }
}

let scheduled = false;

function enqueue<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
    // The first batch starts after the requests already read in this turn of the event loop have
    // queued their transactions too (setImmediate runs after the I/O callbacks): without it a lone job
    // was committed at once, and under load nearly every commit held one transaction.
    if (!writing && !scheduled) {
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        void drain();
      });
    }
  });
}

/**
 * Runs `fn` in a transaction through the single writer. `fn` must not call withTransaction itself (it
 * would wait for the writer that is running it). An audit-sequence collision (another process appending
 * at once) undoes `fn`'s writes and it is tried again, so the chain never forks.
 */
export async function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await enqueue(fn);
    } catch (e) {
      if (attempt < 5 && isAuditSeqCollision(e)) continue;
      throw e;
    }
  }
}
