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
export type IronTherapy = 'oral-or-iv' | 'iv-only' | 'iv-iron-sucrose' | 'suppressed';
/** A design convention of docs/CLINICAL.md: A guideline … D case reports or inference. */
export type EvidenceGrade = 'A' | 'B' | 'C' | 'D';
/** CLINICAL.md verification tags: checked against a primary source, secondary only, not verified. */
export type Verification = 'V' | 'V2' | 'NV';

export const WORKUP_IDS = [
  'iron-panel', 'cbc', 'crp', 'iron-therapy-discussion', 'iron-overload-evaluation', 'iron-loss-evaluation',
  'glucose-confirmation', 'neuropathy-exam', 'creatinine-egfr', 'egfr-repeat', 'urine-acr', 'nephrology',
  'tsh-free-t4', 'b12-mma', 'medication-review', 'medication-list', 'obstetric-comanagement',
  'repeat-rejected', 'pregnancy-status', 'specialist-comanagement',
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
  | { patient: 'trimester'; in: readonly (1 | 2 | 3)[]; ifUnknown?: Assumption }
  | { patient: 'ageYears'; op: CompareOp; value: number };

export type MedicationLeaf =
  | { medications: 'any-flagged' }
  | { medications: 'needs-attention' }
  | { medication: readonly string[] };

export type Condition =
  | { all: readonly Condition[] }
  /** `alternatives`: the children are alternative tests; a missing one does not block a decision when another was done. */
  | { any: readonly Condition[]; alternatives?: boolean }
  | { not: Condition }
  | LabLeaf
  | MissingLeaf
  | PatientLeaf
  | MedicationLeaf;

/** A workup item a rule asks for, with why; `onlyIf` narrows it (e.g. CRP only when none was given). */
export interface WorkupRequest {
  id: WorkupId;
  reason: string;
  onlyIf?: Condition;
}

/**
 * - `flag`: met → the contributor is flagged (first met flag rule gives the iron-therapy band).
 * - `indeterminate`: met → inputs present but the criteria cannot decide.
 * - `modifier`: met → adds its message, caveats, workup and, when flagged, may change the band.
 */
export type RuleRole = 'flag' | 'indeterminate' | 'modifier';

export interface Rule {
  id: string;
  contributor: ContributorId;
  role: RuleRole;
  title: string;
  when: Condition;
  /** What the rule says when met, in non-diagnostic language. */
  message: string;
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
