/**
 * Public surface of the rules engine. Pure and synchronous: shared by the intake form (live
 * feedback), the services (the saved result), the command line and the HTTP API.
 */
export { ANALYTES, ANALYTE_IDS, UNITS, parseUnit, toCanonical, unitsOf, type AnalyteId, type AnalyteSpec, type Unit } from './analytes';
export type { ConditionTrace, Outcome } from './conditions';
export { CONTRIBUTORS } from './contributors';
export { ckdEpi2021, computeTsat, gfrCategory } from './derived';
export { evaluateFindings, type BasisItem, type ContributorResult, type EvaluateOptions, type Evaluation, type InputResult, type RuleTrace } from './evaluate';
export { formatNumber, formatQuantity } from './format';
export { GLOBAL_RULES, LIMITATIONS } from './global-rules';
export { ZEvaluationInputSchema, ZLabInputSchema, ZPatientInputSchema, parseEvaluationInput, type InputIssue, type TEvaluationInput, type TEvaluationInputRaw, type TLabInput } from './input';
export { judgeLab, type InputStatus, type LabFact } from './labs';
export { matchMedication, matchMedications, type MedicationMatch } from './medications';
export { SOURCES, sourcesFor, type Source, type SourceId } from './sources';
export { CONTRIBUTOR_IDS, IRON_THERAPY_BANDS, WORKUP_IDS, type ContributorId, type ContributorStatus, type EvidenceGrade, type IronTherapy, type Rule, type WorkupId } from './types';
export { KNOWLEDGE_BASE_VERSION, RULES_DATE, RULES_VERSION } from './version';
export { DRAW_INSTRUCTIONS, IRON_THERAPY_LABELS, WORKUP_CATALOGUE, type WorkupItem } from './workup';
export { compareEvaluations, type EvaluationDiff, type StatusChange, type WorkupChange } from './compare';
export { RULE_CHANGES, changesBetween, type RuleChange } from './changelog';
export { IRON_RECHECK_WEEKS, ironRecheckDue } from './follow-up';
