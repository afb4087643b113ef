'use server';
import { redirect } from 'next/navigation';
import type { SubmitResult } from '@/components/intake/intake-form';
import { requireActionActor } from '@/lib/auth/actor';
import { createAssessment } from '@/lib/services/assessments';
import { todayIso } from '@/lib/services/clock';

/** Validates and evaluates again on the server, saves (as a correction when `supersedesId` is set), then shows the result. */
export async function createAssessmentAction(patientId: string, supersedesId: string | null, values: unknown, submissionKey?: unknown): Promise<SubmitResult> {
  const result = await createAssessment(await requireActionActor(supersedesId === null || supersedesId === undefined ? 'assessment.create' : 'assessment.correct'), {
    patientId: String(patientId), supersedesId: supersedesId === null || supersedesId === undefined ? null : String(supersedesId), form: values, asOf: todayIso(),
    submissionKey: submissionKey === undefined || submissionKey === null ? null : String(submissionKey).slice(0, 100),
  });
  if (!result.ok) return result;
  redirect(`/assessments/${result.data.id}`);
}
