import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PatientForm } from '@/components/patients/patient-form';
import { requireActor } from '@/lib/auth/actor';
import { displayName, getPatient } from '@/lib/services/patients';
import { editPatientAction } from '../../actions';

export const metadata: Metadata = { title: 'Edit patient · RLS Workup' };

export default async function EditPatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const patient = await getPatient(await requireActor(), patientId);
  if (!patient) notFound();
  return (
    <>
      <h1>Edit patient: {displayName(patient)}</h1>
      <PatientForm
        submitLabel="Save changes"
        initial={{ mrn: patient.mrn, givenName: patient.givenName, familyName: patient.familyName, birthDate: patient.birthDate, sex: patient.sex === 'male' ? 'male' : 'female' }}
        onSubmit={editPatientAction.bind(null, patient.id)}
      />
    </>
  );
}
