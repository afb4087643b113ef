import type { ContributorResult, MedicationMatch } from '@/lib/rules';
import { StatusBadge, statusText } from '@/components/ui/status-badge';
import { flaggedMedicationNames, ironBandText } from '@/components/ui/labels';
import { groupContributors } from './contributor-groups';

/** The iron-therapy band of a flagged contributor, on its own labelled line. */
export function IronBand({ band }: { band: string | undefined }) {
  if (!band) return null;
  return <div className="band" data-band={band}><span className="band-label">Iron therapy band:</span> {ironBandText(band)}</div>;
}

/** The drugs behind the medication contributor, by name. */
export function FlaggedMedications({ contributor, medications }: { contributor: ContributorResult; medications: readonly MedicationMatch[] }) {
  const names = contributor.id === 'medication' && contributor.status !== 'not-assessed' ? flaggedMedicationNames(medications) : [];
  if (names.length === 0) return null;
  return <div className="flagged-meds"><span className="band-label">Flagged medications:</span> {names.join('; ')}</div>;
}

function Item({ c, medications }: { c: ContributorResult; medications: readonly MedicationMatch[] }) {
  return (
    <li data-contributor={c.id} data-status={c.status}>
      <span className="contributor-name">{c.label}</span> <StatusBadge status={c.status} />
      <IronBand band={c.ironTherapy} />
      <FlaggedMedications contributor={c} medications={medications} />
      <div className="summary">{c.summary}</div>
    </li>
  );
}

/**
 * Compact contributor list (live on the intake form), in the reading order of the results page:
 * flagged, indeterminate, not assessed, then not flagged collapsed.
 */
export function ContributorList({ contributors, medications = [] }: { contributors: readonly ContributorResult[]; medications?: readonly MedicationMatch[] }) {
  return (
    <div className="contributor-groups">
      {groupContributors(contributors).map((g) => {
        const title = `${statusText(g.status)} (${g.contributors.length})`;
        const list = <ul className="contributor-list">{g.contributors.map((c) => <Item key={c.id} c={c} medications={medications} />)}</ul>;
        return g.status === 'not-flagged' ? (
          <details key={g.status} className="group" data-group={g.status}><summary><h3>{title}</h3></summary>{list}</details>
        ) : (
          <section key={g.status} className="group" data-group={g.status}><h3>{title}</h3>{list}</section>
        );
      })}
    </div>
  );
}
