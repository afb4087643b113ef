/** Global rules G1–G5 (docs/CLINICAL.md §1.0): they apply to every evaluation, not one contributor. */
import type { SourceId } from './sources';
import type { EvidenceGrade, Verification } from './types';

export interface GlobalRule {
  id: 'G1' | 'G2' | 'G3' | 'G4' | 'G5' | 'G6' | 'G8';
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
  { id: 'G6', title: 'Stale results: maximum ages, pairing, pre-pregnancy and undated results', rationale: 'Iron indices, CRP, Hb, MCV and Mg are current for 90 days; the rest for 365. Computed TSAT needs same-date iron and TIBC; CRP and free T4 pair within ±7 days. In pregnancy a result from before the pregnancy (or older than 56 days when weeks are unknown) is stale. A stale result that would flag flags, marked with its age, band pending, with a repeat item; one that would not flag is not assessed. Undated: taken as collected on the assessment date; after it: rejected. Design consensus: no guideline sets look-back windows.', sourceIds: ['S1', 'S2', 'S9'], evidence: 'D', verification: 'NV' },
  { id: 'G8', title: 'An omitted pregnancy or dialysis status is unknown', rationale: 'Never "not pregnant" or "not on dialysis": the contributor is not assessed, the dependent rules (K-1, K-2d, K-4, K-4a, K-5; P-1, P-I, T-2d, K-2p, D-4) cannot run and the general rules run with the assumption stated.', sourceIds: ['S24'], evidence: 'A', verification: 'NV' },
];

export const LIMITATIONS: readonly string[] = [
  'For clinicians, about adults (18 or older) already judged to have RLS by the IRLSSG 2014 criteria. It suggests possible contributors and workup; it does not diagnose, order or prescribe.',
  'Ferritin assays differ between manufacturers; values are never adjusted automatically.',
  'Inflammation, infection, liver disease, CKD and malignancy raise ferritin.',
  'CKD and pregnancy change the thresholds (dialysis criterion, pregnancy haemoglobin cut-offs, gestational glucose criteria); eGFR is not validated in pregnancy or AKI.',
  'Brand-to-ingredient mapping is country-specific (US by default).',
];
