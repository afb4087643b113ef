/** The patient form's schema, shared by the form and the server. */
import { z } from 'zod';

const name = (what: string) => z.string().trim().min(1, `${what} is required`).max(100, `${what} is at most 100 characters`);

export const ZPatientFormSchema = z.object({
  mrn: z.string().trim().min(1, 'MRN is required').max(32, 'MRN is at most 32 characters').regex(/^[A-Za-z0-9-]+$/, 'MRN uses letters, digits and hyphens only'),
  givenName: name('Given name'),
  familyName: name('Family name'),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date of birth is a date written YYYY-MM-DD')
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Not a calendar date')
    .refine((s) => s >= '1900-01-01', 'Date of birth must be after 1900'),
  sex: z.enum(['female', 'male'], { error: 'Choose female or male (used by CKD-EPI and the haemoglobin cut-offs)' }),
});
export type TPatientForm = z.infer<typeof ZPatientFormSchema>;
