/**
 * Oncological, autoimmune and inflammatory conditions, history-driven (docs/CLINICAL.md §1.8).
 * Evidence C-D. Never suggests cancer screening or autoimmune panels on the strength of RLS alone.
 */
import type { ContributorSpec } from '../types';
import { any, missing, not } from './dsl';

export const oncologicAutoimmune: ContributorSpec = {
  id: 'oncologic-autoimmune',
  label: 'Cancer, neurotoxic chemotherapy or autoimmune disease',
  evidence: 'C',
  notFlaggedMessage: 'no active cancer, neurotoxic chemotherapy or autoimmune/inflammatory disease recorded',
  notAssessedMessage: 'cancer and autoimmune history not recorded',
  rules: [
    {
      id: 'O-1', contributor: 'oncologic-autoimmune', role: 'flag', title: 'Cancer, neurotoxic chemotherapy or autoimmune/inflammatory disease',
      when: any({ patient: 'activeCancerOrNeurotoxicChemo', is: true }, { patient: 'autoimmuneOrInflammatoryDisease', is: true }),
      message: 'active cancer or neurotoxic chemotherapy (platinum, taxanes, vinca alkaloids, bortezomib), or autoimmune/inflammatory disease: reported RLS association (low evidence)',
      workup: [
        { id: 'crp', reason: 'O-1: iron indices read together with CRP are suggested', onlyIf: missing('crp') },
        { id: 'neuropathy-exam', reason: 'O-1: a neuropathy examination is suggested (chemotherapy-induced or immune-mediated neuropathy)', onlyIf: not({ patient: 'neuropathy', is: 'examined', ifUnknown: { assume: false, because: 'examination not documented' } }) },
        { id: 'specialist-comanagement', reason: 'O-1: oncology or rheumatology co-management is suggested; coeliac serology (tTG-IgA + total IgA) only if iron deficiency is unexplained' },
      ],
      sourceIds: ['S20', 'S7'], evidence: 'C', verification: 'V',
      rationale: 'RLS in about 25–30% of RA and Sjögren\'s; MS OR 2.72 [S20]; paraneoplastic RLS case reports only [NV]. Serology without overt clinical signs is advised against [S20].',
    },
  ],
};
