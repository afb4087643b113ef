'use client';
/**
 * Accept or dismiss (confirm or reject, for a medication match) one item of a saved assessment, with
 * a coded reason when overriding. Each decision is a new review record; the assessment never changes.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { REVIEW_REASONS, ZReviewFormSchema, type TReviewForm } from '@/lib/schemas/review';
import { useHydrated } from '@/components/ui/use-hydrated';

export type ReviewActionResult = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

export interface CurrentReview {
  decision: string;
  reason: string;
  comment: string | null;
  authorName: string;
  at: string;
}

export interface ReviewControlProps {
  targetType: TReviewForm['targetType'];
  targetId: string;
  /** What is being reviewed, for labels read by screen readers. */
  label: string;
  current: CurrentReview | null;
  action: (values: TReviewForm) => Promise<ReviewActionResult>;
}

const WORDS = {
  accepted: 'Accepted', dismissed: 'Dismissed', confirmed: 'Confirmed', rejected: 'Rejected',
} as const;

export function ReviewControl({ targetType, targetId, label, current, action }: ReviewControlProps) {
  const router = useRouter();
  const id = useId();
  const medication = targetType === 'medication';
  const [overriding, setOverriding] = useState(false);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const form = useForm<TReviewForm>({
    resolver: zodResolver(ZReviewFormSchema),
    defaultValues: { targetType, targetId, decision: medication ? 'rejected' : 'dismissed', reasonCode: '', comment: '' },
  });
  const { register, handleSubmit, setError, formState } = form;

  const send = (values: TReviewForm) =>
    new Promise<void>((resolve) => {
      startTransition(async () => {
        const result = await action(values);
        if (result.ok) {
          setOverriding(false);
          router.refresh();
        } else {
          for (const [path, messages] of Object.entries(result.fieldErrors)) setError(path as keyof TReviewForm, { message: messages.join('; ') });
          setError('root', { message: result.message });
        }
        resolve();
      });
    });

  const quick = () => send({ targetType, targetId, decision: medication ? 'confirmed' : 'accepted', reasonCode: '', comment: '' });

  return (
    <div className="review" data-review-target={`${targetType}:${targetId}`} data-review-decision={current?.decision ?? 'none'}>
      {current ? (
        <p className="review-current">
          <strong>{WORDS[current.decision as keyof typeof WORDS] ?? current.decision}</strong>
          {current.reason ? ` (${current.reason})` : ''}
          {current.comment ? `: “${current.comment}”` : ''} by {current.authorName}, {current.at}
        </p>
      ) : null}
      {!overriding ? (
        <div className="review-buttons">
          <button type="button" className="secondary" disabled={!hydrated || pending} onClick={quick} aria-label={`${medication ? 'Confirm' : 'Accept'}: ${label}`}>
            {medication ? 'Confirm' : 'Accept'}
          </button>
          <button type="button" className="secondary" disabled={!hydrated || pending} onClick={() => setOverriding(true)} aria-label={`${medication ? 'Reject' : 'Dismiss'}: ${label}`}>
            {medication ? 'Reject…' : 'Dismiss…'}
          </button>
        </div>
      ) : (
        <form onSubmit={handleSubmit(send)} className="review-form" aria-label={`${medication ? 'Reject' : 'Dismiss'}: ${label}`}>
          <input type="hidden" {...register('targetType')} />
          <input type="hidden" {...register('targetId')} />
          <input type="hidden" {...register('decision')} />
          <label htmlFor={`${id}-reason`}>Reason</label>
          <select id={`${id}-reason`} aria-describedby={`${id}-reason-error`} aria-invalid={formState.errors.reasonCode ? true : undefined} {...register('reasonCode')}>
            <option value="">Choose a reason</option>
            {REVIEW_REASONS.map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
          </select>
          <span id={`${id}-reason-error`} className="field-error" aria-live="polite">{formState.errors.reasonCode?.message ?? ''}</span>
          <label htmlFor={`${id}-comment`}>Comment</label>
          <textarea id={`${id}-comment`} rows={2} aria-describedby={`${id}-comment-error`} aria-invalid={formState.errors.comment ? true : undefined} {...register('comment')} />
          <span id={`${id}-comment-error`} className="field-error" aria-live="polite">{formState.errors.comment?.message ?? ''}</span>
          <span className="form-error" role="alert">{formState.errors.root?.message ?? ''}</span>
          <div className="review-buttons">
            <button type="submit" disabled={pending}>{medication ? 'Save rejection' : 'Save dismissal'}</button>
            <button type="button" className="secondary" onClick={() => setOverriding(false)}>Cancel</button>
          </div>
        </form>
      )}
    </div>
  );
}
