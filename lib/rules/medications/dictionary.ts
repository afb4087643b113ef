/**
 * Medication dictionary (knowledge base 1.1): the 67-row table, the "Not flagged" list, the §2.1 product
 * lines and combinations, the §2.2 B12-depletion drugs and a short list of common drugs from
 * docs/CLINICAL.md §2, as plain serialisable data. Rules read this; nothing here computes.
 *
 * Brand countries: the table's "US" column maps to 'US'; its "international" column maps to 'UK' where
 * the brand is a UK brand and to 'international' otherwise. Only Sominex needs per-country resolution
 * today; the country lists exist so more such brands can be added without changing the matcher.
 */
import type {
  B12Risk,
  BrandName,
  CombinationProduct,
  Country,
  DrugEntry,
  FlaggedDrugEntry,
  MedicationDictionary,
  NotFlaggedDrugEntry,
  ProductLine,
} from './types';

const US: readonly Country[] = ['US'];
const UK: readonly Country[] = ['UK'];
const CA: readonly Country[] = ['CA'];
const INTL: readonly Country[] = ['international'];
const UK_INTL: readonly Country[] = ['UK', 'international'];
const US_INTL: readonly Country[] = ['US', 'international'];
const WIDE: readonly Country[] = ['US', 'UK', 'CA', 'AU', 'international'];

const b = (name: string, countries: readonly Country[], extra?: Omit<BrandName, 'name' | 'countries'>): BrandName => ({
  name,
  countries,
  ...extra,
});

// Shared texts: rows that say "as for 51" or share a row keep one copy so they cannot drift apart.
const ALT_5HT3 = '5-HT3 antagonist';
const ALT_PSYCH = 'psychiatry-led';
const ALT_BUPROPION = 'bupropion';
const ALT_AUG =
  'α2δ ligand (gabapentin enacarbil, gabapentin, pregabalin: AASM strong [V2]) plus iron review';
const ALT_2GEN_H1 = '2nd-gen H1';

const WHY_DA = 'Central dopamine D2 blockade; RLS onset or worsening is reported and usually resolves when the dose is reduced or the drug withdrawn [S17].';
const WHY_DA_H1 = 'Central D2 blockade plus central H1 antagonism; case reports of provoked or worsened RLS [S17].';
const WHY_H1 = 'Centrally acting first-generation H1 antagonist; sedating antihistamines can provoke or worsen RLS [S17].';
const WHY_5HT = 'Serotonergic effect that may inhibit dopaminergic tone; new or worse RLS on antidepressants is uncommon [S15].';
const WHY_DA_CLASS = 'Central dopamine D2 blockade; flagged by class, as drug-induced RLS is reported with neuroleptics [S17].';
const WHY_PARTIAL_AGONIST =
  'D2/D3 partial agonist; flagged by class by analogy with the pharmacovigilance signal for aripiprazole [S16].';
// Rows 62-63: the "as for 51" inside "as for 62" written out.
const ALT_ERGOT = `for RLS: ${ALT_AUG}; other indications: prescriber-led, flag only as augmentation context`;
const AUG_CONTEXT = 'augmentation is possible with continued dopaminergic exposure; relevant if RLS worsened after the start';
// CLINICAL.md §2.1, Dramamine row.
const DRAMAMINE_NOTE = 'Less Drowsy = meclizine, Non-Drowsy = ginger';
const WHY_AUG =
  'Dopaminergic RLS therapy: worsening on treatment (earlier onset, more intense, spreading e.g. to the arms) suggests augmentation; AASM 2024 suggests against standard use [S1].';

// --- Flagged: CLINICAL.md §2 table, rows 1-54 ---------------------------------------------------

const FLAGGED: readonly FlaggedDrugEntry[] = [
  {
    generic: 'metoclopramide', row: 1, flagged: true,
    brands: [b('Reglan', US), b('Gimoti', US), b('Maxolon', UK_INTL), b('Primperan', INTL), b('Paspertin', INTL)],
    synonyms: [], drugClass: 'antiemetic/prokinetic', mechanism: 'DA', evidence: 'C', evidenceNote: null,
    alternative: '5-HT3 antagonist (ondansetron); domperidone where available',
    sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'prochlorperazine', row: 2, flagged: true,
    brands: [b('Compazine', US), b('Compro', US), b('Stemetil', ['UK', 'CA', 'international']), b('Buccastem', UK)],
    synonyms: [], drugClass: 'phenothiazine antiemetic', mechanism: 'DA', evidence: 'C', evidenceNote: null,
    alternative: ALT_5HT3, sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'promethazine', row: 3, flagged: true,
    brands: [b('Phenergan', ['US', 'UK', 'international']), b('Promethegan', US), b('Sominex', UK)],
    synonyms: [], drugClass: 'phenothiazine H1 antiemetic', mechanism: 'DA+H1', evidence: 'C', evidenceNote: null,
    alternative: ALT_5HT3, sourceIds: ['S17'], rationale: WHY_DA_H1,
  },
  {
    generic: 'trimethobenzamide', row: 4, flagged: true,
    brands: [b('Tigan', US)],
    synonyms: [], drugClass: 'antiemetic', mechanism: 'DA', evidence: 'D', evidenceNote: null,
    alternative: ALT_5HT3, sourceIds: ['S17'],
    rationale: 'Antiemetic with central dopamine-blocking activity; flagged by class inference (case reports at most).',
  },
  {
    generic: 'droperidol', row: 5, flagged: true,
    brands: [b('Inapsine', US), b('Xomolix', INTL)],
    synonyms: [], drugClass: 'butyrophenone antiemetic', mechanism: 'DA', evidence: 'D', evidenceNote: null,
    alternative: ALT_5HT3, sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'amisulpride', row: 6, flagged: true,
    brands: [b('Barhemsys', US), b('Solian', UK_INTL)],
    synonyms: [], drugClass: 'benzamide D2/D3 antagonist', mechanism: 'DA', evidence: 'D', evidenceNote: null,
    alternative: '5-HT3 antagonist / psychiatry', sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'sulpiride', row: 7, flagged: true,
    brands: [b('Dogmatil', INTL)],
    synonyms: [], drugClass: 'benzamide D2 antagonist', mechanism: 'DA', evidence: 'D', evidenceNote: null,
    alternative: 'per GI/psychiatry', sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'levosulpiride', row: 7, flagged: true,
    brands: [b('Levopraid', INTL)],
    synonyms: [], drugClass: 'benzamide D2 antagonist', mechanism: 'DA', evidence: 'D', evidenceNote: null,
    alternative: 'per GI/psychiatry', sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'haloperidol', row: 8, flagged: true,
    brands: [b('Haldol', ['US', 'UK', 'international']), b('Serenace', UK_INTL)],
    synonyms: [], drugClass: 'typical antipsychotic', mechanism: 'DA', evidence: 'C', evidenceNote: null,
    alternative: 'psychiatry-led; no RLS-neutral antipsychotic', sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'chlorpromazine', row: 9, flagged: true,
    brands: [b('Thorazine', US, { discontinued: true }), b('Largactil', UK_INTL)],
    synonyms: [], drugClass: 'typical antipsychotic', mechanism: 'DA', evidence: 'C', evidenceNote: null,
    alternative: ALT_PSYCH, sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'fluphenazine', row: 10, flagged: true,
    brands: [b('Prolixin', US, { discontinued: true }), b('Modecate', ['UK', 'CA', 'international'])],
    synonyms: [], drugClass: 'typical antipsychotic', mechanism: 'DA', evidence: 'D', evidenceNote: null,
    alternative: ALT_PSYCH, sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'perphenazine', row: 11, flagged: true,
    brands: [b('Trilafon', US, { discontinued: true }), b('Fentazin', UK)],
    synonyms: [], drugClass: 'typical antipsychotic', mechanism: 'DA', evidence: 'D', evidenceNote: null,
    alternative: ALT_PSYCH, sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    // Symbyax (+fluoxetine) is in COMBINATIONS.
    generic: 'olanzapine', row: 12, flagged: true,
    brands: [b('Zyprexa', WIDE), b('Zyprexa Relprevv', US)],
    synonyms: [], drugClass: 'atypical antipsychotic', mechanism: 'DA+H1', evidence: 'C', evidenceNote: null,
    alternative: ALT_PSYCH, sourceIds: ['S17'], rationale: WHY_DA_H1,
  },
  {
    generic: 'quetiapine', row: 13, flagged: true,
    brands: [b('Seroquel', WIDE), b('Seroquel XR', US)],
    synonyms: [], drugClass: 'atypical antipsychotic', mechanism: 'DA+H1', evidence: 'C', evidenceNote: null,
    alternative: 'psychiatry-led; if used off-label for sleep, a review of the indication may be considered',
    sourceIds: ['S17'], rationale: WHY_DA_H1,
  },
  {
    generic: 'risperidone', row: 14, flagged: true,
    brands: [b('Risperdal', WIDE), b('Risperdal Consta', US_INTL), b('Perseris', US)],
    synonyms: [], drugClass: 'atypical antipsychotic', mechanism: 'DA', evidence: 'C', evidenceNote: 'C (PV signal)',
    alternative: ALT_PSYCH, sourceIds: ['S16', 'S17'],
    rationale: 'Central D2 blockade; neuroleptics show a pharmacovigilance signal for RLS (reporting odds ratio 17.8) [S16].',
  },
  {
    generic: 'paliperidone', row: 15, flagged: true,
    brands: [b('Invega', US), b('Invega Sustenna', US), b('Xeplion', UK_INTL)],
    synonyms: [], drugClass: 'atypical antipsychotic', mechanism: 'DA', evidence: 'D', evidenceNote: null,
    alternative: ALT_PSYCH, sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'aripiprazole', row: 16, flagged: true,
    brands: [b('Abilify', WIDE), b('Abilify Maintena', US_INTL)],
    synonyms: [], drugClass: 'partial D2 agonist', mechanism: 'DA', evidence: 'C',
    evidenceNote: 'C (PV signal; mixed reports)', alternative: ALT_PSYCH, sourceIds: ['S16', 'S17'],
    rationale: 'Partial D2 agonist; pharmacovigilance signal for RLS among neuroleptics [S16], with mixed case reports.',
  },
  {
    generic: 'ziprasidone', row: 17, flagged: true,
    brands: [b('Geodon', US), b('Zeldox', INTL)],
    synonyms: [], drugClass: 'atypical antipsychotic', mechanism: 'DA', evidence: 'D', evidenceNote: null,
    alternative: ALT_PSYCH, sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'lurasidone', row: 18, flagged: true,
    brands: [b('Latuda', WIDE)],
    synonyms: [], drugClass: 'atypical antipsychotic', mechanism: 'DA', evidence: 'D', evidenceNote: null,
    alternative: ALT_PSYCH, sourceIds: ['S17'], rationale: WHY_DA,
  },
  {
    generic: 'clozapine', row: 19, flagged: true,
    brands: [b('Clozaril', ['US', 'UK', 'CA']), b('Leponex', INTL)],
    synonyms: [], drugClass: 'atypical antipsychotic', mechanism: 'DA+H1', evidence: 'D', evidenceNote: null,
    alternative: ALT_PSYCH, sourceIds: ['S17'], rationale: WHY_DA_H1,
  },
  {
    generic: 'loxapine', row: 20, flagged: true,
    brands: [b('Loxitane', US), b('Adasuve', US_INTL)],
    synonyms: [], drugClass: 'antipsychotic', mechanism: 'DA', evidence: 'C', evidenceNote: 'C (PV signal)',
    alternative: ALT_PSYCH, sourceIds: ['S16', 'S17'],
    rationale: 'Central D2 blockade; named in the neuroleptic pharmacovigilance signal for RLS [S16].',
  },
  {
    generic: 'tetrabenazine', row: 21, flagged: true,
    brands: [b('Xenazine', WIDE)],
    synonyms: [], drugClass: 'VMAT2 inhibitor', mechanism: 'DA-depletion', evidence: 'D', evidenceNote: null,
    alternative: 'neurology-led', sourceIds: ['S17'],
    rationale: 'VMAT2 inhibition depletes presynaptic dopamine; flagged by mechanism (case reports at most).',
  },
  {
    generic: 'deutetrabenazine', row: 21, flagged: true,
    brands: [b('Austedo', US_INTL)],
    synonyms: [], drugClass: 'VMAT2 inhibitor', mechanism: 'DA-depletion', evidence: 'D', evidenceNote: null,
    alternative: 'neurology-led', sourceIds: ['S17'],
    rationale: 'VMAT2 inhibition depletes presynaptic dopamine; flagged by mechanism (case reports at most).',
  },
  {
    generic: 'valbenazine', row: 21, flagged: true,
    brands: [b('Ingrezza', US)],
    synonyms: [], drugClass: 'VMAT2 inhibitor', mechanism: 'DA-depletion', evidence: 'D', evidenceNote: null,
    alternative: 'neurology-led', sourceIds: ['S17'],
    rationale: 'VMAT2 inhibition depletes presynaptic dopamine; flagged by mechanism (case reports at most).',
  },
  {
    generic: 'mirtazapine', row: 22, flagged: true,
    brands: [b('Remeron', ['US', 'CA', 'international']), b('RemeronSolTab', US), b('Zispin', UK), b('Avanza', ['AU'])],
    synonyms: [], drugClass: 'NaSSA antidepressant', mechanism: '5HT+H1', evidence: 'B', evidenceNote: 'B-C',
    alternative: 'bupropion (depression); CBT-I (sleep)', sourceIds: ['S15', 'S16', 'S17'],
    rationale:
      'The most consistent antidepressant association with new or worse RLS in prospective data [S15]; antidepressant pharmacovigilance signal (reporting odds ratio 15.9) [S16].',
  },
  {
    generic: 'mianserin', row: 23, flagged: true,
    brands: [b('Tolvon', INTL), b('Lerivon', INTL)],
    synonyms: [], drugClass: 'tetracyclic antidepressant', mechanism: '5HT+H1', evidence: 'C', evidenceNote: 'C (PV signal)',
    alternative: ALT_BUPROPION, sourceIds: ['S15', 'S16', 'S17'],
    rationale: 'Named in the antidepressant pharmacovigilance signal for RLS (reporting odds ratio 15.9) [S16].',
  },
  {
    generic: 'sertraline', row: 24, flagged: true,
    brands: [b('Zoloft', ['US', 'CA', 'international']), b('Lustral', UK)],
    synonyms: [], drugClass: 'SSRI', mechanism: '5HT', evidence: 'C', evidenceNote: null,
    alternative: 'bupropion; if an SSRI is needed, monitor', sourceIds: ['S15', 'S17'],
    rationale: 'SSRI; raises periodic limb movements, probably not clinically significant; new or worse RLS is uncommon [S15].',
  },
  {
    // Symbyax (+olanzapine) is in COMBINATIONS.
    generic: 'fluoxetine', row: 25, flagged: true,
    brands: [b('Prozac', WIDE), b('Sarafem', US)],
    synonyms: [], drugClass: 'SSRI', mechanism: '5HT', evidence: 'C', evidenceNote: null,
    alternative: ALT_BUPROPION, sourceIds: ['S15', 'S17'],
    rationale: 'SSRI; raises periodic limb movements, probably not clinically significant; new or worse RLS is uncommon [S15].',
  },
  {
    generic: 'paroxetine', row: 26, flagged: true,
    brands: [b('Paxil', ['US', 'CA']), b('Pexeva', US), b('Brisdelle', US), b('Seroxat', UK_INTL)],
    synonyms: [], drugClass: 'SSRI', mechanism: '5HT', evidence: 'C', evidenceNote: null,
    alternative: ALT_BUPROPION, sourceIds: ['S15', 'S17'], rationale: WHY_5HT,
  },
  {
    generic: 'citalopram', row: 27, flagged: true,
    brands: [b('Celexa', ['US', 'CA']), b('Cipramil', UK_INTL)],
    synonyms: [], drugClass: 'SSRI', mechanism: '5HT', evidence: 'C', evidenceNote: null,
    alternative: ALT_BUPROPION, sourceIds: ['S15', 'S17'], rationale: WHY_5HT,
  },
  {
    generic: 'escitalopram', row: 28, flagged: true,
    brands: [b('Lexapro', US), b('Cipralex', ['UK', 'CA', 'international'])],
    synonyms: [], drugClass: 'SSRI', mechanism: '5HT', evidence: 'C', evidenceNote: 'C (PV signal)',
    alternative: ALT_BUPROPION, sourceIds: ['S15', 'S16', 'S17'],
    rationale: 'Named in the antidepressant pharmacovigilance signal for RLS (reporting odds ratio 15.9) [S16].',
  },
  {
    generic: 'fluvoxamine', row: 29, flagged: true,
    brands: [b('Luvox', ['US', 'CA']), b('Faverin', UK)],
    synonyms: [], drugClass: 'SSRI', mechanism: '5HT', evidence: 'D', evidenceNote: null,
    alternative: ALT_BUPROPION, sourceIds: ['S15', 'S17'], rationale: WHY_5HT,
  },
  {
    generic: 'venlafaxine', row: 30, flagged: true,
    brands: [b('Effexor XR', ['US', 'CA']), b('Efexor', ['UK', 'AU', 'international'])],
    synonyms: [], drugClass: 'SNRI', mechanism: '5HT', evidence: 'C', evidenceNote: null,
    alternative: ALT_BUPROPION, sourceIds: ['S15', 'S17'],
    rationale: 'SNRI; the association rests on one small volunteer study [S15].',
  },
  {
    generic: 'desvenlafaxine', row: 31, flagged: true,
    brands: [b('Pristiq', WIDE)],
    synonyms: [], drugClass: 'SNRI', mechanism: '5HT', evidence: 'D', evidenceNote: null,
    alternative: ALT_BUPROPION, sourceIds: ['S15', 'S17'], rationale: WHY_5HT,
  },
  {
    generic: 'duloxetine', row: 32, flagged: true,
    brands: [b('Cymbalta', WIDE), b('Yentreve', UK_INTL)],
    synonyms: [], drugClass: 'SNRI', mechanism: '5HT', evidence: 'C', evidenceNote: 'C (PV signal)',
    alternative: 'bupropion (mood); for neuropathic pain, gabapentinoid per clinician', sourceIds: ['S15', 'S16', 'S17'],
    rationale: 'Named in the antidepressant pharmacovigilance signal for RLS (reporting odds ratio 15.9) [S16].',
  },
  {
    generic: 'amitriptyline', row: 33, flagged: true,
    brands: [b('Elavil', US, { discontinued: true }), b('Endep', ['AU']), b('Tryptizol', INTL)],
    synonyms: [], drugClass: 'TCA', mechanism: '5HT+H1', evidence: 'C', evidenceNote: null,
    alternative: 'bupropion; for sleep, CBT-I', sourceIds: ['S15', 'S16', 'S17'],
    rationale:
      'Named in the antidepressant pharmacovigilance signal [S16]; raises periodic limb movements, probably not clinically significant [S15].',
  },
  {
    generic: 'nortriptyline', row: 34, flagged: true,
    brands: [b('Pamelor', US), b('Aventyl', ['US', 'CA']), b('Allegron', UK)],
    synonyms: [], drugClass: 'TCA', mechanism: '5HT', evidence: 'D', evidenceNote: null,
    alternative: ALT_BUPROPION, sourceIds: ['S15', 'S17'], rationale: WHY_5HT,
  },
  {
    generic: 'clomipramine', row: 35, flagged: true,
    brands: [b('Anafranil', WIDE)],
    synonyms: [], drugClass: 'TCA', mechanism: '5HT', evidence: 'D', evidenceNote: null,
    alternative: ALT_PSYCH, sourceIds: ['S15', 'S17'], rationale: WHY_5HT,
  },
  {
    generic: 'imipramine', row: 36, flagged: true,
    brands: [b('Tofranil', WIDE)],
    synonyms: [], drugClass: 'TCA', mechanism: '5HT', evidence: 'D', evidenceNote: null,
    alternative: ALT_BUPROPION, sourceIds: ['S15', 'S17'], rationale: WHY_5HT,
  },
  {
    generic: 'vortioxetine', row: 37, flagged: true,
    brands: [b('Trintellix', ['US', 'CA']), b('Brintellix', UK_INTL)],
    synonyms: [], drugClass: 'multimodal serotonergic', mechanism: '5HT', evidence: 'D', evidenceNote: 'D (class only)',
    alternative: ALT_BUPROPION, sourceIds: ['S15', 'S17'],
    rationale: 'Serotonergic antidepressant; flagged by class inference only [S15].',
  },
  {
    // No cited source names lithium specifically; S17 (drug-induced RLS review) is the closest.
    generic: 'lithium', row: 38, flagged: true,
    brands: [b('Lithobid', US), b('Priadel', UK), b('Camcolit', UK)],
    synonyms: ['lithium carbonate', 'lithium citrate'], drugClass: 'mood stabiliser', mechanism: 'uncertain', evidence: 'D',
    evidenceNote: 'D (case reports; NIH 2000 primary-care list [NV])', alternative: ALT_PSYCH, sourceIds: ['S17'],
    rationale: 'Mechanism uncertain; case reports and an older primary-care list [NV] only.',
  },
  {
    // Tylenol PM, Advil PM and other "PM" products are combinations (see COMBINATIONS).
    generic: 'diphenhydramine', row: 39, flagged: true,
    brands: [
      b('Benadryl', ['US', 'CA'], {
        countryNote: 'UK Benadryl allergy products contain acrivastine or cetirizine, not diphenhydramine: confirm the product',
      }),
      b('ZzzQuil', US),
      b('Unisom SleepGels', US),
      b('Unisom SleepMelts', US),
      b('Sominex', US),
      b('Nytol', ['UK', 'US', 'international']),
    ],
    synonyms: [], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'C', evidenceNote: null,
    alternative: '2nd-gen H1 (loratadine, fexofenadine); sleep: CBT-I', sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    // NyQuil, Diclegis, Bonjesta and Diclectin are combinations (see COMBINATIONS).
    generic: 'doxylamine', row: 40, flagged: true,
    brands: [b('Unisom SleepTabs', US)],
    synonyms: ['doxylamine succinate'], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'C', evidenceNote: null,
    alternative: '2nd-gen H1; in pregnancy, obstetrician-directed', sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    generic: 'chlorpheniramine', row: 41, flagged: true,
    brands: [b('Chlor-Trimeton', US), b('Piriton', UK)],
    synonyms: ['chlorphenamine'], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'C', evidenceNote: null,
    alternative: 'loratadine, fexofenadine, intranasal steroid', sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    generic: 'hydroxyzine', row: 42, flagged: true,
    brands: [b('Atarax', ['US', 'UK', 'CA', 'international']), b('Vistaril', US)],
    synonyms: [], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'C', evidenceNote: null,
    alternative: '2nd-gen H1 (itch); anxiety per clinician', sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    generic: 'dimenhydrinate', row: 43, flagged: true,
    brands: [
      b('Dramamine', ['US', 'CA'], { note: DRAMAMINE_NOTE }),
      b('Dramamine Original', ['US', 'CA'], { note: DRAMAMINE_NOTE }),
      b('Gravol', CA),
    ],
    synonyms: [], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'C', evidenceNote: null,
    alternative: 'non-drug motion-sickness measures; clinician choice', sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    generic: 'meclizine', row: 44, flagged: true,
    brands: [
      b('Antivert', US), b('Bonine', US), b('Dramamine Less Drowsy', US), b('Dramamine All Day', US),
      b('Dramamine All Day Less Drowsy', US),
    ],
    synonyms: ['meclozine'], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'D', evidenceNote: null,
    alternative: 'vestibular rehab, per clinician', sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    generic: 'brompheniramine', row: 45, flagged: true,
    brands: [b('Dimetapp', US)],
    synonyms: [], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'D', evidenceNote: null,
    alternative: ALT_2GEN_H1, sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    generic: 'clemastine', row: 46, flagged: true,
    brands: [b('Tavist', US), b('Tavegil', UK_INTL)],
    synonyms: [], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'D', evidenceNote: null,
    alternative: ALT_2GEN_H1, sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    generic: 'cyclizine', row: 47, flagged: true,
    brands: [b('Valoid', UK)],
    synonyms: [], drugClass: '1st-gen H1 antiemetic', mechanism: 'H1', evidence: 'D', evidenceNote: null,
    alternative: ALT_5HT3, sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    generic: 'cyproheptadine', row: 48, flagged: true,
    brands: [b('Periactin', WIDE)],
    synonyms: [], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'D', evidenceNote: null,
    alternative: 'per clinician', sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    generic: 'cinnarizine', row: 49, flagged: true,
    brands: [b('Stugeron', UK_INTL)],
    synonyms: [], drugClass: 'H1 + Ca-channel blocker (parkinsonism risk)', mechanism: 'DA+H1', evidence: 'D',
    evidenceNote: null, alternative: 'per clinician', sourceIds: ['S17'],
    rationale: 'H1 antagonist and calcium-channel blocker with dopamine-blocking effect (drug-induced parkinsonism).',
  },
  {
    generic: 'flunarizine', row: 49, flagged: true,
    brands: [b('Sibelium', INTL)],
    synonyms: [], drugClass: 'H1 + Ca-channel blocker (parkinsonism risk)', mechanism: 'DA+H1', evidence: 'D',
    evidenceNote: null, alternative: 'per clinician', sourceIds: ['S17'],
    rationale: 'H1 antagonist and calcium-channel blocker with dopamine-blocking effect (drug-induced parkinsonism).',
  },
  {
    // Ultracet / Tramacet (+acetaminophen) are in COMBINATIONS.
    generic: 'tramadol', row: 50, flagged: true,
    brands: [b('Ultram', US), b('ConZip', US), b('Zydol', UK), b('Tramal', INTL)],
    synonyms: [], drugClass: 'opioid/SNRI analgesic', mechanism: '5HT', evidence: 'C', evidenceNote: 'C (PV signal)',
    alternative: 'non-serotonergic analgesic per clinician', sourceIds: ['S16', 'S17'],
    rationale: 'Serotonergic opioid; pharmacovigilance signal for RLS (reporting odds ratio 18.2) [S16].',
  },
  {
    generic: 'carbidopa-levodopa', row: 51, flagged: true,
    brands: [b('Sinemet', ['US', 'UK', 'CA', 'international']), b('Rytary', US)],
    synonyms: ['levodopa', 'levodopa-carbidopa', 'co-careldopa', 'l-dopa'],
    drugClass: 'dopaminergic RLS therapy', mechanism: 'AUG', evidence: 'A',
    evidenceNote: 'A (AASM: against standard use [V2])', alternative: ALT_AUG, sourceIds: ['S1'], rationale: WHY_AUG,
  },
  {
    generic: 'benserazide-levodopa', row: 51, flagged: true,
    brands: [b('Madopar', UK_INTL), b('Prolopa', CA)],
    synonyms: ['levodopa-benserazide', 'co-beneldopa'],
    drugClass: 'dopaminergic RLS therapy', mechanism: 'AUG', evidence: 'A',
    evidenceNote: 'A (AASM: against standard use [V2])', alternative: ALT_AUG, sourceIds: ['S1'], rationale: WHY_AUG,
  },
  {
    generic: 'pramipexole', row: 52, flagged: true,
    brands: [b('Mirapex', ['US', 'CA']), b('Mirapexin', UK), b('Sifrol', ['AU', 'international'])],
    synonyms: [], drugClass: 'dopamine agonist', mechanism: 'AUG', evidence: 'A', evidenceNote: null,
    alternative: ALT_AUG, sourceIds: ['S1'], rationale: WHY_AUG,
  },
  {
    generic: 'ropinirole', row: 53, flagged: true,
    brands: [b('Requip', WIDE), b('Adartrel', UK)],
    synonyms: [], drugClass: 'dopamine agonist', mechanism: 'AUG', evidence: 'A', evidenceNote: null,
    alternative: ALT_AUG, sourceIds: ['S1'], rationale: WHY_AUG,
  },
  {
    generic: 'rotigotine', row: 54, flagged: true,
    brands: [b('Neupro', WIDE)],
    synonyms: [], drugClass: 'dopamine agonist patch', mechanism: 'AUG', evidence: 'A', evidenceNote: null,
    alternative: ALT_AUG, sourceIds: ['S1'], rationale: WHY_AUG,
  },

  // --- Rows 55-67 (added in KB 1.1) ---
  {
    generic: 'thioridazine', row: 55, flagged: true,
    brands: [b('Mellaril', US, { discontinued: true }), b('Melleril', INTL)],
    synonyms: [], drugClass: 'typical antipsychotic', mechanism: 'DA', evidence: 'C', evidenceNote: 'C (PV signal [V S16])',
    alternative: ALT_PSYCH, sourceIds: ['S16', 'S17'],
    rationale: 'Central D2 blockade; named in the neuroleptic pharmacovigilance signal for RLS (reporting odds ratio 17.8) [S16].',
  },
  {
    generic: 'trifluoperazine', row: 56, flagged: true,
    brands: [b('Stelazine', US)],
    synonyms: [], drugClass: 'typical antipsychotic', mechanism: 'DA', evidence: 'D', evidenceNote: 'D (class [V S17])',
    alternative: ALT_PSYCH, sourceIds: ['S17'], rationale: WHY_DA_CLASS,
  },
  {
    generic: 'pimozide', row: 57, flagged: true,
    brands: [b('Orap', US)],
    synonyms: [], drugClass: 'typical antipsychotic', mechanism: 'DA', evidence: 'D', evidenceNote: 'D (class [V S17])',
    alternative: 'psychiatry/neurology-led', sourceIds: ['S17'], rationale: WHY_DA_CLASS,
  },
  {
    generic: 'asenapine', row: 58, flagged: true,
    brands: [b('Saphris', US), b('Secuado', US), b('Sycrest', UK_INTL)],
    synonyms: [], drugClass: 'atypical antipsychotic', mechanism: 'DA', evidence: 'D', evidenceNote: 'D (case report [V S39])',
    alternative: ALT_PSYCH, sourceIds: ['S39'],
    rationale: 'Central D2 blockade; a published case of asenapine-induced RLS [S39].',
  },
  {
    generic: 'cariprazine', row: 59, flagged: true,
    brands: [b('Vraylar', US), b('Reagila', UK_INTL)],
    synonyms: [], drugClass: 'D2/D3 partial agonist', mechanism: 'DA', evidence: 'D',
    evidenceNote: 'D (class; cf. aripiprazole PV signal [V S16])', alternative: ALT_PSYCH, sourceIds: ['S16', 'S17'],
    rationale: WHY_PARTIAL_AGONIST,
  },
  {
    // The table's "as 59" is written out so the note reads on its own.
    generic: 'brexpiprazole', row: 60, flagged: true,
    brands: [b('Rexulti', US)],
    synonyms: [], drugClass: 'D2 partial agonist', mechanism: 'DA', evidence: 'D',
    evidenceNote: 'D (class, as cariprazine: cf. aripiprazole PV signal [V S16])', alternative: ALT_PSYCH, sourceIds: ['S16', 'S17'],
    rationale: WHY_PARTIAL_AGONIST,
  },
  {
    generic: 'iloperidone', row: 61, flagged: true,
    brands: [b('Fanapt', US)],
    synonyms: [], drugClass: 'atypical antipsychotic', mechanism: 'DA', evidence: 'D', evidenceNote: 'D (class [V S17])',
    alternative: ALT_PSYCH, sourceIds: ['S17'], rationale: WHY_DA_CLASS,
  },
  {
    generic: 'lumateperone', row: 61, flagged: true,
    brands: [b('Caplyta', US)],
    synonyms: [], drugClass: 'atypical antipsychotic', mechanism: 'DA', evidence: 'D', evidenceNote: 'D (class [V S17])',
    alternative: ALT_PSYCH, sourceIds: ['S17'], rationale: WHY_DA_CLASS,
  },
  {
    generic: 'bromocriptine', row: 62, flagged: true,
    brands: [b('Parlodel', US), b('Cycloset', US)],
    synonyms: [], drugClass: 'ergot dopamine agonist', mechanism: 'AUG', evidence: 'D', evidenceNote: 'D (class)',
    alternative: ALT_ERGOT, sourceIds: ['S1'],
    rationale:
      'Dopamine agonist: continued dopaminergic exposure can cause augmentation (class inference from the AASM statement on dopaminergic therapy) [S1].',
    contextNote: AUG_CONTEXT,
  },
  {
    generic: 'cabergoline', row: 63, flagged: true,
    brands: [b('Dostinex', US), b('Cabaser', UK_INTL)],
    synonyms: [], drugClass: 'ergot dopamine agonist', mechanism: 'AUG', evidence: 'B',
    evidenceNote: 'B (one RCT, CALDIR: stopped for augmentation 4.0 % at 30 weeks [V S39]; valvulopathy, rarely used [V S5])',
    alternative: ALT_ERGOT, sourceIds: ['S1', 'S5', 'S39'],
    rationale:
      'Dopamine agonist: in one RCT (CALDIR) 4.0 % stopped cabergoline for augmentation within 30 weeks [S39]; rarely used for RLS because of valvulopathy [S5].',
    contextNote: AUG_CONTEXT,
  },
  {
    generic: 'carbinoxamine', row: 64, flagged: true,
    brands: [b('Karbinal ER', US), b('RyVent', US)],
    synonyms: [], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'D', evidenceNote: 'D (class, AASM GPS 2 [NV])',
    alternative: ALT_2GEN_H1, sourceIds: ['S1', 'S17'],
    rationale: 'Centrally acting first-generation H1 antagonist; flagged by class (AASM good-practice statement [NV]; drug-induced RLS review [S17]).',
  },
  {
    // Actifed (+pseudoephedrine) is in COMBINATIONS.
    generic: 'triprolidine', row: 65, flagged: true,
    brands: [b('Zymine', US)],
    synonyms: [], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'D', evidenceNote: 'D (class)',
    alternative: ALT_2GEN_H1, sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    generic: 'dexchlorpheniramine', row: 66, flagged: true,
    brands: [b('RyClora', US), b('Polaramine', ['AU', 'international'])],
    synonyms: ['dexchlorphenamine'], drugClass: '1st-gen H1', mechanism: 'H1', evidence: 'D', evidenceNote: 'D (class)',
    alternative: ALT_2GEN_H1, sourceIds: ['S17'], rationale: WHY_H1,
  },
  {
    generic: 'doxepin', row: 67, flagged: true,
    brands: [b('Silenor', US), b('Sinequan', US, { discontinued: true }), b('Zonalon', US), b('Prudoxin', US)],
    synonyms: [], drugClass: 'TCA; low-dose H1 hypnotic', mechanism: 'H1', mechanismNote: 'H1 (+5HT at antidepressant doses)',
    evidence: 'D', evidenceNote: 'D (class; did not aggravate PLMs in one study [V S15])',
    alternative: 'sleep: CBT-I; depression: bupropion', sourceIds: ['S15', 'S17'],
    rationale:
      'Central H1 antagonism at hypnotic doses (3-6 mg), plus serotonergic effect at antidepressant doses; flagged by class, although doxepin did not aggravate periodic limb movements in one study [S15].',
  },
];

// --- Not flagged: CLINICAL.md §2 "Not flagged" list ---------------------------------------------

const nf = (
  generic: string,
  brands: readonly BrandName[],
  drugClass: string,
  note: string,
  extra?: {
    synonyms?: readonly string[];
    sourceIds?: NotFlaggedDrugEntry['sourceIds'];
    listedInClinical?: boolean;
    b12Risk?: NotFlaggedDrugEntry['b12Risk'];
  },
): NotFlaggedDrugEntry => ({
  generic,
  flagged: false,
  brands,
  synonyms: extra?.synonyms ?? [],
  drugClass,
  note,
  sourceIds: extra?.sourceIds ?? [],
  listedInClinical: extra?.listedInClinical ?? false,
  ...(extra?.b12Risk ? { b12Risk: extra.b12Risk } : {}),
});

const LISTED = { listedInClinical: true } as const;

const NOT_FLAGGED_LISTED: readonly NotFlaggedDrugEntry[] = [
  nf('ondansetron', [b('Zofran', WIDE)], '5-HT3 antagonist antiemetic', 'Not on the RLS list; the usual alternative antiemetic.', LISTED),
  nf('granisetron', [b('Kytril', WIDE)], '5-HT3 antagonist antiemetic', 'Not on the RLS list; alternative antiemetic.', LISTED),
  nf('domperidone', [b('Motilium', ['UK', 'CA', 'international'])], 'peripheral D2 antagonist',
    'Not on the RLS list (does not readily cross the blood-brain barrier); not FDA-approved and carries QT risk.', LISTED),
  nf('loratadine', [b('Claritin', ['US', 'CA']), b('Clarityn', UK), b('Alavert', US)], '2nd-gen H1',
    'Not on the RLS list; a suggested alternative to first-generation antihistamines.', LISTED),
  nf('desloratadine', [b('Clarinex', US), b('Aerius', ['CA', 'international']), b('Neoclarityn', UK)], '2nd-gen H1',
    'Not on the RLS list; 2nd-generation antihistamine.', LISTED),
  nf('fexofenadine', [b('Allegra', ['US', 'CA']), b('Telfast', ['UK', 'AU', 'international'])], '2nd-gen H1',
    'Not on the RLS list; a suggested alternative to first-generation antihistamines.', LISTED),
  nf('cetirizine', [b('Zyrtec', ['US', 'UK', 'international']), b('Reactine', CA)], '2nd-gen H1',
    'Not on the RLS list; mildly sedating, generally acceptable [NV].', LISTED),
  nf('levocetirizine', [b('Xyzal', WIDE)], '2nd-gen H1', 'Not on the RLS list; mildly sedating, generally acceptable [NV].', LISTED),
  nf('bupropion', [b('Wellbutrin', ['US', 'CA']), b('Zyban', WIDE)], 'NDRI antidepressant',
    'Not on the RLS list; may reduce RLS short term [S15]. A lower-risk antidepressant choice, not an RLS treatment (AASM suggests against) [NV].',
    { listedInClinical: true, sourceIds: ['S15'] }),
  nf('trazodone', [b('Desyrel', US)], 'SARI antidepressant', 'Not on the RLS list; did not aggravate periodic limb movements [S15].',
    { listedInClinical: true, sourceIds: ['S15'] }),
  nf('gabapentin', [b('Neurontin', WIDE), b('Gralise', US)], 'α2δ ligand', 'Not on the RLS list; an AASM-recommended RLS treatment [V2].',
    { listedInClinical: true, sourceIds: ['S1'] }),
  nf('pregabalin', [b('Lyrica', WIDE)], 'α2δ ligand', 'Not on the RLS list; an AASM-recommended RLS treatment [V2].',
    { listedInClinical: true, sourceIds: ['S1'] }),
];

// --- Not flagged: common drugs added so the matcher can name them (not in CLINICAL.md) ------------
// Kept short on purpose: each extra name is a new fuzzy neighbour. Celecoxib and clopidogrel exist so
// Celebrex/Plavix match exactly and never drift to Celexa/Paxil.

const OTHER = 'Not on the RLS-provoking list.';

const NOT_FLAGGED_COMMON: readonly NotFlaggedDrugEntry[] = [
  nf('lisinopril', [b('Zestril', WIDE), b('Prinivil', US)], 'ACE inhibitor', OTHER),
  nf('losartan', [b('Cozaar', WIDE)], 'angiotensin receptor blocker', OTHER),
  nf('amlodipine', [b('Norvasc', WIDE), b('Istin', UK)], 'dihydropyridine calcium-channel blocker', OTHER),
  nf('hydrochlorothiazide', [b('Microzide', US)], 'thiazide diuretic', OTHER, { synonyms: ['hctz'] }),
  nf('furosemide', [b('Lasix', WIDE)], 'loop diuretic', OTHER, { synonyms: ['frusemide'] }),
  nf('metoprolol', [b('Lopressor', WIDE), b('Toprol XL', US), b('Betaloc', INTL)], 'beta blocker', OTHER),
  nf('atorvastatin', [b('Lipitor', WIDE)], 'statin', OTHER),
  nf('simvastatin', [b('Zocor', WIDE)], 'statin', OTHER),
  nf('rosuvastatin', [b('Crestor', WIDE)], 'statin', OTHER),
  nf('aspirin', [b('Bayer Aspirin', US)], 'antiplatelet / NSAID', OTHER, { synonyms: ['acetylsalicylic acid', 'asa'] }),
  nf('clopidogrel', [b('Plavix', WIDE)], 'P2Y12 antiplatelet', OTHER),
  nf('apixaban', [b('Eliquis', WIDE)], 'direct oral anticoagulant', OTHER),
  nf('warfarin', [b('Coumadin', ['US', 'CA']), b('Marevan', INTL)], 'vitamin K antagonist', OTHER),
  nf('levothyroxine', [b('Synthroid', ['US', 'CA']), b('Levoxyl', US), b('Eltroxin', ['UK', 'CA', 'international'])],
    'thyroid hormone', OTHER, { synonyms: ['l-thyroxine', 'thyroxine'] }),
  nf('sevelamer', [b('Renvela', WIDE), b('Renagel', WIDE)], 'phosphate binder', OTHER),
  nf('calcitriol', [b('Rocaltrol', WIDE)], 'active vitamin D', OTHER),
  nf('epoetin alfa', [b('Epogen', US), b('Procrit', US), b('Eprex', ['UK', 'CA', 'international'])],
    'erythropoiesis-stimulating agent', OTHER, { synonyms: ['epoetin', 'erythropoietin'] }),
  nf('paclitaxel', [b('Taxol', WIDE)], 'taxane chemotherapy', OTHER),
  nf('ibuprofen', [b('Advil', ['US', 'CA']), b('Motrin', US), b('Nurofen', ['UK', 'AU', 'international'])], 'NSAID', OTHER),
  nf('acetaminophen', [b('Tylenol', ['US', 'CA']), b('Panadol', ['UK', 'AU', 'international'])], 'analgesic', OTHER,
    { synonyms: ['paracetamol', 'apap'] }),
  nf('naproxen', [b('Aleve', US), b('Naprosyn', WIDE)], 'NSAID', OTHER),
  nf('celecoxib', [b('Celebrex', WIDE)], 'COX-2 inhibitor NSAID', OTHER),
  nf('prednisone', [b('Deltasone', US)], 'corticosteroid', OTHER),
  nf('pyridoxine', [], 'vitamin B6', OTHER, { synonyms: ['vitamin b6'] }),
  nf('dextromethorphan', [b('Delsym', US)], 'antitussive', OTHER),
  nf('entacapone', [b('Comtan', WIDE)], 'COMT inhibitor', OTHER),
  nf('melatonin', [b('ZzzQuil Pure Zzzs', US), b('Circadin', UK_INTL)], 'sleep aid', OTHER),
  nf('gabapentin enacarbil', [b('Horizant', US)], 'α2δ ligand', 'Not on the RLS list; an AASM-recommended RLS treatment [V2].',
    { sourceIds: ['S1'] }),
  nf('ferrous sulfate', [b('Feosol', US)], 'oral iron', OTHER, { synonyms: ['ferrous sulphate'] }),
  nf('iron sucrose', [b('Venofer', WIDE)], 'intravenous iron', OTHER),
  nf('ferric carboxymaltose', [b('Injectafer', US), b('Ferinject', ['UK', 'international'])], 'intravenous iron', OTHER),
  // Decongestants: partners in cold products (Actifed, NyQuil Severe, DayQuil).
  nf('pseudoephedrine', [b('Sudafed', ['US', 'UK', 'CA', 'AU'])], 'decongestant', OTHER),
  nf('phenylephrine', [b('Sudafed PE', US)], 'decongestant', OTHER),
  nf('caffeine', [], 'stimulant', OTHER),
  // Dramamine Non-Drowsy Naturals (CLINICAL.md §2.1).
  nf('ginger', [], 'herbal antiemetic', OTHER),
];

// --- Not flagged: B12-depletion drugs, CLINICAL.md §2.2 ------------------------------------------

const METFORMIN_NOTE =
  'Not on the RLS-provoking list; long-term metformin can lower vitamin B12 (ADA 2025: periodic B12 measurement) [S41].';
const PPI_NOTE =
  'Not on the RLS-provoking list; long-term proton-pump inhibitor use can lower vitamin B12 (US labels: B12 is suggested if used long term, e.g., >3 years) [S41].';
const B12_METFORMIN = { b12Risk: 'metformin', sourceIds: ['S41'] } as const;
const B12_PPI = { b12Risk: 'ppi', sourceIds: ['S41'] } as const;
const PPI_CLASS = 'proton-pump inhibitor';

const NOT_FLAGGED_B12: readonly NotFlaggedDrugEntry[] = [
  nf('metformin', [
    b('Glucophage', WIDE), b('Glumetza', ['US', 'CA']), b('Fortamet', US), b('Riomet', US), b('Diabex', ['AU']),
  ], 'biguanide', METFORMIN_NOTE, B12_METFORMIN),
  nf('omeprazole', [b('Prilosec', US), b('Losec', ['UK', 'CA', 'AU', 'international'])], PPI_CLASS, PPI_NOTE, B12_PPI),
  nf('esomeprazole', [b('Nexium', WIDE)], PPI_CLASS, PPI_NOTE, B12_PPI),
  nf('lansoprazole', [b('Prevacid', ['US', 'CA']), b('Zoton', UK)], PPI_CLASS, PPI_NOTE, B12_PPI),
  nf('dexlansoprazole', [b('Dexilant', ['US', 'CA'])], PPI_CLASS, PPI_NOTE, B12_PPI),
  nf('pantoprazole', [b('Protonix', US), b('Pantoloc', CA), b('Tecta', CA), b('Somac', ['AU'])], PPI_CLASS, PPI_NOTE, B12_PPI),
  nf('rabeprazole', [b('AcipHex', US), b('Pariet', ['UK', 'CA', 'AU', 'international'])], PPI_CLASS, PPI_NOTE, B12_PPI),
];

// Other ingredients of the §2.2 combination products, so each combination resolves completely.
const NOT_FLAGGED_PARTNERS: readonly NotFlaggedDrugEntry[] = [
  nf('sitagliptin', [b('Januvia', WIDE)], 'DPP-4 inhibitor', OTHER),
  nf('linagliptin', [b('Tradjenta', ['US', 'CA']), b('Trajenta', ['UK', 'AU', 'international'])], 'DPP-4 inhibitor', OTHER),
  nf('alogliptin', [b('Nesina', ['US', 'CA']), b('Vipidia', UK)], 'DPP-4 inhibitor', OTHER),
  nf('saxagliptin', [b('Onglyza', WIDE)], 'DPP-4 inhibitor', OTHER),
  nf('glyburide', [], 'sulfonylurea', OTHER, { synonyms: ['glibenclamide'] }),
  nf('pioglitazone', [b('Actos', WIDE)], 'thiazolidinedione', OTHER),
  nf('canagliflozin', [b('Invokana', WIDE)], 'SGLT2 inhibitor', OTHER),
  nf('dapagliflozin', [b('Farxiga', US), b('Forxiga', ['UK', 'CA', 'AU', 'international'])], 'SGLT2 inhibitor', OTHER),
  nf('empagliflozin', [b('Jardiance', WIDE)], 'SGLT2 inhibitor', OTHER),
  nf('ertugliflozin', [b('Steglatro', WIDE)], 'SGLT2 inhibitor', OTHER),
  nf('sodium bicarbonate', [], 'antacid', OTHER),
];

// --- Combination products ----------------------------------------------------------------------
// Single-ingredient line extensions (ZzzQuil, Unisom SleepGels/SleepTabs, Dramamine Less Drowsy,
// Sinemet, Madopar) are brands of their generic above, not combinations.

const S40: CombinationProduct['sourceIds'] = ['S40'];
const S41: CombinationProduct['sourceIds'] = ['S41'];

const COMBINATIONS: readonly CombinationProduct[] = [
  // CLINICAL.md §2.1: "PM" analgesics (Aleve/Motrin/Excedrin PM composition [NV]).
  { name: 'Tylenol PM', countries: ['US', 'CA'], ingredients: ['acetaminophen', 'diphenhydramine'], sourceIds: S40 },
  { name: 'Advil PM', countries: ['US', 'CA'], ingredients: ['ibuprofen', 'diphenhydramine'], sourceIds: S40 },
  { name: 'Unisom PM Pain', countries: US, ingredients: ['acetaminophen', 'diphenhydramine'], sourceIds: S40 },
  { name: 'Motrin PM', countries: US, ingredients: ['ibuprofen', 'diphenhydramine'] },
  { name: 'Aleve PM', countries: US, ingredients: ['naproxen', 'diphenhydramine'] },
  { name: 'Excedrin PM', countries: US, ingredients: ['acetaminophen', 'diphenhydramine'] },
  // Store-brand "PM" analgesics named by their generic: step 7 applies to them too ("Ibuprofen PM" ≠ ibuprofen).
  { name: 'Acetaminophen PM', countries: US, ingredients: ['acetaminophen', 'diphenhydramine'] },
  { name: 'Ibuprofen PM', countries: US, ingredients: ['ibuprofen', 'diphenhydramine'] },
  { name: 'Naproxen Sodium PM', countries: US, ingredients: ['naproxen', 'diphenhydramine'], synonyms: ['Naproxen PM'] },
  // NyQuil (Cold & Flu, Severe, HBP) and Coricidin HBP, CLINICAL.md §2.1.
  {
    name: 'NyQuil', countries: US, ingredients: ['doxylamine', 'acetaminophen', 'dextromethorphan'], sourceIds: S40,
    synonyms: ['NyQuil Cold & Flu', 'Vicks NyQuil', 'Vicks NyQuil Cold & Flu'],
  },
  {
    name: 'NyQuil Severe', countries: US, ingredients: ['doxylamine', 'acetaminophen', 'dextromethorphan', 'phenylephrine'],
    sourceIds: S40, synonyms: ['NyQuil Severe Cold & Flu', 'Vicks NyQuil Severe'],
  },
  { name: 'NyQuil HBP', countries: US, ingredients: ['doxylamine', 'acetaminophen', 'dextromethorphan'], sourceIds: S40 },
  { name: 'Coricidin HBP Cold & Flu', countries: US, ingredients: ['chlorpheniramine', 'acetaminophen'], sourceIds: S40 },
  { name: 'Coricidin HBP Cough & Cold', countries: US, ingredients: ['chlorpheniramine', 'dextromethorphan'], sourceIds: S40 },
  {
    name: 'Coricidin HBP Nighttime', countries: US, ingredients: ['doxylamine', 'acetaminophen', 'dextromethorphan'],
    sourceIds: S40, synonyms: ['Coricidin HBP Nighttime Multi-Symptom Cold'],
  },
  // Row 65: Actifed (+pseudoephedrine).
  { name: 'Actifed', countries: ['UK', 'AU', 'international'], ingredients: ['triprolidine', 'pseudoephedrine'] },
  // Plain Excedrin, so that "Excedrin Extra Strength PM" reaches Excedrin PM (step 7): no antihistamine.
  { name: 'Excedrin', countries: US, ingredients: ['acetaminophen', 'aspirin', 'caffeine'], synonyms: ['Excedrin Migraine'] },
  // Recognised so it never drifts to NyQuil: no antihistamine.
  { name: 'DayQuil', countries: US, ingredients: ['acetaminophen', 'dextromethorphan', 'phenylephrine'], synonyms: ['Vicks DayQuil'] },
  { name: 'Diclegis', countries: US, ingredients: ['doxylamine', 'pyridoxine'] },
  { name: 'Bonjesta', countries: US, ingredients: ['doxylamine', 'pyridoxine'] },
  { name: 'Diclectin', countries: CA, ingredients: ['doxylamine', 'pyridoxine'] },
  { name: 'Xonvea', countries: UK, ingredients: ['doxylamine', 'pyridoxine'] },
  { name: 'Symbyax', countries: US, ingredients: ['olanzapine', 'fluoxetine'] },
  { name: 'Ultracet', countries: US, ingredients: ['tramadol', 'acetaminophen'] },
  { name: 'Tramacet', countries: ['UK', 'CA', 'international'], ingredients: ['tramadol', 'acetaminophen'] },
  { name: 'Stalevo', countries: WIDE, ingredients: ['carbidopa-levodopa', 'entacapone'] },
  // CLINICAL.md §2.2: metformin combinations (generic: metformin) and PPI combinations.
  { name: 'Janumet', countries: WIDE, ingredients: ['metformin', 'sitagliptin'], sourceIds: S41 },
  { name: 'Jentadueto', countries: WIDE, ingredients: ['metformin', 'linagliptin'], sourceIds: S41 },
  { name: 'Kazano', countries: US, ingredients: ['metformin', 'alogliptin'], sourceIds: S41 },
  { name: 'Vipdomet', countries: UK, ingredients: ['metformin', 'alogliptin'], sourceIds: S41 },
  { name: 'Kombiglyze XR', countries: US, ingredients: ['metformin', 'saxagliptin'], sourceIds: S41 },
  { name: 'Komboglyze', countries: UK_INTL, ingredients: ['metformin', 'saxagliptin'], sourceIds: S41 },
  { name: 'Glucovance', countries: US_INTL, ingredients: ['metformin', 'glyburide'], sourceIds: S41 },
  { name: 'Actoplus Met', countries: US, ingredients: ['metformin', 'pioglitazone'], sourceIds: S41 },
  { name: 'Competact', countries: UK_INTL, ingredients: ['metformin', 'pioglitazone'], sourceIds: S41 },
  { name: 'Invokamet', countries: US, ingredients: ['metformin', 'canagliflozin'], sourceIds: S41 },
  { name: 'Xigduo XR', countries: US, ingredients: ['metformin', 'dapagliflozin'], sourceIds: S41, synonyms: ['Xigduo'] },
  { name: 'Synjardy', countries: WIDE, ingredients: ['metformin', 'empagliflozin'], sourceIds: S41 },
  { name: 'Segluromet', countries: WIDE, ingredients: ['metformin', 'ertugliflozin'], sourceIds: S41 },
  { name: 'Trijardy XR', countries: US, ingredients: ['metformin', 'empagliflozin', 'linagliptin'], sourceIds: S41 },
  { name: 'Qternmet XR', countries: US, ingredients: ['metformin', 'dapagliflozin', 'saxagliptin'], sourceIds: S41 },
  { name: 'Vimovo', countries: WIDE, ingredients: ['esomeprazole', 'naproxen'], sourceIds: S41 },
  { name: 'Zegerid', countries: US, ingredients: ['omeprazole', 'sodium bicarbonate'], sourceIds: S41 },
];

// --- Product lines: CLINICAL.md §2 "Name matching" step 7 and §2.1 ------------------------------

const PRODUCT_LINES: readonly ProductLine[] = [
  {
    name: 'Unisom', countries: US, kind: 'flagship', ingredients: ['doxylamine'], options: [],
    note: 'other Unisom products contain diphenhydramine (also H1)', sourceIds: ['S40'],
  },
  {
    name: 'Coricidin HBP', countries: US, kind: 'flagship', ingredients: ['chlorpheniramine'], options: [],
    synonyms: ['Coricidin'],
    note: 'line includes doxylamine and antihistamine-free products', sourceIds: ['S40'],
  },
  {
    name: 'Dramamine Non-Drowsy', countries: US, kind: 'ambiguous', ingredients: [],
    synonyms: ['Dramamine Non-Drowsy Naturals', 'Dramamine Naturals'],
    options: [
      { name: 'Dramamine Non-Drowsy Naturals', generic: 'ginger', flagged: false },
      { name: 'Dramamine Less Drowsy', generic: 'meclizine', flagged: true },
    ],
    note: 'ginger (not flagged) or Less Drowsy (meclizine)?', sourceIds: ['S40'],
  },
];

/** The complete medication dictionary (serialisable). Bump `version` when clinical content changes. */
export const MEDICATION_DICTIONARY: MedicationDictionary = {
  version: '1.1.0',
  drugs: [
    ...FLAGGED, ...NOT_FLAGGED_LISTED, ...NOT_FLAGGED_B12, ...NOT_FLAGGED_COMMON, ...NOT_FLAGGED_PARTNERS,
  ] satisfies readonly DrugEntry[],
  combinations: COMBINATIONS,
  productLines: PRODUCT_LINES,
};

/** The B12-depletion generics of CLINICAL.md §2.2 and their kind (metformin → 'metformin', each PPI → 'ppi'). */
export const B12_RISK_GENERICS: Readonly<Record<string, B12Risk>> = Object.fromEntries(
  MEDICATION_DICTIONARY.drugs.flatMap((d) => (!d.flagged && d.b12Risk ? [[d.generic, d.b12Risk] as const] : [])),
);
