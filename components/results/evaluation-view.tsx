import type { ReactNode } from 'react';
import type { ContributorResult, Evaluation } from '@/lib/rules';
import { StatusBadge } from '@/components/ui/status-badge';

/** Renders the review control of one item, when the evaluation is a saved assessment. */
export type ReviewSlot = (targetType: 'contributor' | 'workup' | 'medication', targetId: string, label: string) => ReactNode;

const ORDER: Record<ContributorResult['status'], number> = { flagged: 0, indeterminate: 1, 'not-assessed': 2, 'not-flagged': 3 };

function ContributorCard({ c, review }: { c: ContributorResult; review: ReviewSlot | undefined }) {
  return (
    <article className={`card contributor status-${c.status}`} data-contributor={c.id} data-status={c.status} aria-labelledby={`c-${c.id}`}>
      <h3 id={`c-${c.id}`}>
        {c.label} <StatusBadge status={c.status} />
      </h3>
      <p className="summary">{c.summary}</p>
      {c.basis.length > 0 ? (
        <table className="basis">
          <caption className="visually-hidden">Basis for {c.label}</caption>
          <thead>
            <tr><th scope="col">Finding</th><th scope="col">As entered</th><th scope="col">Compared as</th><th scope="col">Threshold</th><th scope="col">Outcome</th></tr>
          </thead>
          <tbody>
            {c.basis.map((b) => (
              <tr key={`${b.analyte}-${b.threshold}`}>
                <td>{b.analyte}</td><td>{b.entered ?? 'missing'}</td><td>{b.canonical ?? '—'}</td><td>{b.threshold}</td><td>{b.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {c.notes.length > 0 ? <ul className="notes">{c.notes.map((n) => <li key={n}>{n}</li>)}</ul> : null}
      <p className="meta">
        Evidence grade {c.evidence}
        {c.ruleIds.length > 0 ? <> · rules {c.ruleIds.join(', ')}</> : null} · sources{' '}
        {c.sources.map((s, i) => (
          <span key={s.id}>
            {i > 0 ? '; ' : ''}
            <a href={s.url} rel="noreferrer noopener" target="_blank">{s.id}: {s.citation} ({s.year})</a>
          </span>
        ))}
      </p>
      {c.caveats.length > 0 ? (
        <details>
          <summary>Caveats ({c.caveats.length})</summary>
          <ul>{c.caveats.map((cv) => <li key={cv.id}>{cv.text}</li>)}</ul>
        </details>
      ) : null}
      {review && (c.status === 'flagged' || c.status === 'indeterminate') ? review('contributor', c.id, c.label) : null}
    </article>
  );
}

/** The saved (or live) evaluation: contributors with their basis, medications, inputs and the workup. */
export function EvaluationView({ evaluation, review }: { evaluation: Evaluation; review?: ReviewSlot }) {
  const contributors = [...evaluation.contributors].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return (
    <div className="evaluation">
      {evaluation.notices.length > 0 ? (
        <section aria-labelledby="notices-h" className="notices">
          <h2 id="notices-h">Read first</h2>
          <ul>{evaluation.notices.map((n) => <li key={n}>{n}</li>)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="contributors-h">
        <h2 id="contributors-h">Possible contributors</h2>
        {contributors.map((c) => <ContributorCard key={c.id} c={c} review={review} />)}
      </section>
      <section aria-labelledby="workup-h">
        <h2 id="workup-h">Suggested workup</h2>
        <ol className="workup">
          {evaluation.workup.map((w) => (
            <li key={w.id} data-workup={w.id}>
              <strong>{w.label}</strong> <span className="meta">(grade {w.evidence}; {w.ruleIds.join(', ')}{w.loinc.length > 0 ? `; LOINC ${w.loinc.join(', ')}` : ''})</span>
              <div className="reason">{w.reason}</div>
              {review ? review('workup', w.id, w.label) : null}
            </li>
          ))}
        </ol>
      </section>
      {evaluation.medications.length > 0 ? (
        <section aria-labelledby="meds-h">
          <h2 id="meds-h">Medications</h2>
          <table>
            <thead><tr><th scope="col">Entered</th><th scope="col">Status</th><th scope="col">Matched</th><th scope="col">Mechanism / evidence</th><th scope="col">Note</th></tr></thead>
            <tbody>
              {evaluation.medications.map((m, i) => (
                <tr key={`${i}-${m.input}`} data-medication-status={m.status}>
                  <td>{m.input}</td>
                  <td>{m.status}{m.needsConfirmation ? ' (please confirm)' : ''}</td>
                  <td>{m.matchedName ? `${m.matchedName} → ${m.generic ?? '?'}` : m.generic ?? '—'}</td>
                  <td>{m.mechanism ? `${m.mechanism}, grade ${m.evidence}` : '—'}</td>
                  <td>
                    {m.message}{m.alternative ? ` Alternative to consider: ${m.alternative}.` : ''}
                    {review && m.generic !== null && m.needsConfirmation ? review('medication', String(i), `${m.input} as ${m.matchedName ?? m.generic}`) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section aria-labelledby="inputs-h">
        <h2 id="inputs-h">Findings as entered</h2>
        {evaluation.inputs.length === 0 ? <p>No lab results were entered.</p> : (
          <table>
            <thead><tr><th scope="col">Lab</th><th scope="col">Entered</th><th scope="col">Canonical</th><th scope="col">Status</th><th scope="col">Message</th></tr></thead>
            <tbody>
              {evaluation.inputs.map((i) => (
                <tr key={i.analyte} data-input-status={i.status}>
                  <td>{i.label} <span className="meta">(LOINC {i.loinc})</span></td><td>{i.entered}</td><td>{i.canonical ?? '—'}</td><td>{i.status}</td><td>{i.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="meta">Rules version {evaluation.rulesVersion} ({evaluation.rulesDate}), assessed as of {evaluation.asOf ?? 'unknown date'}.</p>
    </div>
  );
}
