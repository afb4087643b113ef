/** Builders for evaluation inputs used across unit, integration and component tests. */
import { emptyAssessmentForm, type TAssessmentForm } from '@/lib/schemas/assessment';
import type { TEvaluationInput, TLabInput } from '@/lib/rules';

type Patient = TEvaluationInput['patient'];

/** A complete, unremarkable adult input; override what a test is about. */
export function makeInput(overrides: { patient?: Partial<Patient>; labs?: TLabInput[]; medications?: TEvaluationInput['medications']; asOf?: string } = {}): TEvaluationInput {
  return {
    asOf: overrides.asOf ?? '2026-11-23',
    patient: { ageYears: 45, sex: 'female', pregnant: false, dialysis: 'none', ...overrides.patient },
    labs: overrides.labs ?? [],
    medications: overrides.medications ?? { noneTaken: true, entries: [] },
  };
}

export const lab = (analyte: TLabInput['analyte'], value: number, unit: string, extra: Partial<TLabInput> = {}): TLabInput => ({ analyte, value, unit, ...extra });

/** A normal panel: iron, glucose, kidney and thyroid all present and unremarkable. */
export const normalLabs = (): TLabInput[] => [
  lab('ferritin', 180, 'ng/mL'), lab('tsat', 32, '%'), lab('hemoglobin', 13.5, 'g/dL'), lab('glucose-fasting', 88, 'mg/dL'),
  lab('egfr', 90, 'mL/min/1.73m2'), lab('tsh', 1.8, 'mIU/L'),
];

/** Replaces (or adds) one analyte in a lab list. */
export function withLab(labs: TLabInput[], replacement: TLabInput): TLabInput[] {
  return [...labs.filter((l) => l.analyte !== replacement.analyte), replacement];
}

export function withoutLab(labs: TLabInput[], analyte: TLabInput['analyte']): TLabInput[] {
  return labs.filter((l) => l.analyte !== analyte);
}

/** An intake form with every lab blank, changed by `edit` (the form the clinician submits). */
export function assessmentForm(edit: (f: TAssessmentForm) => void = () => undefined): TAssessmentForm {
  const f = emptyAssessmentForm();
  edit(f);
  return f;
}
