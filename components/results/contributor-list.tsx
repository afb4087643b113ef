import type { ContributorResult } from '@/lib/rules';
import { StatusBadge } from '@/components/ui/status-badge';

const THERAPY: Record<NonNullable<ContributorResult['ironTherapy']>, string> = {
  'oral-or-iv': 'oral or IV iron are options',
  'iv-only': 'IV iron only in this band',
  'iv-iron-sucrose': 'IV iron sucrose (dialysis)',
  suppressed: 'iron not advised: TSAT ≥ 45%',
};

/** Compact contributor list: status, summary and band. Used live on the intake form. */
export function ContributorList({ contributors }: { contributors: readonly ContributorResult[] }) {
  return (
    <ul className="contributor-list">
      {contributors.map((c) => (
        <li key={c.id} data-contributor={c.id} data-status={c.status}>
          <span className="contributor-name">{c.label}</span> <StatusBadge status={c.status} />
          {c.ironTherapy ? <span className="therapy"> — {THERAPY[c.ironTherapy]}</span> : null}
          <div className="summary">{c.summary}</div>
        </li>
      ))}
    </ul>
  );
}
