'use server';
import { redirect } from 'next/navigation';
import type { PatientSubmitResult } from '@/components/patients/patient-form';
import { requireActionActor } from '@/lib/auth/actor';
import { createPatient, editPatient } from '@/lib/services/patients';

export async function createPatientAction(values: unknown): Promise<PatientSubmitResult> {
  const result = await createPatient(await requireActionActor('patient.create'), values);
  if (!result.ok) return result;
  redirect(`/patients/${result.data.id}`);
}

export async function editPatientAction(patientId: string, values: unknown): Promise<PatientSubmitResult> {
  const result = await editPatient(await requireActionActor('patient.update'), String(patientId), values);
  if (!result.ok) return result;
  redirect(`/patients/${result.data.id}`);
}
