/**
 * Kidney disease and dialysis (docs/CLINICAL.md §1.2). Evidence A for ESRD/dialysis, B-C for
 * non-dialysis CKD. eGFR is the reported value or CKD-EPI 2021 from creatinine [S10]; neither is used
 * on dialysis (K-2d) or in pregnancy (K-2p) — facts.ts leaves eGFR out there.
 */
import type { ContributorSpec } from '../types';
import { all, lab, missing, notOnDialysis, notPregnantAssumed, onDialysisRecorded, pregnant } from './dsl';

const egfr60 = { 'mL/min/1.73m2': 60 } as const;

export const kidneyFailureDialysis: ContributorSpec = {
  id: 'kidney-failure-dialysis',
  label: 'Kidney failure on dialysis',
  evidence: 'A',
  notFlaggedMessage: 'not on dialysis',
  notAssessedMessage: 'dialysis status not recorded; it is never assumed (G8)',
  historyIsInput: true,
  rules: [
    {
      id: 'K-1', contributor: 'kidney-failure-dialysis', role: 'flag', title: 'On dialysis',
      when: onDialysisRecorded,
      message: 'kidney failure on dialysis (G5D): strong RLS association (about 15–20% in haemodialysis cohorts)',
      workup: [
        { id: 'nephrology', reason: 'K-1: on dialysis, nephrology co-management is suggested (Hb and iron indices, electrolytes, Kt/V; renal dosing — gabapentinoids accumulate)' },
      ],
      sourceIds: ['S7', 'S28', 'S1'], evidence: 'A', verification: 'V',
      rationale: 'Kidney disease is one of two conditions with a clearly increased RLS prevalence [S7]; dialysis cohorts 15.8–19.4% [S28]. Dialysis omitted: not assessed (G8).',
    },
  ],
};

export const kidneyDisease: ContributorSpec = {
  id: 'kidney-disease',
  label: 'Chronic kidney disease',
  evidence: 'B',
  notFlaggedMessage: 'eGFR ≥ 60 mL/min/1.73 m² (G1–G2; CKD only with markers of damage such as ACR ≥ 30 mg/g)',
  notAssessedMessage: 'creatinine or eGFR needed',
  whenNotAssessed: [{ id: 'creatinine-egfr', reason: 'G1: creatinine/eGFR missing: serum creatinine with eGFR (CKD-EPI 2021) is suggested' }],
  rules: [
    {
      id: 'K-2', contributor: 'kidney-disease', role: 'flag', title: 'eGFR below 60, not on dialysis, not pregnant',
      when: all(notOnDialysis, notPregnantAssumed, lab('egfr', '<', egfr60)),
      message: 'eGFR in the G3a–G5 range: CKD if persistent ≥ 3 months',
      workup: [
        { id: 'egfr-repeat', reason: 'K-2: creatinine/eGFR again after ≥ 3 months (chronicity) is suggested; cystatin C when accuracy matters' },
        { id: 'urine-acr', reason: 'K-2: urine albumin/creatinine ratio (KDIGO albuminuria category) is suggested', onlyIf: missing('urine-acr') },
        { id: 'nephrology', reason: 'K-2: eGFR < 30: nephrology referral per KDIGO is suggested', onlyIf: lab('egfr', '<', { 'mL/min/1.73m2': 30 }) },
      ],
      sourceIds: ['S9', 'S10', 'S7', 'S27'], evidence: 'B', verification: 'V',
      rationale: 'KDIGO 2024: CKD needs abnormality for > 3 months; G3a starts below 60. eGFR 60.0 is not < 60. Dialysis or pregnancy omitted: applied with the G8 caveat.',
    },
    {
      id: 'K-2p', contributor: 'kidney-disease', role: 'indeterminate', title: 'Pregnancy: creatinine at or above the AKI marker',
      when: all(pregnant, lab('creatinine', '>=', { 'mg/dL': 1.02, 'µmol/L': 90 })),
      message: 'creatinine at or above the UK Renal Association AKI marker in pregnancy (≥ 90 µmol/L): obstetric and renal review is suggested',
      workup: [{ id: 'obstetric-comanagement', reason: 'K-2p: creatinine ≥ 90 µmol/L in pregnancy: obstetric and renal review is suggested' }],
      sourceIds: ['S38'], evidence: 'B', verification: 'V',
      rationale: 'UK Renal Association pregnancy guideline: AKI marker creatinine ≥ 90 µmol/L (1.02 mg/dL) [S38]. eGFR equations are not valid in pregnancy.',
    },
    {
      id: 'K-2d', contributor: 'kidney-disease', role: 'not-assessed', title: 'On dialysis: eGFR not applicable',
      when: onDialysisRecorded,
      message: 'not applicable on dialysis: see kidney failure on dialysis (eGFR not computed; a reported eGFR is not used on dialysis)',
      sourceIds: ['S9', 'S10'], evidence: 'A', verification: 'V2',
      rationale: 'KB 1.1 K-2d: on dialysis (G5D) eGFR is meaningless; no creatinine-eGFR item.',
    },
    {
      id: 'K-2p.2', contributor: 'kidney-disease', role: 'not-assessed', title: 'Pregnancy: eGFR not valid',
      when: pregnant,
      message: 'eGFR is not valid in pregnancy; creatinine shown for obstetric review',
      workup: [{ id: 'creatinine-egfr', label: 'Serum creatinine (no eGFR in pregnancy) is suggested', reason: 'K-2p: serum creatinine (no eGFR in pregnancy) is suggested', onlyIf: missing('creatinine') }],
      sourceIds: ['S38', 'S10'], evidence: 'B', verification: 'V',
      rationale: 'Variant of K-2p: GFR equations are discouraged in pregnancy [S38]; eGFR is neither computed nor a reported one used.',
    },
    {
      id: 'K-3', contributor: 'kidney-disease', role: 'modifier', title: 'eGFR 60 or above',
      when: all(notOnDialysis, notPregnantAssumed, lab('egfr', '>=', egfr60)),
      message: 'eGFR ≥ 60: not flagged (G1–G2 are CKD only with markers of kidney damage such as ACR ≥ 30 mg/g)',
      whenStatus: ['not-flagged'],
      sourceIds: ['S9'], evidence: 'B', verification: 'V',
      rationale: 'KDIGO 2024 categories; shown so the clinician sees the category.',
    },
  ],
  caveats: [
    { id: 'egfr-validity', text: 'eGFR is invalid in AKI, extremes of muscle mass or amputation, and with creatine supplements; the 2021 equation over- or underestimates by about 4% by group.', sourceIds: ['S10'] },
  ],
};
