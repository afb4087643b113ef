/** Global rules G1–G5 (docs/CLINICAL.md §1.0): they apply to every evaluation, not one contributor. */
import type { SourceId } from './sources';
import type { EvidenceGrade, Verification } from './types';

export interface GlobalRule {
  id: 'G1' | 'G2' | 'G3' | 'G4' | 'G5';
  title: string;
  rationale: string;
  sourceIds: readonly SourceId[];
  evidence: EvidenceGrade;
  verification: Verification;
}

export const GLOBAL_RULES: readonly GlobalRule[] = [
  { id: 'G1', title: 'A missing core input is not assessed and becomes a workup item', rationale: 'Missing is never normal. Core inputs: ferritin with TSAT, glucose or HbA1c, creatinine or eGFR, TSH, the medication list.', sourceIds: ['S1', 'S26'], evidence: 'A', verification: 'V' },
  { id: 'G2', title: 'A rejected value is never used: re-enter or repeat', rationale: 'Values outside the hard plausibility bounds, or in a unit that does not fit, are rejected rather than clamped.', sourceIds: ['S26'], evidence: 'A', verification: 'NV' },
  { id: 'G3', title: 'Every flag shows its basis', rationale: 'Value as entered and normalised, threshold and rule id, source and evidence grade (FDA non-device CDS criterion 4).', sourceIds: ['S24'], evidence: 'A', verification: 'V' },
  { id: 'G4', title: 'Adults only', rationale: 'Age under 18 is out of scope; AASM uses ferritin < 50 ng/mL in children.', sourceIds: ['S1'], evidence: 'A', verification: 'V2' },
  { id: 'G5', title: 'Periodic morning iron studies for every patient', rationale: 'AASM GPS 1: ferritin and TSAT in all patients with clinically significant RLS, drawn in the morning, ≥ 24 h without iron.', sourceIds: ['S1'], evidence: 'A', verification: 'V' },
];

export const LIMITATIONS: readonly string[] = [
  'For clinicians, about adults (18 or older) already judged to have RLS by the IRLSSG 2014 criteria. It suggests possible contributors and workup; it does not diagnose, order or prescribe.',
  'Ferritin assays differ between manufacturers; values are never adjusted automatically.',
  'Inflammation, infection, liver disease, CKD and malignancy raise ferritin.',
  'CKD and pregnancy change the thresholds (dialysis criterion, pregnancy haemoglobin cut-offs, gestational glucose criteria); eGFR is not validated in pregnancy or AKI.',
  'Brand-to-ingredient mapping is country-specific (US by default).',
];
