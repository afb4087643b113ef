// @vitest-environment node
// The single writer (lib/db/transaction.ts) commits queued transactions together. Whatever it groups:
// every acknowledged event is stored and chained in order, a transaction that fails is undone alone
// (the others of its group stay), and nothing is acknowledged before it is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { appendAuditEvent, appendAuditEvents, listAllAuditEvents } from '@/lib/db/audit';
import { isAuditSeqCollision, isUniqueViolation } from '@/lib/db/errors';
import { env } from '@/lib/env';
import { withTransaction } from '@/lib/db/transaction';
import { readAnchorLog } from '@/lib/integrity/audit-anchor';
import { verifyChain } from '@/lib/integrity/audit-chain';
import { audit, auditIn } from '@/lib/services/audit';
import { actorFor, createTestDatabase, type TestDatabase } from './database';

let db: TestDatabase;
let actor: Actor;

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  actor = await actorFor(db.client, 'clinician@demo.test');
});
afterAll(async () => db.dispose());

describe('one writer, transactions committed together', () => {
  it('200 reads audited at once: 200 events, each stored when acknowledged, one unbroken chain in the order they were asked for', async () => {
    const before = await db.client.auditEvent.count();
    const ids = Array.from({ length: 200 }, (_, i) => `writer-${String(i).padStart(3, '0')}`);
    const acknowledged: string[] = [];
    await Promise.all(ids.map(async (id) => {
      await audit(actor, { action: 'patient.read', recordType: 'patient', recordId: id });
      // Acknowledged means stored: another connection already sees it.
      expect(await db.client.auditEvent.count({ where: { recordId: id } })).toBe(1);
      acknowledged.push(id);
    }));
    expect(acknowledged).toHaveLength(200);
    const events = await db.client.auditEvent.findMany({ where: { recordId: { startsWith: 'writer-' } }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.recordId)).toEqual(ids);
    expect(await db.client.auditEvent.count()).toBe(before + 200);
    expect(verifyChain(await listAllAuditEvents())).toMatchObject({ ok: true, events: before + 200 });
  });

  it('a transaction that fails among others is undone alone; the others are stored with their events', async () => {
    const patients = await db.client.patient.count();
    const newPatient = (mrn: string) => withTransaction(async (tx) => {
      const p = await tx.patient.create({ data: { organisationId: actor.organisationId, mrn, givenName: 'Una', familyName: 'Writer', birthDate: '1970-01-01', sex: 'female' } });
      await auditIn(tx, actor, { action: 'patient.create', recordType: 'patient', recordId: p.id, patientId: p.id });
      return p.id;
    });
    // Hold the writer until all four are queued, so that they are committed as one group.
    let release = () => {};
    const gate = new Promise<void>((r) => { release = r; });
    const holding = withTransaction(() => gate);
    const pending = Promise.allSettled([
      newPatient('SW-001'),
      withTransaction(async (tx) => {
        await auditIn(tx, actor, { action: 'patient.update', recordType: 'patient', recordId: 'sw-failing' });
        throw new Error('this change failed after its event was written');
      }),
      newPatient('SW-002'),
      // A duplicate MRN: refused by the database inside the group.
      newPatient('SW-001'),
      // Last of the group, fails after its event was written: the anchor must not name that event.
      withTransaction(async (tx) => {
        await auditIn(tx, actor, { action: 'patient.update', recordType: 'patient', recordId: 'sw-failing-last' });
        throw new Error('the last change failed after its event was written');
      }),
    ]);
    release();
    await holding;
    const results = await pending;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'rejected']);
    expect(results[1]).toMatchObject({ reason: expect.objectContaining({ message: expect.stringContaining('this change failed') }) });
    expect(await db.client.patient.count()).toBe(patients + 2);
    expect(await db.client.auditEvent.count({ where: { recordId: { in: ['sw-failing', 'sw-failing-last'] } } })).toBe(0);
    const stored = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(await db.client.auditEvent.count({ where: { action: 'patient.create', patientId: { in: stored } } })).toBe(2);
    expect(verifyChain(await listAllAuditEvents()).ok).toBe(true);
    // The group's anchor names the head as committed.
    const head = await db.client.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(readAnchorLog(db.anchor)?.anchors.at(-1)).toMatchObject({ seq: head.seq, hash: head.hash });
  });

  it('an append whose seq another writer took first is undone and run again: the event is stored once, the chain does not fork', async () => {
    let attempts = 0;
    const stored = await withTransaction(async (tx) => {
      attempts++;
      const seq = await appendAuditEvent(tx, { userId: actor.userId, organisationId: actor.organisationId, action: 'patient.read', outcome: 'success', recordId: `collide-a-${attempts}` });
      if (attempts === 1) {
        // Another writer takes the next seq (as a second process would): this transaction's head is stale.
        await tx.$executeRawUnsafe(
          "INSERT INTO audit_events (seq, at, action, outcome, prev_hash, hash) VALUES ($1, $2, 'other.writer', 'success', 'x', 'other-writer-hash')".replace(/\$\d/g, (m) => (db.provider === 'sqlite' ? '?' : m)),
          seq + 1, new Date(),
        );
      }
      await appendAuditEvent(tx, { userId: actor.userId, organisationId: actor.organisationId, action: 'patient.read', outcome: 'success', recordId: `collide-b-${attempts}` });
      return attempts;
    });
    expect(stored).toBe(2);
    // The first attempt was undone as a whole (the other writer's row with it, here); the second is stored once.
    expect(await db.client.auditEvent.count({ where: { recordId: { startsWith: 'collide-' } } })).toBe(2);
    expect(await db.client.auditEvent.count({ where: { recordId: { in: ['collide-a-2', 'collide-b-2'] } } })).toBe(2);
    expect(verifyChain(await listAllAuditEvents()).ok).toBe(true);
  });

  it('more events in one group than one INSERT takes (500): all stored, in order, one chain', async () => {
    const before = await db.client.auditEvent.count();
    const ids = Array.from({ length: 1201 }, (_, i) => `bulk-${String(i).padStart(4, '0')}`);
    await withTransaction((tx) => appendAuditEvents(tx, ids.map((recordId) => ({ userId: actor.userId, organisationId: actor.organisationId, action: 'patient.read', outcome: 'success' as const, recordId }))));
    const stored = await db.client.auditEvent.findMany({ where: { recordId: { startsWith: 'bulk-' } }, orderBy: { seq: 'asc' }, select: { recordId: true } });
    expect(stored.map((e) => e.recordId)).toEqual(ids);
    expect(await db.client.auditEvent.count()).toBe(before + 1201);
    expect(verifyChain(await listAllAuditEvents()).ok).toBe(true);
  });

  it('a taken audit seq is recognised as a collision; another unique violation (a duplicate MRN) is not', async () => {
    const head = await db.client.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const collision = await withTransaction((tx) => tx.$executeRawUnsafe(
      "INSERT INTO audit_events (seq, at, action, outcome, prev_hash, hash) VALUES ($1, $2, 'other.writer', 'success', 'x', 'taken-seq')".replace(/\$\d/g, (m) => (db.provider === 'sqlite' ? '?' : m)),
      head.seq, new Date(),
    )).catch((e: unknown) => e);
    expect(isUniqueViolation(collision)).toBe(true);
    expect(isAuditSeqCollision(collision)).toBe(true);
    const existing = await db.client.patient.findFirstOrThrow();
    const duplicate = await db.client.patient.create({ data: { organisationId: existing.organisationId, mrn: existing.mrn, givenName: 'Dup', familyName: 'Licate', birthDate: '1970-01-01', sex: 'female' } }).catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isAuditSeqCollision(duplicate)).toBe(false);
  });

  it('connections are configured: SQLite in WAL mode with a busy timeout, committing without a sync of its own (NORMAL: the app syncs the log before it acknowledges, tests/integration/durable-commit.test.ts); PostgreSQL with statement and lock timeouts (a stuck query fails, it does not hold a request)', async () => {
    if (db.provider === 'postgresql') {
      const [statement] = await db.client.$queryRawUnsafe<{ statement_timeout: string }[]>('SHOW statement_timeout');
      const [lock] = await db.client.$queryRawUnsafe<{ lock_timeout: string }[]>('SHOW lock_timeout');
      expect(statement!.statement_timeout).toBe(`${env.DB_STATEMENT_TIMEOUT_SECONDS * 1000}ms`.replace(/^(\d+)000ms$/, '$1s'));
      expect(lock!.lock_timeout).toBe(statement!.statement_timeout);
      return;
    }
    const [mode] = await db.client.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
    const [sync] = await db.client.$queryRawUnsafe<{ synchronous: bigint }[]>('PRAGMA synchronous');
    const [busy] = await db.client.$queryRawUnsafe<{ timeout: bigint }[]>('PRAGMA busy_timeout');
    expect(mode!.journal_mode).toBe('wal');
    expect(Number(sync!.synchronous)).toBe(1);
    expect(Number(busy!.timeout)).toBeGreaterThanOrEqual(1000);
  });
});
