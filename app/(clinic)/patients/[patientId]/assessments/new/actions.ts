'use server';
import { redirect } from 'next/navigation';
import type { SubmitResult } from '@/components/intake/intake-form';
import { requireActionActor } from '@/lib/auth/actor';
import { createAssessment } from '@/lib/services/assessments';
import { todayIso } from '@/lib/services/clock';

/** Validates and evaluates again on the server, saves (as a correction when `supersedesId` is set), then shows the result. */
export async function createAssessmentAction(patientId: string, supersedesId: string | null, values: unknown): Promise<SubmitResult> {
  const result = await createAssessment(await requireActionActor(), {
    patientId: String(patientId), supersedesId: supersedesId ? String(supersedesId) : null, form: values, asOf: todayIso(),
  });
  if (!result.ok) return result;
  redirect(`/assessments/${result.data.id}`);
}
