/**
 * Iron deficiency (docs/CLINICAL.md §1.1, and K-4/K-5 of §1.2 on dialysis). Evidence A.
 * Thresholds are the AASM 2024 consensus values in ng/mL (µg/L identical) [S1].
 */
import type { ContributorSpec } from '../types';
import { all, any, lab, missing, notOnDialysis, onDialysis, pregnant, present } from './dsl';

const ferritin = { 'ng/mL': 75, 'µg/L': 75 } as const;
const ferritin100 = { 'ng/mL': 100, 'µg/L': 100 } as const;
const tsat20 = { '%': 20 } as const;

export const ironDeficiency: ContributorSpec = {
  id: 'iron-deficiency',
  label: 'Iron deficiency',
  evidence: 'A',
  notFlaggedMessage: 'iron indices above the AASM 2024 supplementation thresholds',
  notAssessedMessage: 'ferritin and TSAT are both needed (AASM: test ferritin and TSAT in all patients with clinically significant RLS)',
  whenNotAssessed: [{ id: 'iron-panel', reason: 'Ferritin with TSAT is needed to assess iron status (G1, I-6)' }],
  rules: [
    {
      id: 'I-1', contributor: 'iron-deficiency', role: 'flag', title: 'AASM iron-supplementation threshold',
      when: all(notOnDialysis, any(lab('ferritin', '<=', ferritin), lab('tsat', '<', tsat20))),
      message: 'meets the AASM 2024 iron-supplementation threshold: oral or IV iron are options',
      ironTherapy: 'oral-or-iv',
      workup: [
        { id: 'iron-therapy-discussion', reason: 'I-1 met: discuss oral or IV iron (AASM 2024 GPS 1)' },
        { id: 'cbc', reason: 'Iron threshold met: complete blood count with MCV (reticulocytes if anaemic)' },
        { id: 'iron-loss-evaluation', reason: 'Iron threshold met: look for the cause (menstrual or GI loss, diet, malabsorption, blood donation)' },
      ],
      sourceIds: ['S1', 'S2', 'S5'], evidence: 'A', verification: 'V',
      rationale: 'AASM 2024 GPS 1: supplement with oral or IV iron if ferritin ≤75 ng/mL or TSAT <20%. 75.0 is inside (inclusive); TSAT 20.0 is not <20. Consensus thresholds, not empirically tested.',
    },
    {
      id: 'I-2', contributor: 'iron-deficiency', role: 'flag', title: 'AASM IV-only band',
      when: all(notOnDialysis, lab('ferritin', '>', ferritin), lab('ferritin', '<=', ferritin100), lab('tsat', '>=', tsat20)),
      message: 'in the AASM 2024 IV-only band: IV iron only, oral not suggested (counting 100 ng/mL inside the band is our reading of "between 75 and 100")',
      ironTherapy: 'iv-only',
      workup: [
        { id: 'iron-therapy-discussion', reason: 'I-2 met: discuss IV iron (AASM: IV only when ferritin is 75–100 ng/mL)' },
        { id: 'cbc', reason: 'Iron band met: complete blood count with MCV' },
      ],
      sourceIds: ['S1'], evidence: 'A', verification: 'V',
      rationale: 'AASM 2024 GPS 1: IV iron only if ferritin is between 75 and 100 ng/mL. 100 counts as inside the band (our reading, marked in the message); 100.1 is outside.',
    },
    {
      id: 'K-4', contributor: 'iron-deficiency', role: 'flag', title: 'ESRD iron criterion (dialysis)',
      when: all(onDialysis, lab('ferritin', '<', { 'ng/mL': 200, 'µg/L': 200 }), lab('tsat', '<', tsat20)),
      message: 'meets the AASM ESRD criterion (ferritin < 200 ng/mL and TSAT < 20% on dialysis): IV iron sucrose is the option discussed (conditional, moderate certainty)',
      ironTherapy: 'iv-iron-sucrose',
      workup: [
        { id: 'iron-therapy-discussion', reason: 'K-4 met: discuss IV iron sucrose with nephrology (AASM, ESRD)' },
        { id: 'nephrology', reason: 'On dialysis: iron therapy is a nephrology decision' },
      ],
      sourceIds: ['S1', 'S27'], evidence: 'A', verification: 'V2',
      rationale: 'AASM 2024 ESRD recommendation; RCT of IV iron sucrose in haemodialysis RLS [S27]. Replaces I-1/I-2 on dialysis: a design choice of CLINICAL.md that needs clinical sign-off.',
    },
    {
      id: 'I-4', contributor: 'iron-deficiency', role: 'modifier', title: 'High ferritin with low TSAT',
      when: all(notOnDialysis, lab('ferritin', '>', ferritin100), lab('tsat', '<', tsat20)),
      message: 'ferritin above 100 with TSAT below 20% suggests functional iron deficiency or anaemia of inflammation; the route of iron is the clinician\'s call',
      workup: [{ id: 'crp', reason: 'I-4: ferritin > 100 with TSAT < 20%: CRP to interpret ferritin', onlyIf: missing('crp') }],
      sourceIds: ['S1', 'S22'], evidence: 'A', verification: 'V2',
      rationale: 'Flags through the TSAT arm of I-1, with an inflammation caveat (ferritin is an acute-phase reactant).',
    },
    {
      id: 'I-5', contributor: 'iron-deficiency', role: 'modifier', title: 'TSAT at or above 45%',
      when: lab('tsat', '>=', { '%': 45 }),
      message: 'TSAT ≥ 45%: iron is not advised by the IRLSSG/Mayo algorithms; consider evaluation for iron overload (e.g. haemochromatosis)',
      ironTherapy: 'suppressed',
      workup: [{ id: 'iron-overload-evaluation', reason: 'I-5: TSAT ≥ 45%: evaluate for iron overload before any iron' }],
      sourceIds: ['S2', 'S4'], evidence: 'A', verification: 'NV',
      rationale: 'IRLSSG 2018 and Mayo 2021 use TSAT < 45% as the ceiling for giving iron; the overload work-up is [NV].',
    },
    {
      id: 'I-3', contributor: 'iron-deficiency', role: 'modifier', title: 'Ferritin above 100 with TSAT ≥ 20%',
      when: all(notOnDialysis, lab('ferritin', '>', ferritin100), lab('tsat', '>=', tsat20)),
      message: 'ferritin above 100 ng/mL with TSAT ≥ 20%: not flagged. Information only: the IRLSSG IV ferric carboxymaltose trials enrolled ferritin < 300 µg/L',
      sourceIds: ['S1', 'S2'], evidence: 'A', verification: 'V',
      rationale: 'Outside both AASM bands. The < 300 µg/L trial range is information, not a threshold.',
    },
    {
      id: 'I-6', contributor: 'iron-deficiency', role: 'modifier', title: 'Only one of ferritin / TSAT',
      when: any(all(present('ferritin'), missing('tsat')), all(present('tsat'), missing('ferritin'))),
      message: 'only one of ferritin and TSAT is available: what is present was evaluated; order the missing part',
      workup: [{ id: 'iron-panel', reason: 'I-6: complete the panel (ferritin, or serum iron + TIBC for TSAT)' }],
      sourceIds: ['S1'], evidence: 'A', verification: 'V',
      rationale: 'AASM GPS 1 asks for both ferritin and TSAT.',
    },
    {
      id: 'K-5', contributor: 'iron-deficiency', role: 'modifier', title: 'Dialysis: KDIGO anaemia iron-trial criteria',
      when: all(onDialysis, any(lab('ferritin', '>=', { 'ng/mL': 200, 'µg/L': 200 }), lab('tsat', '>=', tsat20)), lab('tsat', '<=', { '%': 30 }), lab('ferritin', '<=', { 'ng/mL': 500, 'µg/L': 500 })),
      message: 'K-4 not met, but TSAT ≤ 30% and ferritin ≤ 500 ng/mL: KDIGO 2012 anaemia criteria for an iron trial may apply; nephrology decision',
      workup: [{ id: 'nephrology', reason: 'K-5: KDIGO iron-trial criteria may apply: nephrology decision' }],
      sourceIds: ['S11'], evidence: 'A', verification: 'V',
      rationale: 'Iron is not flagged for RLS here; the KDIGO anaemia criteria are shown as information.',
    },
    {
      id: 'O-2', contributor: 'iron-deficiency', role: 'modifier', title: 'CRP above 5 mg/L',
      when: lab('crp', '>', { 'mg/L': 5 }),
      message: 'CRP > 5 mg/L: inflammation; ferritin may be falsely reassuring (WHO 2020 raises the deficiency cut-off from 15 to 70 µg/L with inflammation)',
      sourceIds: ['S22'], evidence: 'C', verification: 'V2',
      rationale: 'WHO 2020 uses CRP > 5 mg/L to define inflammation for ferritin interpretation (general population, not RLS-specific).',
    },
  ],
  caveats: [
    { id: 'ferritin-assay', text: 'Ferritin assays differ: Beckman 50/75/100/300 ng/mL ≈ Roche 83/121/158/457 ng/mL. Values are never adjusted automatically.', sourceIds: ['S21'] },
    { id: 'draw-conditions', text: 'Iron studies should be drawn in the morning, at least 24 h without iron-containing supplements or foods. IV iron raises ferritin for weeks: recheck 6–12 weeks after treatment.', sourceIds: ['S1', 'S2'] },
    { id: 'inflammation', text: 'Ferritin is an acute-phase reactant: raised by inflammation, infection, liver disease, malignancy, CKD, obesity and alcohol.', when: any(lab('crp', '>', { 'mg/L': 5 }), all(lab('ferritin', '>', ferritin100), lab('tsat', '<', tsat20)), { patient: 'activeCancerOrNeurotoxicChemo', is: true }, { patient: 'autoimmuneOrInflammatoryDisease', is: true }), sourceIds: ['S22'] },
    { id: 'ckd-ferritin', text: 'CKD and dialysis inflate ferritin: the RLS ferritin thresholds are less reliable.', when: any(onDialysis, lab('egfr', '<', { 'mL/min/1.73m2': 60 })), sourceIds: ['S1', 'S11'] },
    { id: 'pregnancy-ferritin', text: 'Ferritin falls physiologically in pregnancy; IRLSSG suggests oral iron if ferritin < 75 µg/L, IV after the first trimester if very low.', when: pregnant, sourceIds: ['S19'] },
  ],
};

export const anemia: ContributorSpec = {
  id: 'anemia',
  label: 'Anaemia',
  evidence: 'A',
  notFlaggedMessage: 'haemoglobin at or above the WHO cut-off; a normal haemoglobin does not exclude iron deficiency',
  notAssessedMessage: 'haemoglobin not given (or pregnancy status/trimester needed for the cut-off)',
  whenNotAssessed: [{ id: 'cbc', reason: 'Haemoglobin missing: complete blood count with MCV' }],
  rules: [
    {
      id: 'A-1', contributor: 'anemia', role: 'flag', title: 'Haemoglobin below the WHO cut-off',
      when: any(
        all({ patient: 'sex', is: 'male' }, lab('hemoglobin', '<', { 'g/dL': 13, 'g/L': 130 })),
        all({ patient: 'sex', is: 'female' }, { patient: 'pregnant', is: false }, lab('hemoglobin', '<', { 'g/dL': 12, 'g/L': 120 })),
        all(pregnant, { patient: 'trimester', in: [1, 3] }, lab('hemoglobin', '<', { 'g/dL': 11, 'g/L': 110 })),
        all(pregnant, { patient: 'trimester', in: [2] }, lab('hemoglobin', '<', { 'g/dL': 10.5, 'g/L': 105 })),
        // Below the lowest cut-off for women decides whatever the pregnancy status or trimester.
        all({ patient: 'sex', is: 'female' }, lab('hemoglobin', '<', { 'g/dL': 10.5, 'g/L': 105 })),
      ),
      message: 'haemoglobin below the WHO cut-off (a finding under iron deficiency)',
      workup: [
        { id: 'cbc', reason: 'A-1: haemoglobin below the WHO cut-off: CBC with MCV and reticulocytes' },
        { id: 'iron-panel', reason: 'A-1: anaemia: iron panel to look for iron deficiency' },
      ],
      sourceIds: ['S22'], evidence: 'A', verification: 'V2',
      rationale: 'WHO 2024: non-pregnant women < 12.0 g/dL, men < 13.0, pregnancy trimesters 1 and 3 < 11.0, trimester 2 < 10.5.',
    },
  ],
};
