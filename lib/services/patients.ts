import 'server-only';
/** Patients of the actor's organisation. */
import type { Actor } from '@/lib/auth/actor';
import { isUniqueViolation } from '@/lib/db/errors';
import { findPatient, insertPatient, listPatients, updatePatient, type PatientRow } from '@/lib/db/patients';
import { withTransaction } from '@/lib/db/transaction';
import { ZPatientFormSchema } from '@/lib/schemas/patient';
import { audit, auditIn } from './audit';
import { readScope, refusedWriteReason } from './break-glass';
import { fieldErrorsOf, invalid, type ServiceResult } from './result';

export type Patient = PatientRow;

export async function searchPatients(actor: Actor, query?: string): Promise<Patient[]> {
  const patients = await listPatients({ organisationId: actor.organisationId, ...(query ? { query } : {}) });
  // The search text may be a name: only its length and the result count are recorded.
  await audit(actor, { action: 'patient.search', recordType: 'patient', detail: `query-length=${query?.length ?? 0}; results=${patients.length}` });
  return patients;
}

/** The patient, or null when it does not exist in the actor's organisation (the page answers 404). */
export async function getPatient(actor: Actor, patientId: string): Promise<Patient | null> {
  const patient = await findPatient({ ...(await readScope(actor)), patientId });
  const elsewhere = patient !== null && patient.organisationId !== actor.organisationId;
  await audit(actor, { action: 'patient.read', recordType: 'patient', recordId: patientId.slice(0, 64), patientId: patient?.id ?? null, outcome: patient ? 'success' : 'denied', detail: elsewhere ? 'break-glass' : null });
  return patient;
}

export function displayName(p: Pick<Patient, 'givenName' | 'familyName'>): string {
  return `${p.familyName}, ${p.givenName}`;
}

const DUPLICATE_MRN = { mrn: ['Another patient of this clinic already has this MRN'] };

/** Creates a patient; the MRN must be unique within the organisation. */
export async function createPatient(actor: Actor, form: unknown): Promise<ServiceResult<Patient>> {
  const parsed = ZPatientFormSchema.safeParse(form);
  if (!parsed.success) return invalid('Some details need correcting', fieldErrorsOf(parsed.error.issues));
  try {
    const patient = await withTransaction(async (tx) => {
      const created = await insertPatient({ organisationId: actor.organisationId, fields: parsed.data }, tx);
      await auditIn(tx, actor, { action: 'patient.create', recordType: 'patient', recordId: created.id, patientId: created.id });
      return created;
    });
    return { ok: true, data: patient };
  } catch (e) {
    if (isUniqueViolation(e)) return invalid('The MRN is already in use', DUPLICATE_MRN);
    throw e;
  }
}

export async function editPatient(actor: Actor, patientId: string, form: unknown): Promise<ServiceResult<Patient>> {
  // Who may write is decided before what is written: a refusal is recorded whatever the form holds.
  if (!(await findPatient({ organisationId: actor.organisationId, patientId }))) {
    await audit(actor, { action: 'patient.update', recordType: 'patient', recordId: patientId.slice(0, 64), patientId: null, outcome: 'denied', detail: await refusedWriteReason(actor, patientId) });
    return invalid('Patient not found');
  }
  const parsed = ZPatientFormSchema.safeParse(form);
  if (!parsed.success) return invalid('Some details need correcting', fieldErrorsOf(parsed.error.issues));
  try {
    const updated = await withTransaction(async (tx) => {
      const row = await updatePatient({ organisationId: actor.organisationId, patientId, fields: parsed.data }, tx);
      await auditIn(tx, actor, { action: 'patient.update', recordType: 'patient', recordId: patientId.slice(0, 64), patientId: row?.id ?? null, outcome: row ? 'success' : 'denied' });
      return row;
    });
    return updated ? { ok: true, data: updated } : invalid('Patient not found');
  } catch (e) {
    if (isUniqueViolation(e)) return invalid('The MRN is already in use', DUPLICATE_MRN);
    throw e;
  }
}
