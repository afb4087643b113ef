/**
 * Medication matcher (docs/CLINICAL.md §2 "Name matching"): normalise, exact match against generic,
 * brand, synonym and combination names, then Damerau-Levenshtein fuzzy match with confirmation.
 *
 * Pure and synchronous. All indexes are built once at module load; a call only does Map look-ups and,
 * when nothing matched exactly, a length- and letter-count-filtered fuzzy pass.
 */
import levenshtein from 'damerau-levenshtein';
import { MEDICATION_DICTIONARY } from './dictionary';
import { tokenizeMedicationLine, normalizeMedicationName, type MedicationToken } from './normalize';
import type {
  BrandName,
  CombinationProduct,
  Country,
  DrugEntry,
  FlaggedDrugEntry,
  MatchKind,
  MatchOptions,
  MedicationCandidate,
  MedicationMatch,
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

// Words clinicians add to a line that must not be fuzzy-matched into a drug name on their own.
const FUZZY_STOPWORDS = new Set<string>([
  'sleep', 'pain', 'nausea', 'itch', 'itching', 'allergy', 'allergies', 'anxiety', 'depression', 'cough', 'cold',
  'colds', 'mood', 'started', 'stopped', 'increased', 'decreased', 'reduced', 'recently', 'since', 'months',
  'month', 'years', 'year', 'held', 'hold', 'taper', 'tapering', 'home', 'over', 'counter', 'generic', 'brand',
  'unknown', 'name', 'plus', 'also', 'then', 'only', 'other', 'vitamin', 'vitamins', 'supplement', 'supplements',
  'prenatal', 'multivitamin', 'iron', 'before', 'after', 'meals', 'food', 'from', 'about', 'take', 'takes',
  'taking', 'drops', 'cream', 'spray',
]);

// --- Index ---------------------------------------------------------------------------------------

type Target =
  | { readonly kind: 'generic' | 'synonym'; readonly name: string; readonly drug: DrugEntry }
  | { readonly kind: 'brand'; readonly name: string; readonly drug: DrugEntry; readonly brand: BrandName }
  | { readonly kind: 'combination'; readonly name: string; readonly product: CombinationProduct };

interface FuzzyKey {
  readonly key: string;
  readonly histogram: Uint8Array;
  readonly targets: readonly Target[];
}

const DRUG_BY_GENERIC = new Map<string, DrugEntry>(MEDICATION_DICTIONARY.drugs.map((d) => [d.generic, d]));

function buildExactIndex(): Map<string, Target[]> {
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
  return index;
}

function sameReferent(a: Target, b: Target): boolean {
  if (a.kind === 'combination' || b.kind === 'combination') {
    return a.kind === 'combination' && b.kind === 'combination' && a.product === b.product;
  }
  return a.drug === b.drug;
}

// Letter counts give a cheap lower bound on edit distance (each edit moves the L1 norm by ≤ 2),
// so most keys are rejected before the O(n·m) distance call.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789 ';
function histogram(s: string): Uint8Array {
  const h = new Uint8Array(ALPHABET.length);
  for (let i = 0; i < s.length; i++) {
    const k = ALPHABET.indexOf(s[i] ?? '');
    if (k >= 0) h[k] = (h[k] ?? 0) + 1;
  }
  return h;
}
function histogramLowerBound(a: Uint8Array, b: Uint8Array): number {
  let l1 = 0;
  for (let i = 0; i < a.length; i++) l1 += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return Math.ceil(l1 / 2);
}

const EXACT_INDEX: ReadonlyMap<string, readonly Target[]> = buildExactIndex();

/** Fuzzy keys bucketed by length, so a query only visits lengths within ±2 of its own. */
const FUZZY_BY_LENGTH: readonly (readonly FuzzyKey[])[] = (() => {
  const buckets: FuzzyKey[][] = [];
  for (const [key, targets] of EXACT_INDEX) {
    // Digits carry meaning ("vitamin b6" vs "vitamin d3"/"b12"), so such names are exact-only.
    if (key.length < MIN_FUZZY_LENGTH || /\d/.test(key)) continue;
    (buckets[key.length] ??= []).push({ key, histogram: histogram(key), targets });
  }
  return buckets;
})();

const MAX_KEY_TOKENS = Math.max(...[...EXACT_INDEX.keys()].map((k) => k.split(' ').length));

// --- Resolution ----------------------------------------------------------------------------------

interface Resolved {
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
}

function countriesOf(t: Target): readonly Country[] | null {
  if (t.kind === 'brand') return t.brand.countries;
  if (t.kind === 'combination') return t.product.countries;
  return null;
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
      ? chosen.product.ingredients.flatMap((g) => {
          const d = DRUG_BY_GENERIC.get(g);
          return d ? [d] : [];
        })
      : [chosen.drug];
  const flagged = ingredients.filter((d): d is FlaggedDrugEntry => d.flagged);
  const fallback = used !== null && used !== country;
  const genericsAcross = new Set(
    targets.filter((t) => t.kind === 'brand').map((t) => (t.kind === 'brand' ? t.drug.generic : '')),
  );
  return {
    kind: chosen.kind,
    name: chosen.name,
    country: chosen.kind === 'brand' || chosen.kind === 'combination' ? used : null,
    countryFallback: fallback && (chosen.kind === 'brand' || chosen.kind === 'combination'),
    countrySpecific: genericsAcross.size > 1,
    countryNote: chosen.kind === 'brand' && fallback ? (chosen.brand.countryNote ?? null) : null,
    ingredients,
    flagged,
  };
}

function primaryGeneric(r: Resolved): string {
  return r.flagged[0]?.generic ?? r.ingredients[0]?.generic ?? r.name;
}

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
  if (query.length < MIN_FUZZY_LENGTH) return null;
  const qh = histogram(query);
  const scored: Scored[] = [];
  const lo = Math.max(MIN_FUZZY_LENGTH, query.length - MAX_FUZZY_DISTANCE);
  const hi = query.length + MAX_FUZZY_DISTANCE;
  for (let len = lo; len <= hi; len++) {
    const bucket = FUZZY_BY_LENGTH[len];
    if (!bucket) continue;
    const limit = fuzzyThreshold(len);
    if (Math.abs(len - query.length) > limit) continue;
    for (const fk of bucket) {
      if (histogramLowerBound(qh, fk.histogram) > limit) continue;
      const distance = levenshtein(query, fk.key).steps;
      if (distance > limit) continue;
      const resolved = resolveTargets(fk.targets, country);
      if (resolved) scored.push({ key: fk.key, distance, resolved });
    }
  }
  if (scored.length === 0) return null;

  // Best first: smaller distance, then closer length, then a stable alphabetical order.
  scored.sort(
    (a, b) =>
      a.distance - b.distance ||
      Math.abs(a.key.length - query.length) - Math.abs(b.key.length - query.length) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const candidates = toCandidates(scored);
  // CLINICAL.md §2 step 5: any two candidates within threshold that differ in flag status → ask, do not flag.
  const statuses = new Set(scored.map((s) => s.resolved.flagged.length > 0));
  if (statuses.size > 1) return { mode: 'ambiguous', candidates };
  const best = scored[0];
  return best ? { mode: 'fuzzy', resolved: best.resolved, candidates } : null;
}

function toCandidates(scored: readonly Scored[]): MedicationCandidate[] {
  const seen = new Set<string>();
  const out: MedicationCandidate[] = [];
  for (const s of scored) {
    if (seen.has(s.resolved.name)) continue;
    seen.add(s.resolved.name);
    out.push({
      name: s.resolved.name,
      generic: primaryGeneric(s.resolved),
      flagged: s.resolved.flagged.length > 0,
      distance: s.distance,
    });
    if (out.length >= MAX_CANDIDATES) break;
  }
  return out;
}

// --- Segmentation --------------------------------------------------------------------------------

type Hit =
  | { readonly mode: 'exact'; readonly start: number; readonly raw: string; readonly resolved: Resolved }
  | {
      readonly mode: 'fuzzy';
      readonly start: number;
      readonly raw: string;
      readonly resolved: Resolved;
      readonly candidates: MedicationCandidate[];
    }
  | { readonly mode: 'ambiguous'; readonly start: number; readonly raw: string; readonly candidates: MedicationCandidate[] };

function spanText(tokens: readonly MedicationToken[], start: number, length: number, field: 'norm' | 'raw'): string {
  const parts: string[] = [];
  let last: string | null = null;
  for (let i = start; i < start + length; i++) {
    const t = tokens[i];
    if (!t) continue;
    // One raw word can yield several tokens ("Chlor-Trimeton"); quote it once.
    if (field === 'raw') {
      if (t.raw !== last) parts.push(t.raw);
      last = t.raw;
    } else parts.push(t.norm);
  }
  return parts.join(' ');
}

/**
 * Leftmost-longest exact spans first ("tylenol pm" before "tylenol", "dramamine less drowsy" before
 * "dramamine"); remaining runs of tokens are then fuzzy-matched the same way. A line naming two drugs
 * therefore yields two hits instead of silently dropping one.
 */
function findHits(tokens: readonly MedicationToken[], country: Country): { hits: Hit[]; leftover: string[] } {
  const n = tokens.length;
  const covered = new Array<boolean>(n).fill(false);
  const hits: Hit[] = [];

  for (let i = 0; i < n; ) {
    let advanced = false;
    for (let len = Math.min(MAX_KEY_TOKENS, n - i); len >= 1; len--) {
      const targets = EXACT_INDEX.get(spanText(tokens, i, len, 'norm'));
      const resolved = targets ? resolveTargets(targets, country) : null;
      if (resolved) {
        hits.push({ mode: 'exact', start: i, raw: spanText(tokens, i, len, 'raw'), resolved });
        covered.fill(true, i, i + len);
        i += len;
        advanced = true;
        break;
      }
    }
    if (!advanced) i++;
  }

  for (let i = 0; i < n; ) {
    if (covered[i]) {
      i++;
      continue;
    }
    let runEnd = i;
    while (runEnd < n && !covered[runEnd]) runEnd++;
    let advanced = false;
    for (let len = Math.min(MAX_KEY_TOKENS, runEnd - i); len >= 1; len--) {
      const query = spanText(tokens, i, len, 'norm');
      if (len === 1 && FUZZY_STOPWORDS.has(query)) continue;
      const outcome = fuzzyMatch(query, country);
      if (!outcome) continue;
      const raw = spanText(tokens, i, len, 'raw');
      hits.push(
        outcome.mode === 'fuzzy'
          ? { mode: 'fuzzy', start: i, raw, resolved: outcome.resolved, candidates: outcome.candidates }
          : { mode: 'ambiguous', start: i, raw, candidates: outcome.candidates },
      );
      covered.fill(true, i, i + len);
      i += len;
      advanced = true;
      break;
    }
    if (!advanced) i++;
  }
  // CLINICAL.md §2 step 6: never drop a name silently, even the second one on a line.
  const leftover: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (!t || covered[i] || t.norm.length < MIN_FUZZY_LENGTH) continue;
    if (FUZZY_STOPWORDS.has(t.norm) || SALT_WORDS.has(t.norm) || leftover.includes(t.raw)) continue;
    leftover.push(t.raw);
  }
  return { hits: hits.sort((a, b) => a.start - b.start), leftover };
}

/** Which hit speaks for the line: a flag beats a question, a question beats "not flagged". */
function rank(h: Hit): number {
  if (h.mode === 'ambiguous') return 2;
  const flagged = h.resolved.flagged.length > 0;
  if (flagged) return h.mode === 'exact' ? 0 : 1;
  return h.mode === 'exact' ? 3 : 4;
}

// --- Result --------------------------------------------------------------------------------------

const ADVICE_NO_ABRUPT_STOP =
  'Do not stop abruptly: antidepressant and antipsychotic discontinuation, and opioid withdrawal, can worsen RLS.';
const ADVICE_AUG =
  'Possible augmentation on dopaminergic therapy: check iron (morning ferritin and TSAT); specialist-led transition per AASM [S1].';
const ADVICE_CONFIRM = 'Confirm the drug first: this match is by spelling similarity.';
const UNRECOGNISED_MESSAGE = 'not recognised: verify';

function workupCard(primary: FlaggedDrugEntry, all: readonly FlaggedDrugEntry[], fuzzy: boolean): string[] {
  const advice: string[] = [];
  if (fuzzy) advice.push(ADVICE_CONFIRM);
  advice.push(
    `Timing: did RLS symptoms start or worsen within days to weeks of starting ${primary.generic} or raising its dose? [S17]`,
    `Review with the prescriber: lower the dose, change the timing, or switch class (alternative to consider: ${primary.alternative}).`,
    ADVICE_NO_ABRUPT_STOP,
  );
  if (all.some((d) => d.mechanism === 'AUG')) advice.push(ADVICE_AUG);
  return advice;
}

function sortSourceIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}

function describeName(r: Resolved): string {
  const generics = r.ingredients.map((d) => d.generic);
  const label =
    r.kind === 'combination' ? `${r.name} (combination: ${generics.join(' + ')})` : r.name;
  if (r.country && (r.countrySpecific || r.countryFallback)) return `${label} [${r.country} mapping]`;
  return label;
}

function asClause(s: string, sentenceStart: boolean): string {
  return sentenceStart ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

function flaggedSummary(d: FlaggedDrugEntry): string {
  return `${d.drugClass}, mechanism ${d.mechanism}, evidence ${d.evidenceNote ?? d.evidence}; may provoke or worsen RLS`;
}

function hitSummary(h: Hit): string {
  if (h.mode === 'ambiguous') return `'${h.raw}' (unclear: ${h.candidates.map((c) => c.name).join(' / ')})`;
  const g = primaryGeneric(h.resolved);
  const status = h.resolved.flagged.length > 0 ? 'flagged' : 'not flagged';
  const confirm = h.mode === 'fuzzy' ? ', please confirm' : '';
  const label = h.resolved.name === g ? g : `${h.resolved.name} → ${g}`;
  return `${label} (${status}${confirm})`;
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

function buildMatch(
  input: string,
  normalized: string,
  hits: readonly Hit[],
  leftover: readonly string[],
): MedicationMatch {
  const primary = [...hits].sort((a, b) => rank(a) - rank(b) || a.start - b.start)[0];
  if (!primary) return emptyMatch(input, normalized);

  const ingredients: string[] = [];
  const allFlagged: FlaggedDrugEntry[] = [];
  for (const h of hits) {
    if (h.mode === 'ambiguous') continue;
    for (const d of h.resolved.ingredients) if (!ingredients.includes(d.generic)) ingredients.push(d.generic);
    for (const d of h.resolved.flagged) if (!allFlagged.includes(d)) allFlagged.push(d);
  }
  const others = hits.filter((h) => h !== primary);
  const alsoText =
    (others.length > 0 ? ` Also on this line: ${others.map(hitSummary).join('; ')}.` : '') +
    (leftover.length > 0 ? ` Also on this line, ${leftover.map((w) => `'${w}'`).join(', ')}: ${UNRECOGNISED_MESSAGE}.` : '');

  if (primary.mode === 'ambiguous') {
    const list = primary.candidates
      .map((c) => `${c.name} (${c.generic}, ${c.flagged ? 'flagged' : 'not flagged'})`)
      .join(' or ');
    return {
      ...emptyMatch(input, normalized),
      status: 'ambiguous',
      ingredients,
      matchKind: 'fuzzy',
      needsConfirmation: true,
      candidates: primary.candidates.map((c) => ({ ...c })),
      message: `'${primary.raw}' is close to ${list}: please confirm which drug; not flagged until confirmed.${alsoText}`,
    };
  }

  const r = primary.resolved;
  const fuzzy = primary.mode === 'fuzzy';
  const matchKind: MatchKind = fuzzy ? 'fuzzy' : r.kind;
  const generic = primaryGeneric(r);
  const head = fuzzy
    ? `matched '${primary.raw}' → ${r.name === generic ? r.name : `${describeName(r)} (${generic})`}: please confirm`
    : r.name === generic
      ? generic
      : `${describeName(r)} → ${generic}`;
  const countryNote = r.countryNote ? ` Note: ${r.countryNote}.` : '';
  const base = {
    ...(leftover.length > 0 ? { unrecognizedWords: [...leftover] } : {}),
    input,
    normalized,
    generic,
    ingredients,
    matchedName: r.name,
    matchKind,
    needsConfirmation: fuzzy,
    country: r.country,
    candidates: fuzzy ? primary.candidates.map((c) => ({ ...c })) : [],
  };

  const lead = r.flagged[0];
  if (lead) {
    const flaggedIngredients = allFlagged.length > 1 ? { flaggedIngredients: allFlagged.map((d) => d.generic) } : {};
    const multi =
      allFlagged.length > 1 ? ` Flagged ingredients: ${allFlagged.map((d) => `${d.generic} (${d.mechanism})`).join(', ')}.` : '';
    return {
      ...base,
      status: 'flagged',
      drugClass: lead.drugClass,
      mechanism: lead.mechanism,
      evidence: lead.evidence,
      evidenceNote: lead.evidenceNote,
      alternative: lead.alternative,
      advice: workupCard(lead, allFlagged, fuzzy),
      sourceIds: sortSourceIds(allFlagged.flatMap((d) => d.sourceIds)),
      message: `${head}${fuzzy ? '. Flag pending confirmation: ' : ': '}${flaggedSummary(lead)}.${multi}${countryNote}${alsoText}`,
      ...flaggedIngredients,
    };
  }

  const first = r.ingredients[0];
  return {
    ...base,
    status: 'not-flagged',
    drugClass: first?.drugClass ?? null,
    mechanism: null,
    evidence: null,
    evidenceNote: null,
    alternative: null,
    advice: fuzzy ? [ADVICE_CONFIRM] : [],
    sourceIds: sortSourceIds(r.ingredients.flatMap((d) => (d.flagged ? [] : d.sourceIds))),
    message: `${head}${fuzzy ? '. ' : ': '}${asClause(first && !first.flagged ? first.note : 'Not on the RLS-provoking list.', fuzzy)}${countryNote}${alsoText}`,
  };
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
  const normalized = tokens.map((t) => t.norm).join(' ');
  if (tokens.length === 0) return emptyMatch(input, normalized);
  const { hits, leftover } = findHits(tokens, country);
  return buildMatch(input, normalized, hits, leftover);
}

/** Match every line of a medication list, in order (one result per entry, none dropped). */
export function matchMedications(entries: readonly string[], options?: MatchOptions): MedicationMatch[] {
  if (!Array.isArray(entries)) return [];
  return entries.map((line) => matchMedication(line, options));
}
