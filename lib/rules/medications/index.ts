/**
 * Public surface of the medication module (docs/CLINICAL.md §2).
 * Import from here, not from the individual files.
 */
export { matchMedication, matchMedications, fuzzyThreshold, DEFAULT_COUNTRY } from './matcher';
export { MEDICATION_DICTIONARY } from './dictionary';
export { normalizeMedicationName } from './normalize';
export type {
  BrandName,
  CombinationProduct,
  Country,
  DrugEntry,
  EvidenceGrade,
  FlaggedDrugEntry,
  MatchKind,
  MatchOptions,
  Mechanism,
  MedicationCandidate,
  MedicationDictionary,
  MedicationMatch,
  MedicationStatus,
  NotFlaggedDrugEntry,
  SourceId,
} from './types';
