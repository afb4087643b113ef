import type { ContributorStatus } from '@/lib/rules';

const TEXT: Record<ContributorStatus, string> = {
  flagged: 'Flagged',
  'not-flagged': 'Not flagged',
  'not-assessed': 'Not assessed',
  indeterminate: 'Indeterminate',
};

/** A status in words (never colour alone). */
export function StatusBadge({ status }: { status: ContributorStatus }) {
  return <span className={`badge badge-${status}`}>{TEXT[status]}</span>;
}

export function statusText(status: ContributorStatus): string {
  return TEXT[status];
}
