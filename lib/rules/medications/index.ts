/**
 * Public surface of the medication module (docs/CLINICAL.md §2).
 * Import from here, not from the individual files.
 */
export {
  matchMedication,
  matchMedications,
  fuzzyThreshold,
  DEFAULT_COUNTRY,
  SIG_WORDS,
  UNRECOGNISED_MESSAGE,
} from './matcher';
export { MEDICATION_DICTIONARY, B12_RISK_GENERICS } from './dictionary';
export { normalizeMedicationName } from './normalize';
export type {
  B12Risk,
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
  ProductLine,
  SourceId,
} from './types';
