/**
 * Transactions: a change and its audit event are written together or not at all.
 *
 * One writer with a queue (group commit). SQLite has one writer, and the driver is synchronous: every
 * COMMIT waits for the disk while the whole process stands still (10–15 ms on a busy disk). So
 * transactions are not run one commit each: a single writer takes every transaction waiting in the
 * queue, runs each in turn inside one database transaction — each inside its own SAVEPOINT, so one that
 * fails is undone alone and its caller gets the error — and commits them together. A caller's promise
 * settles only after that COMMIT: what is acknowledged is on disk. Order is the queue's order, so audit
 * events keep a single chain.
 *
 * Once a batch that appended audit events has committed, the chain head is anchored outside the
 * database (lib/integrity/audit-anchor).
 */
import { writeAnchor } from '@/lib/integrity/audit-anchor';
import { auditHead, takeAppendedHead } from './audit';
import { dbProvider, getDb, type Prisma } from './client';
import { isUniqueViolation } from './errors';

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

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * PostgreSQL: several instances (processes) each run a writer like this one. A transaction-scoped
 * advisory lock taken first in every batch, before anything reads the chain head, makes their batches
 * take turns, so the audit chain stays one chain. Released by the COMMIT or ROLLBACK. (SQLite needs
 * none: it has one writer at a time, and a second process collides on `seq` and retries, below.)
 */
const WRITER_LOCK_KEY = 4_216_630_012; // arbitrary, fixed: "the RLS Workup writer"

async function runBatch(batch: Job[]): Promise<void> {
  const outcomes: Outcome[] = [];
  let appendedAudit = false;
  try {
    const postgres = dbProvider() === 'postgresql';
    await getDb().$transaction(async (tx) => {
      if (postgres) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${WRITER_LOCK_KEY})`);
      if (batch.length === 1) {
        // Alone: no savepoint needed, a failure rolls the transaction back.
        outcomes.push({ ok: true, value: await batch[0]!.fn(tx) });
        appendedAudit = takeAppendedHead(tx) !== undefined;
        return;
      }
      for (const job of batch) {
        await tx.$executeRawUnsafe('SAVEPOINT job');
        try {
          const value = await job.fn(tx);
          await tx.$executeRawUnsafe('RELEASE SAVEPOINT job');
          outcomes.push({ ok: true, value });
        } catch (error) {
          await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT job');
          await tx.$executeRawUnsafe('RELEASE SAVEPOINT job');
          outcomes.push({ ok: false, error });
        }
      }
      appendedAudit = takeAppendedHead(tx) !== undefined;
    }, { maxWait: 30_000, timeout: 30_000 });
  } catch (error) {
    // The commit (or the transaction as a whole) failed: nothing of the batch was stored.
    for (const job of batch) job.reject(error);
    return;
  }
  // The head as committed (a job undone to its savepoint may have appended an event that is gone).
  if (appendedAudit) {
    try {
      const head = await auditHead();
      if (head) writeAnchor(head);
    } catch {
      // The anchor log is best effort here: audit:verify reports a tail the anchors do not cover.
    }
  }
  batch.forEach((job, i) => {
    const o = outcomes[i]!;
    if (o.ok) job.resolve(o.value);
    else job.reject(o.error);
  });
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
      if (attempt < 5 && isUniqueViolation(e) && /seq|audit/i.test(JSON.stringify((e as { meta?: unknown }).meta ?? ''))) continue;
      throw e;
    }
  }
}
