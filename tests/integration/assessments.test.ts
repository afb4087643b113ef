// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { RULES_VERSION } from '@/lib/rules';
import { createAssessment, getAssessment, listAssessments, verifyDigest } from '@/lib/services/assessments';
import { searchPatients } from '@/lib/services/patients';
import { emptyAssessmentForm } from '@/lib/schemas/assessment';
import { actorFor, createTestDatabase, type TestDatabase } from './database';
import { assessmentForm as form } from '../factories';

let db: TestDatabase;
let actor: Actor;
let patientId: string;

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  actor = await actorFor(db.client, 'clinician@demo.test');
  patientId = (await searchPatients(actor, 'DEMO-001'))[0]!.id;
});
afterAll(async () => db.dispose());


const count = () => db.client.assessment.count();

describe('saving an assessment (real SQLite)', () => {
  it('evaluates on the server, stores input, evaluation, rules version and a verifiable digest', async () => {
    const result = await createAssessment(actor, {
      patientId, asOf: '2026-11-23',
      form: form((f) => { f.labs.ferritin.value = '40'; f.medicationsText = 'sertraline 50 mg\nlisinopril'; f.pregnant = 'no'; }),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const saved = await getAssessment(actor, result.data.id);
    expect(saved).not.toBeNull();
    expect(saved!.rulesVersion).toBe(RULES_VERSION);
    expect(saved!.input.labs).toEqual([{ analyte: 'ferritin', value: 40, unit: 'ng/mL' }]);
    expect(saved!.input.patient).toMatchObject({ ageYears: 47, sex: 'female', pregnant: false });
    const iron = saved!.evaluation.contributors.find((c) => c.id === 'iron-deficiency')!;
    // Ferritin alone: flagged, band pending until a TSAT is known (KB 1.1, I-6).
    expect(iron).toMatchObject({ status: 'flagged', ironTherapy: 'pending' });
    expect(saved!.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyDigest(saved!)).toBe(true);
  });

  it('detects a stored evaluation altered outside the app', async () => {
    const [latest] = await listAssessments(actor, patientId);
    if (db.provider === 'sqlite') await db.client.$executeRaw`UPDATE assessments SET evaluation = json_set(evaluation, '$.rulesVersion', '9.9.9') WHERE id = ${latest!.id}`;
    else await db.client.$executeRaw`UPDATE assessments SET evaluation = jsonb_set(evaluation::jsonb, '{rulesVersion}', '"9.9.9"')::json WHERE id = ${latest!.id}`;
    expect(verifyDigest((await getAssessment(actor, latest!.id))!)).toBe(false);
  });

  it.each([
    ['a non-numeric ferritin', 'abc', 'ng/mL', 'labs.ferritin.value', 'Ferritin must be a number'],
    ['a negative ferritin', '-5', 'ng/mL', 'labs.ferritin.value', 'outside the accepted range'],
    ['an absurd ferritin', '250000', 'ng/mL', 'labs.ferritin.value', 'outside the accepted range (above 0 and up to 100,000 ng/mL)'],
    ['an infinite ferritin', '1e999', 'ng/mL', 'labs.ferritin.value', 'Ferritin must be a number'],
    ['an unknown unit', '40', 'mg/dL', 'labs.ferritin.unit', 'Ferritin: choose a unit (ng/mL, µg/L, pmol/L)'],
  ])('refuses %s with a field-level message and saves nothing', async (_what, value, unit, path, message) => {
    const before = await count();
    const result = await createAssessment(actor, { patientId, asOf: '2026-11-23', form: form((f) => { f.labs.ferritin.value = value; f.labs.ferritin.unit = unit; }) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors[path]?.join(' ')).toContain(message);
    expect(await count()).toBe(before);
  });

  it('refuses a malformed payload without saving', async () => {
    const before = await count();
    const result = await createAssessment(actor, { patientId, asOf: '2026-11-23', form: { labs: 'nope' } });
    expect(result.ok).toBe(false);
    expect(await count()).toBe(before);
  });

  it('does not save for a patient outside the organisation', async () => {
    const before = await count();
    const result = await createAssessment(actor, { patientId: 'no-such-patient', asOf: '2026-11-23', form: emptyAssessmentForm() });
    expect(result).toMatchObject({ ok: false, message: 'Patient not found' });
    expect(await count()).toBe(before);
  });

  it('lists a patient\'s assessments newest first', async () => {
    await createAssessment(actor, { patientId, asOf: '2026-11-24', form: form((f) => { f.labs.ferritin.value = '120'; }) });
    const list = await listAssessments(actor, patientId);
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(list[1]!.createdAt.getTime());
    expect(list[0]!.asOf).toBe('2026-11-24');
  });

  it('uses the assessment date the form gives (results of an earlier visit) and refuses one in the future', async () => {
    const earlier = await createAssessment(actor, { patientId, asOf: '2026-11-27', form: form((f) => { f.assessedOn = '2026-10-01'; f.collectedOn = '2026-09-30'; f.labs.ferritin.value = '40'; }) });
    expect(earlier.ok).toBe(true);
    if (!earlier.ok) return;
    const saved = (await getAssessment(actor, earlier.data.id))!;
    expect(saved.asOf).toBe('2026-10-01');
    expect(saved.evaluation.asOf).toBe('2026-10-01');
    expect(saved.input.asOf).toBe('2026-10-01');
    const before = await count();
    const future = await createAssessment(actor, { patientId, asOf: '2026-11-27', form: form((f) => { f.assessedOn = '2026-11-28'; f.labs.ferritin.value = '40'; }) });
    expect(future).toMatchObject({ ok: false, fieldErrors: { assessedOn: ['The assessment date 2026-11-28 is in the future (today is 2026-11-27)'] } });
    const collected = await createAssessment(actor, { patientId, asOf: '2026-11-27', form: form((f) => { f.labs.ferritin.value = '40'; f.labs.ferritin.collectedOn = '2026-12-24'; }) });
    expect(collected).toMatchObject({ ok: false, fieldErrors: { 'labs.ferritin.collectedOn': ['Ferritin: collection date 2026-12-24 is in the future (today is 2026-11-27)'] } });
    expect(await count()).toBe(before);
  });
});
