import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { IntakeForm } from '@/components/intake/intake-form';
import { requireActor } from '@/lib/auth/actor';
import { ageOn, formFromInput } from '@/lib/schemas/assessment';
import { getAssessment } from '@/lib/services/assessments';
import { todayIso } from '@/lib/services/clock';
import { displayName, getPatient } from '@/lib/services/patients';
import { createAssessmentAction } from './actions';

export const metadata: Metadata = { title: 'New assessment · RLS Workup' };

export default async function NewAssessmentPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<{ corrects?: string | string[] }> }) {
  const { patientId } = await params;
  const { corrects } = await searchParams;
  const actor = await requireActor();
  const patient = await getPatient(actor, patientId);
  if (!patient) notFound();
  const earlier = typeof corrects === 'string' ? await getAssessment(actor, corrects) : null;
  if (typeof corrects === 'string' && (!earlier || earlier.patientId !== patient.id)) notFound();
  const asOf = todayIso();
  const name = displayName(patient);
  return (
    <>
      <h1>{earlier ? 'Correct assessment' : 'New assessment'}: {name}</h1>
      {earlier ? <p className="meta">Starts from the assessment of {earlier.asOf}. Saving creates a new version linked to it; the earlier one stays readable and unchanged.</p> : null}
      <IntakeForm
        patient={{ name, birthDate: patient.birthDate, ageYears: ageOn(patient.birthDate, asOf), sex: patient.sex === 'male' ? 'male' : 'female' }}
        asOf={asOf}
        {...(earlier ? { initialValues: formFromInput(earlier.input) } : {})}
        onSubmit={createAssessmentAction.bind(null, patient.id, earlier?.id ?? null)}
      />
    </>
  );
}
