/** Pregnancy (docs/CLINICAL.md §1.7). Evidence A. The app never proposes pregnancy-specific drug swaps. */
import type { ContributorSpec } from '../types';
import { all, pregnantRecorded } from './dsl';

export const pregnancy: ContributorSpec = {
  id: 'pregnancy',
  label: 'Pregnancy',
  evidence: 'A',
  notFlaggedMessage: 'not pregnant',
  historyIsInput: true,
  notAssessedMessage: 'pregnancy status not recorded; it is never assumed (G8)',
  whenNotAssessed: [{ id: 'pregnancy-status', reason: 'G8: woman aged 18–50 with pregnancy status not recorded: documenting it is suggested', onlyIf: { patient: 'ageYears', op: '<=', value: 50 } }],
  rules: [
    {
      id: 'P-1', contributor: 'pregnancy', role: 'flag', title: 'Pregnant',
      when: pregnantRecorded,
      message: 'pregnant: RLS is common (36% in the third trimester) and usually resolves around delivery; pregnancy Hb cut-offs, gestational glucose criteria and trimester TSH ranges apply; eGFR is not validated',
      workup: [
        { id: 'obstetric-comanagement', reason: 'P-1: obstetric co-management is suggested (folate status and prenatal supplementation per the obstetrician)' },
        { id: 'cbc', reason: 'P-1: pregnancy: CBC is suggested' },
        { id: 'iron-panel', reason: 'P-1: pregnancy: ferritin is suggested (IRLSSG: oral iron if ferritin < 75 µg/L)' },
        { id: 'medication-review', reason: 'P-1: a review of flagged medications with the obstetrician is suggested', onlyIf: all({ medications: 'any-flagged' }) },
      ],
      sourceIds: ['S19'], evidence: 'A', verification: 'V',
      rationale: '36% of 1,563 women in the third trimester met IRLSSG criteria [S19]; IRLSSG pregnancy consensus [NV]. Pregnancy omitted for a woman: not assessed (G8).',
    },
    {
      id: 'P-1.2', contributor: 'pregnancy', role: 'modifier', title: 'Not applicable for a man',
      when: { patient: 'sex', is: 'male' },
      message: 'not applicable (male)',
      notFlaggedText: true, whenStatus: ['not-flagged'],
      sourceIds: ['S19'], evidence: 'A', verification: 'V',
      rationale: 'G8: for a man the pregnancy contributor is not flagged, "not applicable".',
    },
  ],
};
