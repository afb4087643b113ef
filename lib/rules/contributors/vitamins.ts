/**
 * Vitamin B12 and folate (docs/CLINICAL.md §1.6). Evidence C. Cut-offs are WHO/common practice [NV].
 * A missing B12 or folate is not a core gap: B12 is suggested only with a risk factor (§1.6).
 */
import type { ContributorSpec } from '../types';
import { all, any, lab } from './dsl';

export const b12Deficiency: ContributorSpec = {
  id: 'b12-deficiency',
  label: 'Vitamin B12 deficiency',
  evidence: 'C',
  notFlaggedMessage: 'vitamin B12 above 300 pg/mL',
  notAssessedMessage: 'vitamin B12 not given (suggested only with neuropathy, metformin, MCV > 100, age ≥ 65 or another risk factor)',
  whenNotAssessed: [{
    id: 'b12-mma', reason: 'B12 not given, with a risk factor (neuropathy, metformin, MCV > 100 fL or age ≥ 65): vitamin B12 ± MMA',
    onlyIf: any({ patient: 'neuropathy', is: 'present' }, { medication: ['metformin'] }, lab('mcv', '>', { fL: 100 }), { patient: 'ageYears', op: '>=', value: 65 }),
  }],
  rules: [
    {
      id: 'B-1', contributor: 'b12-deficiency', role: 'flag', title: 'B12 below 200 pg/mL',
      when: lab('b12', '<', { 'pg/mL': 200, 'pmol/L': 148 }),
      message: 'vitamin B12 below 200 pg/mL (148 pmol/L): lower B12 is associated with RLS and its severity',
      workup: [{ id: 'b12-mma', reason: 'B-1: low B12: confirm (MMA ± homocysteine) and look for the cause (metformin, PPI, diet, malabsorption)' }],
      sourceIds: ['S18'], evidence: 'C', verification: 'NV',
      rationale: 'Case-control study (n = 160) [S18]; cut-off from common practice [NV].',
    },
    {
      id: 'B-2', contributor: 'b12-deficiency', role: 'indeterminate', title: 'Borderline B12',
      when: all(lab('b12', '>=', { 'pg/mL': 200, 'pmol/L': 148 }), lab('b12', '<=', { 'pg/mL': 300, 'pmol/L': 221 })),
      message: 'borderline vitamin B12 (200–300 pg/mL): methylmalonic acid (± homocysteine) decides',
      workup: [{ id: 'b12-mma', reason: 'B-2: borderline B12: methylmalonic acid ± homocysteine' }],
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
      workup: [{ id: 'cbc', reason: 'F-1: low folate: CBC with MCV' }],
      sourceIds: ['S22'], evidence: 'C', verification: 'NV',
      rationale: 'WHO 2015: < 10 nmol/L deficiency based on homocysteine; < 6.8 nmol/L (3 ng/mL) based on macrocytic anaemia [NV].',
    },
  ],
};
