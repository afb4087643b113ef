import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { IntakeForm } from '@/components/intake/intake-form';
import { currentActor } from '@/lib/auth/actor';
import { ageOn } from '@/lib/schemas/assessment';
import { todayIso } from '@/lib/services/clock';
import { displayName, getPatient } from '@/lib/services/patients';
import { createAssessmentAction } from './actions';

export const metadata: Metadata = { title: 'New assessment · RLS Workup' };

export default async function NewAssessmentPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const patient = await getPatient(await currentActor(), patientId);
  if (!patient) notFound();
  const asOf = todayIso();
  const name = displayName(patient);
  return (
    <>
      <h1>New assessment: {name}</h1>
      <IntakeForm
        patient={{ name, ageYears: ageOn(patient.birthDate, asOf), sex: patient.sex === 'male' ? 'male' : 'female' }}
        asOf={asOf}
        onSubmit={createAssessmentAction.bind(null, patient.id)}
      />
    </>
  );
}
