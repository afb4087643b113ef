// @vitest-environment node
// Reviews, corrections and patients against a real SQLite database (no mocked database layer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { insertAssessment } from '@/lib/db/assessments';
import { compareEvaluations, evaluateFindings } from '@/lib/rules';
import { emptyAssessmentForm, formFromInput } from '@/lib/schemas/assessment';
import { loadAssessmentView } from '@/lib/services/assessment-view';
import { createAssessment, getAssessment, getCorrection, listAssessments, verifyDigest } from '@/lib/services/assessments';
import { assessmentDigest } from '@/lib/services/digest';
import { ironRecheck, trendPoints } from '@/lib/services/history';
import { createPatient, editPatient, searchPatients } from '@/lib/services/patients';
import { addReview, getReviews, inForce } from '@/lib/services/reviews';
import saved100 from '@/lib/rules/fixtures/saved-1.0.0.json';
import { actorFor, createTestDatabase, type TestDatabase } from './database';
import { assessmentForm as form } from '../factories';

let db: TestDatabase;
let actor: Actor;
let patientId: string;
let assessmentId: string;


beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  actor = await actorFor(db.client, 'clinician@demo.test');
  patientId = (await searchPatients(actor, 'DEMO-001'))[0]!.id;
  const created = await createAssessment(actor, {
    patientId, asOf: '2026-11-23',
    form: form((f) => { f.labs.ferritin.value = '40'; f.labs.tsat.value = '18'; f.medicationsText = 'Benadril 25 mg qhs'; f.pregnant = 'no'; }),
  });
  if (!created.ok) throw new Error('setup failed');
  assessmentId = created.data.id;
});
afterAll(async () => db.dispose());

describe('reviews', () => {
  it('records accept and dismiss decisions as new rows; the assessment is unchanged', async () => {
    const before = await getAssessment(actor, assessmentId);
    expect((await addReview(actor, assessmentId, { targetType: 'contributor', targetId: 'iron-deficiency', decision: 'accepted', reasonCode: '', comment: '' })).ok).toBe(true);
    expect((await addReview(actor, assessmentId, { targetType: 'workup', targetId: 'cbc', decision: 'dismissed', reasonCode: 'already-done', comment: 'CBC last week' })).ok).toBe(true);
    expect((await addReview(actor, assessmentId, { targetType: 'workup', targetId: 'cbc', decision: 'accepted', reasonCode: '', comment: '' })).ok).toBe(true);
    const reviews = await getReviews(actor, assessmentId);
    expect(reviews).toHaveLength(3);
    expect(reviews[0]).toMatchObject({ authorName: 'Dr Demo Clinician', decision: 'accepted' });
    expect(inForce(reviews).get('workup:cbc')?.decision).toBe('accepted');
    const after = await getAssessment(actor, assessmentId);
    expect(after!.digest).toBe(before!.digest);
    expect(verifyDigest(after!)).toBe(true);
  });

  it('confirms or rejects a fuzzy medication match', async () => {
    const rejected = await addReview(actor, assessmentId, { targetType: 'medication', targetId: '0', decision: 'rejected', reasonCode: 'other', comment: 'patient takes Benylin, not Benadryl' });
    expect(rejected.ok).toBe(true);
  });

  it.each([
    [{ targetType: 'workup', targetId: 'cbc', decision: 'dismissed', reasonCode: '', comment: '' }, 'reasonCode', 'Choose a reason'],
    [{ targetType: 'workup', targetId: 'cbc', decision: 'dismissed', reasonCode: 'other', comment: '  ' }, 'comment', 'A comment is required with "Other"'],
    [{ targetType: 'workup', targetId: 'cbc', decision: 'confirmed', reasonCode: '', comment: '' }, 'decision', 'A flag or workup item is accepted or dismissed'],
    [{ targetType: 'workup', targetId: 'no-such-item', decision: 'accepted', reasonCode: '', comment: '' }, 'targetId', 'Unknown item for this assessment'],
    [{ targetType: 'workup', targetId: 'cbc', decision: 'dismissed', reasonCode: 'other', comment: 'x'.repeat(501) }, 'comment', 'at most 500'],
  ])('refuses %o with a field message and writes nothing', async (review, field, message) => {
    const before = await db.client.review.count();
    const result = await addReview(actor, assessmentId, review);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors[field]?.join(' ')).toContain(message);
    expect(await db.client.review.count()).toBe(before);
  });
});

describe('corrections', () => {
  it('creates a new linked version and leaves the original readable and intact', async () => {
    const original = (await getAssessment(actor, assessmentId))!;
    const f = formFromInput(original.input);
    expect(f.labs.ferritin.value).toBe('40');
    f.labs.ferritin.value = '140';
    f.labs.tsat.value = '28';
    const corrected = await createAssessment(actor, { patientId, asOf: '2026-11-24', form: f, supersedesId: assessmentId });
    expect(corrected.ok).toBe(true);
    if (!corrected.ok) return;
    const next = (await getAssessment(actor, corrected.data.id))!;
    expect(next.supersedesId).toBe(assessmentId);
    expect(next.evaluation.contributors.find((c) => c.id === 'iron-deficiency')!.status).toBe('not-flagged');
    expect((await getCorrection(actor, assessmentId))!.id).toBe(next.id);
    const again = (await getAssessment(actor, assessmentId))!;
    expect(again.digest).toBe(original.digest);
    expect(again.evaluation.contributors.find((c) => c.id === 'iron-deficiency')!.status).toBe('flagged');
  });

  it('refuses a second correction of the same version, and one for another patient', async () => {
    const second = await createAssessment(actor, { patientId, asOf: '2026-11-24', form: emptyAssessmentForm(), supersedesId: assessmentId });
    expect(second).toMatchObject({ ok: false, message: expect.stringContaining('already been corrected') });
    const other = (await searchPatients(actor, 'DEMO-002'))[0]!.id;
    const wrong = await createAssessment(actor, { patientId: other, asOf: '2026-11-24', form: emptyAssessmentForm(), supersedesId: assessmentId });
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining('not found for this patient') });
  });
});

describe('re-run under current rules', () => {
  it('shows what would change for an assessment saved under older rules, without altering it', async () => {
    const saved = (await getAssessment(actor, assessmentId))!;
    // An assessment as an older rule set would have saved it: iron not flagged, no iron workup.
    const old = { ...saved.evaluation, rulesVersion: '0.9.0', contributors: saved.evaluation.contributors.map((c) => (c.id === 'iron-deficiency' ? { ...c, status: 'not-flagged' as const, ruleIds: [] } : c)), workup: saved.evaluation.workup.filter((w) => w.id !== 'iron-therapy-discussion') };
    const row = await insertAssessment({ organisationId: actor.organisationId, patientId, authorId: actor.userId, asOf: saved.asOf, rulesVersion: '0.9.0', input: saved.input, evaluation: old, digest: assessmentDigest({ input: saved.input, rulesVersion: '0.9.0', evaluation: old }) });
    const stored = (await getAssessment(actor, row.id))!;
    const diff = compareEvaluations(stored.evaluation, evaluateFindings(stored.input, { asOf: stored.asOf }));
    expect(diff.fromVersion).toBe('0.9.0');
    expect(diff.statusChanges).toEqual([expect.objectContaining({ id: 'iron-deficiency', from: 'not-flagged', to: 'flagged' })]);
    expect(diff.workupAdded.map((w) => w.id)).toEqual(['iron-therapy-discussion']);
    expect((await getAssessment(actor, row.id))!.digest).toBe(stored.digest);
  });

  it('an assessment saved under rules 1.0.0 re-run under 1.1.0 shows exactly what changed, and why', async () => {
    // The input and the evaluation that rules 1.0.0 produced for it (lib/rules/fixtures), stored as the app stores them.
    const { input, evaluation } = saved100 as unknown as { input: Parameters<typeof evaluateFindings>[0]; evaluation: Parameters<typeof compareEvaluations>[0] };
    const otherPatient = (await searchPatients(actor, 'DEMO-002'))[0]!.id;
    const row = await insertAssessment({ organisationId: actor.organisationId, patientId: otherPatient, authorId: actor.userId, asOf: evaluation.asOf!, rulesVersion: '1.0.0', input, evaluation, digest: assessmentDigest({ input, rulesVersion: '1.0.0', evaluation }) });
    const stored = (await getAssessment(actor, row.id))!;
    expect(verifyDigest(stored)).toBe(true);
    const diff = compareEvaluations(stored.evaluation, evaluateFindings(stored.input, { asOf: stored.asOf }));
    expect(diff).toMatchObject({ fromVersion: '1.0.0', toVersion: '1.1.0', unchanged: false });
    // Decisions: only the omitted dialysis status (G8); wording: the suppressed band no longer offers iron,
    // the woman's Hb cut-off is 12 (not 13), a TSH alone is no longer "possible hyperthyroidism".
    expect(diff.statusChanges.filter((c) => !c.wordingOnly).map((c) => [c.id, c.from, c.to])).toEqual([['kidney-failure-dialysis', 'not-flagged', 'not-assessed']]);
    const byId = new Map(diff.statusChanges.map((c) => [c.id, c]));
    expect(byId.get('iron-deficiency')!.toSummary).not.toMatch(/oral or IV iron/);
    expect(byId.get('anemia')!.toSummary).toContain('< 12 g/dL');
    expect(byId.get('thyroid-low-tsh')).toMatchObject({ fromRuleIds: ['T-2'], toRuleIds: ['T-2c'] });
    for (const c of diff.statusChanges) expect(c.why.length, c.id).toBeGreaterThan(0);
    expect(diff.workupRemoved.map((w) => w.id).sort()).toEqual(['iron-loss-evaluation', 'iron-therapy-discussion']);
    expect((await getAssessment(actor, row.id))!.digest).toBe(stored.digest);
  });
});

describe('history', () => {
  it('charts ferritin and TSAT oldest first and dates the iron recheck 12 weeks after an accepted discussion', async () => {
    const list = await listAssessments(actor, patientId);
    const points = trendPoints(list);
    expect(points[0]!.values.ferritin).toBe(40);
    expect(points.at(-1)!.asOf >= points[0]!.asOf).toBe(true);
    expect(await ironRecheck(actor, list)).toBeNull();
    await addReview(actor, assessmentId, { targetType: 'workup', targetId: 'iron-therapy-discussion', decision: 'accepted', reasonCode: '', comment: '' });
    const recheck = await ironRecheck(actor, list);
    expect(recheck).not.toBeNull();
    const discussed = new Date(`${recheck!.discussedOn}T00:00:00Z`).getTime();
    expect((new Date(`${recheck!.dueOn}T00:00:00Z`).getTime() - discussed) / 86_400_000).toBe(84);
  });

  it('builds the note with the review decisions in force', async () => {
    const view = (await loadAssessmentView(actor, assessmentId))!;
    expect(view.note).toContain('Iron deficiency (flagged');
    expect(view.note).toContain('[accepted]');
  });
});

describe('patients', () => {
  const details = { mrn: 'NEW-100', givenName: 'Dana', familyName: 'Test', birthDate: '1980-02-29', sex: 'female' };
  it('creates and edits a patient; the MRN is unique within the organisation', async () => {
    const created = await createPatient(actor, details);
    expect(created.ok).toBe(true);
    const dup = await createPatient(actor, { ...details, givenName: 'Other' });
    expect(dup).toMatchObject({ ok: false, fieldErrors: { mrn: ['Another patient of this clinic already has this MRN'] } });
    if (!created.ok) return;
    const edited = await editPatient(actor, created.data.id, { ...details, familyName: 'Tested' });
    expect(edited).toMatchObject({ ok: true, data: { familyName: 'Tested' } });
    const clash = await editPatient(actor, created.data.id, { ...details, mrn: 'DEMO-001' });
    expect(clash).toMatchObject({ ok: false, fieldErrors: { mrn: expect.any(Array) } });
  });
  it.each([
    [{ ...details, mrn: '' }, 'mrn'], [{ ...details, mrn: 'A B' }, 'mrn'], [{ ...details, birthDate: '1980-02-30' }, 'birthDate'],
    [{ ...details, sex: 'x' }, 'sex'], [{ ...details, givenName: 'x'.repeat(101) }, 'givenName'],
  ])('refuses %o at %s without writing', async (bad, field) => {
    const before = await db.client.patient.count();
    const r = await createPatient(actor, { ...bad, mrn: bad.mrn === details.mrn ? 'NEW-101' : bad.mrn });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors)).toContain(field);
    expect(await db.client.patient.count()).toBe(before);
  });
});
