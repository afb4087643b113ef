// @vitest-environment node
// Audit controls on a real database: reads and writes of patient data append events (who, what,
// which patient and record, when in UTC, outcome, client address); `npm run audit:verify` proves the
// chain intact and names the first broken event after an edit, a deletion, a re-ordering or an
// insertion; a write whose transaction fails leaves no event. The command runs as its own process for
// an intact and a tampered chain; the other checks run its report (scripts/audit-verify-report.ts) in
// this process, on the events as the command reads them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { PrismaClient } from '@/lib/db/client';
import { listAllAuditEvents } from '@/lib/db/audit';
import { withTransaction } from '@/lib/db/transaction';
import { auditHash } from '@/lib/integrity/audit-chain';
import { emptyAssessmentForm } from '@/lib/schemas/assessment';
import { createAssessment, getAssessment, listAssessments } from '@/lib/services/assessments';
import { auditIn } from '@/lib/services/audit';
import { createPatient, editPatient, getPatient, searchPatients } from '@/lib/services/patients';
import { addReview } from '@/lib/services/reviews';
import { auditVerifyReport, type AuditVerifyReport } from '../../scripts/audit-verify-report';
import { actorFor, createTestDatabase, type TestDatabase } from './database';

const ROOT = path.resolve(__dirname, '../..');

// A check through `npm run audit:verify` runs a separate process: slow on a loaded machine, never a race.
vi.setConfig({ testTimeout: 180_000 });
const ADDRESS = '198.51.100.42';

let db: TestDatabase;
let actor: Actor;
let north: Actor;

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  actor = { ...(await actorFor(db.client, 'clinician@demo.test')), clientAddress: ADDRESS };
  north = { ...(await actorFor(db.client, 'clinician@northvalley.test')), clientAddress: '192.0.2.77' };
});
afterAll(async () => db.dispose());

interface VerifyResult {
  status: number | null;
  json: AuditVerifyReport['json'];
}

/** `npm run --silent audit:verify` against a database (and this suite's anchor log), as an operator runs it. */
function auditVerify(url: string): VerifyResult {
  const r = spawnSync('npm', ['run', '--silent', 'audit:verify'], { cwd: ROOT, env: { ...process.env, ...db.scriptEnv, DATABASE_URL: url }, encoding: 'utf8', timeout: 60_000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let json: VerifyResult['json'];
  try {
    json = JSON.parse(line) as VerifyResult['json'];
  } catch {
    throw new Error(`audit:verify printed no JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
  return { status: r.status, json };
}

/** What `npm run audit:verify` reports for the database behind `client`, computed in this process. */
async function auditReport(client: PrismaClient = db.client): Promise<VerifyResult> {
  // The command's own read of the events (the process-wide client), and this suite's anchor log.
  (globalThis as { rlsWorkupDb?: PrismaClient }).rlsWorkupDb = client;
  try {
    return auditVerifyReport(await listAllAuditEvents(), db.anchor);
  } finally {
    db.install();
  }
}

const lastEvent = () => db.client.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });

/** Asserts the newest event is this one, written just now by this actor from this address. */
async function expectEvent(since: Date, what: { action: string; patientId: string | null; recordType?: string; recordId?: string | null; outcome?: string }, who: Actor = actor) {
  const e = await lastEvent();
  expect(e).toMatchObject({
    userId: who.userId, organisationId: who.organisationId, clientAddress: who.clientAddress,
    action: what.action, patientId: what.patientId, outcome: what.outcome ?? 'success',
    ...(what.recordType ? { recordType: what.recordType } : {}), ...(what.recordId !== undefined ? { recordId: what.recordId } : {}),
  });
  expect(e.at.getTime()).toBeGreaterThanOrEqual(since.getTime() - 5);
  expect(e.at.getTime()).toBeLessThanOrEqual(Date.now() + 5);
  // Stored as UTC: ISO text on SQLite; a timestamp without time zone holding the UTC time on PostgreSQL.
  const [raw] = await db.client.$queryRaw<{ at: string }[]>`SELECT CAST(at AS TEXT) AS at FROM audit_events WHERE seq = ${e.seq}`;
  if (db.provider === 'sqlite') expect(raw!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$/);
  else expect(new Date(`${raw!.at.replace(' ', 'T')}Z`).getTime()).toBe(e.at.getTime());
  return e;
}

describe('reads and writes of patient data are audited', () => {
  let patientId = '';
  let assessmentId = '';

  it('creating, reading, searching and editing a patient', async () => {
    let t = new Date();
    const created = await createPatient(actor, { mrn: 'AUD-001', givenName: 'Ada', familyName: 'Audit', birthDate: '1970-03-04', sex: 'female' });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    patientId = created.data.id;
    await expectEvent(t, { action: 'patient.create', patientId, recordType: 'patient', recordId: patientId });

    t = new Date();
    expect(await getPatient(actor, patientId)).not.toBeNull();
    await expectEvent(t, { action: 'patient.read', patientId, recordType: 'patient', recordId: patientId });

    t = new Date();
    expect((await editPatient(actor, patientId, { mrn: 'AUD-001', givenName: 'Ada', familyName: 'Audited', birthDate: '1970-03-04', sex: 'female' })).ok).toBe(true);
    await expectEvent(t, { action: 'patient.update', patientId, recordType: 'patient', recordId: patientId });

    t = new Date();
    await searchPatients(actor, 'Audited');
    const search = await expectEvent(t, { action: 'patient.search', patientId: null });
    // A search text may be a name: only its length is kept.
    expect(search.detail).toBe('query-length=7; results=1');
  });

  it('a refused read of another clinic\'s patient is audited as denied, for the one who tried', async () => {
    const t = new Date();
    expect(await getPatient(north, patientId)).toBeNull();
    await expectEvent(t, { action: 'patient.read', patientId: null, recordId: patientId, outcome: 'denied' }, north);
    expect((await editPatient(north, patientId, { mrn: 'AUD-001', givenName: 'X', familyName: 'Y', birthDate: '1970-03-04', sex: 'female' })).ok).toBe(false);
    await expectEvent(t, { action: 'patient.update', patientId: null, recordId: patientId, outcome: 'denied' }, north);
    expect((await db.client.patient.findUniqueOrThrow({ where: { id: patientId } })).familyName).toBe('Audited');
  });

  it('creating, reading and listing assessments, and reviewing one', async () => {
    let t = new Date();
    const f = emptyAssessmentForm();
    f.labs.ferritin.value = '40';
    const created = await createAssessment(actor, { patientId, form: f, asOf: '2026-11-23' });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    assessmentId = created.data.id;
    await expectEvent(t, { action: 'assessment.create', patientId, recordType: 'assessment', recordId: assessmentId });

    t = new Date();
    expect(await getAssessment(actor, assessmentId)).not.toBeNull();
    await expectEvent(t, { action: 'assessment.read', patientId, recordType: 'assessment', recordId: assessmentId });

    t = new Date();
    expect(await listAssessments(actor, patientId)).toHaveLength(1);
    await expectEvent(t, { action: 'assessment.list', patientId });

    t = new Date();
    const review = await addReview(actor, assessmentId, { targetType: 'contributor', targetId: 'iron-deficiency', decision: 'accepted', reasonCode: '', comment: '' });
    expect(review.ok).toBe(true);
    if (!review.ok) return;
    await expectEvent(t, { action: 'review.create', patientId, recordType: 'review', recordId: review.data.id });

    t = new Date();
    expect(await getAssessment(north, assessmentId)).toBeNull();
    await expectEvent(t, { action: 'assessment.read', patientId: null, recordId: assessmentId, outcome: 'denied' }, north);
  });

  it('`npm run --silent audit:verify` finds the chain intact', async () => {
    const events = await db.client.auditEvent.count();
    expect(events).toBeGreaterThan(10);
    const r = auditVerify(db.url);
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ ok: true, events, anchoredThrough: events });
  });
});

describe('a write whose transaction fails leaves no audit event', () => {
  it('a duplicate MRN (create and edit): no patient, no event', async () => {
    const [patients, events] = [await db.client.patient.count(), await db.client.auditEvent.count()];
    const dup = await createPatient(actor, { mrn: 'DEMO-001', givenName: 'Dup', familyName: 'Licate', birthDate: '1980-01-01', sex: 'male' });
    expect(dup).toMatchObject({ ok: false, fieldErrors: { mrn: [expect.stringContaining('already has this MRN')] } });
    const target = (await searchPatients(actor, 'DEMO-002'))[0]!;
    const eventsAfterSearch = await db.client.auditEvent.count();
    const dupEdit = await editPatient(actor, target.id, { mrn: 'DEMO-001', givenName: target.givenName, familyName: target.familyName, birthDate: target.birthDate, sex: target.sex });
    expect(dupEdit).toMatchObject({ ok: false, fieldErrors: { mrn: [expect.any(String)] } });
    expect(await db.client.patient.count()).toBe(patients);
    expect(await db.client.auditEvent.count()).toBe(eventsAfterSearch);
    expect(eventsAfterSearch).toBe(events + 1); // only the search
    expect((await db.client.patient.findUniqueOrThrow({ where: { id: target.id } })).mrn).toBe('DEMO-002');
  });

  it('an event appended inside a transaction that then fails is rolled back with it', async () => {
    const events = await db.client.auditEvent.count();
    await expect(withTransaction(async (tx) => {
      await auditIn(tx, actor, { action: 'patient.update', recordType: 'patient', recordId: 'x' });
      throw new Error('the change failed after its event was written');
    })).rejects.toThrow('the change failed');
    expect(await db.client.auditEvent.count()).toBe(events);
  });

  it('two simultaneous corrections of one assessment: one is saved and audited, the other leaves nothing', async () => {
    const patient = (await searchPatients(actor, 'DEMO-003'))[0]!;
    const f = emptyAssessmentForm();
    f.labs.ferritin.value = '60';
    const original = await createAssessment(actor, { patientId: patient.id, form: f, asOf: '2026-11-23' });
    if (!original.ok) throw new Error('setup failed');
    const [assessments, corrections] = [await db.client.assessment.count(), await db.client.auditEvent.count({ where: { action: 'assessment.correct' } })];
    const results = await Promise.all([1, 2, 3].map(() => createAssessment(actor, { patientId: patient.id, form: f, asOf: '2026-11-23', supersedesId: original.data.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, message: expect.stringContaining('already been corrected') });
    expect(await db.client.assessment.count()).toBe(assessments + 1);
    expect(await db.client.auditEvent.count({ where: { action: 'assessment.correct' } })).toBe(corrections + 1);
  });

  it('and the chain is still intact afterwards', async () => {
    expect(await auditReport()).toMatchObject({ status: 0, json: { ok: true } });
  });
});

describe('the database refuses to change audit events', () => {
  it('rejects UPDATE and DELETE on audit_events, and the chain stays intact', async () => {
    await expect(db.client.$executeRawUnsafe("UPDATE audit_events SET outcome = 'success' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(db.client.$executeRawUnsafe('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(db.client.auditEvent.deleteMany({})).rejects.toThrow();
    expect(await auditReport()).toMatchObject({ status: 0, json: { ok: true } });
  });
});

describe('tampering is detected by `npm run --silent audit:verify`', () => {

  /**
   * A consistent copy of the test database, tampered with, and what the command reports for it: run as
   * its own process (`command`), else its report computed in this process.
   */
  async function tamperedCopy(tamper: (c: PrismaClient) => Promise<unknown>, { command = false } = {}): Promise<VerifyResult> {
    // Someone with write access to the database can drop the append-only triggers first.
    const { url, client } = await db.unprotectedCopy();
    await tamper(client);
    if (command) {
      await client.$disconnect();
      return auditVerify(url);
    }
    return auditReport(client);
  }

  const middle = async () => Math.floor((await db.client.auditEvent.count()) / 2);

  it('an edited field of one event', async () => {
    const k = await middle();
    const r = await tamperedCopy((c) => c.auditEvent.update({ where: { seq: k }, data: { outcome: 'success', userId: 'someone-else' } }), { command: true });
    expect(r.status).toBe(1);
    expect(r.json).toMatchObject({ ok: false, firstBrokenEvent: k, problem: expect.stringContaining('altered') });
  });

  it('an event moved in time by one second', async () => {
    const k = await middle();
    const r = await tamperedCopy(async (c) => {
      const e = await c.auditEvent.findUniqueOrThrow({ where: { seq: k } });
      await c.auditEvent.update({ where: { seq: k }, data: { at: new Date(e.at.getTime() - 1000) } });
    });
    expect(r).toMatchObject({ status: 1, json: { ok: false, firstBrokenEvent: k } });
  });

  it('a deleted event in the middle', async () => {
    const k = await middle();
    const r = await tamperedCopy((c) => c.auditEvent.delete({ where: { seq: k } }));
    expect(r.status).toBe(1);
    // The first event that no longer follows from the one before is the one after the gap.
    expect(r.json).toMatchObject({ ok: false, firstBrokenEvent: k + 1, problem: `event ${k} is missing (next present is ${k + 1})` });
  });

  it('a deleted event with the later ones renumbered to close the gap', async () => {
    const k = await middle();
    const r = await tamperedCopy(async (c) => {
      await c.auditEvent.delete({ where: { seq: k } });
      await c.$executeRaw`UPDATE audit_events SET seq = seq + 1000000 WHERE seq > ${k}`;
      await c.$executeRawUnsafe('UPDATE audit_events SET seq = seq - 1000001 WHERE seq > 1000000');
    });
    expect(r).toMatchObject({ status: 1, json: { ok: false, firstBrokenEvent: k, problem: expect.stringContaining(`does not point at the hash of event ${k - 1}`) } });
  });

  it('two events swapped (re-ordered)', async () => {
    const k = await middle();
    const r = await tamperedCopy(async (c) => {
      await c.$executeRaw`UPDATE audit_events SET seq = -1 WHERE seq = ${k}`;
      await c.$executeRaw`UPDATE audit_events SET seq = ${k} WHERE seq = ${k + 1}`;
      await c.$executeRaw`UPDATE audit_events SET seq = ${k + 1} WHERE seq = -1`;
    });
    expect(r).toMatchObject({ status: 1, json: { ok: false, firstBrokenEvent: k } });
  });

  it('a forged event inserted in the middle, even with a correct hash of its own', async () => {
    const k = await middle();
    const r = await tamperedCopy(async (c) => {
      const before = await c.auditEvent.findUniqueOrThrow({ where: { seq: k - 1 } });
      await c.$executeRaw`UPDATE audit_events SET seq = seq + 1000000 WHERE seq >= ${k}`;
      await c.$executeRawUnsafe('UPDATE audit_events SET seq = seq - 999999 WHERE seq >= 1000000');
      const forged = {
        seq: k, at: new Date(before.at.getTime() + 1), userId: actor.userId, organisationId: actor.organisationId, action: 'patient.read',
        patientId: null, recordType: 'patient', recordId: 'forged', outcome: 'success', clientAddress: ADDRESS, detail: null, prevHash: before.hash,
      };
      await c.auditEvent.create({ data: { ...forged, hash: auditHash(forged) } });
    });
    expect(r.status).toBe(1);
    // The forged event itself chains; the genuine event after it no longer points at its predecessor.
    expect(r.json).toMatchObject({ ok: false, firstBrokenEvent: k + 1, problem: expect.stringContaining('does not point at') });
  });

  it('a forged event appended at the end without the chain\'s hash', async () => {
    const last = await lastEvent();
    const r = await tamperedCopy((c) => c.auditEvent.create({
      data: { seq: last.seq + 1, at: new Date(), userId: null, organisationId: null, action: 'patient.read', outcome: 'success', prevHash: last.hash, hash: 'f'.repeat(64) },
    }));
    expect(r).toMatchObject({ status: 1, json: { ok: false, firstBrokenEvent: last.seq + 1, problem: expect.stringContaining('altered') } });
  });

  it('the untouched original still verifies', async () => {
    expect(await auditReport()).toMatchObject({ status: 0, json: { ok: true } });
  });
});
