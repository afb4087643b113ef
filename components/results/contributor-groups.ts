import type { ContributorResult } from '@/lib/rules';

/** Reading order of the results: what needs attention first, the unremarkable last. */
const ORDER = ['flagged', 'indeterminate', 'not-assessed', 'not-flagged'];

export interface ContributorGroup {
  status: string;
  contributors: ContributorResult[];
}

/** Contributors grouped by status in reading order; a status the view does not know comes before "not flagged". */
export function groupContributors(contributors: readonly ContributorResult[]): ContributorGroup[] {
  const rank = (s: string) => (ORDER.includes(s) ? ORDER.indexOf(s) : ORDER.length - 1.5);
  const statuses = [...new Set(contributors.map((c) => c.status as string))].sort((a, b) => rank(a) - rank(b));
  return statuses.map((status) => ({ status, contributors: contributors.filter((c) => c.status === status) }));
}
