/**
 * Vitamin B12 and folate (docs/CLINICAL.md §1.6). Evidence C. Cut-offs are WHO/common practice [NV].
 * A missing B12 or folate is not a core gap: B12 is suggested only with a risk factor (§1.6).
 */
import type { ContributorSpec } from '../types';
import { all, any, lab } from './dsl';

/** §2.2 proton-pump inhibitors (the matcher maps brands and combinations to these generics). */
export const PPIS: readonly string[] = ['omeprazole', 'esomeprazole', 'lansoprazole', 'dexlansoprazole', 'pantoprazole', 'rabeprazole'];

export const b12Deficiency: ContributorSpec = {
  id: 'b12-deficiency',
  label: 'Vitamin B12 deficiency',
  evidence: 'C',
  notFlaggedMessage: 'vitamin B12 above 300 pg/mL',
  notAssessedMessage: 'no current vitamin B12 (suggested only with neuropathy, metformin, a long-term PPI, MCV > 100, age ≥ 65 or another risk factor)',
  // §1.6 / §2.2: a missing or stale B12 is not a core gap; B12 is suggested only with a risk factor, never when a current B12 exists.
  whenNotAssessed: [
    { id: 'b12-mma', reason: '§2.2: on metformin without a current B12: vitamin B12 is suggested (ADA 2025: periodic B12 on metformin)', onlyIf: { medication: ['metformin'] } },
    { id: 'b12-mma', reason: '§2.2: on a proton-pump inhibitor without a current B12: vitamin B12 is suggested if used long term (e.g. > 3 years; US labels)', onlyIf: { medication: PPIS } },
    {
      id: 'b12-mma', reason: '§1.6: no current B12, with a risk factor (neuropathy, MCV > 100 fL or age ≥ 65): vitamin B12 ± MMA is suggested',
      onlyIf: any({ patient: 'neuropathy', is: 'present' }, lab('mcv', '>', { fL: 100 }), { patient: 'ageYears', op: '>=', value: 65 }),
    },
  ],
  rules: [
    {
      id: 'B-1', contributor: 'b12-deficiency', role: 'flag', title: 'B12 below 200 pg/mL',
      when: lab('b12', '<', { 'pg/mL': 200, 'pmol/L': 148 }),
      message: 'vitamin B12 below 200 pg/mL (148 pmol/L): lower B12 is associated with RLS and its severity',
      workup: [{ id: 'b12-mma', reason: 'B-1: low B12: MMA ± homocysteine and an evaluation of the cause (metformin, PPI, diet, malabsorption) are suggested' }],
      sourceIds: ['S18'], evidence: 'C', verification: 'NV',
      rationale: 'Case-control study (n = 160) [S18]; cut-off from common practice [NV].',
    },
    {
      id: 'B-2', contributor: 'b12-deficiency', role: 'indeterminate', title: 'Borderline B12',
      when: all(lab('b12', '>=', { 'pg/mL': 200, 'pmol/L': 148 }), lab('b12', '<=', { 'pg/mL': 300, 'pmol/L': 221 })),
      message: 'borderline vitamin B12 (200–300 pg/mL): methylmalonic acid (± homocysteine) is suggested',
      workup: [{ id: 'b12-mma', reason: 'B-2: borderline B12: methylmalonic acid ± homocysteine is suggested' }],
      sourceIds: ['S18'], evidence: 'C', verification: 'NV',
      rationale: 'Common practice [NV].',
    },
  ],
};

export const folateDeficiency: ContributorSpec = {
  id: 'folate-deficiency',
  label: 'Folate deficiency',
  evidence: 'C',
  notFlaggedMessage: 'serum folate at or above 4 ng/mL',
  notAssessedMessage: 'serum folate not given (not a core test)',
  rules: [
    {
      id: 'F-1', contributor: 'folate-deficiency', role: 'flag', title: 'Folate below 4 ng/mL',
      when: lab('folate', '<', { 'ng/mL': 4, 'nmol/L': 10 }),
      message: 'serum folate below 4 ng/mL (10 nmol/L): WHO deficiency range (homocysteine-based); evidence for RLS is weak and mostly from pregnancy',
      workup: [{ id: 'cbc', reason: 'F-1: low folate: CBC with MCV is suggested' }],
      sourceIds: ['S22'], evidence: 'C', verification: 'NV',
      rationale: 'WHO 2015: < 10 nmol/L deficiency based on homocysteine; < 6.8 nmol/L (3 ng/mL) based on macrocytic anaemia [NV].',
    },
  ],
};
