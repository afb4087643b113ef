/** Pregnancy (docs/CLINICAL.md §1.7). Evidence A. The app never proposes pregnancy-specific drug swaps. */
import type { ContributorSpec } from '../types';
import { all, pregnant } from './dsl';

export const pregnancy: ContributorSpec = {
  id: 'pregnancy',
  label: 'Pregnancy',
  evidence: 'A',
  notFlaggedMessage: 'not pregnant',
  historyIsInput: true,
  notAssessedMessage: 'pregnancy status not recorded (woman aged 15–50): document it; it is never assumed',
  whenNotAssessed: [{ id: 'pregnancy-status', reason: 'P-1: woman of reproductive age with pregnancy status unknown: document the status' }],
  rules: [
    {
      id: 'P-1', contributor: 'pregnancy', role: 'flag', title: 'Pregnant',
      when: pregnant,
      message: 'pregnant: RLS is common (36% in the third trimester) and usually resolves around delivery; pregnancy Hb cut-offs, gestational glucose criteria and trimester TSH ranges apply; eGFR is not validated',
      workup: [
        { id: 'obstetric-comanagement', reason: 'P-1: obstetric co-management (folate status and prenatal supplementation per the obstetrician)' },
        { id: 'cbc', reason: 'P-1: pregnancy: CBC' },
        { id: 'iron-panel', reason: 'P-1: pregnancy: ferritin (IRLSSG: oral iron if ferritin < 75 µg/L)' },
        { id: 'medication-review', reason: 'P-1: review flagged medications with the obstetrician', onlyIf: all({ medications: 'any-flagged' }) },
      ],
      sourceIds: ['S19'], evidence: 'A', verification: 'V',
      rationale: '36% of 1,563 women in the third trimester met IRLSSG criteria [S19]; IRLSSG pregnancy consensus [NV].',
    },
  ],
};
