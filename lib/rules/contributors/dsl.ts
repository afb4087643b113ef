/**
 * Small builders for rule conditions. They only shorten the rule files: what they return is plain
 * data of the types in ../types.ts.
 */
import type { AnalyteId } from '../analytes';
import type { CompareOp, Condition, LabLeaf, UnitThresholds } from '../types';

export const lab = (analyte: AnalyteId, op: CompareOp, threshold: UnitThresholds): LabLeaf => ({ lab: analyte, op, threshold });
export const all = (...c: Condition[]): Condition => ({ all: c });
export const any = (...c: Condition[]): Condition => ({ any: c });
/** Alternative tests (e.g. fasting glucose or HbA1c): a test not done does not block a decision. */
export const anyOf = (...c: Condition[]): Condition => ({ any: c, alternatives: true });
export const not = (c: Condition): Condition => ({ not: c });
export const missing = (analyte: AnalyteId): Condition => ({ missing: analyte });
export const present = (analyte: AnalyteId): Condition => ({ not: { missing: analyte } });

const DIALYSIS_UNKNOWN = 'the non-dialysis rules were applied; if on dialysis, K-4/K-4a apply and eGFR is meaningless (G8)';

/**
 * G8: an omitted dialysis status is unknown. The dialysis rules (K-4, K-4a, K-5) cannot run and the
 * general ones run, with the assumption stated in the trace and a notice.
 */
export const onDialysis: Condition = { patient: 'dialysis', onDialysis: true, ifUnknown: { assume: false, because: DIALYSIS_UNKNOWN } };
export const notOnDialysis: Condition = { patient: 'dialysis', onDialysis: false, ifUnknown: { assume: true, because: DIALYSIS_UNKNOWN } };
/** Dialysis as recorded: unknown stays unknown (K-1 is "not assessed" when the status is omitted). */
export const onDialysisRecorded: Condition = { patient: 'dialysis', onDialysis: true };
const PREGNANCY_UNKNOWN = 'the non-pregnant rules were applied; if pregnant, rules differ (no IV iron before week 14; no eGFR) (G8)';
/** Pregnant as recorded: unknown stays unknown (P-1 is "not assessed" when the status is omitted). */
export const pregnantRecorded: Condition = { patient: 'pregnant', is: true };
/** G8: the pregnancy rules (P-I, T-2d, K-2p, D-4, trimester cut-offs) cannot run on an unrecorded status; the general ones run, said so. */
export const pregnant: Condition = { patient: 'pregnant', is: true, ifUnknown: { assume: false, because: PREGNANCY_UNKNOWN } };
/** G8: non-pregnant criteria apply; an unrecorded status is stated, never silently assumed. */
export const notPregnantAssumed: Condition = { patient: 'pregnant', is: false, ifUnknown: { assume: true, because: PREGNANCY_UNKNOWN } };
