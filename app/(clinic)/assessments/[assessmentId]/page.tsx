import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EvaluationView } from '@/components/results/evaluation-view';
import { currentActor } from '@/lib/auth/actor';
import { getAssessment, verifyDigest } from '@/lib/services/assessments';
import { displayName, getPatient } from '@/lib/services/patients';

export const metadata: Metadata = { title: 'Assessment · RLS Workup' };

export default async function AssessmentPage({ params }: { params: Promise<{ assessmentId: string }> }) {
  const { assessmentId } = await params;
  const actor = await currentActor();
  const assessment = await getAssessment(actor, assessmentId);
  if (!assessment) notFound();
  const patient = await getPatient(actor, assessment.patientId);
  if (!patient) notFound();
  const intact = verifyDigest(assessment);
  return (
    <>
      <h1>Assessment: {displayName(patient)}</h1>
      <p className="meta">
        Saved {assessment.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by {assessment.authorName} · rules {assessment.rulesVersion} ·{' '}
        <span data-integrity={intact ? 'intact' : 'mismatch'}>{intact ? 'digest verified' : 'DIGEST MISMATCH: this record was altered'}</span>
      </p>
      <p><Link href={`/patients/${patient.id}`}>Back to {displayName(patient)}</Link></p>
      <EvaluationView evaluation={assessment.evaluation} />
    </>
  );
}
