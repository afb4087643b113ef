/**
 * When iron studies are due again after iron therapy was discussed. IV iron raises ferritin for
 * weeks; IRLSSG waits 6–12 weeks before rechecking [S2, NV]: the later end is used so a recheck is
 * never read too early.
 */
import type { SourceId } from './sources';

export const IRON_RECHECK_WEEKS = 12;
export const IRON_RECHECK_SOURCES: readonly SourceId[] = ['S2'];

/** The recheck date (YYYY-MM-DD) for iron therapy discussed and accepted on `acceptedOn` (YYYY-MM-DD). */
export function ironRecheckDue(acceptedOn: string): string {
  const d = new Date(`${acceptedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + IRON_RECHECK_WEEKS * 7);
  return d.toISOString().slice(0, 10);
}
