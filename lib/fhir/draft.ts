/**
 * An import as the intake form's values (the clinician reviews and saves as usual) and as the
 * engine's input (the CDS Hooks service). Both go through the same form → input path, so an import
 * and a typed entry of the same values evaluate identically. Unknown stays unknown: a condition not
 * found leaves the field "Unknown", dialysis included.
 */
import type { TEvaluationInput } from '@/lib/rules';
import { ageOn, emptyAssessmentForm, toEvaluationInput, type TAssessmentForm } from '@/lib/schemas/assessment';
import { mapFhirResources, type FhirImport, type MapResult } from './map';
import { parseFhirText } from './parse';

/** Parses and maps an uploaded file. */
export function importFhirText(text: string, opts: { asOf: string; patientId?: string | null }): MapResult {
  const parsed = parseFhirText(text);
  if (!parsed.ok) return parsed;
  return mapFhirResources(parsed.data, opts);
}

export function formFromImport(imp: FhirImport): TAssessmentForm {
  const form = emptyAssessmentForm();
  for (const l of imp.labs) form.labs[l.analyte] = { value: `${l.qualifier ?? ''}${l.value}`, unit: l.unit, collectedOn: l.collectedOn ?? '' };
  const c = imp.context;
  form.dialysis = c.dialysis === 'hemodialysis' || c.dialysis === 'peritoneal' ? c.dialysis : 'unknown';
  form.knownDiabetes = c.knownDiabetes ? 'yes' : 'unknown';
  form.neuropathy = c.neuropathy ?? 'not-examined';
  form.pregnant = c.pregnant ? 'yes' : 'unknown';
  form.activeCancerOrNeurotoxicChemo = c.activeCancerOrNeurotoxicChemo ? 'yes' : 'unknown';
  form.autoimmuneOrInflammatoryDisease = c.autoimmuneOrInflammatoryDisease ? 'yes' : 'unknown';
  form.medicationsText = imp.medications.active.map((m) => m.text).join('\n');
  form.noMedications = false; // an empty list from an EHR is unknown, not "none"
  return form;
}

/** The engine input for an import; age and sex from the EHR's Patient, or null when it lacks them. */
export function inputFromImport(imp: FhirImport, asOf: string): TEvaluationInput | null {
  if (!imp.patient.birthDate || !imp.patient.sex) return null;
  return toEvaluationInput(formFromImport(imp), { ageYears: ageOn(imp.patient.birthDate, asOf), sex: imp.patient.sex }, asOf);
}
