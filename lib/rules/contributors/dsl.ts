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

/** On dialysis; an unrecorded status is read as "not on dialysis" and said so in the trace. */
export const onDialysis: Condition = {
  patient: 'dialysis', onDialysis: true,
  ifUnknown: { assume: false, because: 'treated as not on dialysis; record the dialysis status' },
};
export const notOnDialysis: Condition = {
  patient: 'dialysis', onDialysis: false,
  ifUnknown: { assume: true, because: 'treated as not on dialysis; record the dialysis status' },
};
export const pregnant: Condition = { patient: 'pregnant', is: true };
/** Non-pregnant criteria apply; an unrecorded status is stated, never silently assumed. */
export const notPregnantAssumed: Condition = {
  patient: 'pregnant', is: false,
  ifUnknown: { assume: true, because: 'pregnancy status not recorded: non-pregnant criteria applied; document the status' },
};
