'use server';
import type { SubmitResult } from '@/components/intake/intake-form';
import { requireActionActor } from '@/lib/auth/actor';
import { createAssessment } from '@/lib/services/assessments';
import { todayIso } from '@/lib/services/clock';

/**
 * Validates and evaluates again on the server, saves (as a correction when `supersedesId` is set) and
 * answers with the saved assessment's id; the form then opens it. Not `redirect()`: Next.js would
 * render the whole result page inside this answer (fetching it from itself), so every save paid for
 * a full page render and its audited reads before it was acknowledged.
 */
export async function createAssessmentAction(patientId: string, supersedesId: string | null, values: unknown, submissionKey?: unknown): Promise<SubmitResult> {
  const result = await createAssessment(await requireActionActor(supersedesId === null || supersedesId === undefined ? 'assessment.create' : 'assessment.correct'), {
    patientId: String(patientId), supersedesId: supersedesId === null || supersedesId === undefined ? null : String(supersedesId), form: values, asOf: todayIso(),
    submissionKey: submissionKey === undefined || submissionKey === null ? null : String(submissionKey).slice(0, 100),
  });
  return result.ok ? { ok: true, assessmentId: result.data.id } : result;
}
