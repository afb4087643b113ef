import type { Metadata } from 'next';
import { PatientForm } from '@/components/patients/patient-form';
import { requireActor } from '@/lib/auth/actor';
import { createPatientAction } from '../actions';

export const metadata: Metadata = { title: 'New patient · RLS Workup' };

export default async function NewPatientPage() {
  await requireActor();
  return (
    <>
      <h1>New patient</h1>
      <PatientForm submitLabel="Create patient" onSubmit={createPatientAction} />
    </>
  );
}
