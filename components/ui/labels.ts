/**
 * Words for the ids the rules engine returns (statuses, bands, analytes). Presentation only: the
 * decision and its texts stay the engine's; an id without a word here shows as itself, so a band or
 * status added to the engine is still displayed.
 */
import { ANALYTES, IRON_THERAPY_LABELS, type MedicationMatch } from '@/lib/rules';

const lookup = <T extends string>(map: Readonly<Record<string, string>>, id: T): string => (Object.hasOwn(map, id) ? map[id]! : id);

/** The iron-therapy band as the engine words it, or its id when the engine has no wording for it. */
export function ironBandText(band: string): string {
  return lookup(IRON_THERAPY_LABELS as Readonly<Record<string, string>>, band);
}

/** An analyte's label ("Transferrin saturation" for `tsat`), or the id when it is not a lab. */
export function analyteText(id: string): string {
  return Object.hasOwn(ANALYTES, id) ? ANALYTES[id as keyof typeof ANALYTES].label : id;
}

const MEDICATION_STATUS: Readonly<Record<string, string>> = {
  flagged: 'on the list',
  'not-flagged': 'not on the list',
  unrecognized: 'not recognised',
  ambiguous: 'several possible matches',
};

/** A medication line's status in words; a match that needs the clinician says so. */
export function medicationStatusText(m: Pick<MedicationMatch, 'status' | 'needsConfirmation'>): string {
  const words = lookup(MEDICATION_STATUS, m.status);
  return m.needsConfirmation ? `${words}, needs confirmation` : words;
}

/** What a line was matched to, without repeating an identity ("sertraline → sertraline"). */
export function medicationMatchText(m: Pick<MedicationMatch, 'matchedName' | 'generic'>): string {
  if (!m.matchedName) return m.generic ?? '—';
  if (!m.generic || m.matchedName.toLowerCase() === m.generic.toLowerCase()) return m.matchedName;
  return `${m.matchedName} → ${m.generic}`;
}

const INPUT_STATUS: Readonly<Record<string, string>> = {
  accepted: 'used',
  verify: 'used, outside the usual range',
  rejected: 'not used (outside the accepted range)',
};

export function inputStatusText(status: string): string {
  return lookup(INPUT_STATUS, status);
}

/**
 * Notices without repeats: identical lines once, and a line whose text after the label restates
 * the label ("Pregnancy status not recorded: pregnancy status not recorded: …") without the label.
 */
export function distinctNotices(notices: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of notices) {
    const colon = n.indexOf(': ');
    const head = colon > 0 ? n.slice(0, colon) : '';
    const rest = colon > 0 ? n.slice(colon + 2) : n;
    const text = head && rest.toLowerCase().startsWith(head.toLowerCase()) ? rest.charAt(0).toUpperCase() + rest.slice(1) : n;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

const OUTCOME: Readonly<Record<string, string>> = { met: 'met', 'not-met': 'not met', unknown: 'could not be decided' };

/** A rule or condition outcome in words. */
export function outcomeText(outcome: string): string {
  return lookup(OUTCOME, outcome);
}

/** The medication lines the engine flagged, each named once ("Benadryl → diphenhydramine, needs confirmation"). */
export function flaggedMedicationNames(medications: readonly MedicationMatch[]): string[] {
  return medications.filter((m) => m.status === 'flagged').map((m) => `${medicationMatchText(m)}${m.needsConfirmation ? ' (needs confirmation)' : ''}`);
}
