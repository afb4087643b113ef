/**
 * The contract's output shape (shared/contract/EVALUATION.md), checked on every API response so
 * that a change that renames or drops a fixed field fails loudly instead of reaching a client.
 */
import { z } from 'zod';
import { ANALYTE_IDS } from './analytes';
import { CONTRIBUTOR_IDS, IRON_THERAPY_BANDS, WORKUP_IDS } from './types';

const source = z.object({ id: z.string(), citation: z.string(), url: z.string(), year: z.number() });

export const ZEvaluationOutputSchema = z.object({
  rulesVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  asOf: z.string().nullable(),
  contributors: z
    .array(z.object({
      id: z.enum(CONTRIBUTOR_IDS),
      status: z.enum(['flagged', 'not-flagged', 'not-assessed', 'indeterminate']),
      ironTherapy: z.enum(IRON_THERAPY_BANDS).optional(),
      stale: z.literal(true).optional(),
      ruleIds: z.array(z.string()),
      summary: z.string().min(1),
      basis: z.array(z.object({ analyte: z.enum(ANALYTE_IDS), entered: z.string().nullable(), canonical: z.string().nullable(), threshold: z.string(), outcome: z.enum(['met', 'not-met', 'unknown']), stale: z.string().optional() })),
      sources: z.array(source),
      evidence: z.enum(['A', 'B', 'C', 'D']),
    }))
    .length(CONTRIBUTOR_IDS.length),
  inputs: z.array(z.object({ analyte: z.enum(ANALYTE_IDS), status: z.enum(['accepted', 'verify', 'rejected']), message: z.string().nullable(), stale: z.boolean().optional() })),
  derived: z.object({
    egfr: z.object({ value: z.number(), equation: z.string().optional() }).optional(),
    tsat: z.object({ value: z.number(), computed: z.boolean() }).optional(),
  }),
  medications: z.array(z.object({
    input: z.string(),
    status: z.enum(['flagged', 'not-flagged', 'unrecognized', 'ambiguous']),
    generic: z.string().nullable(),
    matchedName: z.string().nullable(),
    matchKind: z.enum(['generic', 'brand', 'synonym', 'combination', 'fuzzy']).nullable(),
    needsConfirmation: z.boolean(),
    mechanism: z.string().nullable(),
    evidence: z.string().nullable(),
  })),
  workup: z.array(z.object({ id: z.enum(WORKUP_IDS), label: z.string(), reason: z.string(), ruleIds: z.array(z.string()).min(1) })).min(1),
});
