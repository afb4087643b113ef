// @vitest-environment node
// Every refused write is an audit event with outcome "denied", for the one who tried: another clinic's
// clinician creating or correcting an assessment on a foreign patient, superseding or reviewing a
// foreign assessment, a clinician issuing or revoking API tokens, an API token making a review or a
// break-glass grant, and any write under a read-only break-glass grant. Nothing is written but the event.
// Also: an empty `supersedesId` is checked like any other id, and a retried save (same submission key)
// returns the saved assessment instead of writing a second one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { breakGlass } from '@/lib/services/break-glass';
import { createAssessment, getAssessment } from '@/lib/services/assessments';
import { editPatient, searchPatients } from '@/lib/services/patients';
import { addReview } from '@/lib/services/reviews';
import { issueApiToken, revokeApiToken } from '@/lib/services/tokens';
import { assessmentForm } from '../factories';
import { actorFor, createTestDatabase, type TestDatabase } from './database';

let db: TestDatabase;
let demo: Actor;
let admin: Actor;
let north: Actor;
let demoPatientId = '';
let demoAssessmentId = '';
let northPatientId = '';
let tokenId = '';

const form = (ferritin = '40') => assessmentForm((f) => { f.labs.ferritin.value = ferritin; });

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  demo = await actorFor(db.client, 'clinician@demo.test');
  admin = await actorFor(db.client, 'admin@demo.test');
  north = { ...(await actorFor(db.client, 'clinician@northvalley.test')), clientAddress: '192.0.2.77' };
  demoPatientId = (await searchPatients(demo, 'DEMO-001'))[0]!.id;
  northPatientId = (await searchPatients(north, 'NV-001'))[0]!.id;
  const a = await createAssessment(demo, { patientId: demoPatientId, asOf: '2026-11-23', form: form() });
  const t = await issueApiToken(admin, { name: 'Denied writes suite' });
  if (!a.ok || !t.ok) throw new Error('setup failed');
  demoAssessmentId = a.data.id;
  tokenId = t.data.id;
});
afterAll(async () => db.dispose());

const rows = async () => ({ assessments: await db.client.assessment.count(), reviews: await db.client.review.count(), tokens: await db.client.apiToken.count(), grants: await db.client.breakGlassGrant.count() });

/** Runs a write that must be refused: nothing written, and exactly one new event, denied, for this actor. */
async function expectDenied(who: Actor, call: () => Promise<{ ok: boolean }>, event: { action: string; recordId?: string; detail?: string }) {
  const [before, lastSeq] = [await rows(), (await db.client.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } })).seq];
  const r = await call();
  expect(r.ok).toBe(false);
  expect(await rows()).toEqual(before);
  const events = await db.client.auditEvent.findMany({ where: { seq: { gt: lastSeq } } });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ userId: who.userId, organisationId: who.organisationId, clientAddress: who.clientAddress, outcome: 'denied', ...event });
}

describe('refused writes are audited as denied', () => {
  it('creating an assessment on another clinic\'s patient', async () => {
    await expectDenied(north, () => createAssessment(north, { patientId: demoPatientId, asOf: '2026-11-23', form: form() }), { action: 'assessment.create', recordId: demoPatientId });
  });

  it('correcting (superseding) another clinic\'s assessment, on a foreign or on one\'s own patient', async () => {
    await expectDenied(north, () => createAssessment(north, { patientId: demoPatientId, supersedesId: demoAssessmentId, asOf: '2026-11-23', form: form() }), { action: 'assessment.correct' });
    await expectDenied(north, () => createAssessment(north, { patientId: northPatientId, supersedesId: demoAssessmentId, asOf: '2026-11-23', form: form() }), { action: 'assessment.correct', recordId: demoAssessmentId });
  });

  it('reviewing another clinic\'s assessment', async () => {
    await expectDenied(north, () => addReview(north, demoAssessmentId, { targetType: 'contributor', targetId: 'iron-deficiency', decision: 'accepted', reasonCode: '', comment: '' }), { action: 'review.create', recordId: demoAssessmentId });
  });

  it('issuing or revoking an API token as a clinician', async () => {
    await expectDenied(demo, () => issueApiToken(demo, { name: 'Not an admin' }), { action: 'api-token.create', detail: 'not-admin' });
    await expectDenied(demo, () => revokeApiToken(demo, tokenId), { action: 'api-token.revoke', recordId: tokenId, detail: 'not-admin' });
    expect((await db.client.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).revokedAt).toBeNull();
  });

  it('a review or a break-glass grant by an API token', async () => {
    const token: Actor = { ...demo, userId: `token:${tokenId}`, via: 'token', sessionToken: null };
    await expectDenied(token, () => addReview(token, demoAssessmentId, { targetType: 'contributor', targetId: 'iron-deficiency', decision: 'accepted', reasonCode: '', comment: '' }), { action: 'review.create', detail: 'api-token' });
    await expectDenied(token, () => breakGlass(token, { organisationSlug: 'north-valley', mrn: 'NV-001', reason: 'An API token asking for emergency access', minutes: 15 }), { action: 'break-glass.grant', detail: 'api-token' });
  });

  it('every write under a read-only break-glass grant', async () => {
    const slug = (await db.client.organisation.findUniqueOrThrow({ where: { id: demo.organisationId } })).slug;
    const grant = await breakGlass(north, { organisationSlug: slug, mrn: 'DEMO-001', reason: 'Seen in the emergency department tonight, history needed', minutes: 15 });
    expect(grant.ok).toBe(true);
    // The grant reads…
    expect(await getAssessment(north, demoAssessmentId)).not.toBeNull();
    // …but writes nothing, and each refusal is recorded.
    await expectDenied(north, () => createAssessment(north, { patientId: demoPatientId, asOf: '2026-11-23', form: form() }), { action: 'assessment.create' });
    await expectDenied(north, () => createAssessment(north, { patientId: demoPatientId, supersedesId: demoAssessmentId, asOf: '2026-11-23', form: form() }), { action: 'assessment.correct' });
    await expectDenied(north, () => addReview(north, demoAssessmentId, { targetType: 'contributor', targetId: 'iron-deficiency', decision: 'dismissed', reasonCode: 'other', comment: 'x' }), { action: 'review.create' });
    await expectDenied(north, () => editPatient(north, demoPatientId, { mrn: 'DEMO-001', givenName: 'Changed', familyName: 'Under grant', birthDate: '1970-01-01', sex: 'female' }), { action: 'patient.update' });
  });
});

describe('an empty supersedesId', () => {
  it('is checked like any other id: refused, audited, nothing saved (never left to the foreign key)', async () => {
    await expectDenied(demo, () => createAssessment(demo, { patientId: demoPatientId, supersedesId: '', asOf: '2026-11-23', form: form() }), { action: 'assessment.correct', detail: 'corrected-assessment-not-found' });
  });
});

describe('a retried save (idempotency key)', () => {
  const KEY = 'c0ffee00c0ffee00c0ffee00c0ffee00';

  it('returns the assessment already saved under the key, and writes no second one', async () => {
    const before = await db.client.assessment.count();
    const first = await createAssessment(demo, { patientId: demoPatientId, asOf: '2026-11-23', form: form('41'), submissionKey: KEY });
    const retry = await createAssessment(demo, { patientId: demoPatientId, asOf: '2026-11-23', form: form('41'), submissionKey: KEY });
    expect(first.ok && retry.ok).toBe(true);
    if (!first.ok || !retry.ok) return;
    expect(retry.data.id).toBe(first.data.id);
    expect(await db.client.assessment.count()).toBe(before + 1);
    expect(await db.client.auditEvent.findFirst({ orderBy: { seq: 'desc' } })).toMatchObject({ action: 'assessment.retry', recordId: first.data.id, outcome: 'success', detail: 'already-saved' });
  });

  it('the same submission several times at once: one assessment', async () => {
    const key = 'feedface00feedface00feedface00ab';
    const before = await db.client.assessment.count();
    const results = await Promise.all([1, 2, 3].map(() => createAssessment(demo, { patientId: demoPatientId, asOf: '2026-11-23', form: form('42'), submissionKey: key })));
    expect(new Set(results.map((r) => (r.ok ? r.data.id : 'refused')))).toHaveProperty('size', 1);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db.client.assessment.count()).toBe(before + 1);
  });

  it('refuses the key with other findings, or by another author, or malformed', async () => {
    const before = await db.client.assessment.count();
    expect(await createAssessment(demo, { patientId: demoPatientId, asOf: '2026-11-23', form: form('90'), submissionKey: KEY })).toMatchObject({ ok: false, message: expect.stringContaining('already saved, with other findings') });
    expect(await createAssessment(demo, { patientId: demoPatientId, asOf: '2026-11-23', form: form('41'), submissionKey: 'short' })).toMatchObject({ ok: false });
    // Another clinician's key space is their own: the same key is a new submission of theirs.
    const other = await createAssessment(admin, { patientId: demoPatientId, asOf: '2026-11-23', form: form('41'), submissionKey: KEY });
    expect(other.ok).toBe(true);
    expect(await db.client.assessment.count()).toBe(before + 1);
  });

  it('a correction retried after its answer was lost returns the correction', async () => {
    const key = 'abcdefabcdefabcdefabcdefabcdef12';
    const original = await createAssessment(demo, { patientId: demoPatientId, asOf: '2026-11-23', form: form('43') });
    if (!original.ok) throw new Error('setup failed');
    const first = await createAssessment(demo, { patientId: demoPatientId, supersedesId: original.data.id, asOf: '2026-11-23', form: form('44'), submissionKey: key });
    const retry = await createAssessment(demo, { patientId: demoPatientId, supersedesId: original.data.id, asOf: '2026-11-23', form: form('44'), submissionKey: key });
    expect(first).toMatchObject({ ok: true });
    expect(retry).toEqual(first);
  });
});
