// @vitest-environment node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createAssessment } from '@/lib/services/assessments';
import { importFhirForPatient } from '@/lib/services/fhir-import';
import { searchPatients } from '@/lib/services/patients';
import { actorFor, createTestDatabase, type TestDatabase } from './database';

let db: TestDatabase;
let actor: Actor;
let other: Actor;
let patientId: string;
const renato = readFileSync(path.join(__dirname, '../fixtures/fhir/Renato_Dare_f07e9b1d-9cc7-465e-8abc-94e84793d1fb.json'), 'utf8');

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  actor = await actorFor(db.client, 'clinician@demo.test');
  other = await actorFor(db.client, 'clinician@northvalley.test');
  patientId = (await searchPatients(actor, 'DEMO-001'))[0]!.id;
});
afterAll(async () => db.dispose());

const importEvents = () => db.client.auditEvent.findMany({ where: { action: 'fhir.import' }, orderBy: { seq: 'asc' } });

describe('FHIR import for a patient (real SQLite)', () => {
  it('returns the pre-filled form, saves nothing, and audits the import with counts only', async () => {
    const before = { assessments: await db.client.assessment.count(), patients: await db.client.patient.count() };
    const result = await importFhirForPatient(actor, patientId, renato);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.form.labs.hba1c.value).toBe('6.109457325824228');
    expect(result.data.form.knownDiabetes).toBe('yes');
    expect(result.data.form.medicationsText).toContain('diphenhydrAMINE');
    // The demo patient is not the Synthea patient: the panel says so.
    expect(result.data.mismatches.join(' ')).toMatch(/Birth date in the file is 1976-06-14/);
    expect(await db.client.assessment.count()).toBe(before.assessments);
    expect(await db.client.patient.count()).toBe(before.patients);
    const events = await importEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ userId: actor.userId, organisationId: actor.organisationId, patientId, outcome: 'success' });
    expect(events[0]!.detail).toMatch(/^upload; resources=218; labs=7; conditions=2; medications=2; mismatches=2$/);
    expect(events[0]!.detail).not.toMatch(/Renato|Dare|diphenhydr/i);
  });

  it('the imported form saves as usual', async () => {
    const result = await importFhirForPatient(actor, patientId, renato);
    if (!result.ok) throw new Error(result.message);
    const saved = await createAssessment(actor, { patientId, supersedesId: null, form: result.data.form, asOf: '2026-11-27' });
    expect(saved.ok).toBe(true);
  });

  it('a bad file is refused with its reason, audited as a failure, nothing saved', async () => {
    const before = await db.client.assessment.count();
    const result = await importFhirForPatient(actor, patientId, '{"resourceType":"Bundle","entry":{}}');
    expect(result).toMatchObject({ ok: false, message: 'The file: Bundle.entry is not a list' });
    const last = (await importEvents()).at(-1)!;
    expect(last).toMatchObject({ outcome: 'failure', detail: 'upload; The file: Bundle.entry is not a list' });
    expect(await db.client.assessment.count()).toBe(before);
  });

  it('another clinic\'s patient is not found', async () => {
    const result = await importFhirForPatient(other, patientId, renato);
    expect(result).toMatchObject({ ok: false, notFound: true });
  });
});
