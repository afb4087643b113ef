import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ironBandText } from '@/components/ui/labels';
import { StatusBadge } from '@/components/ui/status-badge';
import { requireActor } from '@/lib/auth/actor';
import { RULES_VERSION, compareEvaluations, evaluateFindings } from '@/lib/rules';
import { getAssessment } from '@/lib/services/assessments';

export const metadata: Metadata = { title: 'Re-run under current rules · RLS Workup' };

/** What the current rules would say about a saved input. Nothing is saved or changed. */
export default async function RerunPage({ params }: { params: Promise<{ assessmentId: string }> }) {
  const { assessmentId } = await params;
  const assessment = await getAssessment(await requireActor(), assessmentId, 'rerun');
  if (!assessment) notFound();
  const current = evaluateFindings(assessment.input, { asOf: assessment.asOf });
  const diff = compareEvaluations(assessment.evaluation, current);
  return (
    <>
      <h1>Re-run under current rules</h1>
      <p>
        Saved under rules {diff.fromVersion}; current rules {RULES_VERSION}. The saved assessment is not changed:
        to act on a difference, <Link href={`/patients/${assessment.patientId}/assessments/new?corrects=${assessment.id}`}>correct the assessment</Link>.
      </p>
      <p><Link href={`/assessments/${assessment.id}`}>Back to the saved assessment</Link></p>
      {diff.unchanged ? (
        <p data-rerun="unchanged">The current rules give the same statuses, wording and workup items.</p>
      ) : (
        <div data-rerun="changed">
          <h2>Contributors</h2>
          {diff.statusChanges.length === 0 ? <p>No change.</p> : (
            <table>
              <thead><tr><th scope="col">Contributor</th><th scope="col">Saved (rules {diff.fromVersion})</th><th scope="col">Current rules ({diff.toVersion})</th><th scope="col">Why</th></tr></thead>
              <tbody>
                {diff.statusChanges.map((c) => (
                  <tr key={c.id} data-contributor={c.id}>
                    <th scope="row">{c.label}{c.wordingOnly ? <div className="meta">same status and band; wording or rules changed</div> : null}</th>
                    <td>
                      {c.from === 'absent' ? 'not in the saved rules' : <StatusBadge status={c.from} />}{c.fromTherapy ? ` (${ironBandText(c.fromTherapy)})` : ''}
                      {c.fromSummary ? <p className="meta">{c.fromSummary}</p> : null}
                    </td>
                    <td>
                      <StatusBadge status={c.to} />{c.toTherapy ? ` (${ironBandText(c.toTherapy)})` : ''}
                      <p className="meta">{c.toSummary}</p>
                    </td>
                    <td>
                      <ul>{c.why.map((w) => <li key={w.text}>{w.version} ({w.ruleIds.join(', ')}): {w.text}</li>)}</ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Workup items</h2>
          <ul>
            {diff.workupAdded.map((w) => <li key={`+${w.id}`} data-workup-added={w.id}>Added: {w.label} <span className="meta">({w.reason}{w.why.length > 0 ? `; ${w.why.map((x) => `${x.version}: ${x.text}`).join(' ')}` : ''})</span></li>)}
            {diff.workupRemoved.map((w) => <li key={`-${w.id}`} data-workup-removed={w.id}>No longer suggested: {w.label}{w.why.length > 0 ? <span className="meta"> ({w.why.map((x) => `${x.version}: ${x.text}`).join(' ')})</span> : null}</li>)}
            {diff.workupAdded.length + diff.workupRemoved.length === 0 ? <li>No change.</li> : null}
          </ul>
        </div>
      )}
    </>
  );
}
