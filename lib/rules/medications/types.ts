/**
 * Types for the medication module (docs/CLINICAL.md §2, contract/EVALUATION.md "Medications").
 * Everything here is plain, JSON-serialisable data: no classes, no functions.
 */

/** Outcome for one medication line. */
export type MedicationStatus = 'flagged' | 'not-flagged' | 'unrecognized' | 'ambiguous';

/** How the line was recognised. */
export type MatchKind = 'generic' | 'brand' | 'synonym' | 'combination' | 'fuzzy';

/**
 * Mechanism class from CLINICAL.md §2: DA = central D2 blockade, H1 = central H1 antagonism,
 * 5HT = serotonergic, AUG = augmentation on dopaminergic RLS therapy, DA-depletion = VMAT2 inhibition.
 */
export type Mechanism = 'DA' | 'H1' | '5HT' | 'AUG' | 'DA+H1' | '5HT+H1' | 'DA-depletion' | 'uncertain';

/** The app's evidence convention (CLINICAL.md, "Evidence grades used in the rules"). */
export type EvidenceGrade = 'A' | 'B' | 'C' | 'D';

/** Source ids from CLINICAL.md §0 that this module cites (S39-S41 added in KB 1.1). */
export type SourceId = 'S1' | 'S5' | 'S15' | 'S16' | 'S17' | 'S39' | 'S40' | 'S41';

/**
 * Drugs that can lower vitamin B12 (CLINICAL.md §2.2): not RLS-provoking, but a B12 suggestion may
 * apply (§1.6). 'ppi' = any proton-pump inhibitor.
 */
export type B12Risk = 'metformin' | 'ppi';

/**
 * Market for a brand mapping. Brand→ingredient maps are country-specific (CLINICAL.md §2),
 * e.g. Sominex is diphenhydramine in the US and promethazine in the UK.
 * 'international' = marketed outside the US/UK/CA/AU without a specific country recorded here.
 */
export type Country = 'US' | 'UK' | 'CA' | 'AU' | 'international';

/** One brand name and the markets in which it maps to its generic. */
export interface BrandName {
  /** As written on the pack, e.g. "Benadryl". */
  readonly name: string;
  readonly countries: readonly Country[];
  /** Brand withdrawn in the US (still entered by patients). */
  readonly discontinued?: boolean;
  /** Shown to the clinician when this brand is matched outside the listed countries. */
  readonly countryNote?: string;
  /** Shown whenever this brand is matched (e.g. Dramamine: "Less Drowsy = meclizine, Non-Drowsy = ginger"). */
  readonly note?: string;
}

interface DrugEntryBase {
  /** Lower-case INN/USAN as written in CLINICAL.md §2. Unique across the dictionary. */
  readonly generic: string;
  readonly brands: readonly BrandName[];
  /** Other accepted names of the same ingredient (e.g. chlorphenamine for chlorpheniramine). */
  readonly synonyms: readonly string[];
  readonly drugClass: string;
}

/** A drug from the 67-row table in CLINICAL.md §2. */
export interface FlaggedDrugEntry extends DrugEntryBase {
  readonly flagged: true;
  /** Row number in the CLINICAL.md §2 table (rows with two generics share a number). */
  readonly row: number;
  readonly mechanism: Mechanism;
  /** The table's mechanism text when it says more than the class (row 67: "H1 (+5HT at antidepressant doses)"). */
  readonly mechanismNote?: string;
  readonly evidence: EvidenceGrade;
  /** The table's evidence text when it says more than the letter (e.g. "B-C", "C (PV signal)"). */
  readonly evidenceNote: string | null;
  /** "Alternative class to consider" column, verbatim (expanded for "as for 51"). */
  readonly alternative: string;
  readonly sourceIds: readonly SourceId[];
  readonly rationale: string;
  /** Shown with every match (rows 62-63: why a drug taken for another indication is flagged). */
  readonly contextNote?: string;
}

/** A recognised drug that is not on the RLS-provoking list. */
export interface NotFlaggedDrugEntry extends DrugEntryBase {
  readonly flagged: false;
  /** True for the drugs named in CLINICAL.md §2 "Not flagged"; false for common drugs added for recognition. */
  readonly listedInClinical: boolean;
  readonly note: string;
  readonly sourceIds: readonly SourceId[];
  /** Set for the B12-depletion drugs of CLINICAL.md §2.2. */
  readonly b12Risk?: B12Risk;
}

/** Any dictionary drug. */
export type DrugEntry = FlaggedDrugEntry | NotFlaggedDrugEntry;

/** A multi-ingredient product; `ingredients` are generics present in the dictionary. */
export interface CombinationProduct {
  readonly name: string;
  readonly countries: readonly Country[];
  readonly ingredients: readonly string[];
  readonly synonyms?: readonly string[];
  /** Sources for the composition (e.g. S40, openFDA labels), added to the drugs' own. */
  readonly sourceIds?: readonly SourceId[];
}

/**
 * A product-line name that is not itself one product (CLINICAL.md §2 "Name matching" step 7, §2.1):
 * - 'flagship': a bare line name ("Unisom", "Coricidin HBP") read as the line's flagship ingredients,
 *   with `needsConfirmation: true` and the line's note;
 * - 'ambiguous': a variant name shared by products that differ in flag status ("Dramamine Non-Drowsy"),
 *   which is asked about and never flagged.
 */
export interface ProductLine {
  readonly name: string;
  readonly countries: readonly Country[];
  readonly synonyms?: readonly string[];
  readonly kind: 'flagship' | 'ambiguous';
  /** 'flagship': the generics it is read as (flagged first). 'ambiguous': []. */
  readonly ingredients: readonly string[];
  /** 'ambiguous': the products it may be (generic may be a not-flagged substance such as ginger). */
  readonly options: readonly { readonly name: string; readonly generic: string; readonly flagged: boolean }[];
  /** The CLINICAL.md §2.1 text, verbatim. */
  readonly note: string;
  readonly sourceIds: readonly SourceId[];
}

/** The whole dictionary, serialisable as JSON. */
export interface MedicationDictionary {
  readonly version: string;
  readonly drugs: readonly DrugEntry[];
  readonly combinations: readonly CombinationProduct[];
  readonly productLines: readonly ProductLine[];
}

/** A near name offered to the clinician for a fuzzy or ambiguous match. */
export interface MedicationCandidate {
  /** Dictionary name as written (brand, generic, synonym or product). */
  name: string;
  /** Generic it maps to (the flagged ingredient for a combination). */
  generic: string;
  flagged: boolean;
  /** Damerau-Levenshtein distance from the normalised input. */
  distance: number;
}

/** Result for one medication line (contract/EVALUATION.md "Medications"). */
export interface MedicationMatch {
  /** The line exactly as given. */
  input: string;
  /** After normalisation (CLINICAL.md §2 "Name matching" step 1). */
  normalized: string;
  status: MedicationStatus;
  /** Lower-case INN (the flagged ingredient for combinations). */
  generic: string | null;
  /** All generics recognised (combinations list all). */
  ingredients: string[];
  /** The dictionary name matched, as written in the dictionary (e.g. "Benadryl"). */
  matchedName: string | null;
  /** A product-line name (Unisom, Coricidin HBP, Dramamine Non-Drowsy) reports 'brand'. */
  matchKind: MatchKind | null;
  /**
   * True for a near spelling (fuzzy), an ambiguous entry, a bare product-line name read as its
   * flagship (Unisom, Coricidin HBP) and a PM/HBP suffix that makes no known product. A flagged entry
   * with this set is flagged pending confirmation.
   */
  needsConfirmation: boolean;
  /** For brand/combination matches: the country whose mapping was used. */
  country: string | null;
  drugClass: string | null;
  mechanism: Mechanism | null;
  evidence: EvidenceGrade | null;
  evidenceNote: string | null;
  /** The "alternative class to consider" text. */
  alternative: string | null;
  /** For flagged: the workup card. */
  advice: string[];
  sourceIds: string[];
  /** For ambiguous / fuzzy matches. */
  candidates: { name: string; generic: string; flagged: boolean; distance: number }[];
  /** One line a clinician reads. */
  message: string;
  /** Every flagged ingredient when more than one is present (e.g. Symbyax: olanzapine + fluoxetine). */
  flaggedIngredients?: string[];
  /** Words on the line that matched nothing, beside a recognised drug (e.g. "zolpidem" in "Tylenol + zolpidem"). */
  unrecognizedWords?: string[];
  /**
   * Set when a recognised ingredient is a B12-depletion drug (CLINICAL.md §2.2): 'metformin' or 'ppi'
   * (the first such on the line; `ingredients` names them all).
   */
  b12Risk?: B12Risk;
  /** A note the KB attaches to the matched name (product line, row 62-63 context), also in `message`. */
  note?: string;
}

/** Options for the matcher. */
export interface MatchOptions {
  /** Market used to resolve country-specific brands. Default 'US'. */
  country?: Country;
}
