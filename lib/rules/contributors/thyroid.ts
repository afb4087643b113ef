/**
 * Thyroid dysfunction (docs/CLINICAL.md §1.5, KB 1.1). Evidence C. Both contributors read the same
 * TSH (the most recent current one) with the free T4 paired within ±7 days (T-4), so at most one of
 * them is flagged or indeterminate. Limits: the lab's interval when supplied; otherwise TSH 0.4–4.5
 * mIU/L [S12]; in pregnancy an upper limit of 4.0 and, before week 14 (at collection), no lower
 * limit: a low TSH there is hCG-driven and indeterminate (T-2d) [S31].
 */
import type { Caveat, Condition, ContributorSpec, WorkupRequest } from '../types';
import { all, pregnant } from './dsl';

const tshUnits = (n: number) => ({ 'mIU/L': n, 'µIU/mL': n, 'mU/L': n });

// The TSH is placed once per evaluation against the limits that apply (facts.ts, TSH_DEFAULT_LIMITS):
// both contributors read the same position, so they cannot disagree (T-4).
const tshAbove: Condition = { tsh: ['above'] };
const tshBelow: Condition = { tsh: ['below'] };
const earlyPregnancyLowTsh: Condition = { tsh: ['low-first-trimester'] };
const tshWithin: Condition = { tsh: ['within'] };

const repeatTsh: WorkupRequest = { id: 'tsh-free-t4', reason: 'TSH with free T4 again before any conclusion is suggested (TPO antibodies if TSH is high): a single TSH is unreliable' };
const freeT4Needed: WorkupRequest = { id: 'tsh-free-t4', reason: 'Free T4 is suggested to read the TSH' };
const missingTsh: WorkupRequest = { id: 'tsh-free-t4', reason: 'G1: TSH missing: TSH with free T4 is suggested' };
const freeT4Outside: WorkupRequest = { id: 'tsh-free-t4', reason: 'T-3: free T4 outside its range with TSH in range: TSH with free T4 again is suggested' };

const T3_MESSAGE = 'free T4 outside range with TSH in range: illness, drugs, assay interference or central disease possible';
const T3_RATIONALE = 'KB 1.1 T-3: both contributors are not flagged; a free T4 outside its range is said on both.';

const thyroidCaveats: readonly Caveat[] = [
  { id: 'thyroid-interference', text: 'Non-thyroidal illness, biotin (falsely low TSH and high free T4 on streptavidin assays) and drugs change thyroid tests: dopamine agonists and glucocorticoids lower TSH; metoclopramide can raise it.', sourceIds: ['S12', 'S33'] },
  { id: 'thyroid-drugs', text: 'A medication on the list changes TSH (dopaminergic therapy lowers it; metoclopramide can raise it).', when: { medication: ['pramipexole', 'ropinirole', 'rotigotine', 'carbidopa-levodopa', 'benserazide-levodopa', 'metoclopramide', 'bromocriptine', 'cabergoline'] }, sourceIds: ['S12'] },
  { id: 'thyroid-pregnancy', text: 'Pregnancy: without a trimester-specific lab range the TSH upper limit is 4.0 mIU/L (ATA 2017), with no lower limit before week 14; free T4 is classified only against a lab range.', when: pregnant, sourceIds: ['S31'] },
];

export const thyroidHighTsh: ContributorSpec = {
  id: 'thyroid-high-tsh',
  label: 'High TSH (hypothyroid pattern)',
  evidence: 'C',
  notFlaggedMessage: 'TSH not above the upper limit in use (see low TSH)',
  notAssessedMessage: 'TSH needed',
  whenNotAssessed: [missingTsh],
  rules: [
    {
      id: 'T-1', contributor: 'thyroid-high-tsh', role: 'flag', title: 'TSH above range with low free T4',
      when: all(tshAbove, { freeT4: ['low'] }),
      message: 'pattern of overt primary hypothyroidism; associated with RLS',
      workup: [repeatTsh],
      sourceIds: ['S13', 'S12'], evidence: 'C', verification: 'V',
      rationale: 'KB 1.1 T-1. Defaults without a lab interval: TSH 0.4–4.5 mIU/L [V2 S12]; free T4 0.8–1.8 ng/dL (10–23 pmol/L) [NV]. No systematic review confirms a causal link.',
    },
    {
      id: 'T-1a', contributor: 'thyroid-high-tsh', role: 'flag', title: 'TSH above range, free T4 in range or missing',
      when: all(tshAbove, { freeT4: ['in-range', 'low-normal', 'missing', 'unclassified'] }),
      message: 'TSH above range (subclinical range if free T4 is normal; free T4 is suggested if missing); associated with RLS (subclinical hypothyroidism is more common in RLS)',
      workup: [repeatTsh],
      sourceIds: ['S13', 'S12'], evidence: 'C', verification: 'V',
      rationale: 'KB 1.1 T-1a: subclinical hypothyroidism in 47.1% of drug-naive RLS vs 10% of controls [S13].',
    },
    {
      id: 'T-1b', contributor: 'thyroid-high-tsh', role: 'indeterminate', title: 'TSH above range with high free T4',
      when: all(tshAbove, { freeT4: ['high'] }),
      message: 'discordant: assay interference (heterophile antibodies, biotin), erratic levothyroxine intake, recovery from non-thyroidal illness, rare central causes; a repeat and endocrine review are suggested',
      workup: [repeatTsh],
      sourceIds: ['S12', 'S33'], evidence: 'C', verification: 'V2',
      rationale: 'KB 1.1 T-1b: a high TSH with a high free T4 is not a primary thyroid pattern.',
    },
    {
      id: 'T-1a.2', contributor: 'thyroid-high-tsh', role: 'modifier', title: 'TSH 10 or above',
      when: all(tshAbove, { lab: 'tsh', op: '>=', threshold: tshUnits(10) }),
      message: 'range in which AACE/ATA 2012 recommend treatment',
      detail: { when: pregnant, met: ' (pregnancy: overt range, ATA 2017)', notMet: '' },
      inSummary: ['flagged', 'indeterminate'],
      sourceIds: ['S12', 'S31'], evidence: 'C', verification: 'V',
      rationale: 'Variant of T-1a: AACE/ATA 2012 recommend treatment at persistent TSH ≥ 10 [S12]; in pregnancy TSH > 10 is overt [S31].',
    },
    {
      id: 'T-3', contributor: 'thyroid-high-tsh', role: 'modifier', title: 'TSH in range, free T4 outside range',
      when: all(tshWithin, { freeT4: ['low', 'high'] }),
      message: T3_MESSAGE,
      inSummary: ['not-flagged'],
      workup: [freeT4Outside],
      sourceIds: ['S12', 'S32'], evidence: 'C', verification: 'V2',
      rationale: T3_RATIONALE,
    },
  ],
  caveats: thyroidCaveats,
};

export const thyroidLowTsh: ContributorSpec = {
  id: 'thyroid-low-tsh',
  label: 'Low TSH (hyperthyroid pattern)',
  evidence: 'C',
  notFlaggedMessage: 'TSH not below the lower limit in use (see high TSH)',
  notAssessedMessage: 'TSH needed',
  whenNotAssessed: [missingTsh],
  rules: [
    {
      id: 'T-2', contributor: 'thyroid-low-tsh', role: 'flag', title: 'TSH below range with high free T4',
      when: all(tshBelow, { freeT4: ['high'] }),
      message: 'pattern of possible hyperthyroidism; RLS-like symptoms reported (e.g. Graves\' disease); biotin can mimic it',
      workup: [repeatTsh],
      sourceIds: ['S13', 'S12', 'S33'], evidence: 'C', verification: 'V',
      rationale: 'KB 1.1 T-2: possible hyperthyroidism only with a high free T4; biotin gives falsely low TSH and high free T4 [S33].',
    },
    {
      id: 'T-2a', contributor: 'thyroid-low-tsh', role: 'flag', title: 'TSH below range, free T4 in range',
      when: all(tshBelow, { freeT4: ['in-range'] }),
      message: 'subclinical hyperthyroidism range; illness, glucocorticoids, dopamine agonists and biotin can lower TSH',
      workup: [repeatTsh],
      sourceIds: ['S13', 'S12', 'S33'], evidence: 'C', verification: 'V2',
      rationale: 'KB 1.1 T-2a: a low TSH with a free T4 in range (not low-normal).',
    },
    {
      id: 'T-2b', contributor: 'thyroid-low-tsh', role: 'flag', title: 'TSH below range, free T4 low or low-normal',
      when: all(tshBelow, { freeT4: ['low', 'low-normal'] }),
      message: 'not a hyperthyroid pattern: central hypothyroidism, non-thyroidal illness or drugs (glucocorticoids, dopamine agonists, somatostatin analogues) may be considered; endocrine evaluation is suggested',
      workup: [repeatTsh],
      sourceIds: ['S32', 'S12'], evidence: 'C', verification: 'V2',
      rationale: 'KB 1.1 T-2b: ETA 2018 central hypothyroidism (low or low-normal free T4 with an inappropriate TSH) [S32]; "low-normal" = the lowest quarter of the interval in use (design choice).',
    },
    {
      id: 'T-2c', contributor: 'thyroid-low-tsh', role: 'flag', title: 'TSH below range, free T4 missing',
      when: all(tshBelow, { freeT4: ['missing', 'unclassified'] }),
      message: 'TSH below range; free T4 is suggested to interpret it',
      workup: [freeT4Needed],
      sourceIds: ['S12'], evidence: 'C', verification: 'V2',
      rationale: 'KB 1.1 T-2c: never "possible hyperthyroidism" from a TSH alone.',
    },
    {
      id: 'T-2d', contributor: 'thyroid-low-tsh', role: 'indeterminate', title: 'First-trimester low TSH',
      when: earlyPregnancyLowTsh,
      message: 'low TSH is common and physiological in the first trimester (hCG); free T4 against a trimester-specific range, and obstetric or endocrine review if hyperthyroidism is suspected, are suggested',
      workup: [{ id: 'tsh-free-t4', reason: 'T-2d: free T4 against a trimester-specific range is suggested' }, { id: 'obstetric-comanagement', reason: 'T-2d: obstetric or endocrine review is suggested if hyperthyroidism is suspected' }],
      sourceIds: ['S31'], evidence: 'C', verification: 'V',
      rationale: 'KB 1.1 T-2d: first-trimester TSH can be 0.02 mIU/L (hCG) [S31]; overrides T-2…T-2c. The week is the one at collection (G6).',
    },
    {
      id: 'T-3.2', contributor: 'thyroid-low-tsh', role: 'modifier', title: 'TSH in range, free T4 outside range',
      when: all(tshWithin, { freeT4: ['low', 'high'] }),
      message: T3_MESSAGE,
      inSummary: ['not-flagged'],
      workup: [freeT4Outside],
      sourceIds: ['S12', 'S32'], evidence: 'C', verification: 'V2',
      rationale: `Variant of T-3 for the low-TSH contributor. ${T3_RATIONALE}`,
    },
  ],
  caveats: thyroidCaveats,
};
