import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { StatusBadge } from '@/components/ui/status-badge';
import { currentActor } from '@/lib/auth/actor';
import { listAssessments } from '@/lib/services/assessments';
import { displayName, getPatient } from '@/lib/services/patients';

export const metadata: Metadata = { title: 'Patient · RLS Workup' };

export default async function PatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await currentActor();
  const patient = await getPatient(actor, patientId);
  if (!patient) notFound();
  const assessments = await listAssessments(actor, patient.id);
  return (
    <>
      <h1>{displayName(patient)}</h1>
      <p className="meta">MRN {patient.mrn} · born {patient.birthDate} · {patient.sex}</p>
      <p><Link className="button" href={`/patients/${patient.id}/assessments/new`}>New assessment</Link></p>
      <h2>Assessments</h2>
      {assessments.length === 0 ? <p>No assessments yet.</p> : (
        <ol className="history">
          {assessments.map((a) => {
            const flagged = a.evaluation.contributors.filter((c) => c.status === 'flagged');
            return (
              <li key={a.id}>
                <Link href={`/assessments/${a.id}`}>{a.asOf}: {flagged.length} flagged</Link>{' '}
                <span className="meta">by {a.authorName}, rules {a.rulesVersion}</span>
                <ul className="inline-list">{flagged.map((c) => <li key={c.id}>{c.label} <StatusBadge status={c.status} /></li>)}</ul>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
