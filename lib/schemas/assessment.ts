/**
 * The intake form's schema, shared by the form (zodResolver) and the server action. Strings in,
 * because that is what inputs hold; `toEvaluationInput` turns a valid form into the engine's input.
 * Saving is stricter than evaluating: a value the engine would reject blocks the save with a
 * field-level message, so nothing partial is stored.
 */
import { z } from 'zod';
import { ANALYTES, ANALYTE_IDS, judgeLab, unitsOf, type AnalyteId, type TEvaluationInput, type TLabInput, type Unit } from '@/lib/rules';
import { MAX_MEDICATION_LINES, MAX_MEDICATION_LINE_LENGTH } from '@/lib/rules/input';

/** A result as typed: a number, optionally censored with a leading < or > ("<5", ">90"). */
const RESULT = /^([<>])?\s*([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)$/;

/** The qualifier and number of a typed result, or null when it is not one. */
export function parseResult(raw: string): { qualifier: '<' | '>' | null; value: number } | null {
  const m = RESULT.exec(raw.trim());
  if (!m) return null;
  const value = Number(m[2]);
  return Number.isFinite(value) ? { qualifier: (m[1] as '<' | '>' | undefined) ?? null, value } : null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDate = (s: string) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const dateField = z.union([z.literal(''), z.string().trim().refine(isCalendarDate, 'Use a date written YYYY-MM-DD')]);

const ZLabFieldSchema = z.object({
  /** The result as typed, "<5" and ">90" included. */
  value: z.string().max(32, 'At most 32 characters'),
  unit: z.string().max(32),
  collectedOn: dateField,
});
export type TLabField = z.infer<typeof ZLabFieldSchema>;

const triState = z.enum(['unknown', 'yes', 'no']);

export const ZAssessmentFormSchema = z
  .object({
    labs: z.object(Object.fromEntries(ANALYTE_IDS.map((a) => [a, ZLabFieldSchema])) as Record<AnalyteId, typeof ZLabFieldSchema>),
    /** The assessment date; blank means today. Set when results of an earlier visit are entered. */
    assessedOn: dateField,
    /** Collection date of every lab whose own date is blank (results are usually drawn together). */
    collectedOn: dateField,
    pregnant: triState,
    pregnancyWeeks: z.string().max(3),
    dialysis: z.enum(['unknown', 'none', 'hemodialysis', 'peritoneal']),
    knownDiabetes: triState,
    hyperglycemiaSymptoms: triState,
    neuropathy: z.enum(['not-examined', 'present', 'absent']),
    activeCancerOrNeurotoxicChemo: triState,
    autoimmuneOrInflammatoryDisease: triState,
    medicationsText: z.string().max(MAX_MEDICATION_LINES * (MAX_MEDICATION_LINE_LENGTH + 1), 'The medication list is too long'),
    noMedications: z.boolean(),
  })
  .superRefine((form, ctx) => {
    for (const analyte of ANALYTE_IDS) {
      const field = form.labs[analyte];
      const label = ANALYTES[analyte].label;
      const raw = field.value.trim();
      if (raw === '') continue;
      const result = parseResult(raw);
      if (!result) {
        ctx.addIssue({ code: 'custom', path: ['labs', analyte, 'value'], message: `${label} must be a number, e.g. 45, 4.5 or <5` });
        continue;
      }
      const units = unitsOf(analyte);
      if (!units.includes(field.unit as Unit)) {
        ctx.addIssue({ code: 'custom', path: ['labs', analyte, 'unit'], message: `${label}: choose a unit (${units.join(', ')})` });
        continue;
      }
      const judged = judgeLab(toLab(analyte, field, result, ''), null);
      if (judged.status === 'rejected') ctx.addIssue({ code: 'custom', path: ['labs', analyte, 'value'], message: judged.message ?? `${label} is outside the accepted range` });
    }
    const weeks = form.pregnancyWeeks.trim();
    if (weeks !== '') {
      if (form.pregnant !== 'yes') ctx.addIssue({ code: 'custom', path: ['pregnancyWeeks'], message: 'Weeks of pregnancy are given but pregnancy is not "yes"' });
      else if (!/^\d{1,2}$/.test(weeks) || Number(weeks) > 45) ctx.addIssue({ code: 'custom', path: ['pregnancyWeeks'], message: 'Weeks of pregnancy must be a whole number from 0 to 45' });
    }
    const lines = medicationLines(form.medicationsText);
    if (form.noMedications && lines.length > 0) ctx.addIssue({ code: 'custom', path: ['noMedications'], message: '"No medications" is ticked but medications are listed' });
    if (lines.length > MAX_MEDICATION_LINES) ctx.addIssue({ code: 'custom', path: ['medicationsText'], message: `At most ${MAX_MEDICATION_LINES} medication lines` });
    const long = lines.findIndex((l) => l.length > MAX_MEDICATION_LINE_LENGTH);
    if (long >= 0) ctx.addIssue({ code: 'custom', path: ['medicationsText'], message: `Line ${long + 1} is longer than ${MAX_MEDICATION_LINE_LENGTH} characters` });
  });

export type TAssessmentForm = z.infer<typeof ZAssessmentFormSchema>;

/**
 * The form schema with the checks that need today's date (the server's, passed in: schemas read no
 * clock): no assessment date and no collection date in the future, no collection after the
 * assessment date.
 */
export function assessmentFormSchema(today: string) {
  // One schema per day, not per save: zod compiles a schema's fast path on its first parse.
  if (formSchemaOf?.today !== today) formSchemaOf = { today, schema: formSchemaFor(today) };
  return formSchemaOf.schema;
}

let formSchemaOf: { today: string; schema: ReturnType<typeof formSchemaFor> } | null = null;

function formSchemaFor(today: string) {
  return ZAssessmentFormSchema.superRefine((form, ctx) => {
    const assessedOn = form.assessedOn.trim();
    if (assessedOn > today) ctx.addIssue({ code: 'custom', path: ['assessedOn'], message: `The assessment date ${assessedOn} is in the future (today is ${today})` });
    const until = assessedOn !== '' && assessedOn <= today ? assessedOn : today;
    const check = (date: string, path: (string | number)[], what: string) => {
      const d = date.trim();
      if (d === '' || !isCalendarDate(d)) return;
      if (d > today) ctx.addIssue({ code: 'custom', path, message: `${what} ${d} is in the future (today is ${today})` });
      else if (d > until) ctx.addIssue({ code: 'custom', path, message: `${what} ${d} is after the assessment date ${until}` });
    };
    check(form.collectedOn, ['collectedOn'], 'Collection date');
    for (const analyte of ANALYTE_IDS) check(form.labs[analyte].collectedOn, ['labs', analyte, 'collectedOn'], `${ANALYTES[analyte].label}: collection date`);
  });
}

/** The assessment date a form gives: its own, else today. */
export function assessmentDateOf(form: Pick<TAssessmentForm, 'assessedOn'>, today: string): string {
  return form.assessedOn.trim() || today;
}

/** How many labs have a value typed (parsable or not). */
export function enteredLabCount(form: Pick<TAssessmentForm, 'labs'>): number {
  return ANALYTE_IDS.filter((a) => form.labs[a].value.trim() !== '').length;
}

/** One medication per non-empty line, as pasted from an EHR. */
export function medicationLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

function toLab(analyte: AnalyteId, field: TLabField, result: { qualifier: '<' | '>' | null; value: number }, defaultDate: string): TLabInput {
  const collectedOn = field.collectedOn.trim() || defaultDate;
  return {
    analyte, value: result.value, unit: field.unit,
    ...(result.qualifier ? { qualifier: result.qualifier } : {}),
    ...(collectedOn ? { collectedOn } : {}),
  };
}

const tri = (v: 'unknown' | 'yes' | 'no'): boolean | null => (v === 'unknown' ? null : v === 'yes');

/** The patient facts the form does not ask for: they come from the patient record. */
export interface PatientFacts {
  ageYears: number;
  sex: 'female' | 'male';
}

/**
 * The engine input for a form. Labs whose value is blank are left out (missing, never normal).
 * Values that do not parse are left out too: on a valid form there are none.
 */
export function toEvaluationInput(form: TAssessmentForm, patient: PatientFacts, asOf: string): TEvaluationInput {
  const labs: TLabInput[] = [];
  for (const analyte of ANALYTE_IDS) {
    const field = form.labs[analyte];
    const result = parseResult(field.value);
    if (!result) continue;
    labs.push(toLab(analyte, field, result, form.collectedOn.trim()));
  }
  const weeks = form.pregnancyWeeks.trim();
  return {
    asOf,
    patient: {
      ageYears: patient.ageYears,
      sex: patient.sex,
      pregnant: patient.sex === 'male' ? false : tri(form.pregnant),
      pregnancyWeeks: form.pregnant === 'yes' && /^\d{1,2}$/.test(weeks) ? Number(weeks) : null,
      dialysis: form.dialysis === 'unknown' ? null : form.dialysis,
      knownDiabetes: tri(form.knownDiabetes),
      hyperglycemiaSymptoms: form.hyperglycemiaSymptoms,
      neuropathy: form.neuropathy,
      activeCancerOrNeurotoxicChemo: tri(form.activeCancerOrNeurotoxicChemo),
      autoimmuneOrInflammatoryDisease: tri(form.autoimmuneOrInflammatoryDisease),
    },
    labs,
    medications: { noneTaken: form.noMedications, entries: medicationLines(form.medicationsText) },
  };
}

/** An empty form: every lab blank in its conventional (canonical) unit, history unknown. */
export function emptyAssessmentForm(): TAssessmentForm {
  return {
    labs: Object.fromEntries(ANALYTE_IDS.map((a) => [a, { value: '', unit: ANALYTES[a].canonicalUnit, collectedOn: '' }])) as TAssessmentForm['labs'],
    assessedOn: '',
    collectedOn: '',
    pregnant: 'unknown', pregnancyWeeks: '', dialysis: 'none', knownDiabetes: 'unknown', hyperglycemiaSymptoms: 'unknown',
    neuropathy: 'not-examined', activeCancerOrNeurotoxicChemo: 'unknown', autoimmuneOrInflammatoryDisease: 'unknown',
    medicationsText: '', noMedications: false,
  };
}

/** Whole years between a birth date and a date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const triOf = (v: boolean | null | undefined): 'unknown' | 'yes' | 'no' => (v == null ? 'unknown' : v ? 'yes' : 'no');

/** The form that reproduces a saved input, for a correction (the inverse of `toEvaluationInput`). */
export function formFromInput(input: TEvaluationInput): TAssessmentForm {
  const form = emptyAssessmentForm();
  for (const l of input.labs) {
    form.labs[l.analyte] = { value: `${l.qualifier ?? ''}${l.value}`, unit: l.unit, collectedOn: l.collectedOn ?? '' };
  }
  form.assessedOn = input.asOf ?? '';
  const p = input.patient;
  form.pregnant = triOf(p.pregnant);
  form.pregnancyWeeks = p.pregnancyWeeks != null ? String(p.pregnancyWeeks) : '';
  form.dialysis = p.dialysis ?? 'unknown';
  form.knownDiabetes = triOf(p.knownDiabetes);
  form.hyperglycemiaSymptoms = p.hyperglycemiaSymptoms ?? 'unknown';
  form.neuropathy = p.neuropathy ?? 'not-examined';
  form.activeCancerOrNeurotoxicChemo = triOf(p.activeCancerOrNeurotoxicChemo);
  form.autoimmuneOrInflammatoryDisease = triOf(p.autoimmuneOrInflammatoryDisease);
  form.medicationsText = input.medications.entries.join('\n');
  form.noMedications = input.medications.noneTaken;
  return form;
}
