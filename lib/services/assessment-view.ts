import 'server-only';
/** Everything the assessment pages show, loaded once and scoped to the actor's organisation. */
import type { Actor } from '@/lib/auth/actor';
import { noteText } from '@/lib/report/note';
import { ageOn } from '@/lib/schemas/assessment';
import { reasonLabel } from '@/lib/schemas/review';
import { getAssessment, getCorrection, verifyDigest, type Assessment } from './assessments';
import { displayName, getPatient, type Patient } from './patients';
import { listReviews } from '@/lib/db/reviews';
import { inForce, type Review, type ReviewsInForce } from './reviews';

export interface AssessmentView {
  assessment: Assessment;
  patient: Patient;
  reviews: Review[];
  inForce: ReviewsInForce;
  correctedBy: Assessment | null;
  intact: boolean;
  note: string;
}

export async function loadAssessmentView(actor: Actor, assessmentId: string, purpose: 'read' | 'print' = 'read'): Promise<AssessmentView | null> {
  const assessment = await getAssessment(actor, assessmentId, purpose);
  if (!assessment) return null;
  const patient = await getPatient(actor, assessment.patientId);
  if (!patient) return null;
  // Access to the assessment was checked (and audited) above; its reviews belong to its organisation.
  const [reviews, correctedBy] = await Promise.all([listReviews({ organisationId: assessment.organisationId, assessmentId }), getCorrection(actor, assessmentId)]);
  const current = inForce(reviews);
  const noteReviews = new Map([...current].map(([k, r]) => [k, { decision: r.decision, reason: reasonLabel(r.reasonCode), comment: r.comment }]));
  const note = noteText({
    evaluation: assessment.evaluation,
    patient: { name: displayName(patient), mrn: patient.mrn, ageYears: ageOn(patient.birthDate, assessment.asOf), sex: patient.sex },
    clinician: assessment.authorName,
    reviews: noteReviews,
  });
  return { assessment, patient, reviews, inForce: current, correctedBy, intact: verifyDigest(assessment), note };
}

/** "2026-11-24 07:13 UTC" */
export function formatUtc(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
