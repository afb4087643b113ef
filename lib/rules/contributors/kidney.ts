/**
 * Kidney disease and dialysis (docs/CLINICAL.md §1.2). Evidence A for ESRD/dialysis, B-C for
 * non-dialysis CKD. eGFR is the reported value or CKD-EPI 2021 from creatinine [S10].
 */
import type { ContributorSpec } from '../types';
import { all, lab, missing, notOnDialysis, onDialysis, pregnant } from './dsl';

const egfr60 = { 'mL/min/1.73m2': 60 } as const;

export const kidneyFailureDialysis: ContributorSpec = {
  id: 'kidney-failure-dialysis',
  label: 'Kidney failure on dialysis',
  evidence: 'A',
  notFlaggedMessage: 'not on dialysis',
  notAssessedMessage: 'dialysis status not recorded',
  rules: [
    {
      id: 'K-1', contributor: 'kidney-failure-dialysis', role: 'flag', title: 'On dialysis',
      when: onDialysis,
      message: 'kidney failure on dialysis (G5D): strong RLS association (about 15–20% in haemodialysis cohorts)',
      workup: [
        { id: 'nephrology', reason: 'K-1: on dialysis: nephrology co-management (Hb and iron indices, electrolytes, Kt/V; renal dosing — gabapentinoids accumulate)' },
      ],
      sourceIds: ['S7', 'S28', 'S1'], evidence: 'A', verification: 'V',
      rationale: 'Kidney disease is one of two conditions with a clearly increased RLS prevalence [S7]; dialysis cohorts 15.8–19.4% [S28].',
    },
  ],
};

export const kidneyDisease: ContributorSpec = {
  id: 'kidney-disease',
  label: 'Chronic kidney disease',
  evidence: 'B',
  notFlaggedMessage: 'eGFR ≥ 60 mL/min/1.73 m² (G1–G2; CKD only with markers of damage such as ACR ≥ 30 mg/g), or on dialysis (see kidney failure)',
  notAssessedMessage: 'creatinine or eGFR needed',
  whenNotAssessed: [{ id: 'creatinine-egfr', reason: 'Creatinine/eGFR missing: serum creatinine with eGFR (CKD-EPI 2021)' }],
  rules: [
    {
      id: 'K-2', contributor: 'kidney-disease', role: 'flag', title: 'eGFR below 60, not on dialysis',
      when: all(notOnDialysis, lab('egfr', '<', egfr60)),
      message: 'eGFR in the G3a–G5 range: CKD if persistent ≥ 3 months',
      workup: [
        { id: 'egfr-repeat', reason: 'K-2: repeat creatinine/eGFR to show chronicity (≥ 3 months); cystatin C when accuracy matters' },
        { id: 'urine-acr', reason: 'K-2: urine albumin/creatinine ratio (KDIGO albuminuria category)', onlyIf: missing('urine-acr') },
        { id: 'nephrology', reason: 'K-2: eGFR < 30: nephrology referral per KDIGO', onlyIf: lab('egfr', '<', { 'mL/min/1.73m2': 30 }) },
      ],
      sourceIds: ['S9', 'S10', 'S7', 'S27'], evidence: 'B', verification: 'V',
      rationale: 'KDIGO 2024: CKD needs abnormality for > 3 months; G3a starts below 60. eGFR 60.0 is not < 60.',
    },
    {
      id: 'K-3', contributor: 'kidney-disease', role: 'modifier', title: 'eGFR 60 or above',
      when: all(notOnDialysis, lab('egfr', '>=', egfr60)),
      message: 'eGFR ≥ 60: not flagged (G1–G2 are CKD only with markers of kidney damage such as ACR ≥ 30 mg/g)',
      sourceIds: ['S9'], evidence: 'B', verification: 'V',
      rationale: 'KDIGO 2024 categories; shown so the clinician sees the category.',
    },
  ],
  caveats: [
    { id: 'egfr-validity', text: 'eGFR is invalid in AKI, pregnancy, extremes of muscle mass or amputation, and with creatine supplements; the 2021 equation over- or underestimates by about 4% by group.', sourceIds: ['S10'] },
    { id: 'egfr-pregnancy', text: 'Pregnancy: eGFR equations are not validated.', when: pregnant, sourceIds: ['S10'] },
  ],
};
