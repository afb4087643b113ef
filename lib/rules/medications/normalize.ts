/**
 * Medication-line normalisation (docs/CLINICAL.md §2 "Name matching", step 1): lower-case, then drop
 * dose, route, frequency and release-suffix tokens and punctuation. Dictionary names go through the
 * same function, so an input and the name it spells always meet on the same key.
 *
 * Only whole tokens are dropped, never substrings: "Unisom SleepTabs" keeps "sleeptabs", and "PM"
 * is deliberately kept because it is part of product names (step 7: Tylenol PM must not become
 * Tylenol), unless it is a clock time ("9 PM", "8:30 pm", "every PM").
 * Two spellings are mended first: dotted abbreviations ("P.M." → "PM", "q.h.s." → "qhs") and a dose
 * glued to the name ("Zoloft100mg" → "Zoloft", "traZODone50" → "traZODone").
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
  // Latin sigs used in the UK and Australia ("nocte", "mane", "ac", "pc"); "on" = omni nocte or English.
  'nocte', 'mane', 'om', 'on', 'ac', 'pc',
] as const;

// "sr"/"cr"/"la" are only ever suffixes here; no dictionary name contains them as a word.
const RELEASE_SUFFIXES = [
  'xr', 'er', 'sr', 'cr', 'xl', 'la', 'dr', 'ir', 'cd', 'ec', 'mr', 'xrt', 'odt', 'soltab', 'zydis', 'retard', 'depot',
  'solutab', 'fastab', 'fastabs',
] as const;

// "Prilosec OTC" is Prilosec.
const MARKET = ['otc'] as const;

const DROP = new Set<string>([...UNITS, ...ROUTES_AND_FORMS, ...FREQUENCIES, ...RELEASE_SUFFIXES, ...MARKET]);

/** Words after which "pm" is a time of day, not a product suffix ("every PM", "in the PM"). */
const TIME_WORDS = new Set<string>(['every', 'each', 'at', 'in', 'the', 'q', 'by', 'before', 'after', 'until', 'per']);

/** Letters a name must have before a glued dose is split off ("b12", "d3" and "coq10" stay whole). */
const MIN_GLUED_NAME = 4;

/** One kept token: `norm` is the matching form, `raw` the text the clinician typed (for messages). */
export interface MedicationToken {
  readonly norm: string;
  readonly raw: string;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Lower-case ASCII letter or digit (the only characters a kept token is made of). */
function isLowerAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || isDigit(c);
}

/**
 * A token that is (or starts as) a quantity: "10", "10mg", "0", "25mcg", "2x", "x2", "q4h", "q6", "6h", "1st".
 * Same test as /^(?:\d[\da-z]*|x\d+|q\d+[a-z]*)$/ for a token made only of [a-z0-9], written out
 * because it runs on every token of every line.
 */
function isQuantity(s: string): boolean {
  const c0 = s.charCodeAt(0);
  if (isDigit(c0)) return true; // \d[\da-z]*
  if (c0 !== 120 && c0 !== 113) return false;
  let i = 1;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  if (i === 1) return false; // "x" / "q" must be followed by at least one digit
  if (c0 === 120) return i === s.length; // x\d+
  while (i < s.length && !isDigit(s.charCodeAt(i))) i++; // q\d+[a-z]*
  return i === s.length;
}

/**
 * Length of the name in a name with a glued dose ("zoloft100mg" → 6, "lexapro10" → 7), else 0.
 * The name is letters only, at least MIN_GLUED_NAME of them, and what follows starts with a digit.
 */
function gluedNameLength(s: string): number {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 97 || c > 122) break;
    i++;
  }
  return i >= MIN_GLUED_NAME && i < s.length && isDigit(s.charCodeAt(i)) ? i : 0;
}

/** Per-line state: the previous word (kept or dropped), which can make a following "pm" a time of day. */
interface LineState {
  prev: string;
  prevAfterColon: boolean;
}

/** A clock hour ("9" in "9 PM") or minutes after a colon ("30" in "8:30 PM"). */
function isClockNumber(norm: string, afterColon: boolean): boolean {
  for (let i = 0; i < norm.length; i++) if (!isDigit(norm.charCodeAt(i))) return false;
  return afterColon || (norm.length <= 2 && Number(norm) <= 12);
}

/**
 * Keeps one [a-z0-9]+ word unless it is a dose, route, frequency, release-suffix or quantity token or a
 * clock "pm"; a dose glued to a name is split off first.
 */
function keep(
  kept: MedicationToken[],
  norm: string,
  raw: string,
  state: LineState,
  afterColon: boolean,
  hasDigit: boolean,
): void {
  const prev = state.prev;
  const prevAfterColon = state.prevAfterColon;
  state.prev = norm;
  state.prevAfterColon = afterColon;
  if (DROP.has(norm) || isQuantity(norm)) return;
  if (norm === 'pm' && prev !== '' && (TIME_WORDS.has(prev) || isClockNumber(prev, prevAfterColon))) return;
  const glued = hasDigit ? gluedNameLength(norm) : 0;
  if (glued > 0) {
    const name = norm.slice(0, glued);
    if (DROP.has(name)) return;
    kept.push({ norm: name, raw: raw.length === norm.length ? raw.slice(0, glued) : raw });
    return;
  }
  kept.push({ norm, raw });
}

/** "P.M." / "P.M" → "PM", "q.h.s." → "qhs": single letters joined by dots, on a word boundary. */
const DOTTED = /(^|[^A-Za-z0-9])((?:[A-Za-z]\.){2,}|(?:[A-Za-z]\.)+[A-Za-z](?![A-Za-z0-9]))/g;

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function undot(line: string): string {
  // Cheap pre-check (decimals such as "0.25" are common): a letter, a dot, then a letter.
  let dotted = false;
  for (let i = line.indexOf('.'); i >= 0 && i < line.length - 1; i = line.indexOf('.', i + 1)) {
    if (i > 0 && isAsciiLetter(line.charCodeAt(i - 1)) && isAsciiLetter(line.charCodeAt(i + 1))) {
      dotted = true;
      break;
    }
  }
  if (!dotted) return line;
  return line.replace(DOTTED, (_m, pre: string, abbr: string) => pre + abbr.replace(/\./g, ''));
}

/** General path (any Unicode): the definition the ASCII fast path below must agree with. */
function tokenizeUnicode(line: string): MedicationToken[] {
  const kept: MedicationToken[] = [];
  const state: LineState = { prev: '', prevAfterColon: false };
  // Split the original text first so each kept token can be quoted back as typed.
  const words = line.split(/([^\p{L}\p{N}]+)/u);
  for (let w = 0; w < words.length; w += 2) {
    const raw = words[w]!;
    if (raw === '') continue;
    const afterColon = w > 0 && words[w - 1]!.endsWith(':');
    const folded = raw
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '') // "é" → "e"
      .toLowerCase();
    for (const norm of folded.split(/[^a-z0-9]+/)) {
      if (norm === '') continue;
      keep(kept, norm, raw, state, afterColon, /\d/.test(norm));
    }
  }
  return kept;
}

/**
 * Split a line into kept tokens, dropping dose, route, frequency and release-suffix tokens.
 * Never throws; returns [] for empty or non-string input.
 *
 * Single pass for ASCII lines (nearly all of them): for ASCII, the Unicode split on non-letters and
 * non-digits is a split on non-[A-Za-z0-9], NFKD and accent removal change nothing, and lower-casing
 * is the ASCII one, so each word is its own single token. Any non-ASCII character sends the whole
 * line down the general path.
 */
export function tokenizeMedicationLine(input: string): MedicationToken[] {
  if (typeof input !== 'string') return [];
  const line = undot(input);
  const kept: MedicationToken[] = [];
  const state: LineState = { prev: '', prevAfterColon: false };
  const n = line.length;
  let start = -1; // start of the current word, -1 between words
  let upper = false; // current word has an upper-case letter
  let digit = false; // current word has a digit
  for (let i = 0; i <= n; i++) {
    const c = i < n ? line.charCodeAt(i) : 32;
    if (c >= 128) return tokenizeUnicode(line);
    if (isLowerAlnum(c)) {
      if (start < 0) {
        start = i;
        upper = false;
        digit = false;
      }
      if (c <= 57) digit = true;
    } else if (c >= 65 && c <= 90) {
      if (start < 0) {
        start = i;
        digit = false;
      }
      upper = true;
    } else if (start >= 0) {
      const raw = line.slice(start, i);
      keep(kept, upper ? raw.toLowerCase() : raw, raw, state, start > 0 && line.charCodeAt(start - 1) === 58, digit);
      start = -1;
    }
  }
  return kept;
}

/**
 * Normalise one medication line to space-separated lower-case tokens
 * (e.g. "Seroquel XR 50 mg PO qhs" → "seroquel"). Never throws; '' for empty input.
 */
export function normalizeMedicationName(line: string): string {
  const tokens = tokenizeMedicationLine(line);
  let out = '';
  for (let i = 0; i < tokens.length; i++) out += i === 0 ? tokens[i]!.norm : ' ' + tokens[i]!.norm;
  return out;
}
