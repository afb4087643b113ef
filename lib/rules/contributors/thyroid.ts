/**
 * Thyroid dysfunction (docs/CLINICAL.md §1.5). Evidence C. The lab's reference interval is used
 * when supplied; otherwise TSH 0.4–4.5 mIU/L, pregnancy upper limit 4.0 (ATA 2017) [S12].
 */
import type { Caveat, ContributorSpec, WorkupRequest } from '../types';
import { all, any, pregnant } from './dsl';

const tshUnits = (n: number) => ({ 'mIU/L': n, 'µIU/mL': n, 'mU/L': n });

const repeatTsh: WorkupRequest = { id: 'tsh-free-t4', reason: 'Repeat TSH with free T4 (TPO antibodies if TSH is high) before any conclusion: a single TSH is unreliable' };
const missingTsh: WorkupRequest = { id: 'tsh-free-t4', reason: 'TSH missing: TSH with free T4' };

const thyroidCaveats: readonly Caveat[] = [
  { id: 'thyroid-interference', text: 'Non-thyroidal illness, biotin (immunoassay interference) and drugs change TSH: dopamine agonists and glucocorticoids lower it; metoclopramide can raise it.', sourceIds: ['S12'] },
  { id: 'thyroid-drugs', text: 'A medication on the list changes TSH (dopaminergic therapy lowers it; metoclopramide can raise it).', when: { medication: ['pramipexole', 'ropinirole', 'rotigotine', 'carbidopa-levodopa', 'benserazide-levodopa', 'metoclopramide'] }, sourceIds: ['S12'] },
  { id: 'thyroid-pregnancy', text: 'Pregnancy: TSH ranges are trimester-specific; without them the upper limit is about 4.0 mIU/L (ATA 2017).', when: pregnant, sourceIds: ['S12'] },
];

export const thyroidHighTsh: ContributorSpec = {
  id: 'thyroid-high-tsh',
  label: 'High TSH (hypothyroid pattern)',
  evidence: 'C',
  notFlaggedMessage: 'TSH not above the upper reference limit',
  notAssessedMessage: 'TSH needed',
  whenNotAssessed: [missingTsh],
  rules: [
    {
      id: 'T-1', contributor: 'thyroid-high-tsh', role: 'flag', title: 'TSH above the upper limit',
      when: any(
        // Above 4.5 (or the lab's limit) is above the pregnancy limit too, so it decides whatever the status.
        { lab: 'tsh', op: '>', reference: 'high', threshold: tshUnits(4.5) },
        all(pregnant, { lab: 'tsh', op: '>', reference: 'high', threshold: tshUnits(4.0) }),
      ),
      message: 'TSH above the upper reference limit: associated with RLS (subclinical hypothyroidism more common in RLS)',
      workup: [repeatTsh],
      sourceIds: ['S13', 'S12'], evidence: 'C', verification: 'V',
      rationale: 'Default 0.4–4.5 mIU/L without a lab interval [V2 S12]; pregnancy upper limit about 4.0 [NV]. No systematic review confirms a causal link.',
    },
    {
      id: 'T-1a', contributor: 'thyroid-high-tsh', role: 'modifier', title: 'TSH ≥ 10 or low free T4',
      when: any({ lab: 'tsh', op: '>=', threshold: tshUnits(10) }, { lab: 'free-t4', op: '<', reference: 'low', threshold: { 'ng/dL': 0.8, 'pmol/L': 10.3 } }),
      message: 'pattern of overt or significant hypothyroidism (TSH ≥ 10 mIU/L or free T4 below the lower limit)',
      workup: [repeatTsh],
      sourceIds: ['S12'], evidence: 'C', verification: 'V',
      rationale: 'AACE/ATA 2012 recommend treatment at persistent TSH ≥ 10. Free T4 lower limit 0.8 ng/dL (10.3 pmol/L) without a lab interval is a common default [NV].',
    },
  ],
  caveats: thyroidCaveats,
};

export const thyroidLowTsh: ContributorSpec = {
  id: 'thyroid-low-tsh',
  label: 'Low TSH (hyperthyroid pattern)',
  evidence: 'C',
  notFlaggedMessage: 'TSH not below the lower reference limit',
  notAssessedMessage: 'TSH needed',
  whenNotAssessed: [missingTsh],
  rules: [
    {
      id: 'T-2', contributor: 'thyroid-low-tsh', role: 'flag', title: 'TSH below the lower limit',
      when: { lab: 'tsh', op: '<', reference: 'low', threshold: tshUnits(0.4) },
      message: 'TSH below the lower reference limit: possible hyperthyroidism; RLS-like symptoms reported (e.g. Graves\' disease)',
      workup: [repeatTsh],
      sourceIds: ['S13', 'S12'], evidence: 'C', verification: 'V',
      rationale: 'Default lower limit 0.4 mIU/L without a lab interval. In the first trimester a low TSH can be physiological.',
    },
  ],
  caveats: thyroidCaveats,
};
