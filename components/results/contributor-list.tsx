import { IRON_THERAPY_LABELS, type ContributorResult } from '@/lib/rules';
import { StatusBadge } from '@/components/ui/status-badge';

/** Compact contributor list: status, summary and band. Used live on the intake form. */
export function ContributorList({ contributors }: { contributors: readonly ContributorResult[] }) {
  return (
    <ul className="contributor-list">
      {contributors.map((c) => (
        <li key={c.id} data-contributor={c.id} data-status={c.status}>
          <span className="contributor-name">{c.label}</span> <StatusBadge status={c.status} />
          {c.ironTherapy ? <span className="therapy"> — {IRON_THERAPY_LABELS[c.ironTherapy]}</span> : null}
          <div className="summary">{c.summary}</div>
        </li>
      ))}
    </ul>
  );
}
