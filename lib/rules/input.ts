/**
 * The evaluation input (contract: shared/contract/EVALUATION.md). The zod schema checks shape and
 * types; whether a lab value is plausible, and whether its unit fits, is judged per lab in labs.ts so
 * that one bad value is reported as `rejected` instead of failing the whole evaluation.
 */
import { z } from 'zod';
import { ANALYTE_IDS } from './analytes';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Not a calendar date');

const finite = (what: string) =>
  z.number({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a number`) }).refine(Number.isFinite, `${what} must be a finite number`);

export const ZLabInputSchema = z.strictObject({
  analyte: z.enum(ANALYTE_IDS, { error: (issue) => `Unknown analyte ${JSON.stringify(issue.input)}; expected one of ${ANALYTE_IDS.join(', ')}` }),
  value: finite('The value'),
  unit: z.string({ error: 'The unit is required' }).min(1, 'The unit is required').max(32, 'The unit is at most 32 characters'),
  qualifier: z.enum(['<', '>']).nullish(),
  collectedOn: isoDate.nullish(),
  referenceRange: z
    .strictObject({ low: finite('The reference low').nullish(), high: finite('The reference high').nullish() })
    .refine((r) => r.low == null || r.high == null || r.low < r.high, 'The reference low must be below the high')
    .nullish(),
});
export type TLabInput = z.infer<typeof ZLabInputSchema>;

export const ZPatientInputSchema = z.strictObject({
  ageYears: z
    .number({ error: 'Age in years is required' })
    .int('Age is a whole number of years')
    .min(0, 'Age must be 0 to 120 years')
    .max(120, 'Age must be 0 to 120 years'),
  sex: z.enum(['female', 'male'], { error: 'Sex must be "female" or "male" (used by CKD-EPI and the haemoglobin cut-offs)' }),
  pregnant: z.boolean().nullish(),
  // Weeks outside 0–44 are not an input error: §1.7 rejects the value and reads the weeks as unknown (stated in a notice).
  pregnancyWeeks: z.number().int('Weeks of pregnancy are a whole number').nullish(),
  dialysis: z.enum(['none', 'hemodialysis', 'peritoneal']).nullish(),
  knownDiabetes: z.boolean().nullish(),
  hyperglycemiaSymptoms: z.enum(['yes', 'no', 'unknown']).nullish(),
  neuropathy: z.enum(['present', 'absent', 'not-examined']).nullish(),
  activeCancerOrNeurotoxicChemo: z.boolean().nullish(),
  autoimmuneOrInflammatoryDisease: z.boolean().nullish(),
});
export type TPatientInput = z.infer<typeof ZPatientInputSchema>;

export const MAX_MEDICATION_LINES = 100;
export const MAX_MEDICATION_LINE_LENGTH = 200;

export const ZMedicationsInputSchema = z.strictObject({
  noneTaken: z.boolean().default(false),
  entries: z
    .array(z.string().max(MAX_MEDICATION_LINE_LENGTH, `A medication line is at most ${MAX_MEDICATION_LINE_LENGTH} characters`))
    .max(MAX_MEDICATION_LINES, `At most ${MAX_MEDICATION_LINES} medication lines`)
    .default([]),
});

export const ZEvaluationInputSchema = z
  .strictObject({
    asOf: isoDate.nullish(),
    patient: ZPatientInputSchema,
    labs: z.array(ZLabInputSchema).max(50, 'At most 50 lab results').default([]),
    medications: ZMedicationsInputSchema.default({ noneTaken: false, entries: [] }),
  })
  .superRefine((input, ctx) => {
    const { patient } = input;
    if (patient.pregnant === true && patient.sex === 'male') {
      ctx.addIssue({ code: 'custom', path: ['patient', 'pregnant'], message: 'Pregnant is true but sex is male' });
    }
    // G6: several results of one analyte are allowed (the most recent current one is used, the rest are
    // history), but two on the same date cannot be told apart. Undated results count as of the assessment date.
    const seen = new Map<string, number>();
    input.labs.forEach((lab, i) => {
      const key = `${lab.analyte}|${lab.collectedOn ?? input.asOf ?? ''}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['labs', i, 'analyte'], message: `${lab.analyte} is given twice for the same date (labs[${first}] and labs[${i}]); enter one result per analyte and date` });
      } else seen.set(key, i);
    });
    if (input.medications.noneTaken && input.medications.entries.some((e) => e.trim() !== '')) {
      ctx.addIssue({ code: 'custom', path: ['medications', 'noneTaken'], message: '"No medications" is ticked but medication lines are listed' });
    }
  });

/** The input as the caller sends it (before defaults). */
export type TEvaluationInputRaw = z.input<typeof ZEvaluationInputSchema>;
/** The input after validation and defaults. */
export type TEvaluationInput = z.output<typeof ZEvaluationInputSchema>;

export interface InputIssue {
  path: string;
  message: string;
}

/** Dotted path as the contract prints it: `labs.0.value`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Validates raw JSON against the input schema. Never throws. */
export function parseEvaluationInput(raw: unknown): { ok: true; data: TEvaluationInput } | { ok: false; issues: InputIssue[] } {
  const parsed = ZEvaluationInputSchema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message })) };
}
