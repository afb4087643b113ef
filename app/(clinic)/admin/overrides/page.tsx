import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/actor';
import type { RuleOverrideRow } from '@/lib/report/override-rates';
import { reasonLabel } from '@/lib/schemas/review';
import { overrideRateReport } from '@/lib/services/override-rates';

export const metadata: Metadata = { title: 'Override rates · Admin · RLS Workup' };

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

/** Weekly override rate as bars (0–100 %); the table below carries the same numbers. */
function WeeklyChart({ row }: { row: RuleOverrideRow }) {
  const weeks = row.weeks.slice(-26);
  if (weeks.length === 0) return <span className="meta">no decisions yet</span>;
  const w = 8, h = 40;
  return (
    <svg role="img" width={weeks.length * (w + 2)} height={h} aria-label={`Weekly override rate of ${row.ruleId}: ${weeks.map((x) => `${x.week} ${pct(x.rate)}`).join(', ')}`}>
      {weeks.map((x, i) => {
        const bar = Math.max(1, Math.round((x.rate ?? 0) * h));
        return <rect key={x.week} x={i * (w + 2)} y={h - bar} width={w} height={bar} fill={x.rate !== null && x.rate >= 0.5 ? '#b3261e' : '#1f5f99'}><title>{`${x.week}: ${pct(x.rate)} (${x.overridden} of ${x.accepted + x.overridden})`}</title></rect>;
      })}
    </svg>
  );
}

export default async function OverrideRatesPage() {
  const actor = await requireAdmin();
  const rows = await overrideRateReport(actor);
  return (
    <>
      <h1>Override rates per rule</h1>
      <p className="meta">The last 365 days: what each rule raised, and how often clinicians accepted or overrode it, in the EHR (CDS Hooks feedback) and in RLS Workup (reviews). A high rate is a rule to look at, not a clinician to blame. <Link href="/admin">Back to Admin</Link></p>
      {rows.length === 0 ? <p>No cards returned and no reviews yet.</p> : (
        <table data-override-rows={rows.length}>
          <thead>
            <tr><th scope="col">Rule</th><th scope="col">Cards shown</th><th scope="col">Accepted</th><th scope="col">Overridden</th><th scope="col">Override rate</th><th scope="col">EHR / app</th><th scope="col">Reasons</th><th scope="col">Weekly rate</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.ruleId} data-rule={r.ruleId}>
                <th scope="row">{r.ruleId}</th>
                <td>{r.shown}</td>
                <td>{r.accepted}</td>
                <td>{r.overridden}</td>
                <td>{pct(r.rate)}</td>
                <td>{r.bySource.ehr.overridden}/{r.bySource.ehr.accepted + r.bySource.ehr.overridden} · {r.bySource.app.overridden}/{r.bySource.app.accepted + r.bySource.app.overridden}</td>
                <td>{r.reasons.map((x) => `${reasonLabel(x.reason) || x.reason} (${x.count})`).join('; ') || '—'}</td>
                <td><WeeklyChart row={r} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
