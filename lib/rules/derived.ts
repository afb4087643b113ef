/**
 * Derived values: eGFR by the 2021 CKD-EPI creatinine equation (race-free) [S10] and TSAT computed
 * from serum iron and TIBC. Both are computed at full precision; rounding is for display only.
 */

export interface CkdEpiOptions {
  /** Standardised (IDMS) serum creatinine in mg/dL. */
  creatinineMgDl: number;
  ageYears: number;
  sex: 'female' | 'male';
}

/**
 * eGFRcr = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^Age × 1.012 [female]
 * (Inker 2021). Adults only; not valid in AKI, pregnancy or on dialysis.
 */
export function ckdEpi2021({ creatinineMgDl, ageYears, sex }: CkdEpiOptions): number {
  const female = sex === 'female';
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.241 : -0.302;
  const ratio = creatinineMgDl / kappa;
  return 142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** ageYears * (female ? 1.012 : 1);
}

/** TSAT (%) = serum iron ÷ TIBC × 100, both in the same unit; unrounded (iron 50 / TIBC 250 = 20.0 exactly). */
export function computeTsat(ironUgDl: number, tibcUgDl: number): number {
  return (ironUgDl / tibcUgDl) * 100;
}

export type GfrCategory = 'G1' | 'G2' | 'G3a' | 'G3b' | 'G4' | 'G5';

/** KDIGO 2024 GFR category [S9]: G1 ≥90; G2 60–89; G3a 45–59; G3b 30–44; G4 15–29; G5 <15. */
export function gfrCategory(egfr: number): GfrCategory {
  if (egfr >= 90) return 'G1';
  if (egfr >= 60) return 'G2';
  if (egfr >= 45) return 'G3a';
  if (egfr >= 30) return 'G3b';
  if (egfr >= 15) return 'G4';
  return 'G5';
}

/** Pregnancy trimester from completed weeks (ACOG: 1st to 13 6/7, 2nd 14 0/7 to 27 6/7, 3rd from 28). */
export function trimesterOf(weeks: number): 1 | 2 | 3 {
  if (weeks < 14) return 1;
  if (weeks < 28) return 2;
  return 3;
}
