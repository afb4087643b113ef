import 'server-only';
/** Patients of the actor's organisation. */
import type { Actor } from '@/lib/auth/actor';
import { findPatient, listPatients, type PatientRow } from '@/lib/db/patients';

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
