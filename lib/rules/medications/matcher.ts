/**
 * Medication matcher (docs/CLINICAL.md §2 "Name matching", knowledge base 1.1): normalise, exact match
 * against generic, brand, synonym, combination and product-line names (step 7: a "PM"/"HBP" suffix
 * belongs to the name, a bare line name is read as its flagship pending confirmation, a shared variant
 * name is asked about), then Damerau-Levenshtein fuzzy match with confirmation, on drug-name words only
 * (never on the sig words of SIG_WORDS). §2.2 drugs carry `b12Risk`.
 *
 * Pure and synchronous. Everything that depends only on the dictionary is built once at module load:
 * the exact-name index (with each name already resolved for every known country, and the message
 * fragments each resolution needs), the token prefixes of multi-word names, and the fuzzy keys bucketed
 * by length with letter masks and letter counts. A call then does Map look-ups and, for words that
 * matched nothing exactly, a fuzzy pass in which cheap lower bounds on the edit distance (length,
 * letter-set, letter-count and letter-position differences) reject almost every name before the
 * Damerau-Levenshtein call. Nothing is cached between calls.
 */
import levenshtein from 'damerau-levenshtein';
import { MEDICATION_DICTIONARY } from './dictionary';
import { tokenizeMedicationLine, normalizeMedicationName, type MedicationToken } from './normalize';
import type {
  B12Risk,
  BrandName,
  CombinationProduct,
  Country,
  DrugEntry,
  FlaggedDrugEntry,
  MatchKind,
  MatchOptions,
  MedicationCandidate,
  MedicationMatch,
  ProductLine,
} from './types';

/** Country used when the caller does not give one. */
export const DEFAULT_COUNTRY: Country = 'US';

/** Fuzzy threshold by dictionary-name length (CLINICAL.md §2 step 4): <4 never, 4-7 → 1, 8+ → 2. */
export function fuzzyThreshold(nameLength: number): number {
  if (nameLength >= 8) return 2;
  if (nameLength >= 4) return 1;
  return 0;
}

/** Inputs shorter than this never fuzzy-match ("names under 4 characters"). */
const MIN_FUZZY_LENGTH = 4;
const MAX_FUZZY_DISTANCE = 2;
const MAX_CANDIDATES = 6;

// Salt and form words that follow a recognised name ("metoprolol succinate"); not worth a "verify".
const SALT_WORDS = new Set<string>([
  'succinate', 'tartrate', 'hydrochloride', 'hcl', 'sodium', 'potassium', 'calcium', 'maleate', 'mesylate',
  'besylate', 'citrate', 'sulfate', 'sulphate', 'carbonate', 'fumarate', 'bromide', 'acetate', 'phosphate',
  'hyclate', 'monohydrate', 'dihydrate', 'pamoate', 'decanoate', 'palmitate', 'teoclate', 'embonate',
]);

/**
 * Sig and plain-English words (CLINICAL.md §2 "Name matching" step 4 applies to drug names only).
 * Normalisation already drops doses, units, routes, frequencies and release suffixes; these are the other
 * words a medication line carries: severity, the indication after "prn"/"for", instructions, timing and
 * history, pack words, and store or maker names. None is a drug name, several are within fuzzy reach of
 * one ("moderate" is one edit from Modecate, "medicate" two, "ended" one from Endep), so they are never
 * fuzzy-matched, a fuzzy span containing one is not tried, and they are not reported as unrecognised.
 * An exact dictionary name is unaffected ("NyQuil Severe", "Unisom PM Pain").
 */
export const SIG_WORDS: ReadonlySet<string> = new Set<string>([
  // Severity and strength.
  'mild', 'moderate', 'moderately', 'severe', 'severely', 'acute', 'chronic', 'extra', 'strength', 'maximum', 'max',
  'regular', 'low', 'high', 'full', 'half', 'double', 'single', 'small', 'large', 'mini', 'adult', 'adults',
  'children', 'childrens', 'child', 'kids', 'junior', 'infant', 'infants', 'pediatric', 'paediatric',
  // Indications and symptoms ("prn pain", "for sleep").
  'pain', 'pains', 'painful', 'ache', 'aches', 'sleep', 'sleeping', 'insomnia', 'anxiety', 'anxious', 'panic', 'nausea',
  'vomiting', 'emesis', 'headache', 'headaches', 'migraine', 'migraines', 'itch', 'itching', 'itchy', 'pruritus',
  'allergy', 'allergies', 'allergic', 'rhinitis', 'hives', 'rash', 'fever', 'cough', 'cold', 'colds', 'flu',
  'congestion', 'sinus', 'heartburn', 'reflux', 'gerd', 'indigestion', 'acid', 'ulcer', 'constipation', 'diarrhea',
  'diarrhoea', 'cramps', 'cramping', 'spasm', 'spasms', 'depression', 'depressed', 'mood', 'agitation', 'psychosis',
  'bipolar', 'schizophrenia', 'restless', 'legs', 'leg', 'rls', 'seizure', 'seizures', 'neuropathy', 'neuropathic',
  'nerve', 'diabetes', 'diabetic', 'sugar', 'blood', 'pressure', 'cholesterol', 'thyroid', 'motion', 'sickness',
  'vertigo', 'dizziness', 'dizzy', 'arthritis', 'back', 'joint', 'joints', 'muscle', 'inflammation', 'infection',
  'asthma', 'wheeze', 'wheezing', 'sore', 'throat', 'stomach', 'symptom', 'symptoms', 'relief', 'aid', 'prevention',
  'prophylaxis', 'ponv', 'prolactinoma', 'parkinson', 'parkinsons', 'affected', 'area', 'last',
  // Instructions.
  'take', 'takes', 'taking', 'took', 'use', 'uses', 'used', 'using', 'apply', 'give', 'given', 'without', 'food',
  'meal', 'meals', 'water', 'milk', 'empty', 'breakfast', 'lunch', 'dinner', 'supper', 'before', 'after', 'directed',
  'instructions', 'only', 'exceed', 'more', 'than', 'upto', 'when', 'while', 'sig', 'disp', 'dispense', 'qty',
  'quantity', 'refill', 'refills', 'prescription', 'prescribed', 'medicate', 'medicated', 'dissolve', 'chew',
  'swallow', 'whole', 'crush', 'one', 'two', 'three', 'four', 'five', 'six', 'quarter',
  // Timing and history.
  'afternoon', 'noon', 'daytime', 'nighttime', 'weekend', 'weekends', 'occasionally', 'occasional', 'sometimes',
  'rarely', 'usually', 'often', 'frequently', 'started', 'start', 'stopped', 'stop', 'increased', 'increase',
  'decreased', 'decrease', 'reduced', 'reduce', 'held', 'hold', 'taper', 'tapering', 'wean', 'weaning', 'ended',
  'restarted', 'resumed', 'continue', 'continued', 'recently', 'recent', 'since', 'months', 'month', 'years', 'year',
  'today', 'yesterday', 'current', 'currently', 'previous', 'previously', 'new', 'home', 'hospital', 'until',
  // History and list words.
  'patient', 'reports', 'reported', 'states', 'unsure', 'unknown', 'name', 'brand', 'generic', 'over', 'counter',
  'store', 'plus', 'also', 'then', 'other', 'from', 'about', 'list', 'meds', 'medication', 'medications', 'medicine',
  'drug', 'drugs', 'well', 'tolerated', 'helps', 'helped', 'better', 'worse', 'side', 'effects', 'doctor',
  'vitamin', 'vitamins', 'supplement', 'supplements', 'prenatal', 'multivitamin', 'iron',
  // Pack and form words not dropped by normalisation.
  'drops', 'cream', 'spray', 'ointment', 'gel', 'gels', 'liqui', 'liquigels', 'liquicaps', 'caplet', 'caplets',
  'gelcap', 'gelcaps', 'chewable', 'chewables', 'dissolving', 'strip', 'strips', 'lozenge', 'lozenges', 'powder',
  'packet', 'sachet', 'pen', 'vial', 'inhaler', 'puff', 'puffs', 'rapid', 'release', 'extended', 'delayed', 'coated',
  'gummy', 'gummies',
  // Store and maker names printed before a product name ("Vicks NyQuil", "Equate sleep aid").
  'vicks', 'equate', 'kirkland', 'walgreens', 'goodsense', 'careone', 'topcare', 'sunmark', 'signature',
]);

// --- Index ---------------------------------------------------------------------------------------

type Target =
  | { readonly kind: 'generic' | 'synonym'; readonly name: string; readonly drug: DrugEntry }
  | { readonly kind: 'brand'; readonly name: string; readonly drug: DrugEntry; readonly brand: BrandName }
  | { readonly kind: 'combination'; readonly name: string; readonly product: CombinationProduct }
  | { readonly kind: 'line'; readonly name: string; readonly line: ProductLine };

const DRUG_BY_GENERIC = new Map<string, DrugEntry>(MEDICATION_DICTIONARY.drugs.map((d) => [d.generic, d]));

function buildTargetLists(): Map<string, Target[]> {
  const index = new Map<string, Target[]>();
  const add = (name: string, target: Target): void => {
    const key = normalizeMedicationName(name);
    if (key === '') return;
    const list = index.get(key) ?? [];
    // "Seroquel XR" normalises to "seroquel": keep the first spelling, do not duplicate the target.
    const duplicate = list.some((t) => sameReferent(t, target) && t.kind === target.kind);
    if (!duplicate) list.push(target);
    index.set(key, list);
  };
  for (const drug of MEDICATION_DICTIONARY.drugs) {
    add(drug.generic, { kind: 'generic', name: drug.generic, drug });
    for (const s of drug.synonyms) add(s, { kind: 'synonym', name: s, drug });
    for (const brand of drug.brands) add(brand.name, { kind: 'brand', name: brand.name, drug, brand });
  }
  for (const product of MEDICATION_DICTIONARY.combinations) {
    add(product.name, { kind: 'combination', name: product.name, product });
    for (const s of product.synonyms ?? []) add(s, { kind: 'combination', name: product.name, product });
  }
  for (const line of MEDICATION_DICTIONARY.productLines) {
    add(line.name, { kind: 'line', name: line.name, line });
    for (const s of line.synonyms ?? []) add(s, { kind: 'line', name: line.name, line });
  }
  return index;
}

function sameReferent(a: Target, b: Target): boolean {
  if (a.kind === 'combination' || b.kind === 'combination') {
    return a.kind === 'combination' && b.kind === 'combination' && a.product === b.product;
  }
  if (a.kind === 'line' || b.kind === 'line') return a.kind === 'line' && b.kind === 'line' && a.line === b.line;
  return a.drug === b.drug;
}

// --- Resolution ----------------------------------------------------------------------------------

/** Texts fixed by one flagged drug, so a match only concatenates them. */
interface FlaggedText {
  readonly summary: string;
  readonly timing: string;
  readonly review: string;
  /** Its source ids, de-duplicated and in S-number order. */
  readonly sourceIds: readonly string[];
}

interface Resolved {
  /** A product-line name reads as 'brand'. */
  readonly kind: Exclude<MatchKind, 'fuzzy'>;
  readonly name: string;
  /** Country whose mapping was used (brands and combinations only). */
  readonly country: Country | null;
  /** Set when the brand was resolved through a fallback country. */
  readonly countryFallback: boolean;
  /** True when this name maps to different generics in different countries (e.g. Sominex). */
  readonly countrySpecific: boolean;
  readonly countryNote: string | null;
  readonly ingredients: readonly DrugEntry[];
  readonly flagged: readonly FlaggedDrugEntry[];
  // Derived from the fields above, once per resolution.
  /** The flagged ingredient for a combination, else the first ingredient's generic. */
  readonly generic: string;
  readonly isFlagged: boolean;
  /** Message head for an exact match ("Benadryl → diphenhydramine"). */
  readonly exactHead: string;
  /** What a fuzzy match's head points to ("Benadryl (diphenhydramine)"). */
  readonly fuzzyTarget: string;
  /** " Note: …." or ''. */
  readonly countryNoteText: string;
  /** This hit as summarised beside another one on the same line. */
  readonly exactSummary: string;
  readonly fuzzySummary: string;
  // Used when the resolution is not flagged.
  readonly notFlaggedClauseExact: string;
  readonly notFlaggedClauseFuzzy: string;
  readonly notFlaggedSourceIds: readonly string[];
  // KB 1.1 product lines (§2 step 7, §2.1) and §2.2.
  /** A bare line name read as its flagship (Unisom, Coricidin HBP): flagged only pending confirmation. */
  readonly needsConfirmation: boolean;
  /** For a variant name shared by products that differ in flag status: the products to ask about. */
  readonly options: readonly MedicationCandidate[] | null;
  /** KB note for this name (product line, Dramamine, rows 62-63 context), or null. */
  readonly note: string | null;
  /** Sources of the product's composition (S40, S41), added to the ingredients' own. */
  readonly productSourceIds: readonly string[];
  /** For a flagged resolution alone on its line: its flagged drugs' and its product's sources, sorted. */
  readonly flaggedSourceIds: readonly string[];
  /** Drug class of the ingredient `generic` names, for a not-flagged result. */
  readonly genericClass: string | null;
  readonly b12Risk: B12Risk | null;
}

function countriesOf(t: Target): readonly Country[] | null {
  if (t.kind === 'brand') return t.brand.countries;
  if (t.kind === 'combination') return t.product.countries;
  if (t.kind === 'line') return t.line.countries;
  return null;
}

function drugsOf(generics: readonly string[]): DrugEntry[] {
  return generics.flatMap((g) => {
    const d = DRUG_BY_GENERIC.get(g);
    return d ? [d] : [];
  });
}

/** Pick the target for the requested country: exact country, then 'international', then US, then first. */
function resolveTargets(targets: readonly Target[], country: Country): Resolved | null {
  const universal = targets.find((t) => t.kind === 'generic' || t.kind === 'synonym');
  let chosen: Target | undefined = universal;
  let used: Country | null = null;
  if (!chosen) {
    const order: readonly Country[] = [country, 'international', DEFAULT_COUNTRY];
    for (const c of order) {
      chosen = targets.find((t) => countriesOf(t)?.includes(c) === true);
      if (chosen) {
        used = c;
        break;
      }
    }
    if (!chosen) {
      chosen = targets[0];
      used = chosen ? (countriesOf(chosen)?.[0] ?? null) : null;
    }
  }
  if (!chosen) return null;

  const ingredients: DrugEntry[] =
    chosen.kind === 'combination'
      ? drugsOf(chosen.product.ingredients)
      : chosen.kind === 'line'
        ? drugsOf(chosen.line.ingredients)
        : [chosen.drug];
  const flagged = ingredients.filter((d): d is FlaggedDrugEntry => d.flagged);
  const fallback = used !== null && used !== country;
  const genericsAcross = new Set(
    targets.filter((t) => t.kind === 'brand').map((t) => (t.kind === 'brand' ? t.drug.generic : '')),
  );
  const isLine = chosen.kind === 'line';
  const kind = chosen.kind === 'line' ? 'brand' : chosen.kind;
  const name = chosen.name;
  const resolvedCountry = kind === 'brand' || kind === 'combination' ? used : null;
  const countryFallback = fallback && (kind === 'brand' || kind === 'combination');
  const countrySpecific = genericsAcross.size > 1;
  const countryNote = chosen.kind === 'brand' && fallback ? (chosen.brand.countryNote ?? null) : null;
  const options =
    chosen.kind === 'line' && chosen.line.kind === 'ambiguous'
      ? chosen.line.options.map((o) => ({ name: o.name, generic: o.generic, flagged: o.flagged, distance: 0 }))
      : null;
  const needsConfirmation = chosen.kind === 'line' && chosen.line.kind === 'flagship';
  const notes: string[] = [];
  if (chosen.kind === 'brand' && chosen.brand.note) notes.push(chosen.brand.note);
  if (chosen.kind === 'line') notes.push(chosen.line.note);
  for (const d of flagged) if (d.contextNote && !notes.includes(d.contextNote)) notes.push(d.contextNote);
  const note = notes.length > 0 ? notes.join('; ') : null;
  const productSourceIds =
    chosen.kind === 'combination' ? (chosen.product.sourceIds ?? []) : chosen.kind === 'line' ? chosen.line.sourceIds : [];
  let b12Risk: B12Risk | null = null;
  let b12Generic: string | null = null;
  for (const d of ingredients) {
    if (!d.flagged && d.b12Risk) {
      b12Risk = d.b12Risk;
      b12Generic = d.generic;
      break;
    }
  }

  // A not-flagged combination is named by its §2.2 ingredient (Janumet → metformin, Vimovo → esomeprazole).
  const generic = flagged[0]?.generic ?? b12Generic ?? ingredients[0]?.generic ?? name;
  const isFlagged = flagged.length > 0;
  const generics = ingredients.map((d) => d.generic);
  const label =
    kind === 'combination'
      ? `${name} (combination: ${generics.join(' + ')})`
      : isLine && !options
        ? `${name} product line`
        : name;
  const described =
    resolvedCountry && (countrySpecific || countryFallback) ? `${label} [${resolvedCountry} mapping]` : label;
  const summaryLabel = name === generic ? generic : `${name} → ${generic}`;
  const status = isFlagged ? 'flagged' : 'not flagged';
  const lead = ingredients.find((d) => d.generic === generic) ?? ingredients[0];
  const clause = lead && !lead.flagged ? lead.note : 'Not on the RLS-provoking list.';
  const noteParts = [countryNote, note].filter((x): x is string => x !== null);
  return {
    kind,
    name,
    country: resolvedCountry,
    countryFallback,
    countrySpecific,
    countryNote,
    ingredients,
    flagged,
    generic,
    isFlagged,
    exactHead: name === generic ? generic : `${described} → ${generic}`,
    fuzzyTarget: name === generic ? name : `${described} (${generic})`,
    countryNoteText: noteParts.map((x) => ` Note: ${x}${/[.?!]$/.test(x) ? '' : '.'}`).join(''),
    exactSummary: needsConfirmation ? `${summaryLabel} (${status}, confirmation needed)` : `${summaryLabel} (${status})`,
    fuzzySummary: `${summaryLabel} (${status}, confirmation needed)`,
    notFlaggedClauseExact: asClause(clause, false),
    notFlaggedClauseFuzzy: asClause(clause, true),
    notFlaggedSourceIds: sortSourceIds([...ingredients.flatMap((d) => (d.flagged ? [] : d.sourceIds)), ...productSourceIds]),
    needsConfirmation,
    options,
    note,
    productSourceIds,
    flaggedSourceIds: sortSourceIds([...flagged.flatMap((d) => d.sourceIds), ...productSourceIds]),
    genericClass: lead ? lead.drugClass : null,
    b12Risk,
  };
}

/** Countries whose resolutions are computed at load; any other value is resolved per call. */
const KNOWN_COUNTRIES: readonly Country[] = ['US', 'UK', 'CA', 'AU', 'international'];

function countrySlot(country: Country): number {
  switch (country) {
    case 'US':
      return 0;
    case 'UK':
      return 1;
    case 'CA':
      return 2;
    case 'AU':
      return 3;
    case 'international':
      return 4;
    default:
      return -1;
  }
}

/** One normalised dictionary name: its targets, and their resolution for each known country. */
interface IndexEntry {
  readonly key: string;
  readonly targets: readonly Target[];
  readonly byCountry: readonly (Resolved | null)[];
}

function resolveEntry(entry: IndexEntry, country: Country): Resolved | null {
  const slot = countrySlot(country);
  return slot >= 0 ? (entry.byCountry[slot] ?? null) : resolveTargets(entry.targets, country);
}

const EXACT_INDEX: ReadonlyMap<string, IndexEntry> = (() => {
  const index = new Map<string, IndexEntry>();
  for (const [key, targets] of buildTargetLists()) {
    index.set(key, { key, targets, byCountry: KNOWN_COUNTRIES.map((c) => resolveTargets(targets, c)) });
  }
  return index;
})();

const MAX_KEY_TOKENS = Math.max(...[...EXACT_INDEX.keys()].map((k) => k.split(' ').length));

/**
 * Proper token prefixes of multi-word names ("dramamine", "dramamine less"): the exact pass extends a
 * span by one more token only while the span so far could still grow into a name.
 */
const KEY_PREFIXES: ReadonlySet<string> = (() => {
  const prefixes = new Set<string>();
  for (const key of EXACT_INDEX.keys()) {
    const words = key.split(' ');
    for (let len = 1; len < words.length; len++) prefixes.add(words.slice(0, len).join(' '));
  }
  return prefixes;
})();

const FLAGGED_TEXT: ReadonlyMap<FlaggedDrugEntry, FlaggedText> = new Map(
  MEDICATION_DICTIONARY.drugs
    .filter((d): d is FlaggedDrugEntry => d.flagged)
    .map((d) => [d, flaggedText(d)]),
);

// Workup card of CLINICAL.md §2, in the W-1 wording of KB 1.1 (no directive verbs).
function flaggedText(d: FlaggedDrugEntry): FlaggedText {
  return {
    summary: `${d.drugClass}, mechanism ${d.mechanismNote ?? d.mechanism}, evidence ${d.evidenceNote ?? d.evidence}; may provoke or worsen RLS`,
    timing: `Timing: did RLS symptoms start or worsen within days to weeks of starting ${d.generic} or raising its dose? [S17]`,
    review: `Review with the prescriber is suggested (options: a lower dose, different timing, another class; alternative class to consider: ${d.alternative}).`,
    sourceIds: sortSourceIds(d.sourceIds),
  };
}

function textOf(d: FlaggedDrugEntry): FlaggedText {
  return FLAGGED_TEXT.get(d) ?? flaggedText(d);
}

// --- Fuzzy index ---------------------------------------------------------------------------------

/*
 * Lower bounds on the Damerau-Levenshtein (optimal string alignment) distance d between a query q and
 * a name k, used to skip the distance call. Each rejects only when d > limit, so no name within
 * reach is ever lost. Write s, i, e, t for the substitutions, insertions, deletions and
 * transpositions of an optimal edit script (d = s + i + e + t) and Δ = |len q − len k|:
 *  - length: d ≥ Δ (the buckets).
 *  - letter counts: with L1 the distance between the two letter-count vectors, a substitution moves
 *    it by ≤ 2, an insertion or deletion by 1, a transposition by 0, so L1 ≤ 2s + i + e; and
 *    i + e ≥ Δ, hence d ≥ ⌈(L1 + Δ) / 2⌉.
 *  - letter sets: each symbol present on one side only adds ≥ 1 to L1, so L1 ≥ popcount(mask q ^ mask k)
 *    (digits share one mask bit, which keeps this true: a differing bit means one side has no digit).
 *  - positions: a character of k that the script keeps or transposes reappears in q at most d places
 *    from its own index (the offset is the net insertions so far, plus 1 inside a transposition, which
 *    itself costs an edit). So if d ≤ limit, the characters of k found nowhere within ±limit of their
 *    index in q were substituted or deleted: misses(k) ≤ s + e, and likewise misses(q) ≤ s + i.
 *    With i − e = len q − len k, that gives d ≥ misses(k) + max(0, len q − len k) and
 *    d ≥ misses(q) + max(0, len k − len q).
 */
const SYMBOLS = 37; // a-z, 0-9, space
function symbolOf(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 48 && c <= 57) return c - 48 + 26;
  if (c === 32) return 36;
  return -1; // never produced by normalisation; ignoring it only weakens the bound
}
function maskBit(symbol: number): number {
  return symbol < 26 ? 1 << symbol : symbol < 36 ? 1 << 26 : 1 << 27;
}
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface FuzzyKey {
  readonly key: string;
  readonly mask: number;
  /** Distinct symbols of the key and how often each occurs (parallel arrays). */
  readonly symbols: Uint8Array;
  readonly counts: Uint8Array;
  readonly entry: IndexEntry;
}

function fuzzyKey(entry: IndexEntry): FuzzyKey {
  const h = new Array<number>(SYMBOLS).fill(0);
  let mask = 0;
  for (let i = 0; i < entry.key.length; i++) {
    const s = symbolOf(entry.key.charCodeAt(i));
    if (s < 0) continue;
    h[s] = (h[s] ?? 0) + 1;
    mask |= maskBit(s);
  }
  const symbols: number[] = [];
  const counts: number[] = [];
  h.forEach((count, s) => {
    if (count > 0) {
      symbols.push(s);
      counts.push(count);
    }
  });
  return { key: entry.key, mask, symbols: Uint8Array.from(symbols), counts: Uint8Array.from(counts), entry };
}

/** Fuzzy keys bucketed by length, so a query only visits lengths within its threshold of its own. */
const FUZZY_BY_LENGTH: readonly (readonly FuzzyKey[])[] = (() => {
  const buckets: FuzzyKey[][] = [];
  for (const entry of EXACT_INDEX.values()) {
    const key = entry.key;
    // Digits carry meaning ("vitamin b6" vs "vitamin d3"/"b12"), so such names are exact-only; so are
    // names that only ask a question (Dramamine Non-Drowsy): a near spelling of a question adds nothing.
    if (key.length < MIN_FUZZY_LENGTH || /\d/.test(key)) continue;
    if (entry.targets.every((t) => t.kind === 'line' && t.line.kind === 'ambiguous')) continue;
    (buckets[key.length] ??= []).push(fuzzyKey(entry));
  }
  return buckets;
})();

/**
 * How many characters of `a` occur nowhere in `b` within ±`reach` of their own index; stops counting
 * once past `stop` (the caller only asks whether the count exceeds it).
 */
function positionalMisses(a: string, b: string, reach: number, stop: number): number {
  let misses = 0;
  const last = b.length - 1;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    const to = i + reach < last ? i + reach : last;
    let found = false;
    for (let j = i - reach > 0 ? i - reach : 0; j <= to; j++) {
      if (b.charCodeAt(j) === c) {
        found = true;
        break;
      }
    }
    if (!found && ++misses > stop) break;
  }
  return misses;
}

// Scratch letter counts of the current fuzzy query (the matcher is synchronous; reset per query).
const queryCounts = new Int32Array(SYMBOLS);

// --- Fuzzy ---------------------------------------------------------------------------------------

type FuzzyOutcome =
  | { readonly mode: 'fuzzy'; readonly resolved: Resolved; readonly candidates: MedicationCandidate[] }
  | { readonly mode: 'ambiguous'; readonly candidates: MedicationCandidate[] };

interface Scored {
  readonly key: string;
  readonly distance: number;
  readonly resolved: Resolved;
}

function fuzzyMatch(query: string, country: Country): FuzzyOutcome | null {
  const qlen = query.length;
  if (qlen < MIN_FUZZY_LENGTH) return null;
  const lo = Math.max(MIN_FUZZY_LENGTH, qlen - MAX_FUZZY_DISTANCE);
  const hi = Math.min(qlen + MAX_FUZZY_DISTANCE, FUZZY_BY_LENGTH.length - 1);
  if (lo > hi) return null;

  queryCounts.fill(0);
  let qmask = 0;
  let qtotal = 0;
  for (let i = 0; i < qlen; i++) {
    const s = symbolOf(query.charCodeAt(i));
    if (s < 0) continue;
    queryCounts[s] = (queryCounts[s] ?? 0) + 1;
    qmask |= maskBit(s);
    qtotal++;
  }

  let scored: Scored[] | null = null;
  for (let len = lo; len <= hi; len++) {
    const bucket = FUZZY_BY_LENGTH[len];
    if (!bucket) continue;
    const limit = fuzzyThreshold(len);
    const lengthDiff = Math.abs(len - qlen);
    if (lengthDiff > limit) continue;
    // Lower bounds first (see "Fuzzy index"): d ≥ ⌈(L1 + Δ) / 2⌉, so L1 may be at most 2·limit − Δ.
    const maxL1 = 2 * limit - lengthDiff;
    const keyShorter = qlen > len ? qlen - len : 0;
    const queryShorter = len > qlen ? len - qlen : 0;
    for (let k = 0; k < bucket.length; k++) {
      const fk = bucket[k]!;
      if (popcount(qmask ^ fk.mask) > maxL1) continue;
      // L1 = Σ over the key's symbols of |q − k|, plus the query's symbols the key lacks.
      let l1 = qtotal;
      const symbols = fk.symbols;
      const counts = fk.counts;
      for (let j = 0; j < symbols.length; j++) {
        const q = queryCounts[symbols[j]!]!;
        const c = counts[j]!;
        l1 += (q > c ? q - c : c - q) - q;
      }
      if (l1 > maxL1) continue;
      if (positionalMisses(fk.key, query, limit, limit) + keyShorter > limit) continue;
      if (positionalMisses(query, fk.key, limit, limit) + queryShorter > limit) continue;
      const distance = levenshtein(query, fk.key).steps;
      if (distance > limit) continue;
      const resolved = resolveEntry(fk.entry, country);
      if (resolved) (scored ??= []).push({ key: fk.key, distance, resolved });
    }
  }
  if (scored === null) return null;

  // Best first: smaller distance, then closer length, then a stable alphabetical order.
  scored.sort(
    (a, b) =>
      a.distance - b.distance ||
      Math.abs(a.key.length - qlen) - Math.abs(b.key.length - qlen) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const candidates = toCandidates(scored);
  // CLINICAL.md §2 step 5: any two candidates within threshold that differ in flag status → ask, do not flag.
  const best = scored[0]!;
  for (let i = 1; i < scored.length; i++) {
    if (scored[i]!.resolved.isFlagged !== best.resolved.isFlagged) return { mode: 'ambiguous', candidates };
  }
  return { mode: 'fuzzy', resolved: best.resolved, candidates };
}

function toCandidates(scored: readonly Scored[]): MedicationCandidate[] {
  const out: MedicationCandidate[] = [];
  for (let i = 0; i < scored.length && out.length < MAX_CANDIDATES; i++) {
    const r = scored[i]!.resolved;
    let seen = false;
    for (let j = 0; j < out.length; j++) {
      if (out[j]!.name === r.name) {
        seen = true;
        break;
      }
    }
    if (seen) continue;
    out.push({ name: r.name, generic: r.generic, flagged: r.isFlagged, distance: scored[i]!.distance });
  }
  return out;
}

// --- Segmentation --------------------------------------------------------------------------------

type Hit =
  | {
      readonly mode: 'exact';
      readonly start: number;
      readonly raw: string;
      readonly resolved: Resolved;
      /** A product suffix after this name that makes no dictionary name ("Zyrtec PM"): confirmation needed. */
      readonly strandedSuffix?: string;
    }
  | {
      readonly mode: 'fuzzy';
      readonly start: number;
      readonly raw: string;
      readonly resolved: Resolved;
      readonly candidates: MedicationCandidate[];
    }
  | {
      readonly mode: 'ambiguous';
      readonly start: number;
      readonly raw: string;
      readonly candidates: MedicationCandidate[];
      /** Set for a product-line question (Dramamine Non-Drowsy) rather than a near spelling. */
      readonly line?: { readonly name: string; readonly note: string; readonly sourceIds: readonly string[] };
    };

/**
 * Step 7 suffixes that are a product name on their own ("Tylenol PM" ≠ "Tylenol"). "Less Drowsy",
 * "Non-Drowsy" and "Original" are matched as whole names; their words alone are too common to count.
 */
const PRODUCT_SUFFIXES = new Set<string>(['pm', 'hbp']);

function normSpan(tokens: readonly MedicationToken[], start: number, length: number): string {
  let out = tokens[start]!.norm;
  for (let i = start + 1; i < start + length; i++) out += ' ' + tokens[i]!.norm;
  return out;
}

function rawSpan(tokens: readonly MedicationToken[], start: number, length: number): string {
  let out = tokens[start]!.raw;
  let last = out;
  for (let i = start + 1; i < start + length; i++) {
    const raw = tokens[i]!.raw;
    // One raw word can yield several tokens ("Chlor-Trimeton"); quote it once.
    if (raw !== last) out += ' ' + raw;
    last = raw;
  }
  return out;
}

/**
 * Leftmost-longest exact spans first ("tylenol pm" before "tylenol", "dramamine less drowsy" before
 * "dramamine"); remaining runs of tokens are then fuzzy-matched the same way. A line naming two drugs
 * therefore yields two hits instead of silently dropping one.
 */
function findHits(tokens: readonly MedicationToken[], country: Country): { hits: Hit[]; leftover: string[] } {
  const n = tokens.length;
  const covered = new Uint8Array(n);
  const hits: Hit[] = [];
  let uncovered = n;

  for (let i = 0; i < n; ) {
    if (covered[i]) {
      i++;
      continue;
    }
    // Longest span starting at i that is a name: grow it while it is still a prefix of some name.
    let bestLen = 0;
    let best: Resolved | null = null;
    let bestKey = '';
    let key = tokens[i]!.norm;
    for (let len = 1; ; len++) {
      const entry = EXACT_INDEX.get(key);
      const resolved = entry ? resolveEntry(entry, country) : null;
      if (resolved) {
        bestLen = len;
        best = resolved;
        bestKey = key;
      }
      if (len >= MAX_KEY_TOKENS || i + len >= n || !KEY_PREFIXES.has(key)) break;
      key += ' ' + tokens[i + len]!.norm;
    }
    if (!best) {
      i++;
      continue;
    }
    let raw = rawSpan(tokens, i, bestLen);
    covered.fill(1, i, i + bestLen);
    uncovered -= bestLen;
    let next = i + bestLen;
    let strandedSuffix: string | undefined;
    if (KEY_PREFIXES.has(bestKey)) {
      // Step 7 with words between: "Tylenol Extra Strength PM" is Tylenol PM. Look past sig and pack
      // words for a suffix that completes a longer name; a suffix that completes none is stranded.
      for (let j = next; j < n && !covered[j]; j++) {
        const word = tokens[j]!.norm;
        const entry = EXACT_INDEX.get(bestKey + ' ' + word);
        const longer = entry ? resolveEntry(entry, country) : null;
        if (longer) {
          best = longer;
          raw += ' ' + tokens[j]!.raw;
          covered[j] = 1;
          uncovered--;
          if (j === next) next++;
          break;
        }
        if (PRODUCT_SUFFIXES.has(word)) {
          if (j === next) {
            strandedSuffix = tokens[j]!.raw;
            covered[j] = 1;
            uncovered--;
            next++;
          }
          break;
        }
        if (!SIG_WORDS.has(word) && !SALT_WORDS.has(word)) break;
      }
    }
    const hit: Hit = best.options
      ? { mode: 'ambiguous', start: i, raw, candidates: copyCandidates(best.options), line: lineOf(best) }
      : strandedSuffix
        ? { mode: 'exact', start: i, raw, resolved: best, strandedSuffix }
        : { mode: 'exact', start: i, raw, resolved: best };
    hits.push(hit);
    i = next;
  }

  if (uncovered > 0) {
    const exactHits = hits.length;
    for (let i = 0; i < n; ) {
      if (covered[i]) {
        i++;
        continue;
      }
      let runEnd = i;
      while (runEnd < n && !covered[runEnd]) runEnd++;
      let advanced = false;
      // Step 4 applies to drug-name words only: a span with a sig word in it is never tried.
      let maxLen = Math.min(MAX_KEY_TOKENS, runEnd - i);
      for (let k = 0; k < maxLen; k++) {
        if (SIG_WORDS.has(tokens[i + k]!.norm)) {
          maxLen = k;
          break;
        }
      }
      for (let len = maxLen; len >= 1; len--) {
        const query = normSpan(tokens, i, len);
        const outcome = fuzzyMatch(query, country);
        if (!outcome) continue;
        const raw = rawSpan(tokens, i, len);
        hits.push(
          outcome.mode === 'fuzzy'
            ? { mode: 'fuzzy', start: i, raw, resolved: outcome.resolved, candidates: outcome.candidates }
            : { mode: 'ambiguous', start: i, raw, candidates: outcome.candidates },
        );
        covered.fill(1, i, i + len);
        i += len;
        advanced = true;
        break;
      }
      if (!advanced) i++;
    }
    if (hits.length > exactHits && exactHits > 0) hits.sort((a, b) => a.start - b.start);
  }

  // CLINICAL.md §2 step 6: never drop a name silently, even the second one on a line.
  const leftover: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    if (covered[i] || t.norm.length < MIN_FUZZY_LENGTH) continue;
    if (SIG_WORDS.has(t.norm) || SALT_WORDS.has(t.norm) || leftover.includes(t.raw)) continue;
    leftover.push(t.raw);
  }
  return { hits, leftover };
}

function lineOf(r: Resolved): { name: string; note: string; sourceIds: readonly string[] } {
  return { name: r.name, note: r.note ?? '', sourceIds: r.productSourceIds };
}

/** True when the hit is a recognised name that still needs confirmation (near spelling, line flagship, stranded suffix). */
function hitNeedsConfirmation(h: Hit): boolean {
  if (h.mode === 'ambiguous' || h.mode === 'fuzzy') return true;
  return h.resolved.needsConfirmation || h.strandedSuffix !== undefined;
}

/**
 * Which hit speaks for the line: a confirmed flag first, then a flag pending confirmation, then a
 * question, then "not flagged" (confirmed before pending).
 */
function rank(h: Hit): number {
  if (h.mode === 'ambiguous') return 2;
  const confirm = hitNeedsConfirmation(h);
  if (h.resolved.isFlagged) return confirm ? 1 : 0;
  return confirm ? 4 : 3;
}

// --- Result --------------------------------------------------------------------------------------
// Output wording follows W-1 of KB 1.1 (CLINICAL.md §5): no directive verbs to the clinician.

const ADVICE_NO_ABRUPT_STOP =
  'Abrupt discontinuation is not advised: antidepressant and antipsychotic discontinuation, and opioid withdrawal, can worsen RLS.';
const ADVICE_AUG =
  'Possible augmentation on dopaminergic therapy: iron studies (morning ferritin and TSAT) are suggested; any transition is specialist-led per AASM [S1].';
const ADVICE_CONFIRM_SPELLING = 'Confirmation of the drug is needed first: this match is by spelling similarity.';
const ADVICE_CONFIRM_PRODUCT = 'Confirmation of the product is needed first: this name covers several products.';

/** Message of a line (or word) that matched nothing (CLINICAL.md §2 "Name matching" step 6). */
export const UNRECOGNISED_MESSAGE = 'not recognised: verify';

function workupCard(primary: FlaggedDrugEntry, all: readonly FlaggedDrugEntry[], confirm: string | null): string[] {
  const text = textOf(primary);
  const advice = confirm
    ? [confirm, text.timing, text.review, ADVICE_NO_ABRUPT_STOP]
    : [text.timing, text.review, ADVICE_NO_ABRUPT_STOP];
  for (let i = 0; i < all.length; i++) {
    if (all[i]!.mechanism === 'AUG') {
      advice.push(ADVICE_AUG);
      break;
    }
  }
  return advice;
}

function sortSourceIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}

function asClause(s: string, sentenceStart: boolean): string {
  return sentenceStart ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

function hitSummary(h: Hit): string {
  if (h.mode === 'ambiguous') {
    return h.line ? `${h.line.name} (${h.line.note})` : `'${h.raw}' (unclear: ${h.candidates.map((c) => c.name).join(' / ')})`;
  }
  if (h.mode === 'exact' && h.strandedSuffix) {
    return `'${h.raw} ${h.strandedSuffix}' (not a known product of ${h.resolved.name}, confirmation needed)`;
  }
  return h.mode === 'fuzzy' ? h.resolved.fuzzySummary : h.resolved.exactSummary;
}

function copyCandidates(candidates: readonly MedicationCandidate[]): MedicationCandidate[] {
  const out: MedicationCandidate[] = [];
  for (const c of candidates) out.push({ name: c.name, generic: c.generic, flagged: c.flagged, distance: c.distance });
  return out;
}

function emptyMatch(input: string, normalized: string): MedicationMatch {
  return {
    input,
    normalized,
    status: 'unrecognized',
    generic: null,
    ingredients: [],
    matchedName: null,
    matchKind: null,
    needsConfirmation: false,
    country: null,
    drugClass: null,
    mechanism: null,
    evidence: null,
    evidenceNote: null,
    alternative: null,
    advice: [],
    sourceIds: [],
    candidates: [],
    message: UNRECOGNISED_MESSAGE,
  };
}

/** What the primary hit contributes beyond its resolution. */
interface MatchFacts {
  readonly leftover: readonly string[];
  readonly ingredients: string[];
  readonly fuzzy: boolean;
  readonly needsConfirmation: boolean;
  readonly candidates: MedicationCandidate[];
  readonly b12Risk: B12Risk | null;
}

/** A recognised line's result, written as a plain literal (no object spread, which is slow here). */
function recognisedMatch(
  input: string,
  normalized: string,
  r: Resolved,
  f: MatchFacts,
  status: 'flagged' | 'not-flagged',
  lead: FlaggedDrugEntry | undefined,
  advice: string[],
  sourceIds: string[],
  message: string,
): MedicationMatch {
  const matchKind: MatchKind = f.fuzzy ? 'fuzzy' : r.kind;
  const match: MedicationMatch = {
    input,
    normalized,
    generic: r.generic,
    ingredients: f.ingredients,
    matchedName: r.name,
    matchKind,
    needsConfirmation: f.needsConfirmation,
    country: r.country,
    candidates: f.candidates,
    status,
    drugClass: lead ? lead.drugClass : r.genericClass,
    mechanism: lead ? lead.mechanism : null,
    evidence: lead ? lead.evidence : null,
    evidenceNote: lead ? lead.evidenceNote : null,
    alternative: lead ? lead.alternative : null,
    advice,
    sourceIds,
    message,
  };
  if (f.leftover.length > 0) match.unrecognizedWords = f.leftover.slice();
  if (f.b12Risk) match.b12Risk = f.b12Risk;
  if (r.note) match.note = r.note;
  return match;
}

function buildMatch(
  input: string,
  normalized: string,
  hits: readonly Hit[],
  leftover: readonly string[],
): MedicationMatch {
  // Lowest rank wins; among equals the earliest (hits are in start order).
  let primary: Hit | undefined;
  let primaryRank = Infinity;
  for (const h of hits) {
    const k = rank(h);
    if (k < primaryRank) {
      primary = h;
      primaryRank = k;
    }
  }
  if (!primary) return emptyMatch(input, normalized);

  const ingredients: string[] = [];
  const allFlagged: FlaggedDrugEntry[] = [];
  let b12Risk: B12Risk | null = null;
  for (const h of hits) {
    if (h.mode === 'ambiguous') continue;
    for (const d of h.resolved.ingredients) if (!ingredients.includes(d.generic)) ingredients.push(d.generic);
    for (const d of h.resolved.flagged) if (!allFlagged.includes(d)) allFlagged.push(d);
    b12Risk ??= h.resolved.b12Risk;
  }
  let alsoText = '';
  if (hits.length > 1) {
    const others: string[] = [];
    for (const h of hits) if (h !== primary) others.push(hitSummary(h));
    alsoText = ` Also on this line: ${others.join('; ')}.`;
  }
  if (leftover.length > 0) {
    alsoText += ` Also on this line, ${leftover.map((w) => `'${w}'`).join(', ')}: ${UNRECOGNISED_MESSAGE}.`;
  }

  if (primary.mode === 'ambiguous') {
    const line = primary.line;
    const list = primary.candidates
      .map((c) => `${c.name} (${c.generic}, ${c.flagged ? 'flagged' : 'not flagged'})`)
      .join(' or ');
    const m: MedicationMatch = {
      input,
      normalized,
      status: 'ambiguous',
      generic: null,
      ingredients,
      matchedName: line ? line.name : null,
      matchKind: line ? 'brand' : 'fuzzy',
      needsConfirmation: true,
      country: null,
      drugClass: null,
      mechanism: null,
      evidence: null,
      evidenceNote: null,
      alternative: null,
      advice: [],
      sourceIds: line ? sortSourceIds(line.sourceIds) : [],
      candidates: copyCandidates(primary.candidates),
      message: line
        ? `${line.name}: ${line.note} Not flagged until confirmed.${alsoText}`
        : `'${primary.raw}' is close to ${list}: which drug is meant needs confirmation; not flagged until confirmed.${alsoText}`,
    };
    if (line) m.note = line.note;
    if (leftover.length > 0) m.unrecognizedWords = leftover.slice();
    if (b12Risk) m.b12Risk = b12Risk;
    return m;
  }

  const r = primary.resolved;
  const fuzzy = primary.mode === 'fuzzy';
  const stranded = primary.mode === 'exact' ? primary.strandedSuffix : undefined;
  const confirmAdvice = fuzzy
    ? ADVICE_CONFIRM_SPELLING
    : r.needsConfirmation || stranded !== undefined
      ? ADVICE_CONFIRM_PRODUCT
      : null;
  const head = fuzzy
    ? `matched '${primary.raw}' → ${r.fuzzyTarget}: confirmation needed`
    : stranded !== undefined
      ? `'${primary.raw} ${stranded}' is not a known product of ${r.name}; read as ${r.exactHead}: confirmation needed`
      : r.needsConfirmation
        ? `${r.exactHead}: confirmation needed`
        : r.exactHead;
  const facts: MatchFacts = {
    leftover,
    ingredients,
    fuzzy,
    needsConfirmation: confirmAdvice !== null,
    candidates: primary.mode === 'fuzzy' ? copyCandidates(primary.candidates) : [],
    b12Risk,
  };

  const lead = r.flagged[0];
  if (lead) {
    const multi =
      allFlagged.length > 1 ? ` Flagged ingredients: ${allFlagged.map((d) => `${d.generic} (${d.mechanism})`).join(', ')}.` : '';
    const sourceIds =
      hits.length === 1
        ? r.flaggedSourceIds.slice()
        : sortSourceIds([
            ...allFlagged.flatMap((d) => d.sourceIds),
            ...hits.flatMap((h) => (h.mode === 'ambiguous' ? [] : h.resolved.productSourceIds)),
          ]);
    const m = recognisedMatch(
      input,
      normalized,
      r,
      facts,
      'flagged',
      lead,
      workupCard(lead, allFlagged, confirmAdvice),
      sourceIds,
      `${head}${confirmAdvice ? '. Flag pending confirmation: ' : ': '}${textOf(lead).summary}.${multi}${r.countryNoteText}${alsoText}`,
    );
    if (allFlagged.length > 1) m.flaggedIngredients = allFlagged.map((d) => d.generic);
    return m;
  }

  return recognisedMatch(
    input,
    normalized,
    r,
    facts,
    'not-flagged',
    undefined,
    confirmAdvice ? [confirmAdvice] : [],
    r.notFlaggedSourceIds.slice(),
    `${head}${confirmAdvice ? '. ' : ': '}${confirmAdvice ? r.notFlaggedClauseFuzzy : r.notFlaggedClauseExact}${r.countryNoteText}${alsoText}`,
  );
}

// --- Public API ----------------------------------------------------------------------------------

/**
 * Match one free-text medication line against the CLINICAL.md §2 dictionary.
 * Exact matches (generic, brand, synonym, combination) always win over fuzzy ones; a fuzzy match is
 * flagged only pending confirmation, and near names that differ in flag status return 'ambiguous'.
 * Never throws: empty or unreadable lines return status 'unrecognized' ("not recognised: verify").
 */
export function matchMedication(line: string, options?: MatchOptions): MedicationMatch {
  const input = typeof line === 'string' ? line : '';
  const country = options?.country ?? DEFAULT_COUNTRY;
  const tokens = tokenizeMedicationLine(input);
  let normalized = '';
  for (let i = 0; i < tokens.length; i++) normalized += i === 0 ? tokens[i]!.norm : ' ' + tokens[i]!.norm;
  if (tokens.length === 0) return emptyMatch(input, normalized);
  const { hits, leftover } = findHits(tokens, country);
  return buildMatch(input, normalized, hits, leftover);
}

/** Match every line of a medication list, in order (one result per entry, none dropped). */
export function matchMedications(entries: readonly string[], options?: MatchOptions): MedicationMatch[] {
  if (!Array.isArray(entries)) return [];
  return entries.map((line) => matchMedication(line, options));
}
