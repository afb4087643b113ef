/**
 * A clinician's review of one flag, workup item or medication match (CDS Hooks feedback:
 * accepted / overridden with a reason). Shared by the review control and the server.
 */
import { z } from 'zod';

export const REVIEW_REASONS = [
  { code: 'already-done', label: 'Already done' },
  { code: 'not-applicable', label: 'Not clinically applicable' },
  { code: 'patient-declined', label: 'Patient declined' },
  { code: 'disagree-evidence', label: 'Disagree with the evidence' },
  { code: 'other', label: 'Other (comment required)' },
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number]['code'];
const REASON_CODES = REVIEW_REASONS.map((r) => r.code) as [ReviewReason, ...ReviewReason[]];

export const MAX_REVIEW_COMMENT = 500;

export const ZReviewFormSchema = z
  .object({
    targetType: z.enum(['contributor', 'workup', 'medication']),
    targetId: z.string().trim().min(1, 'The item is required').max(64, 'Unknown item'),
    decision: z.enum(['accepted', 'dismissed', 'confirmed', 'rejected']),
    reasonCode: z.union([z.enum(REASON_CODES), z.literal('')]),
    comment: z.string().max(MAX_REVIEW_COMMENT, `A comment is at most ${MAX_REVIEW_COMMENT} characters`),
  })
  .superRefine((r, ctx) => {
    const medication = r.targetType === 'medication';
    if (medication !== (r.decision === 'confirmed' || r.decision === 'rejected')) {
      ctx.addIssue({ code: 'custom', path: ['decision'], message: medication ? 'A medication match is confirmed or rejected' : 'A flag or workup item is accepted or dismissed' });
    }
    const overriding = r.decision === 'dismissed' || r.decision === 'rejected';
    if (overriding && r.reasonCode === '') ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'Choose a reason' });
    if (r.reasonCode === 'other' && r.comment.trim() === '') ctx.addIssue({ code: 'custom', path: ['comment'], message: 'A comment is required with "Other"' });
  });
export type TReviewForm = z.infer<typeof ZReviewFormSchema>;

export function reasonLabel(code: string | null): string {
  return REVIEW_REASONS.find((r) => r.code === code)?.label ?? '';
}
