import type { Metadata } from 'next';
import { requireActor } from '@/lib/auth/actor';
import { KNOWLEDGE_BASE_VERSION, LIMITATIONS, RULE_CHANGES } from '@/lib/rules';
import { runVerification } from '@/lib/services/verification';

export const metadata: Metadata = { title: 'Rules and verification · RLS Workup' };

/** Every rule with its source, evidence grade and the clinical cases that cover it, evaluated now. */
export default async function RulesPage() {
  await requireActor();
  const report = runVerification();
  const passed = report.cases.filter((c) => c.passed).length;
  return (
    <>
      <h1>Rules and verification</h1>
      <p>
        Rules version {report.rulesVersion} ({report.rulesDate}), from the clinical knowledge base {KNOWLEDGE_BASE_VERSION}.{' '}
        <strong data-cases-passed={passed} data-cases-total={report.cases.length}>{passed} of {report.cases.length} clinical cases pass</strong>, evaluated by this running app just now.
      </p>
      <h2>Changes in rules {report.rulesVersion}</h2>
      <ul data-rule-changes>
        {RULE_CHANGES.filter((c) => c.version === report.rulesVersion).map((c) => <li key={c.text}><strong>{c.ruleIds.join(', ')}</strong>: {c.text}</li>)}
      </ul>
      <h2>Intended use and limitations</h2>
      <ul>{LIMITATIONS.map((l) => <li key={l}>{l}</li>)}</ul>
      <h2>Clinical cases</h2>
      <table>
        <thead><tr><th scope="col">Case</th><th scope="col">Result</th><th scope="col">Rules fired</th></tr></thead>
        <tbody>
          {report.cases.map((c) => (
            <tr key={c.id} data-case={c.id} data-passed={c.passed}>
              <td>{c.id} {c.title}</td>
              <td>{c.passed ? 'Pass' : `Fail: ${c.problems.join('; ')}`}</td>
              <td>{c.fired.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Rules</h2>
      <table className="rules-table">
        <thead><tr><th scope="col">Rule</th><th scope="col">Contributor</th><th scope="col">Evidence</th><th scope="col">Sources</th><th scope="col">Covered by</th></tr></thead>
        <tbody>
          {report.rules.map((r) => (
            <tr key={r.id} data-rule={r.id}>
              <td><strong>{r.id}</strong> {r.title}<div className="meta">{r.rationale}</div></td>
              <td>{r.contributor}</td>
              <td>{r.evidence} ({r.verification})</td>
              <td>{r.sources.map((s) => <div key={s.id}><a href={s.url} rel="noreferrer noopener" target="_blank">{s.id}: {s.citation} ({s.year})</a></div>)}</td>
              <td>{r.cases.length === 0 ? 'No clinical case yet (boundary unit tests only)' : r.cases.map((c) => `${c.id} ${c.passed ? 'pass' : 'FAIL'}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
