import type { ContributorStatus } from '@/lib/rules';

const TEXT: Record<ContributorStatus, string> = {
  flagged: 'Flagged',
  'not-flagged': 'Not flagged',
  'not-assessed': 'Not assessed',
  indeterminate: 'Indeterminate',
};

/** A status in words (never colour alone). */
export function StatusBadge({ status }: { status: ContributorStatus }) {
  return <span className={`badge badge-${status}`}>{statusText(status)}</span>;
}

/** The status in words; a status without a word here shows as its id. */
export function statusText(status: ContributorStatus | string): string {
  return Object.hasOwn(TEXT, status) ? TEXT[status as ContributorStatus] : status;
}
