/**
 * A zod schema for the rule set itself, so a malformed rule fails CI rather than reaching a
 * clinician: closed operators, known analytes, units that belong to the analyte, a threshold in the
 * canonical unit, known sources and workup ids.
 */
import { z } from 'zod';
import { ANALYTES, ANALYTE_IDS, UNITS } from './analytes';
import { SOURCE_IDS } from './sources';
import { CONTRIBUTOR_IDS, WORKUP_IDS, type Condition } from './types';

const op = z.enum(['<', '<=', '>', '>=']);
const assumption = z.strictObject({ assume: z.boolean(), because: z.string().min(10) });

const labLeaf = z
  .strictObject({
    lab: z.enum(ANALYTE_IDS),
    op,
    threshold: z.partialRecord(z.enum(UNITS), z.number().finite()).optional(),
    reference: z.enum(['low', 'high']).optional(),
  })
  .superRefine((leaf, ctx) => {
    const spec = ANALYTES[leaf.lab];
    if (!leaf.threshold) {
      ctx.addIssue({ code: 'custom', message: `${leaf.lab}: a threshold is required (the default when no reference interval is given)` });
      return;
    }
    if (leaf.threshold[spec.canonicalUnit] === undefined) ctx.addIssue({ code: 'custom', message: `${leaf.lab}: threshold must include the canonical unit ${spec.canonicalUnit}` });
    const accepted = new Set(spec.units.map((u) => u.unit));
    for (const unit of Object.keys(leaf.threshold)) if (!accepted.has(unit as never)) ctx.addIssue({ code: 'custom', message: `${leaf.lab}: ${unit} is not a unit of this analyte` });
  });

export const ZConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ZConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ZConditionSchema).min(1), alternatives: z.boolean().optional() }),
    z.strictObject({ not: ZConditionSchema }),
    labLeaf,
    z.strictObject({ missing: z.enum(ANALYTE_IDS) }),
    z.strictObject({ patient: z.enum(['knownDiabetes', 'activeCancerOrNeurotoxicChemo', 'autoimmuneOrInflammatoryDisease', 'pregnant']), is: z.boolean(), ifUnknown: assumption.optional() }),
    z.strictObject({ patient: z.literal('dialysis'), onDialysis: z.boolean(), ifUnknown: assumption.optional() }),
    z.strictObject({ patient: z.literal('sex'), is: z.enum(['female', 'male']) }),
    z.strictObject({ patient: z.literal('hyperglycemiaSymptoms'), is: z.enum(['yes', 'no']), ifUnknown: assumption.optional() }),
    z.strictObject({ patient: z.literal('neuropathy'), is: z.enum(['present', 'absent', 'examined']), ifUnknown: assumption.optional() }),
    z.strictObject({ patient: z.literal('trimester'), in: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).min(1), ifUnknown: assumption.optional() }),
    z.strictObject({ patient: z.literal('ageYears'), op, value: z.number().int() }),
    z.strictObject({ medications: z.enum(['any-flagged', 'needs-attention']) }),
    z.strictObject({ medication: z.array(z.string().regex(/^[a-z][a-z -]*$/)).min(1) }),
  ]),
) as z.ZodType<Condition>;

const grade = z.enum(['A', 'B', 'C', 'D']);
const workupRequest = z.strictObject({ id: z.enum(WORKUP_IDS), reason: z.string().min(10), onlyIf: ZConditionSchema.optional() });

export const ZRuleSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]-\d[a-z]?$/, 'Rule ids look like I-1, T-1a'),
  contributor: z.enum(CONTRIBUTOR_IDS),
  role: z.enum(['flag', 'indeterminate', 'modifier']),
  title: z.string().min(3),
  when: ZConditionSchema,
  message: z.string().min(10).refine((m) => !/\b(has|have) (diabetes|ckd|hypothyroidism|anaemia|anemia|neuropathy)\b/i.test(m), 'Rule language must not diagnose'),
  ironTherapy: z.enum(['oral-or-iv', 'iv-only', 'iv-iron-sucrose', 'suppressed']).optional(),
  workup: z.array(workupRequest).optional(),
  sourceIds: z.array(z.enum(SOURCE_IDS)).min(1, 'Every rule names at least one source'),
  evidence: grade,
  verification: z.enum(['V', 'V2', 'NV']),
  rationale: z.string().min(20),
});

export const ZContributorSpecSchema = z.strictObject({
  id: z.enum(CONTRIBUTOR_IDS),
  label: z.string().min(3),
  evidence: grade,
  notFlaggedMessage: z.string().min(5),
  notAssessedMessage: z.string().min(5),
  historyIsInput: z.boolean().optional(),
  whenNotAssessed: z.array(workupRequest).optional(),
  rules: z.array(ZRuleSchema).min(1),
  caveats: z.array(z.strictObject({ id: z.string(), text: z.string().min(10), when: ZConditionSchema.optional(), sourceIds: z.array(z.enum(SOURCE_IDS)).min(1) })).optional(),
});
