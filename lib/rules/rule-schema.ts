/**
 * A zod schema for the rule set itself, so a malformed rule fails CI rather than reaching a
 * clinician: closed operators, known analytes, units that belong to the analyte, a threshold in the
 * canonical unit, known sources and workup ids.
 */
import { z } from 'zod';
import { ANALYTES, ANALYTE_IDS, UNITS } from './analytes';
import { SOURCE_IDS } from './sources';
import { CONTRIBUTOR_IDS, IRON_THERAPY_BANDS, WORKUP_IDS, type Condition } from './types';

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
    z.strictObject({ patient: z.literal('trimester'), in: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).min(1), atCollectionOf: z.enum(ANALYTE_IDS).optional(), ifUnknown: assumption.optional() }),
    z.strictObject({ patient: z.literal('ageYears'), op, value: z.number().int() }),
    z.strictObject({ medications: z.enum(['any-flagged', 'needs-attention', 'none-recognised']) }),
    z.strictObject({ freeT4: z.array(z.enum(['low', 'low-normal', 'in-range', 'high', 'missing', 'unclassified'])).min(1) }),
    z.strictObject({ tsh: z.array(z.enum(['above', 'below', 'within', 'low-first-trimester'])).min(1) }),
    z.strictObject({ undecided: labLeaf }),
    z.strictObject({ notCurrent: z.enum(ANALYTE_IDS) }),
    z.strictObject({ medication: z.array(z.string().regex(/^[a-z][a-z -]*$/)).min(1) }),
  ]),
) as z.ZodType<Condition>;

const grade = z.enum(['A', 'B', 'C', 'D']);
const band = z.enum(IRON_THERAPY_BANDS);
const status = z.enum(['flagged', 'not-flagged', 'not-assessed', 'indeterminate']);
const DIRECTIVE_VERB = /^(order|start|give|stop|check|repeat|confirm|discuss|review|refer|record|document|evaluate|look for|verify|re-enter|consider repeating)\b/i;
const SUGGESTION = /\b(is|are) suggested\b|\bmay be considered\b|\bis not advised\b/i;

/**
 * W-1 (docs/CLINICAL.md §5): no clause opens with a directive verb to the clinician ("order …",
 * "repeat TSH"), unless the clause itself is a suggestion ("repeat iron studies later may be considered").
 */
export function directiveClauses(text: string): string[] {
  return text
    .split(/[.:;(—]\s*|,\s+(?=[a-z])/)
    .map((c) => c.trim())
    .filter((c) => DIRECTIVE_VERB.test(c) && !SUGGESTION.test(c));
}
const w1 = (what: string) => z.string().refine((t) => directiveClauses(t).length === 0, `${what} must follow the wording rule W-1 ("… is suggested" / "… may be considered"; no directive verbs)`);
const workupRequest = z.strictObject({ id: z.enum(WORKUP_IDS), reason: z.string().min(10).and(w1('A workup reason')), onlyIf: ZConditionSchema.optional(), bands: z.array(band).min(1).optional(), label: w1('A workup label').optional() });

export const ZRuleSchema = z.strictObject({
  // KB ids (I-1, T-1a, K-2p, P-I, G7), with ".n" for a further variant of the same KB rule (P-I.2).
  id: z.string().regex(/^([A-Z]-(\d[a-z]?|I)|G\d)(\.\d)?$/, 'Rule ids look like I-1, T-1a, P-I, G7 or P-I.2'),
  contributor: z.enum(CONTRIBUTOR_IDS),
  role: z.enum(['flag', 'indeterminate', 'not-assessed', 'modifier']),
  title: z.string().min(3),
  when: ZConditionSchema,
  message: z.string().min(10).refine((m) => !/\b(has|have) (diabetes|ckd|hypothyroidism|anaemia|anemia|neuropathy)\b/i.test(m), 'Rule language must not diagnose').and(w1('A rule message')),
  route: w1('A route text').optional(),
  fallback: z.boolean().optional(),
  detail: z.strictObject({ when: ZConditionSchema, met: z.string(), notMet: z.string(), unknown: z.string().optional() }).optional(),
  inSummary: z.array(status).min(1).optional(),
  notFlaggedText: z.boolean().optional(),
  whenStatus: z.array(status).min(1).optional(),
  bands: z.array(band).min(1).optional(),
  ironTherapy: band.optional(),
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
  notFlaggedMessage: z.string().min(5).and(w1('A not-flagged message')),
  notAssessedMessage: z.string().min(5).and(w1('A not-assessed message')),
  historyIsInput: z.boolean().optional(),
  whenNotAssessed: z.array(workupRequest).optional(),
  rules: z.array(ZRuleSchema).min(1),
  caveats: z.array(z.strictObject({ id: z.string(), text: z.string().min(10).and(w1('A caveat')), when: ZConditionSchema.optional(), sourceIds: z.array(z.enum(SOURCE_IDS)).min(1) })).optional(),
});
