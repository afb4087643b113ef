import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { flaggedMedicationNames, ironBandText } from '@/components/ui/labels';
import { requireActor } from '@/lib/auth/actor';
import { DRAW_INSTRUCTIONS } from '@/lib/rules';
import { reasonLabel } from '@/lib/schemas/review';
import { formatUtc, loadAssessmentView } from '@/lib/services/assessment-view';
import { displayName } from '@/lib/services/patients';
import { reviewKey } from '@/lib/services/reviews';

export const metadata: Metadata = { title: 'Workup checklist · RLS Workup' };

/** The one-page workup checklist: a Server Component with no client code of its own. */
export default async function PrintPage({ params }: { params: Promise<{ assessmentId: string }> }) {
  const { assessmentId } = await params;
  const view = await loadAssessmentView(await requireActor(), assessmentId, 'print');
  if (!view) notFound();
  const { assessment, patient } = view;
  const e = assessment.evaluation;
  const decision = (type: string, id: string) => view.inForce.get(reviewKey(type, id));
  const items = e.workup.filter((w) => decision('workup', w.id)?.decision !== 'dismissed');
  const dismissedItems = e.workup.filter((w) => decision('workup', w.id)?.decision === 'dismissed');
  const flags = e.contributors.filter((c) => c.status === 'flagged' && decision('contributor', c.id)?.decision !== 'dismissed');
  // Laboratory tests (those with LOINC codes) apart from the other tasks.
  const tests = items.filter((w) => w.loinc.length > 0);
  const tasks = items.filter((w) => w.loinc.length === 0);
  const ironBand = e.contributors.find((c) => c.ironTherapy)?.ironTherapy;
  const flaggedMeds = flaggedMedicationNames(e.medications);
  return (
    <article className="checklist">
      <header>
        <h1>RLS workup checklist</h1>
        <p>
          <strong>{displayName(patient)}</strong> · MRN {patient.mrn} · born {patient.birthDate} · {patient.sex}
          <br />
          Assessment of {assessment.asOf} · clinician {assessment.authorName} · printed from the record saved {formatUtc(assessment.createdAt)} · rules {assessment.rulesVersion}
        </p>
      </header>
      {(
        [
          ['tests', 'Suggested tests', tests],
          ['tasks', 'Other suggested workup', tasks],
        ] as const
      ).map(([key, title, list]) => (list.length > 0 ? (
        <section key={key} aria-labelledby={`${key}-h`} data-checklist={key}>
          <h2 id={`${key}-h`}>{title}</h2>
          <ul className="checkboxes">
            {list.map((w) => {
              const r = decision('workup', w.id);
              return (
                <li key={w.id} data-workup={w.id}>
                  <span aria-hidden="true" className="box">☐</span> {w.orderName ?? w.label}
                  {w.loinc.length > 0 ? <span className="loinc"> (LOINC {w.loinc.join(', ')})</span> : null}
                  {w.id === 'iron-therapy-discussion' && ironBand ? <span data-band={ironBand}> — iron therapy band: {ironBandText(ironBand)}</span> : null}
                  {r?.decision === 'accepted' ? <span className="accepted"> ✓ accepted</span> : <span className="pending"> (not yet reviewed)</span>}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null))}
      {items.length === 0 ? <p>No workup suggested.</p> : null}
      {dismissedItems.length > 0 ? (
        <p className="small">Dismissed: {dismissedItems.map((w) => `${w.label} (${reasonLabel(decision('workup', w.id)?.reasonCode ?? null)})`).join('; ')}</p>
      ) : null}
      <section aria-labelledby="flags-h">
        <h2 id="flags-h">Possible contributors flagged</h2>
        {flags.length === 0 ? <p>None flagged.</p> : (
          <ul>
            {flags.map((c) => (
              <li key={c.id} data-contributor={c.id}>
                <strong>{c.label}</strong> (grade {c.evidence}; {c.ruleIds.join(', ')}): {c.summary}.{' '}
                {c.ironTherapy ? <>Iron therapy band: {ironBandText(c.ironTherapy)}. </> : null}
                {c.id === 'medication' && flaggedMeds.length > 0 ? <>Flagged medications: {flaggedMeds.join('; ')}. </> : null}
                <span className="small">Sources: {c.sources.map((s) => `${s.id} ${s.citation.split('.')[0]} (${s.year})`).join('; ')}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="patient-h" className="patient-instructions">
        <h2 id="patient-h">For the patient: before your blood test</h2>
        <ul>{DRAW_INSTRUCTIONS.map((t) => <li key={t}>{t}</li>)}</ul>
      </section>
      <footer className="small">
        RLS Workup is decision support for clinicians: possible contributors and suggested workup to review, not a diagnosis or an order.
      </footer>
    </article>
  );
}
