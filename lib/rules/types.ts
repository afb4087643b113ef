/**
 * The rule language: rules are typed, serialisable data (a condition tree plus what follows), so
 * that the whole rule set can be validated, listed on the verification page and diffed between
 * versions. Operators are closed unions; there is no string lookup at run time.
 */
import type { AnalyteId, Unit } from './analytes';
import type { SourceId } from './sources';

export const CONTRIBUTOR_IDS = [
  'iron-deficiency', 'anemia', 'kidney-disease', 'kidney-failure-dialysis', 'glycemia', 'neuropathy',
  'thyroid-high-tsh', 'thyroid-low-tsh', 'b12-deficiency', 'folate-deficiency', 'pregnancy',
  'oncologic-autoimmune', 'medication',
] as const;
export type ContributorId = (typeof CONTRIBUTOR_IDS)[number];

export type ContributorStatus = 'flagged' | 'not-flagged' | 'not-assessed' | 'indeterminate';
/** `oral-only` and `pending` were added in knowledge base 1.1 (pregnancy weeks 0–13; a band that needs a current ferritin and TSAT). */
export const IRON_THERAPY_BANDS = ['oral-or-iv', 'iv-only', 'iv-iron-sucrose', 'suppressed', 'oral-only', 'pending'] as const;
export type IronTherapy = (typeof IRON_THERAPY_BANDS)[number];
/** A design convention of docs/CLINICAL.md: A guideline … D case reports or inference. */
export type EvidenceGrade = 'A' | 'B' | 'C' | 'D';
/** CLINICAL.md verification tags: checked against a primary source, secondary only, not verified. */
export type Verification = 'V' | 'V2' | 'NV';

export const WORKUP_IDS = [
  'iron-panel', 'cbc', 'crp', 'iron-therapy-discussion', 'iron-overload-evaluation', 'iron-loss-evaluation',
  'glucose-confirmation', 'neuropathy-exam', 'creatinine-egfr', 'egfr-repeat', 'urine-acr', 'nephrology',
  'tsh-free-t4', 'b12-mma', 'medication-review', 'medication-list', 'obstetric-comanagement',
  'repeat-rejected', 'pregnancy-status', 'specialist-comanagement',
  // Added in knowledge base 1.1.
  'spep-immunofixation', 'gi-evaluation',
] as const;
export type WorkupId = (typeof WORKUP_IDS)[number];

export type CompareOp = '<' | '<=' | '>' | '>=';

/** A threshold per unit; must include the analyte's canonical unit. */
export type UnitThresholds = Partial<Record<Unit, number>>;

/** A lab value compared with a threshold stated in the source's own unit(s). */
export interface LabLeaf {
  lab: AnalyteId;
  op: CompareOp;
  /** Published threshold(s); compared in the entered unit when one is given for it. */
  threshold?: UnitThresholds;
  /** Use the lab's own reference interval when supplied, else `threshold`. */
  reference?: 'low' | 'high';
}

/** Whether a usable (not rejected, not derived) result is absent. Never unknown. */
export interface MissingLeaf {
  missing: AnalyteId;
}

export type PatientFlag = 'knownDiabetes' | 'activeCancerOrNeurotoxicChemo' | 'autoimmuneOrInflammatoryDisease' | 'pregnant';

/** An assumption made when a history item was not recorded; always shown in the trace. */
export interface Assumption {
  assume: boolean;
  because: string;
}

export type PatientLeaf =
  | { patient: PatientFlag; is: boolean; ifUnknown?: Assumption }
  | { patient: 'dialysis'; onDialysis: boolean; ifUnknown?: Assumption }
  | { patient: 'sex'; is: 'female' | 'male' }
  | { patient: 'hyperglycemiaSymptoms'; is: 'yes' | 'no'; ifUnknown?: Assumption }
  | { patient: 'neuropathy'; is: 'present' | 'absent' | 'examined'; ifUnknown?: Assumption }
  /** Trimester on the assessment date, or at the collection of `atCollectionOf` (G6: cut-offs use the week at collection). */
  | { patient: 'trimester'; in: readonly (1 | 2 | 3)[]; atCollectionOf?: AnalyteId; ifUnknown?: Assumption }
  | { patient: 'ageYears'; op: CompareOp; value: number };

export type MedicationLeaf =
  | { medications: 'any-flagged' }
  | { medications: 'needs-attention' }
  /** Every line of a non-empty list was unrecognised: the list could not be read. */
  | { medications: 'none-recognised' }
  | { medication: readonly string[] };

/**
 * The free T4 paired with the TSH in use (within ±7 days, G6), classified against the lab's range or
 * the default (§1.5): low, low-normal (lowest quarter), in range, high; missing when none is paired;
 * unclassified when no range applies (pregnancy without a lab range).
 */
export type FreeT4Class = 'low' | 'low-normal' | 'in-range' | 'high' | 'missing' | 'unclassified';
export interface FreeT4Leaf {
  freeT4: readonly FreeT4Class[];
}

/** Where the TSH in use lies against the limits that apply to this patient (§1.5; `low-first-trimester`: T-2d). */
export type TshPosition = 'above' | 'below' | 'within' | 'low-first-trimester';
export interface TshLeaf {
  tsh: readonly TshPosition[];
}

/** Met when a lab comparison cannot be decided from a current result (missing, rejected, stale or censored across it). */
export interface UndecidedLeaf {
  undecided: LabLeaf;
}

/** Met when no current (given, accepted, not stale) result of the analyte is available. */
export interface NotCurrentLeaf {
  notCurrent: AnalyteId;
}

export type Condition =
  | { all: readonly Condition[] }
  /** `alternatives`: the children are alternative tests; a missing one does not block a decision when another was done. */
  | { any: readonly Condition[]; alternatives?: boolean }
  | { not: Condition }
  | LabLeaf
  | MissingLeaf
  | PatientLeaf
  | MedicationLeaf
  | FreeT4Leaf
  | TshLeaf
  | UndecidedLeaf
  | NotCurrentLeaf;

/** A workup item a rule asks for, with why; `onlyIf` narrows it (e.g. CRP only when none was given). */
export interface WorkupRequest {
  id: WorkupId;
  reason: string;
  onlyIf?: Condition;
  /** Asked for only when the contributor ends in one of these iron-therapy bands (e.g. no therapy discussion when suppressed). */
  bands?: readonly IronTherapy[];
  /** The item's label in this situation, when it differs from the catalogue's (K-2p: "serum creatinine (no eGFR in pregnancy)"). */
  label?: string;
}

/**
 * - `flag`: met → the contributor is flagged (first met flag rule gives the iron-therapy band).
 * - `indeterminate`: met → inputs present but the criteria cannot decide.
 * - `not-assessed`: met → the contributor does not apply or cannot be read (e.g. eGFR on dialysis,
 *   K-2d); said with the rule's reason, without the generic "needed" workup.
 * - `modifier`: met → adds its message, caveats, workup and, when flagged, may change the band.
 * Precedence: flag, then indeterminate, then not-assessed, then the flag rules' own outcome.
 */
export type RuleRole = 'flag' | 'indeterminate' | 'not-assessed' | 'modifier';

export interface Rule {
  id: string;
  contributor: ContributorId;
  role: RuleRole;
  title: string;
  when: Condition;
  /** What the rule says when met, in non-diagnostic language. */
  message: string;
  /** Flag rules: considered only when no other flag rule is met (G7's "I-1 or I-2, undecided"). */
  fallback?: boolean;
  /** Flag rules: what the band means, appended to the summary only when the rule's own band stands. */
  route?: string;
  /** A condition whose outcome appends `met` or `notMet` to the message (K-5: KDIGO criteria met / not met). */
  detail?: { when: Condition; met: string; notMet: string; unknown?: string };
  /** Modifiers: they fire (notes, workup, rule ids) only when the contributor ends with one of these statuses. */
  whenStatus?: readonly ContributorStatus[];
  /** Modifiers: said only when the contributor ends in one of these iron-therapy bands. */
  bands?: readonly IronTherapy[];
  /** Modifiers: the message joins the summary (not only the notes) when the contributor has this status. */
  inSummary?: readonly ContributorStatus[];
  /** Modifiers: when the contributor is not flagged, the message replaces the not-flagged text (K-5, P-I). */
  notFlaggedText?: boolean;
  ironTherapy?: IronTherapy;
  workup?: readonly WorkupRequest[];
  sourceIds: readonly SourceId[];
  evidence: EvidenceGrade;
  verification: Verification;
  /** Why the rule is as it is, including any deviation from docs/CLINICAL.md. */
  rationale: string;
}

export interface Caveat {
  id: string;
  text: string;
  /** Shown when met; absent means always shown with the contributor. */
  when?: Condition;
  sourceIds: readonly SourceId[];
}

export interface ContributorSpec {
  id: ContributorId;
  label: string;
  evidence: EvidenceGrade;
  /** Said when no flag rule is met and every one was decidable. */
  notFlaggedMessage: string;
  /** Said when a needed input is missing or rejected. */
  notAssessedMessage: string;
  /** When an unrecorded history item is itself the contributor's input (pregnancy status), it is "not assessed", not "indeterminate". */
  historyIsInput?: boolean;
  /** Workup asked for when the contributor cannot be assessed. */
  whenNotAssessed?: readonly WorkupRequest[];
  rules: readonly Rule[];
  caveats?: readonly Caveat[];
}
