import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { IntakeForm } from '@/components/intake/intake-form';
import { requireActor } from '@/lib/auth/actor';
import { ageOn, formFromInput } from '@/lib/schemas/assessment';
import { getAssessment } from '@/lib/services/assessments';
import { todayIso } from '@/lib/services/clock';
import { displayName, getPatient } from '@/lib/services/patients';
import { createAssessmentAction } from './actions';
import { formFromImport } from '@/lib/fhir/draft';
import { formProvenance } from '@/lib/fhir/provenance';
import { openLaunch } from '@/lib/services/cds-launch';

export const metadata: Metadata = { title: 'New assessment · RLS Workup' };

export default async function NewAssessmentPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<{ corrects?: string | string[]; launch?: string | string[] }> }) {
  const { patientId } = await params;
  const { corrects, launch: launchToken } = await searchParams;
  const actor = await requireActor();
  const patient = await getPatient(actor, patientId);
  if (!patient) notFound();
  const earlier = typeof corrects === 'string' ? await getAssessment(actor, corrects) : null;
  if (typeof corrects === 'string' && (!earlier || earlier.patientId !== patient.id)) notFound();
  // Opened from a CDS card: the EHR's data pre-fill the form (nothing is saved until the clinician saves).
  const launch = typeof launchToken === 'string' && !earlier ? await openLaunch(actor, launchToken, patient.id) : null;
  if (typeof launchToken === 'string' && !earlier && !launch) notFound();
  const asOf = todayIso();
  const name = displayName(patient);
  return (
    <>
      <h1>{earlier ? 'Correct assessment' : 'New assessment'}: {name}</h1>
      {launch ? <p className="meta">Pre-filled from the EHR (patient {launch.imp.patient.id ?? 'without id'}, born {launch.imp.patient.birthDate ?? 'not given'}): each value says where it came from. Review, change and save as usual.</p> : null}
      {earlier ? <p className="meta">Starts from the assessment of {earlier.asOf}. Saving creates a new version linked to it; the earlier one stays readable and unchanged.</p> : null}
      <IntakeForm
        patient={{ name, birthDate: patient.birthDate, ageYears: ageOn(patient.birthDate, asOf), sex: patient.sex === 'male' ? 'male' : 'female' }}
        asOf={asOf}
        {...(earlier ? { initialValues: formFromInput(earlier.input) } : launch ? { initialValues: formFromImport(launch.imp), provenance: formProvenance(launch.imp) } : {})}
        onSubmit={createAssessmentAction.bind(null, patient.id, earlier?.id ?? null)}
      />
    </>
  );
}
