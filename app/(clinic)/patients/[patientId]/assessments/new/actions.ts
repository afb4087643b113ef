'use server';
import { redirect } from 'next/navigation';
import type { SubmitResult } from '@/components/intake/intake-form';
import { currentActor } from '@/lib/auth/actor';
import { createAssessment } from '@/lib/services/assessments';
import { todayIso } from '@/lib/services/clock';

/** Validates and evaluates again on the server, saves, then shows the saved result. */
export async function createAssessmentAction(patientId: string, values: unknown): Promise<SubmitResult> {
  const result = await createAssessment(await currentActor(), { patientId: String(patientId), form: values, asOf: todayIso() });
  if (!result.ok) return result;
  redirect(`/assessments/${result.data.id}`);
}
