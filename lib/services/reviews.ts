import 'server-only';
/** Reviews of saved assessments: validated against what the assessment actually contains. */
import type { Actor } from '@/lib/auth/actor';
import { findAssessment } from '@/lib/db/assessments';
import { insertReview, listReviews, type ReviewRow } from '@/lib/db/reviews';
import { withTransaction } from '@/lib/db/transaction';
import { audit, auditIn } from './audit';
import { readScope, refusedWriteReason } from './break-glass';
import type { Evaluation } from '@/lib/rules';
import { ZReviewFormSchema } from '@/lib/schemas/review';
import { fieldErrorsOf, invalid, type ServiceResult } from './result';

export type Review = ReviewRow;

/** The review in force per target ("contributor:iron-deficiency", "workup:cbc", "medication:2"). */
export type ReviewsInForce = Map<string, Review>;
export const reviewKey = (targetType: string, targetId: string) => `${targetType}:${targetId}`;

export function inForce(reviews: readonly Review[]): ReviewsInForce {
  const map: ReviewsInForce = new Map();
  for (const r of reviews) map.set(reviewKey(r.targetType, r.targetId), r);
  return map;
}

function targetExists(evaluation: Evaluation, targetType: string, targetId: string): boolean {
  if (targetType === 'contributor') return evaluation.contributors.some((c) => c.id === targetId);
  if (targetType === 'workup') return evaluation.workup.some((w) => w.id === targetId);
  const i = Number(targetId);
  const m = Number.isInteger(i) ? evaluation.medications[i] : undefined;
  return m !== undefined && m.generic !== null;
}

export async function addReview(actor: Actor, assessmentId: string, form: unknown): Promise<ServiceResult<Review>> {
  // Who may write is decided before what is written: a refusal is recorded whatever the form holds.
  const assessment = await findAssessment({ organisationId: actor.organisationId, assessmentId });
  if (!assessment) {
    // Another clinic's assessment (also one readable under a read-only break-glass grant): refused and recorded.
    const readable = await findAssessment({ ...(await readScope(actor)), assessmentId });
    const detail = readable ? await refusedWriteReason(actor, readable.patientId) : 'assessment-not-in-organisation';
    await audit(actor, { action: 'review.create', recordType: 'assessment', recordId: assessmentId.slice(0, 64), outcome: 'denied', detail });
    return invalid('Assessment not found');
  }
  if (actor.via !== 'session') {
    await audit(actor, { action: 'review.create', patientId: assessment.patientId, recordType: 'assessment', recordId: assessmentId, outcome: 'denied', detail: 'api-token' });
    return invalid('Reviews are made by a signed-in clinician');
  }
  const parsed = ZReviewFormSchema.safeParse(form);
  if (!parsed.success) return invalid('The review needs correcting', fieldErrorsOf(parsed.error.issues));
  const { targetType, targetId, decision, reasonCode, comment } = parsed.data;
  if (!targetExists(assessment.evaluation as Evaluation, targetType, targetId)) {
    return invalid('This item is not part of the assessment', { targetId: ['Unknown item for this assessment'] });
  }
  const review = await withTransaction(async (tx) => {
    const row = await insertReview({
      organisationId: actor.organisationId, assessmentId, authorId: actor.userId, targetType, targetId, decision,
      reasonCode: reasonCode === '' ? null : reasonCode, comment: comment.trim() === '' ? null : comment.trim(),
    }, tx);
    await auditIn(tx, actor, { action: 'review.create', recordType: 'review', recordId: row.id, patientId: assessment.patientId, detail: `${targetType}:${targetId}=${decision}` });
    return row;
  });
  return { ok: true, data: review };
}

export async function getReviews(actor: Actor, assessmentId: string): Promise<Review[]> {
  return listReviews({ organisationId: actor.organisationId, assessmentId });
}
