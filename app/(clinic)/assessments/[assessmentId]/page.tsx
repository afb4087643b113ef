import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EvaluationView, type ReviewSlot } from '@/components/results/evaluation-view';
import { ReviewControl } from '@/components/review/review-control';
import { CopyButton } from '@/components/ui/copy-button';
import { requireActor } from '@/lib/auth/actor';
import { reasonLabel } from '@/lib/schemas/review';
import { formatUtc, loadAssessmentView } from '@/lib/services/assessment-view';
import { displayName } from '@/lib/services/patients';
import { reviewKey } from '@/lib/services/reviews';
import { reviewAction } from './actions';

export const metadata: Metadata = { title: 'Assessment · RLS Workup' };

export default async function AssessmentPage({ params }: { params: Promise<{ assessmentId: string }> }) {
  const { assessmentId } = await params;
  const view = await loadAssessmentView(await requireActor(), assessmentId);
  if (!view) notFound();
  const { assessment, patient, correctedBy, intact, note } = view;
  const action = reviewAction.bind(null, assessment.id);
  const review: ReviewSlot = (targetType, targetId, label) => {
    const r = view.inForce.get(reviewKey(targetType, targetId));
    return (
      <ReviewControl
        targetType={targetType}
        targetId={targetId}
        label={label}
        current={r ? { decision: r.decision, reason: reasonLabel(r.reasonCode), comment: r.comment, authorName: r.authorName, at: formatUtc(r.createdAt) } : null}
        action={action}
      />
    );
  };
  return (
    <>
      <h1>Assessment: {displayName(patient)}</h1>
      <p className="meta">
        Assessed as of {assessment.asOf}; saved {formatUtc(assessment.createdAt)} by {assessment.authorName} · rules {assessment.rulesVersion} ·{' '}
        <span data-integrity={intact ? 'intact' : 'mismatch'}>{intact ? 'digest verified' : 'DIGEST MISMATCH: this record was altered outside the app'}</span>
      </p>
      {correctedBy ? (
        <p className="notices" data-superseded>
          This assessment was corrected on {formatUtc(correctedBy.createdAt)}: <Link href={`/assessments/${correctedBy.id}`}>see the current version</Link>. It stays readable as it was saved.
        </p>
      ) : null}
      {assessment.supersedesId ? (
        <p className="meta">This is a correction of <Link href={`/assessments/${assessment.supersedesId}`}>an earlier assessment</Link>, which stays readable.</p>
      ) : null}
      <nav aria-label="Assessment actions" className="actions">
        <Link href={`/patients/${patient.id}`}>Back to {displayName(patient)}</Link>
        <Link href={`/assessments/${assessment.id}/print`}>Print checklist</Link>
        <a href={`/api/assessments/${assessment.id}/pdf`}>Download PDF</a>
        {!correctedBy ? <Link href={`/patients/${patient.id}/assessments/new?corrects=${assessment.id}`}>Correct this assessment</Link> : null}
        <Link href={`/assessments/${assessment.id}/rerun`}>Re-run under current rules</Link>
      </nav>
      <EvaluationView evaluation={assessment.evaluation} review={review} />
      <section aria-labelledby="note-h">
        <h2 id="note-h">Copy to note</h2>
        <CopyButton text={note} label="Copy summary to clipboard" />
        <details>
          <summary>Show the plain-text summary</summary>
          <pre className="note" tabIndex={0} aria-label="Plain-text summary">{note}</pre>
        </details>
      </section>
      {view.reviews.length > 0 ? (
        <section aria-labelledby="reviews-h">
          <h2 id="reviews-h">Review history</h2>
          <ol className="review-history">
            {view.reviews.map((r) => (
              <li key={r.id}>{formatUtc(r.createdAt)} — {r.authorName}: {r.decision} {r.targetType} {r.targetId}{r.reasonCode ? ` (${reasonLabel(r.reasonCode)})` : ''}{r.comment ? `: “${r.comment}”` : ''}</li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
