/** Peripheral neuropathy, a clinical input (docs/CLINICAL.md §1.4). Evidence B-C. */
import type { Condition, ContributorSpec } from '../types';
import { all, any, anyOf, lab, missing, not } from './dsl';

const notExamined: Condition = not({ patient: 'neuropathy', is: 'examined', ifUnknown: { assume: false, because: 'examination not documented' } });

export const neuropathy: ContributorSpec = {
  id: 'neuropathy',
  label: 'Peripheral neuropathy',
  evidence: 'B',
  notFlaggedMessage: 'neuropathy examination documented as normal and no neurotoxic chemotherapy recorded',
  notAssessedMessage: 'neuropathy examination not documented',
  whenNotAssessed: [{ id: 'neuropathy-exam', reason: 'N-1: neuropathy not examined: a documented neuropathy examination is suggested (leading RLS mimic)' }],
  rules: [
    {
      id: 'N-1', contributor: 'neuropathy', role: 'flag', title: 'Neuropathy signs, or cancer / neurotoxic chemotherapy',
      when: any(
        { patient: 'neuropathy', is: 'present' },
        { patient: 'activeCancerOrNeurotoxicChemo', is: true, ifUnknown: { assume: false, because: 'no cancer or neurotoxic chemotherapy recorded' } },
      ),
      message: 'neuropathy signs or symptoms, or cancer / neurotoxic chemotherapy: an associated condition and the leading RLS mimic (IRLSSG criterion 5)',
      workup: [
        { id: 'neuropathy-exam', reason: 'N-1: a documented neuropathy examination is suggested (chemotherapy-induced or other neuropathy)', onlyIf: notExamined },
        { id: 'spep-immunofixation', reason: 'N-1: neuropathy signs or symptoms: serum protein electrophoresis with immunofixation may be considered (with glucose and B12 + MMA, the highest-yield tests, AAN 2009, Level C)', onlyIf: { patient: 'neuropathy', is: 'present' } },
        { id: 'glucose-confirmation', reason: 'N-1: neuropathy workup: fasting glucose or HbA1c is suggested', onlyIf: all(missing('glucose-fasting'), missing('hba1c'), { patient: 'knownDiabetes', is: false, ifUnknown: { assume: true, because: 'no known diabetes recorded' } }) },
        { id: 'b12-mma', reason: 'N-1: neuropathy workup: vitamin B12 ± methylmalonic acid is suggested', onlyIf: anyOf(missing('b12'), lab('b12', '<=', { 'pg/mL': 300, 'pmol/L': 221 })) },
      ],
      sourceIds: ['S14', 'S3', 'S26', 'S35'], evidence: 'B', verification: 'V',
      rationale: 'In diabetic neuropathy apparent RLS fell from 22% to 8% once mimics were excluded [S14]; IRLSSG requires ruling out mimics [S3]. The input combines active cancer with neurotoxic chemotherapy, so either flags here. KB 1.1: SPEP with immunofixation when flagged by signs or symptoms (AAN 2009, Level C [S35]); NCS/EMG if indicated.',
    },
  ],
};
