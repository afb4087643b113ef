// @vitest-environment node
// SQLite commits with synchronous=NORMAL, and the app syncs the write-ahead log itself, off the event
// loop (lib/db/client `makeDurable`). These tests watch the log's sync through node:fs/promises (the
// file system, not our database layer: the database is real) and check that nothing is acknowledged
// before the log holding it was synced, and that a failed sync is not acknowledged as saved.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { authDatabase } from '@/lib/db/auth-adapter';
import { revokeSession } from '@/lib/db/sessions';
import { withTransaction } from '@/lib/db/transaction';
import { readAnchorLog } from '@/lib/integrity/audit-anchor';
import { audit } from '@/lib/services/audit';
import { actorFor, createTestDatabase, type TestDatabase } from './database';

/** Every sync of a file opened through node:fs/promises; a test may hold syncs at a gate or fail them. */
const syncs = vi.hoisted(() => ({
  files: [] as string[],
  gate: null as Promise<void> | null,
  reached: () => {},
  fail: null as Error | null,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof actual.open = async (file, ...rest) => {
    const handle = await actual.open(file, ...rest);
    const sync = async () => {
      syncs.files.push(String(file));
      syncs.reached();
      if (syncs.gate) await syncs.gate;
      if (syncs.fail) throw syncs.fail;
      return handle.datasync();
    };
    return new Proxy(handle, {
      get: (target, key) => (key === 'datasync' ? sync : typeof Reflect.get(target, key) === 'function' ? Reflect.get(target, key).bind(target) : Reflect.get(target, key)),
    });
  };
  return { ...actual, default: { ...actual, open }, open };
});

let db: TestDatabase;
let actor: Actor;
let walFile: string;

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  actor = await actorFor(db.client, 'clinician@demo.test');
  walFile = `${db.url.replace(/^file:/, '')}-wal`;
});
afterAll(async () => db.dispose());
beforeEach(() => {
  syncs.files.length = 0;
  syncs.gate = null;
  syncs.fail = null;
  syncs.reached = () => {};
});

describe('SQLite: a commit is acknowledged only after its log is synced', () => {
  it('the connection commits without syncing (NORMAL): the app syncs the log itself', async () => {
    const rows = await getDb().$queryRawUnsafe<{ synchronous: number | bigint }[]>('PRAGMA synchronous');
    expect(Number(rows[0]!.synchronous)).toBe(1);
    const rows2 = await getDb().$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
    expect(rows2[0]!.journal_mode).toBe('wal');
  });

  it('an audited read: committed first, acknowledged only once the write-ahead log is synced', async () => {
    let release = () => {};
    syncs.gate = new Promise<void>((r) => { release = r; });
    const reached = new Promise<void>((r) => { syncs.reached = r; });
    let acknowledged = false;
    const pending = audit(actor, { action: 'patient.read', recordType: 'patient', recordId: 'durable-1' }).then(() => { acknowledged = true; });
    await reached;
    // The commit happened (another connection sees the event), the sync has not finished: not yet acknowledged.
    expect(await db.client.auditEvent.count({ where: { recordId: 'durable-1' } })).toBe(1);
    expect(syncs.files).toEqual([walFile]);
    await Promise.resolve();
    expect(acknowledged).toBe(false);
    release();
    await pending;
    expect(acknowledged).toBe(true);
  });

  it('transactions queued while the log is syncing are committed together and covered by the next sync', async () => {
    let release = () => {};
    syncs.gate = new Promise<void>((r) => { release = r; });
    const reached = new Promise<void>((r) => { syncs.reached = r; });
    const first = audit(actor, { action: 'patient.read', recordType: 'patient', recordId: 'durable-group-0' });
    await reached;
    const rest = Array.from({ length: 5 }, (_, i) => audit(actor, { action: 'patient.read', recordType: 'patient', recordId: `durable-group-${i + 1}` }));
    // While the first sync is held, the others wait in the queue: nothing of theirs is stored yet.
    expect(await db.client.auditEvent.count({ where: { recordId: { startsWith: 'durable-group-' } } })).toBe(1);
    syncs.gate = null;
    release();
    await Promise.all([first, ...rest]);
    // One more commit (all five together) and one more sync.
    expect(syncs.files).toEqual([walFile, walFile]);
    expect(await db.client.auditEvent.count({ where: { recordId: { startsWith: 'durable-group-' } } })).toBe(6);
  });

  it('a sync that fails: the callers are told it was not saved, and the head is not anchored', async () => {
    const anchorsBefore = readAnchorLog(db.anchor)?.anchors.length ?? 0;
    syncs.fail = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    const outcome = await withTransaction(async (tx) => {
      await tx.auditEvent.count();
      return 'saved';
    }).then(() => 'acknowledged', (e: Error) => e.message);
    expect(outcome).toBe('the commit could not be made durable: EIO: i/o error, fsync');
    const failedAudit = await audit(actor, { action: 'patient.read', recordType: 'patient', recordId: 'durable-failed' }).then(() => 'acknowledged', (e: Error) => e.message);
    expect(failedAudit).toMatch(/could not be made durable/);
    expect(readAnchorLog(db.anchor)?.anchors.length ?? 0).toBe(anchorsBefore);
    syncs.fail = null;
    await audit(actor, { action: 'patient.read', recordType: 'patient', recordId: 'durable-after' });
    expect(readAnchorLog(db.anchor)?.anchors.length ?? 0).toBe(anchorsBefore + 1);
  });

  it('a revoked session (through the writer) and Better Auth\'s writes (beside it) are synced before they return', async () => {
    const user = await db.client.user.findUniqueOrThrow({ where: { email: 'clinician@demo.test' } });
    const session = await db.client.session.create({
      data: { id: 'durable-session', token: 'durable-session-token', userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), createdAt: new Date(), updatedAt: new Date() },
    });
    syncs.files.length = 0;
    await revokeSession(session.token);
    expect(syncs.files).toEqual([walFile]);
    expect(await db.client.session.count({ where: { id: session.id } })).toBe(0);

    const adapter = authDatabase()({});
    syncs.files.length = 0;
    await adapter.create({ model: 'verification', data: { identifier: 'durable', value: 'v', expiresAt: new Date(Date.now() + 60_000) } });
    expect(syncs.files).toEqual([walFile]);
    syncs.files.length = 0;
    await adapter.deleteMany({ model: 'verification', where: [{ field: 'identifier', value: 'durable' }] });
    expect(syncs.files).toEqual([walFile]);
    syncs.files.length = 0;
    await adapter.transaction(async (trx) => {
      await trx.create({ model: 'verification', data: { identifier: 'durable-tx', value: 'v', expiresAt: new Date(Date.now() + 60_000) } });
      await trx.deleteMany({ model: 'verification', where: [{ field: 'identifier', value: 'durable-tx' }] });
    });
    // Once, after the transaction's commit.
    expect(syncs.files).toEqual([walFile]);
  });
});
