'use server';
import { revalidatePath } from 'next/cache';
import type { ReviewActionResult } from '@/components/review/review-control';
import { requireActionActor } from '@/lib/auth/actor';
import { addReview } from '@/lib/services/reviews';

/** Records one review; the page re-renders with it. */
export async function reviewAction(assessmentId: string, values: unknown): Promise<ReviewActionResult> {
  const result = await addReview(await requireActionActor('review.create'), String(assessmentId), values);
  if (!result.ok) return result;
  revalidatePath(`/assessments/${assessmentId}`);
  return { ok: true };
}
