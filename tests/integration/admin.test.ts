// @vitest-environment node
// Break-glass access, the audit report and its CSV, on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { auditReport, toCsv } from '@/lib/services/admin-audit';
import { getAssessment } from '@/lib/services/assessments';
import { breakGlass } from '@/lib/services/break-glass';
import { getPatient, searchPatients } from '@/lib/services/patients';
import { actorFor, createTestDatabase, type TestDatabase } from './database';

let db: TestDatabase;
let north: Actor;
let admin: Actor;
let clinician: Actor;
let demoPatientId: string;

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  north = await actorFor(db.client, 'clinician@northvalley.test');
  admin = await actorFor(db.client, 'admin@demo.test');
  clinician = await actorFor(db.client, 'clinician@demo.test');
  demoPatientId = (await searchPatients(clinician, 'DEMO-001'))[0]!.id;
});
afterAll(async () => db.dispose());

describe('break-glass access', () => {
  const reason = 'Patient admitted overnight with severe symptoms, own clinic closed';

  it('is refused without a grant: the other clinic\'s patient is not found (and the attempt is audited)', async () => {
    expect(await getPatient(north, demoPatientId)).toBeNull();
    const denied = await db.client.auditEvent.findFirst({ where: { userId: north.userId, action: 'patient.read', outcome: 'denied' } });
    expect(denied).not.toBeNull();
  });

  it.each([
    [{ organisationSlug: 'demo', mrn: 'DEMO-001', reason: 'urgent', minutes: 15 }, 'reason'],
    [{ organisationSlug: 'demo', mrn: 'DEMO-001', reason, minutes: 240 }, 'minutes'],
    [{ organisationSlug: 'demo', mrn: 'NOPE', reason, minutes: 15 }, 'mrn'],
    [{ organisationSlug: 'north-valley', mrn: 'NV-001', reason, minutes: 15 }, 'mrn'],
  ])('refuses %o at %s without a grant', async (form, field) => {
    const before = await db.client.breakGlassGrant.count();
    const r = await breakGlass(north, form);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors)).toContain(field);
    expect(await db.client.breakGlassGrant.count()).toBe(before);
  });

  it('opens read access for the time chosen, audits it, and ends it', async () => {
    const r = await breakGlass(north, { organisationSlug: 'demo', mrn: 'DEMO-001', reason, minutes: '15' });
    expect(r.ok).toBe(true);
    const patient = await getPatient(north, demoPatientId);
    expect(patient?.mrn).toBe('DEMO-001');
    const read = await db.client.auditEvent.findFirst({ where: { userId: north.userId, action: 'patient.read', outcome: 'success' }, orderBy: { seq: 'desc' } });
    expect(read).toMatchObject({ patientId: demoPatientId, detail: 'break-glass' });
    // Not the rest of the clinic: another patient stays hidden.
    const other = (await searchPatients(clinician, 'DEMO-002'))[0]!.id;
    expect(await getPatient(north, other)).toBeNull();
    await db.client.breakGlassGrant.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getPatient(north, demoPatientId)).toBeNull();
    expect(await getAssessment(north, 'anything')).toBeNull();
  });
});

describe('the audit report', () => {
  it('is for admins only', async () => {
    await expect(auditReport(clinician, { from: '', to: '', userId: '', patientId: '' })).rejects.toThrow();
  });

  it('lists the clinic\'s events and reads by other clinics on its patients, filterable by user and patient', async () => {
    const all = await auditReport(admin, { from: '', to: '', userId: '', patientId: '' });
    expect(all.some((r) => r.action === 'break-glass.grant' && r.user === 'Dr North Valley')).toBe(true);
    const byPatient = await auditReport(admin, { from: '', to: '', userId: '', patientId: demoPatientId });
    expect(byPatient.length).toBeGreaterThan(0);
    expect(byPatient.every((r) => r.patient.startsWith('DEMO-001'))).toBe(true);
    const byUser = await auditReport(admin, { from: '', to: '', userId: clinician.userId, patientId: '' });
    expect(byUser.every((r) => r.user === 'Dr Demo Clinician')).toBe(true);
    const future = await auditReport(admin, { from: '2999-01-01', to: '', userId: '', patientId: '' });
    expect(future).toEqual([]);
  });

  it('exports CSV with quoting and formula cells neutralised', () => {
    const csv = toCsv([{ seq: 1, at: '2026-11-24T00:00:00.000Z', user: 'Dr "Q", MD', action: 'patient.read', patient: '=HYPERLINK("x")', record: 'patient 1', outcome: 'success', clientAddress: '127.0.0.1', detail: '' }]);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe('seq,time_utc,user,action,patient,record,outcome,client_address,detail');
    expect(row).toBe('1,2026-11-24T00:00:00.000Z,"Dr ""Q"", MD",patient.read,"\'=HYPERLINK(""x"")",patient 1,success,127.0.0.1,');
  });
});
