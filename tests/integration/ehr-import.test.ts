// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { deriveTokenKey, encryptToken } from '@/lib/fhir/token-crypto';
import { createAssessment } from '@/lib/services/assessments';
import { fhirServerForImport, getFhirServerView, removeFhirServer, saveFhirServer } from '@/lib/services/fhir-server';
import { importFromEhr } from '@/lib/services/fhir-import';
import { searchPatients } from '@/lib/services/patients';
import { startFhirServer, type TestFhirServer } from '../fhir-server';
import { actorFor, createTestDatabase, type TestDatabase } from './database';

// "Import from EHR" end to end below the browser: the admin's setting stored in a real SQLite file
// (token encrypted), a real FHIR server over HTTP serving the Synthea samples, the audit trail.
const RENATO = 'ffd502c9-23e1-4f8f-bc8a-87373acad280';
const TOKEN = 'ehr-secret-token.Zq8wX1vB2nC3';

let db: TestDatabase;
let fhir: TestFhirServer;
let admin: Actor;
let clinician: Actor;
let otherClinician: Actor;
let patientId: string;

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  fhir = await startFhirServer({ token: TOKEN });
  admin = await actorFor(db.client, 'admin@demo.test');
  clinician = await actorFor(db.client, 'clinician@demo.test');
  otherClinician = await actorFor(db.client, 'clinician@northvalley.test');
  patientId = (await searchPatients(clinician, 'DEMO-001'))[0]!.id;
});
afterAll(async () => {
  await fhir.close();
  await db.dispose();
});

const events = (action: string) => db.client.auditEvent.findMany({ where: { action }, orderBy: { seq: 'asc' } });

describe('the clinic FHIR server setting (admin only, audited, token encrypted at rest)', () => {
  it('a clinician cannot set it: refused, recorded as denied, nothing stored', async () => {
    const r = await saveFhirServer(clinician, { baseUrl: fhir.base, auth: 'none' });
    expect(r).toMatchObject({ ok: false, message: 'Only an admin can configure the FHIR server' });
    expect(await db.client.fhirServer.count()).toBe(0);
    expect((await events('fhir-server.update')).at(-1)).toMatchObject({ userId: clinician.userId, outcome: 'denied', detail: 'not-admin' });
    expect(await removeFhirServer(clinician)).toMatchObject({ ok: false });
    expect((await events('fhir-server.remove')).at(-1)).toMatchObject({ outcome: 'denied', detail: 'not-admin' });
  });

  it('bad settings are refused field by field', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ baseUrl: 'ftp://ehr.example.org/fhir', auth: 'none' }, 'baseUrl', /http\(s\) URL/],
      [{ baseUrl: 'https://user:pw@ehr.example.org/fhir', auth: 'none' }, 'baseUrl', /No user name or password/],
      [{ baseUrl: 'https://ehr.example.org/fhir?x=1', auth: 'none' }, 'baseUrl', /no query or fragment/],
      [{ baseUrl: 'http://ehr.example.org/fhir', auth: 'bearer', token: TOKEN }, 'baseUrl', /only over https/],
      [{ baseUrl: 'https://ehr.example.org/fhir', auth: 'bearer', token: '' }, 'token', /Enter the bearer token/],
      [{ baseUrl: 'https://ehr.example.org/fhir', auth: 'bearer', token: 'two words' }, 'token', /letters, digits/],
      [{ baseUrl: 'https://ehr.example.org/fhir', auth: 'keep' }, 'auth', /No bearer token is stored/],
    ];
    for (const [form, field, message] of cases) {
      const r = await saveFhirServer(admin, form);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.fieldErrors[field]?.join(' ')).toMatch(message);
    }
    expect(await db.client.fhirServer.count()).toBe(0);
  });

  it('stores the token encrypted; the view never carries it; the audit names the server, not the token', async () => {
    const r = await saveFhirServer(admin, { baseUrl: `${fhir.base}/`, auth: 'bearer', token: TOKEN });
    expect(r).toMatchObject({ ok: true, data: { baseUrl: fhir.base, auth: 'bearer' } });
    expect(JSON.stringify(r)).not.toContain(TOKEN);
    const row = await db.client.fhirServer.findUniqueOrThrow({ where: { organisationId: admin.organisationId } });
    expect(row.tokenCiphertext).toMatch(/^v1\./);
    expect(row.tokenCiphertext).not.toContain(TOKEN);
    const view = await getFhirServerView(clinician);
    expect(view).toMatchObject({ baseUrl: fhir.base, auth: 'bearer' });
    expect(JSON.stringify(view)).not.toContain('v1.');
    const event = (await events('fhir-server.update')).at(-1)!;
    expect(event).toMatchObject({ userId: admin.userId, outcome: 'success', detail: `auth=bearer; base=${fhir.base}` });
    const trail = JSON.stringify(await db.client.auditEvent.findMany());
    expect(trail).not.toContain(TOKEN);
    // Not in what the database stores either (the SQLite file after a checkpoint; a PostgreSQL dump).
    expect((await db.storedBytes()).includes(Buffer.from(TOKEN))).toBe(false);
    // The server gets it back decrypted, as the Authorization header.
    expect(await fhirServerForImport(admin.organisationId)).toEqual({ ok: true, baseUrl: fhir.base, authorization: `Bearer ${TOKEN}` });
  });

  it('keeps the stored token for the same server, never for another address', async () => {
    expect((await saveFhirServer(admin, { baseUrl: fhir.base, auth: 'keep' })).ok).toBe(true);
    expect(await fhirServerForImport(admin.organisationId)).toMatchObject({ authorization: `Bearer ${TOKEN}` });
    const moved = await saveFhirServer(admin, { baseUrl: 'https://elsewhere.example.org/fhir', auth: 'keep' });
    expect(moved.ok ? [] : moved.fieldErrors.token).toEqual(['The server moved to another address: enter its bearer token again']);
    expect((await getFhirServerView(admin))?.baseUrl).toBe(fhir.base);
  });
});

describe('Import from EHR (real SQLite, real FHIR server)', () => {
  it('pre-fills the form from the clinic server with the token sent, saves nothing, audits the EHR id and counts', async () => {
    const before = { assessments: await db.client.assessment.count(), patients: await db.client.patient.count() };
    const from = fhir.requests.length;
    const r = await importFromEhr(clinician, patientId, RENATO);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(fhir.requests.slice(from).every((q) => q.authorization === `Bearer ${TOKEN}` && q.url.startsWith('/fhir/'))).toBe(true);
    expect(r.data.form.labs.hba1c.value).toBe('6.109457325824228');
    expect(r.data.form.knownDiabetes).toBe('yes');
    expect(r.data.form.medicationsText).toContain('diphenhydrAMINE');
    expect(r.data.import.results.find((x) => x.analyte === 'hba1c' && x.use === 'used')?.provenance).toMatchObject({ resourceType: 'Observation', code: expect.stringContaining('4548-4') });
    expect(r.data.mismatches.join(' ')).toMatch(/Birth date in the EHR is 1976-06-14/);
    expect(await db.client.assessment.count()).toBe(before.assessments);
    expect(await db.client.patient.count()).toBe(before.patients);
    const event = (await events('fhir.import')).at(-1)!;
    expect(event).toMatchObject({ userId: clinician.userId, patientId, outcome: 'success' });
    expect(event.detail).toMatch(new RegExp(`^ehr; patient=${RENATO}; resources=\\d+; labs=7; conditions=2; medications=2; mismatches=2$`));
    const saved = await createAssessment(clinician, { patientId, supersedesId: null, form: r.data.form, asOf: '2026-11-27' });
    expect(saved.ok).toBe(true);
  });

  it('a patient the EHR does not have, and an id that is not a FHIR id: clear errors, audited as failures', async () => {
    expect(await importFromEhr(clinician, patientId, 'no-such-patient')).toMatchObject({ ok: false, upstream: true, message: "Patient/no-such-patient is not on the EHR's FHIR server (404)" });
    expect((await events('fhir.import')).at(-1)).toMatchObject({ outcome: 'failure', detail: 'ehr; patient=no-such-patient; not-found' });
    const from = fhir.requests.length;
    const bad = await importFromEhr(clinician, patientId, '../../metadata');
    expect(bad.ok ? [] : bad.fieldErrors.ehrPatientId).toEqual(['An EHR patient id is 1 to 64 letters, digits, "-" or "." (FHIR id syntax)']);
    expect(fhir.requests.length).toBe(from);
    expect((await events('fhir.import')).at(-1)).toMatchObject({ outcome: 'failure', detail: 'ehr; invalid-id' });
  });

  it('another clinic uses only its own server: none configured there, and this clinic\'s patient is not found', async () => {
    const own = (await searchPatients(otherClinician))[0]!;
    const from = fhir.requests.length;
    expect(await importFromEhr(otherClinician, own.id, RENATO)).toMatchObject({ ok: false, message: 'This clinic has no FHIR server: an admin configures it on the Admin page' });
    expect(await importFromEhr(otherClinician, patientId, RENATO)).toMatchObject({ ok: false, notFound: true });
    expect(fhir.requests.length).toBe(from);
    expect(await getFhirServerView(otherClinician)).toBeNull();
  });

  it('a token stored under another key is reported, not sent', async () => {
    const foreign = encryptToken(TOKEN, admin.organisationId, deriveTokenKey('a-different-secret-than-this-server-uses-000'));
    await db.client.fhirServer.update({ where: { organisationId: admin.organisationId }, data: { tokenCiphertext: foreign } });
    const from = fhir.requests.length;
    expect(await importFromEhr(clinician, patientId, RENATO)).toMatchObject({ ok: false, message: expect.stringContaining('stored under another key') });
    expect(fhir.requests.length).toBe(from);
    expect((await events('fhir.import')).at(-1)).toMatchObject({ outcome: 'failure', detail: `ehr; patient=${RENATO}; token-other-key` });
  });

  it('the admin removes the server; the import is then not offered', async () => {
    expect((await removeFhirServer(admin)).ok).toBe(true);
    expect((await events('fhir-server.remove')).at(-1)).toMatchObject({ userId: admin.userId, outcome: 'success' });
    expect(await getFhirServerView(clinician)).toBeNull();
    expect(await importFromEhr(clinician, patientId, RENATO)).toMatchObject({ ok: false, message: expect.stringContaining('no FHIR server') });
  });
});
