/** Admin forms: API tokens and the audit report filter. */
import { z } from 'zod';

export const ZApiTokenFormSchema = z.object({
  name: z.string().trim().min(3, 'Name the token (at least 3 characters)').max(80, 'At most 80 characters').regex(/^[\w .,()-]+$/, 'Letters, digits, spaces and . , ( ) - only'),
});

export const ZAuditFilterSchema = z.object({
  from: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')]).default(''),
  to: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')]).default(''),
  userId: z.string().max(64).default(''),
  patientId: z.string().max(64).default(''),
});
export type TAuditFilter = z.infer<typeof ZAuditFilterSchema>;
