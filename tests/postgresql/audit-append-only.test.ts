// @vitest-environment node
/**
 * The audit trail on PostgreSQL. The verifier itself (every kind of tampering, the anchors) is
 * provider-independent and covered at length on SQLite (tests/integration/security-audit*.test.ts,
 * about 25 runs of `npm run audit:verify` each — run on SQLite only, to keep the suite short). Here, on
 * PostgreSQL: the database refuses UPDATE, DELETE and TRUNCATE of audit events (the migration's
 * triggers); events written by the app verify and are anchored; an edit made after dropping the
 * triggers is found.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createPatient, getPatient } from '@/lib/services/patients';
import { actorFor, createTestDatabase, type TestDatabase } from '../integration/database';

const ROOT = path.resolve(__dirname, '../..');
let db: TestDatabase;
let actor: Actor;

function auditVerify(url: string) {
  const r = spawnSync('npm', ['run', '--silent', 'audit:verify'], { cwd: ROOT, env: { ...process.env, ...db.scriptEnv, DATABASE_URL: url }, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, json: JSON.parse(r.stdout.trim().split('\n').pop() ?? 'null') as { ok: boolean; events: number; kind?: string; firstBrokenEvent?: number; anchors?: number } };
}

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  actor = await actorFor(db.client, 'clinician@demo.test');
  const created = await createPatient(actor, { mrn: 'PG-AUDIT-1', givenName: 'Ada', familyName: 'Audit', birthDate: '1960-02-03', sex: 'female' });
  if (!created.ok) throw new Error(created.message);
  for (let i = 0; i < 3; i++) await getPatient(actor, created.data.id);
});
afterAll(async () => db.dispose());

describe('audit events on PostgreSQL', () => {
  it('the database refuses to change, delete or truncate an audit event', async () => {
    expect(db.provider).toBe('postgresql');
    const count = await db.client.auditEvent.count();
    expect(count).toBeGreaterThanOrEqual(4);
    await expect(db.client.$executeRawUnsafe("UPDATE audit_events SET outcome = 'denied' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(db.client.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db.client.$executeRawUnsafe('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect(await db.client.auditEvent.count()).toBe(count);
  });

  it('`npm run --silent audit:verify` finds the chain intact and anchored; an edit behind the dropped triggers is found', async () => {
    const intact = auditVerify(db.url);
    expect(intact).toMatchObject({ status: 0, json: { ok: true, events: await db.client.auditEvent.count() } });
    expect(intact.json.anchors).toBeGreaterThan(0);

    const copy = await db.unprotectedCopy();
    await copy.client.auditEvent.update({ where: { seq: 2 }, data: { userId: 'someone-else' } });
    expect(auditVerify(copy.url)).toMatchObject({ status: 1, json: { ok: false, kind: 'broken-chain', firstBrokenEvent: 2 } });
  }, 240_000); // two `npm run audit:verify` processes and a database copy: slow on a loaded machine, never a race
});
