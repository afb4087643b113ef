import type { ReactNode } from 'react';
import type { ContributorResult, Evaluation, MedicationMatch } from '@/lib/rules';
import { StatusBadge, statusText } from '@/components/ui/status-badge';
import { analyteText, distinctNotices, inputStatusText, medicationMatchText, medicationStatusText, outcomeText } from '@/components/ui/labels';
import { groupContributors } from './contributor-groups';
import { FlaggedMedications, IronBand } from './contributor-list';

/** Renders the review control of one item, when the evaluation is a saved assessment. */
export type ReviewSlot = (targetType: 'contributor' | 'workup' | 'medication', targetId: string, label: string) => ReactNode;

/** Identical basis rows once (a value compared by several rules is one line to read). */
function distinctBasis(basis: ContributorResult['basis']) {
  const seen = new Set<string>();
  return basis.filter((b) => {
    const key = `${b.analyte}|${b.entered}|${b.canonical}|${b.threshold}|${b.outcome}|${b.stale ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function ContributorCard({ c, medications, review }: { c: ContributorResult; medications: readonly MedicationMatch[]; review: ReviewSlot | undefined }) {
  const basis = distinctBasis(c.basis);
  return (
    <article className={`card contributor status-${c.status}`} data-contributor={c.id} data-status={c.status} aria-labelledby={`c-${c.id}`}>
      <h4 id={`c-${c.id}`}>
        {c.label} <StatusBadge status={c.status} />
      </h4>
      <IronBand band={c.ironTherapy} />
      <FlaggedMedications contributor={c} medications={medications} />
      <p className="summary">{c.summary}</p>
      {c.notes.length > 0 ? <ul className="notes">{c.notes.map((n) => <li key={n}>{n}</li>)}</ul> : null}
      <details className="basis-details">
        <summary>Basis, rules and sources<span className="visually-hidden">: {c.label}</span>{c.caveats.length > 0 ? ` · caveats (${c.caveats.length})` : ''}</summary>
        {basis.length > 0 ? (
          <table className="basis">
            <caption className="visually-hidden">Basis for {c.label}</caption>
            <thead>
              <tr><th scope="col">Finding</th><th scope="col">As entered</th><th scope="col">Compared as</th><th scope="col">Threshold</th><th scope="col">Outcome</th></tr>
            </thead>
            <tbody>
              {basis.map((b, i) => (
                <tr key={`${b.analyte}-${b.threshold}-${i}`}>
                  <td>{analyteText(b.analyte)}</td><td>{b.entered ?? 'missing'}{b.stale ? <span className="stale-note"> (stale: {b.stale})</span> : null}</td><td>{b.canonical ?? '—'}</td><td>{b.threshold}</td><td>{outcomeText(b.outcome)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {c.trace.length > 0 ? (
          <ul className="trace" aria-label={`Rules evaluated for ${c.label}`}>
            {c.trace.map((t) => <li key={t.ruleId} data-rule-outcome={t.outcome}><strong>{t.ruleId}</strong> {t.title}: {outcomeText(t.outcome)}</li>)}
          </ul>
        ) : null}
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
          <>
            <h5>Caveats</h5>
            <ul>{c.caveats.map((cv) => <li key={cv.id}>{cv.text}</li>)}</ul>
          </>
        ) : null}
      </details>
      {review && (c.status === 'flagged' || c.status === 'indeterminate') ? review('contributor', c.id, c.label) : null}
    </article>
  );
}

/**
 * The saved (or re-run) evaluation, read in seconds: contributors grouped (flagged first, each with
 * its basis one click away; not flagged collapsed), then medications, the workup and the inputs.
 */
export function EvaluationView({ evaluation, review }: { evaluation: Evaluation; review?: ReviewSlot }) {
  const notices = distinctNotices(evaluation.notices);
  const ironBand = evaluation.contributors.find((c) => c.ironTherapy)?.ironTherapy;
  return (
    <div className="evaluation">
      <section aria-labelledby="contributors-h">
        <h2 id="contributors-h">Possible contributors</h2>
        {groupContributors(evaluation.contributors).map((g) => {
          const title = `${statusText(g.status)} (${g.contributors.length})`;
          const cards = g.contributors.map((c) => <ContributorCard key={c.id} c={c} medications={evaluation.medications} review={review} />);
          return g.status === 'not-flagged' ? (
            <details key={g.status} className="group" data-group={g.status}><summary><h3 className="group-title">{title}</h3></summary>{cards}</details>
          ) : (
            <section key={g.status} className="group" data-group={g.status} aria-labelledby={`group-${g.status}`}>
              <h3 id={`group-${g.status}`} className="group-title">{title}</h3>
              {cards}
            </section>
          );
        })}
      </section>
      {notices.length > 0 ? (
        <section aria-labelledby="notices-h" className="notices">
          <h2 id="notices-h">Assumptions and scope</h2>
          <ul>{notices.map((n) => <li key={n}>{n}</li>)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="workup-h">
        <h2 id="workup-h">Suggested workup</h2>
        <ol className="workup">
          {evaluation.workup.map((w) => (
            <li key={w.id} data-workup={w.id}>
              <strong>{w.label}</strong> <span className="meta">(grade {w.evidence}; {w.ruleIds.join(', ')}{w.loinc.length > 0 ? `; LOINC ${w.loinc.join(', ')}` : ''})</span>
              {w.id === 'iron-therapy-discussion' ? <IronBand band={ironBand} /> : null}
              <div className="reason">{w.reason}</div>
              {review ? review('workup', w.id, w.label) : null}
            </li>
          ))}
        </ol>
      </section>
      {evaluation.medications.length > 0 ? (
        <section aria-labelledby="meds-h">
          <h2 id="meds-h">Medications</h2>
          <table className="stack">
            <thead><tr><th scope="col">Entered</th><th scope="col">Status</th><th scope="col">Matched</th><th scope="col">Mechanism / evidence</th><th scope="col">Note</th></tr></thead>
            <tbody>
              {evaluation.medications.map((m, i) => (
                <tr key={`${i}-${m.input}`} data-medication-status={m.status}>
                  <td>{m.input}</td>
                  <td>{medicationStatusText(m)}</td>
                  <td>{medicationMatchText(m)}</td>
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
          <table className="stack">
            <thead><tr><th scope="col">Lab</th><th scope="col">Entered</th><th scope="col">Canonical</th><th scope="col">Status</th><th scope="col">Message</th></tr></thead>
            <tbody>
              {evaluation.inputs.map((i) => (
                <tr key={i.analyte} data-input-status={i.status}>
                  <td>{i.label} <span className="meta">(LOINC {i.loinc})</span></td><td>{i.entered}</td><td>{i.canonical ?? '—'}</td><td>{inputStatusText(i.status)}</td><td>{i.message ?? ''}</td>
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
