/**
 * Medications that may provoke or worsen RLS (docs/CLINICAL.md §2). The drug data and the name
 * matcher live in ../medications; this contributor turns the matches into a flag and workup.
 */
import type { ContributorSpec } from '../types';

export const medication: ContributorSpec = {
  id: 'medication',
  label: 'Medications that may provoke RLS',
  evidence: 'C',
  notFlaggedMessage: 'no recognised medication on the list is known to provoke or worsen RLS',
  notAssessedMessage: 'medication list not recorded (an empty list is not "no medications")',
  whenNotAssessed: [{ id: 'medication-list', reason: 'G1: medication list unknown: the list, or an explicit "no medications", is suggested' }],
  rules: [
    {
      id: 'M-1', contributor: 'medication', role: 'flag', title: 'A medication that may provoke or worsen RLS',
      when: { medications: 'any-flagged' },
      message: 'a medication on the list may provoke or worsen RLS: a review of the timing (onset within days to weeks of starting or raising the dose) with the prescriber is suggested; abrupt discontinuation is not advised',
      workup: [{ id: 'medication-review', reason: 'M-1: a review of flagged medications with the prescriber is suggested (a lower dose, different timing or another class); abrupt discontinuation is not advised' }],
      sourceIds: ['S17', 'S16', 'S15', 'S1'], evidence: 'C', verification: 'V',
      rationale: 'AASM GPS 2 (class statement) [NV]; about 60 published cases resolving on dose reduction or withdrawal [S17]; pharmacovigilance signals [S16]; prospective antidepressant data [S15]. Evidence per drug is shown with each match.',
    },
    {
      id: 'M-2', contributor: 'medication', role: 'modifier', title: 'Entries to confirm',
      when: { medications: 'needs-attention' },
      message: 'some entries need confirmation (near-miss spelling, ambiguous or not recognised)',
      inSummary: ['not-flagged'],
      workup: [{ id: 'medication-list', reason: 'M-2: confirmation of near-miss, ambiguous or unrecognised medication entries is suggested' }],
      sourceIds: ['S17'], evidence: 'C', verification: 'NV',
      rationale: 'CLINICAL.md §2 name matching: fuzzy matches are confirmed, ambiguous ones asked, unrecognised ones listed, never dropped.',
    },
    {
      id: 'M-3', contributor: 'medication', role: 'not-assessed', title: 'No line of the list could be read',
      when: { medications: 'none-recognised' },
      message: 'the medication list could not be read (no line was recognised); confirmation of each line is suggested',
      workup: [{ id: 'medication-list', reason: 'M-3: no medication line was recognised: confirmation of each line is suggested' }],
      sourceIds: ['S17'], evidence: 'C', verification: 'NV',
      rationale: 'KB 1.1 (defect: unknown reported as reassurance): a list whose every line is unrecognised says nothing about provoking drugs, so it is not assessed rather than not flagged (§5 principle 6).',
    },
  ],
};
