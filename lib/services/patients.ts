import 'server-only';
/** Patients of the actor's organisation. */
import type { Actor } from '@/lib/auth/actor';
import { isUniqueViolation } from '@/lib/db/errors';
import { findPatient, insertPatient, listPatients, updatePatient, type PatientRow } from '@/lib/db/patients';
import { ZPatientFormSchema } from '@/lib/schemas/patient';
import { fieldErrorsOf, invalid, type ServiceResult } from './result';

export type Patient = PatientRow;

export async function searchPatients(actor: Actor, query?: string): Promise<Patient[]> {
  return listPatients({ organisationId: actor.organisationId, ...(query ? { query } : {}) });
}

/** The patient, or null when it does not exist in the actor's organisation (the page answers 404). */
export async function getPatient(actor: Actor, patientId: string): Promise<Patient | null> {
  return findPatient({ organisationId: actor.organisationId, patientId });
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
    return { ok: true, data: await insertPatient({ organisationId: actor.organisationId, fields: parsed.data }) };
  } catch (e) {
    if (isUniqueViolation(e)) return invalid('The MRN is already in use', DUPLICATE_MRN);
    throw e;
  }
}

export async function editPatient(actor: Actor, patientId: string, form: unknown): Promise<ServiceResult<Patient>> {
  const parsed = ZPatientFormSchema.safeParse(form);
  if (!parsed.success) return invalid('Some details need correcting', fieldErrorsOf(parsed.error.issues));
  try {
    const updated = await updatePatient({ organisationId: actor.organisationId, patientId, fields: parsed.data });
    return updated ? { ok: true, data: updated } : invalid('Patient not found');
  } catch (e) {
    if (isUniqueViolation(e)) return invalid('The MRN is already in use', DUPLICATE_MRN);
    throw e;
  }
}
