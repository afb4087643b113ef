/**
 * Medications that may provoke or worsen RLS (docs/CLINICAL.md §2). The drug data and the name
 * matcher live in ../medications; this contributor turns the matches into a flag and workup.
 */
import type { ContributorSpec } from '../types';

export const medication: ContributorSpec = {
  id: 'medication',
  label: 'Medications that may provoke RLS',
  evidence: 'C',
  notFlaggedMessage: 'no medication on the list is known to provoke or worsen RLS',
  notAssessedMessage: 'medication list not recorded (an empty list is not "no medications")',
  whenNotAssessed: [{ id: 'medication-list', reason: 'Medication list unknown: record it, or tick "no medications"' }],
  rules: [
    {
      id: 'M-1', contributor: 'medication', role: 'flag', title: 'A medication that may provoke or worsen RLS',
      when: { medications: 'any-flagged' },
      message: 'a medication on the list may provoke or worsen RLS: review timing (onset within days to weeks of starting or raising the dose) with the prescriber; do not stop abruptly',
      workup: [{ id: 'medication-review', reason: 'M-1: review flagged medications with the prescriber: lower the dose, change the timing or switch class; no abrupt stops' }],
      sourceIds: ['S17', 'S16', 'S15', 'S1'], evidence: 'C', verification: 'V',
      rationale: 'AASM GPS 2 (class statement) [NV]; about 60 published cases resolving on dose reduction or withdrawal [S17]; pharmacovigilance signals [S16]; prospective antidepressant data [S15]. Evidence per drug is shown with each match.',
    },
    {
      id: 'M-2', contributor: 'medication', role: 'modifier', title: 'Entries to confirm',
      when: { medications: 'needs-attention' },
      message: 'some entries need confirmation (near-miss spelling, ambiguous or not recognised)',
      workup: [{ id: 'medication-list', reason: 'M-2: confirm near-miss, ambiguous or unrecognised medication entries' }],
      sourceIds: ['S17'], evidence: 'C', verification: 'NV',
      rationale: 'CLINICAL.md §2 name matching: fuzzy matches are confirmed, ambiguous ones asked, unrecognised ones listed, never dropped.',
    },
  ],
};
