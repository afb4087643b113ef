/**
 * Diabetes and hyperglycaemia (docs/CLINICAL.md §1.3). Evidence B. ADA 2025 thresholds are compared
 * in the unit entered, each against its published value in that unit [S8]: 11.1 mmol/L × 18.016 =
 * 199.98 mg/dL would wrongly miss "≥ 200".
 */
import type { Condition, ContributorSpec } from '../types';
import { all, any, anyOf, lab, missing, notPregnantAssumed, pregnant, present } from './dsl';

const fpg126 = { 'mg/dL': 126, 'mmol/L': 7.0 } as const;
const a1c65 = { '%': 6.5, 'mmol/mol': 48 } as const;
const rpg200 = { 'mg/dL': 200, 'mmol/L': 11.1 } as const;

const knownDiabetes: Condition = { patient: 'knownDiabetes', is: true, ifUnknown: { assume: false, because: 'no known diabetes recorded; the labs are assessed' } };
const notKnownDiabetes: Condition = { patient: 'knownDiabetes', is: false, ifUnknown: { assume: true, because: 'no known diabetes recorded' } };
const symptomsYes: Condition = { patient: 'hyperglycemiaSymptoms', is: 'yes' };
const symptomsNotYes: Condition = { patient: 'hyperglycemiaSymptoms', is: 'no', ifUnknown: { assume: true, because: 'classic symptoms not documented' } };
const neuropathyNotExamined: Condition = { not: { patient: 'neuropathy', is: 'examined', ifUnknown: { assume: false, because: 'examination not documented' } } };

export const glycemia: ContributorSpec = {
  id: 'glycemia',
  label: 'Diabetes / hyperglycaemia',
  evidence: 'B',
  notFlaggedMessage: 'no value in the ADA diabetes range and no known diabetes',
  notAssessedMessage: 'fasting glucose or HbA1c needed',
  whenNotAssessed: [{ id: 'glucose-confirmation', reason: 'G1: glucose status unknown: fasting plasma glucose or HbA1c (ADA) is suggested' }],
  rules: [
    {
      id: 'D-1', contributor: 'glycemia', role: 'flag', title: 'Value in the ADA diabetes range, or known diabetes',
      when: any(
        knownDiabetes,
        all(notPregnantAssumed, anyOf(lab('glucose-fasting', '>=', fpg126), lab('hba1c', '>=', a1c65))),
        // A random glucose counts only towards flagging (ADA): not given, this arm is simply not met.
        all(present('glucose-random'), notPregnantAssumed, lab('glucose-random', '>=', rpg200), symptomsYes),
      ),
      message: 'value in the ADA diabetes range (or known diabetes): associated with RLS, and with neuropathy, which also mimics RLS',
      workup: [
        { id: 'glucose-confirmation', reason: 'D-1: confirmation per ADA (a second abnormal result, same or separate sample) is suggested unless already diagnosed', onlyIf: notKnownDiabetes },
        { id: 'neuropathy-exam', reason: 'D-1: a neuropathy examination (10-g monofilament plus vibration, pinprick or temperature, ankle reflexes) is suggested', onlyIf: neuropathyNotExamined },
      ],
      sourceIds: ['S8', 'S14', 'S7'], evidence: 'B', verification: 'V',
      rationale: 'ADA 2025: FPG ≥ 126 mg/dL (7.0 mmol/L), HbA1c ≥ 6.5% (48 mmol/mol), random PG ≥ 200 mg/dL (11.1 mmol/L) only with classic symptoms. Never "patient has diabetes".',
    },
    {
      id: 'D-3', contributor: 'glycemia', role: 'indeterminate', title: 'Random glucose ≥ 200 without symptoms',
      when: all(notPregnantAssumed, lab('glucose-random', '>=', rpg200), symptomsNotYes, missing('glucose-fasting'), missing('hba1c')),
      message: 'random glucose ≥ 200 mg/dL (11.1 mmol/L) without documented classic symptoms: cannot decide; fasting glucose or HbA1c is suggested',
      workup: [{ id: 'glucose-confirmation', reason: 'D-3: random glucose ≥ 200 without symptoms: fasting plasma glucose or HbA1c is suggested' }],
      sourceIds: ['S8'], evidence: 'B', verification: 'V',
      rationale: 'ADA: a random value counts only with classic symptoms or crisis; otherwise confirm.',
    },
    {
      id: 'D-4', contributor: 'glycemia', role: 'indeterminate', title: 'Pregnancy: non-pregnant criteria not applied',
      when: all(pregnant, notKnownDiabetes),
      message: 'pregnant: the non-pregnant ADA criteria are not applied; gestational criteria differ (obstetric evaluation is suggested)',
      workup: [{ id: 'obstetric-comanagement', reason: 'D-4: glucose in pregnancy follows gestational criteria (obstetric evaluation is suggested)' }],
      sourceIds: ['S8'], evidence: 'B', verification: 'NV',
      rationale: 'Gestational diabetes criteria differ from the non-pregnant ones [NV].',
    },
    {
      id: 'D-2', contributor: 'glycemia', role: 'modifier', title: 'Prediabetes range',
      when: all(notPregnantAssumed, any(
        all(lab('glucose-fasting', '>=', { 'mg/dL': 100, 'mmol/L': 5.6 }), lab('glucose-fasting', '<', fpg126)),
        all(lab('hba1c', '>=', { '%': 5.7, 'mmol/mol': 39 }), lab('hba1c', '<', a1c65)),
      )),
      message: 'value in the ADA prediabetes range (not flagged)',
      sourceIds: ['S8'], evidence: 'B', verification: 'V',
      rationale: 'ADA 2025: FPG 100–125 mg/dL (5.6–6.9 mmol/L), HbA1c 5.7–6.4% (39–47 mmol/mol).',
    },
  ],
  caveats: [
    {
      id: 'hba1c-reliability',
      text: 'HbA1c is unreliable with iron-deficiency anaemia, haemoglobinopathies, CKD or dialysis, recent transfusion, ESA or IV iron, haemolysis and pregnancy: glucose is preferred.',
      when: all({ not: { missing: 'hba1c' } }, any(
        { patient: 'dialysis', onDialysis: true }, pregnant,
        lab('egfr', '<', { 'mL/min/1.73m2': 60 }), lab('ferritin', '<=', { 'ng/mL': 75, 'µg/L': 75 }), lab('tsat', '<', { '%': 20 }),
        { medication: ['epoetin alfa', 'darbepoetin alfa'] },
      )),
      sourceIds: ['S8'],
    },
  ],
};
