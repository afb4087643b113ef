/** CDS Hooks feedback (accepted / overridden with a reason and comment), validated. */
import { z } from 'zod';

const coding = z.object({ system: z.string().max(300).optional(), code: z.string().min(1).max(100), display: z.string().max(300).optional() });

export const MAX_FEEDBACK_ITEMS = 50;

export const ZFeedbackRequest = z.object({
  feedback: z.array(z.object({
    card: z.string().min(1, 'feedback.card is required').max(100),
    outcome: z.enum(['accepted', 'overridden'], { error: 'outcome must be "accepted" or "overridden"' }),
    acceptedSuggestions: z.array(z.object({ id: z.string().min(1).max(100) })).max(50).optional(),
    overrideReason: z.object({ reason: coding.optional(), userComment: z.string().max(500, 'userComment is at most 500 characters').optional() }).optional(),
    outcomeTimestamp: z.iso.datetime({ offset: true, error: 'outcomeTimestamp must be an ISO 8601 date-time' }),
  }).refine((f) => f.outcome !== 'accepted' || (f.acceptedSuggestions?.length ?? 0) > 0, { message: 'acceptedSuggestions is required for an accepted outcome', path: ['acceptedSuggestions'] }))
    .min(1, 'feedback must list at least one item').max(MAX_FEEDBACK_ITEMS, `At most ${MAX_FEEDBACK_ITEMS} feedback items per call`),
});
export type TFeedbackRequest = z.infer<typeof ZFeedbackRequest>;
