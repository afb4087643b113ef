/**
 * Medication-line normalisation (docs/CLINICAL.md §2 "Name matching", step 1): lower-case, then drop
 * dose, route, frequency and release-suffix tokens and punctuation. Dictionary names go through the
 * same function, so an input and the name it spells always meet on the same key.
 *
 * Only whole tokens are dropped, never substrings: "Unisom SleepTabs" keeps "sleeptabs", and "PM"
 * is deliberately kept because it is part of product names (Tylenol PM must not become Tylenol).
 */

/**
 * Units that may follow a number ("10 mg", "0.5 mg/mL", "25mcg"); dropped as standalone tokens too.
 * Not "l": it would turn "L-dopa" into "dopa".
 */
const UNITS = [
  'mg', 'mcg', 'ug', 'g', 'gm', 'gram', 'grams', 'kg', 'ml', 'iu', 'unit', 'units', 'u', 'meq', 'mmol',
  'mgs', 'mcgs', 'h', 'hr', 'hrs', 'hour', 'hours', 'd', 'x',
] as const;

const ROUTES_AND_FORMS = [
  'po', 'iv', 'im', 'sc', 'sq', 'subq', 'subcut', 'sl', 'pr', 'ivp', 'ivpb', 'top', 'topical', 'patch', 'patches',
  'transdermal', 'td', 'oral', 'orally', 'mouth', 'inj', 'injection', 'injectable', 'infusion', 'nasal', 'inh',
  'inhaled', 'tab', 'tabs', 'tablet', 'tablets', 'cap', 'caps', 'capsule', 'capsules', 'pill', 'pills',
  'softgel', 'softgels', 'liquid', 'syrup', 'solution', 'soln', 'susp', 'suspension', 'elixir', 'drops',
  'suppository', 'supp', 'film', 'dose', 'doses',
] as const;

const FREQUENCIES = [
  'qd', 'od', 'bid', 'bd', 'tid', 'tds', 'qid', 'qds', 'qhs', 'hs', 'qam', 'qpm', 'qod', 'qn', 'qw', 'prn',
  'stat', 'daily', 'nightly', 'weekly', 'monthly', 'once', 'twice', 'thrice', 'times', 'bedtime', 'needed',
  'required', 'every', 'each', 'per', 'day', 'days', 'night', 'nights', 'week', 'weeks', 'morning', 'evening',
  'at', 'as', 'by', 'a', 'an', 'in', 'the', 'and', 'or', 'with', 'w',
] as const;

// "sr"/"cr"/"la" are only ever suffixes here; no dictionary name contains them as a word.
const RELEASE_SUFFIXES = [
  'xr', 'er', 'sr', 'cr', 'xl', 'la', 'dr', 'ir', 'cd', 'ec', 'mr', 'xrt', 'odt', 'soltab', 'zydis', 'retard', 'depot',
] as const;

const DROP = new Set<string>([...UNITS, ...ROUTES_AND_FORMS, ...FREQUENCIES, ...RELEASE_SUFFIXES]);

// A token that is (or starts as) a quantity: "10", "10mg", "0", "25mcg", "2x", "x2", "q4h", "q6", "6h", "1st".
const QUANTITY = /^(?:\d[\da-z]*|x\d+|q\d+[a-z]*)$/;

/** One kept token: `norm` is the matching form, `raw` the text the clinician typed (for messages). */
export interface MedicationToken {
  readonly norm: string;
  readonly raw: string;
}

/**
 * Split a line into kept tokens, dropping dose, route, frequency and release-suffix tokens.
 * Never throws; returns [] for empty or non-string input.
 */
export function tokenizeMedicationLine(line: string): MedicationToken[] {
  if (typeof line !== 'string') return [];
  const kept: MedicationToken[] = [];
  // Split the original text first so each kept token can be quoted back as typed.
  for (const raw of line.split(/[^\p{L}\p{N}]+/u)) {
    if (raw === '') continue;
    const folded = raw
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '') // "é" → "e"
      .toLowerCase();
    for (const norm of folded.split(/[^a-z0-9]+/)) {
      if (norm === '' || DROP.has(norm) || QUANTITY.test(norm)) continue;
      kept.push({ norm, raw });
    }
  }
  return kept;
}

/**
 * Normalise one medication line to space-separated lower-case tokens
 * (e.g. "Seroquel XR 50 mg PO qhs" → "seroquel"). Never throws; '' for empty input.
 */
export function normalizeMedicationName(line: string): string {
  return tokenizeMedicationLine(line)
    .map((t) => t.norm)
    .join(' ');
}
