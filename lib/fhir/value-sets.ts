/**
 * Every code list the FHIR import and the CDS Hooks service use, in one typed module.
 *
 * Sources:
 * - LOINC per analyte: docs/CLINICAL.md §1.0 (canonical and alternative codes), plus the codes real
 *   EHR exports use (Synthea R4, seen in ../shared/fhir-samples: glucose 2339-0, creatinine 38483-4,
 *   eGFR 33914-3); LOINC 2.7x part names as published by Regenstrief (loinc.org).
 * - Conditions: SNOMED CT International concept ids (snomed.info/sct) and ICD-10-CM / WHO ICD-10
 *   category prefixes. A condition counts only when its code is listed here: no hierarchy is walked,
 *   so a code missing from a list is simply not used (the field stays unknown, never "no").
 * - Units: UCUM (unitsofmeasure.org) codes mapped to the units of the evaluation contract by an
 *   explicit table; conversion itself is the engine's (lib/rules/analytes.ts).
 */
import type { AnalyteId, Unit } from '@/lib/rules';

export const SYSTEM = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  ucum: 'http://unitsofmeasure.org',
} as const;

export interface LoincMapping {
  code: string;
  analyte: AnalyteId;
  display: string;
  /** Said next to the imported value, where the code is not exactly the analyte the rules mean. */
  note?: string;
}

/** LOINC → analyte. A code maps to one analyte only. */
export const ANALYTE_LOINC: readonly LoincMapping[] = [
  { code: '2276-4', analyte: 'ferritin', display: 'Ferritin [Mass/volume] in Serum or Plasma' },
  { code: '20567-4', analyte: 'ferritin', display: 'Ferritin [Mass/volume] in Serum or Plasma by Immunoassay' },
  { code: '2498-4', analyte: 'iron', display: 'Iron [Mass/volume] in Serum or Plasma' },
  { code: '14798-3', analyte: 'iron', display: 'Iron [Moles/volume] in Serum or Plasma' },
  { code: '2500-7', analyte: 'tibc', display: 'Iron binding capacity [Mass/volume] in Serum or Plasma' },
  { code: '14800-7', analyte: 'tibc', display: 'Iron binding capacity [Moles/volume] in Serum or Plasma' },
  { code: '2502-3', analyte: 'tsat', display: 'Iron saturation [Mass Fraction] in Serum or Plasma' },
  { code: '718-7', analyte: 'hemoglobin', display: 'Hemoglobin [Mass/volume] in Blood' },
  { code: '59260-0', analyte: 'hemoglobin', display: 'Hemoglobin [Moles/volume] in Blood' },
  { code: '787-2', analyte: 'mcv', display: 'MCV [Entitic volume] by Automated count' },
  { code: '1988-5', analyte: 'crp', display: 'C reactive protein [Mass/volume] in Serum or Plasma' },
  { code: '30522-7', analyte: 'crp', display: 'C reactive protein [Mass/volume] in Serum or Plasma by High sensitivity method' },
  { code: '1558-6', analyte: 'glucose-fasting', display: 'Fasting glucose [Mass/volume] in Serum or Plasma' },
  { code: '14771-0', analyte: 'glucose-fasting', display: 'Fasting glucose [Moles/volume] in Serum or Plasma' },
  { code: '2345-7', analyte: 'glucose-random', display: 'Glucose [Mass/volume] in Serum or Plasma' },
  { code: '14749-6', analyte: 'glucose-random', display: 'Glucose [Moles/volume] in Serum or Plasma' },
  { code: '2339-0', analyte: 'glucose-random', display: 'Glucose [Mass/volume] in Blood', note: 'LOINC 2339-0 is glucose in blood, not a fasting sample: imported as random glucose' },
  { code: '4548-4', analyte: 'hba1c', display: 'Hemoglobin A1c/Hemoglobin.total in Blood' },
  { code: '17856-6', analyte: 'hba1c', display: 'Hemoglobin A1c/Hemoglobin.total in Blood by HPLC' },
  { code: '59261-8', analyte: 'hba1c', display: 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol' },
  { code: '2160-0', analyte: 'creatinine', display: 'Creatinine [Mass/volume] in Serum or Plasma' },
  { code: '38483-4', analyte: 'creatinine', display: 'Creatinine [Mass/volume] in Blood' },
  { code: '14682-9', analyte: 'creatinine', display: 'Creatinine [Moles/volume] in Serum or Plasma' },
  { code: '98979-8', analyte: 'egfr', display: 'GFR/1.73 sq M.predicted by Creatinine-based formula (CKD-EPI 2021)' },
  { code: '62238-1', analyte: 'egfr', display: 'GFR/1.73 sq M.predicted by Creatinine-based formula (CKD-EPI)', note: 'eGFR by the CKD-EPI 2009 equation (LOINC 62238-1); the rules use CKD-EPI 2021' },
  { code: '33914-3', analyte: 'egfr', display: 'GFR/1.73 sq M.predicted by Creatinine-based formula (MDRD)', note: 'eGFR by the MDRD equation (LOINC 33914-3); the rules use CKD-EPI 2021' },
  { code: '48642-3', analyte: 'egfr', display: 'GFR/1.73 sq M.predicted among non-blacks (MDRD)', note: 'race-based MDRD eGFR (LOINC 48642-3); the rules use the race-free CKD-EPI 2021' },
  { code: '48643-1', analyte: 'egfr', display: 'GFR/1.73 sq M.predicted among blacks (MDRD)', note: 'race-based MDRD eGFR (LOINC 48643-1); the rules use the race-free CKD-EPI 2021' },
  { code: '9318-7', analyte: 'urine-acr', display: 'Albumin/Creatinine [Mass Ratio] in Urine' },
  { code: '14959-1', analyte: 'urine-acr', display: 'Microalbumin/Creatinine [Mass Ratio] in Urine' },
  { code: '3016-3', analyte: 'tsh', display: 'Thyrotropin [Units/volume] in Serum or Plasma' },
  { code: '11580-8', analyte: 'tsh', display: 'Thyrotropin [Units/volume] in Serum or Plasma by Detection limit <= 0.005 mIU/L' },
  { code: '3024-7', analyte: 'free-t4', display: 'Thyroxine (T4) free [Mass/volume] in Serum or Plasma' },
  { code: '14920-3', analyte: 'free-t4', display: 'Thyroxine (T4) free [Moles/volume] in Serum or Plasma' },
  { code: '2132-9', analyte: 'b12', display: 'Cobalamin (Vitamin B12) [Mass/volume] in Serum or Plasma' },
  { code: '14685-2', analyte: 'b12', display: 'Cobalamin (Vitamin B12) [Moles/volume] in Serum or Plasma' },
  { code: '2284-8', analyte: 'folate', display: 'Folate [Mass/volume] in Serum or Plasma' },
  { code: '14732-2', analyte: 'folate', display: 'Folate [Moles/volume] in Serum or Plasma' },
  { code: '19123-9', analyte: 'magnesium', display: 'Magnesium [Mass/volume] in Serum or Plasma' },
  { code: '2601-3', analyte: 'magnesium', display: 'Magnesium [Moles/volume] in Serum or Plasma' },
];

export const LOINC_TO_ANALYTE: ReadonlyMap<string, LoincMapping> = new Map(ANALYTE_LOINC.map((m) => [m.code, m]));

/** Every LOINC code of an analyte (prefetch queries and ServiceRequest codings use them). */
export function loincCodesOf(analyte: AnalyteId): string[] {
  return ANALYTE_LOINC.filter((m) => m.analyte === analyte).map((m) => m.code);
}

/**
 * UCUM code (or the unit text an EHR sends) → contract unit. Only exact entries: a unit not listed
 * is shown with the value and not used. `mL/min` (eGFR not indexed to body surface) is deliberately
 * absent.
 */
export const UCUM_TO_UNIT: Readonly<Record<string, Unit>> = {
  'ng/mL': 'ng/mL',
  'ug/L': 'µg/L',
  'pmol/L': 'pmol/L',
  'mg/dL': 'mg/dL',
  'mmol/L': 'mmol/L',
  '%': '%',
  'mmol/mol': 'mmol/mol',
  'umol/L': 'µmol/L',
  'mL/min/{1.73_m2}': 'mL/min/1.73m2',
  'mL/min/1.73.m2': 'mL/min/1.73m2',
  'mL/min/1.73m2': 'mL/min/1.73m2',
  'm[IU]/L': 'mIU/L',
  'u[IU]/mL': 'µIU/mL',
  'mU/L': 'mU/L',
  'ng/dL': 'ng/dL',
  'pg/mL': 'pg/mL',
  'g/dL': 'g/dL',
  'g/L': 'g/L',
  'mg/L': 'mg/L',
  'nmol/L': 'nmol/L',
  fL: 'fL',
  'ug/dL': 'µg/dL',
  'mg/g': 'mg/g',
  'mg/mmol': 'mg/mmol',
  'meq/L': 'mEq/L',
  'mEq/L': 'mEq/L',
};

/** Patient-context fields a condition can set. CKD has no field of its own: it is shown as context. */
export type ConditionGroup = 'dialysis' | 'ckd' | 'diabetes' | 'neuropathy' | 'pregnancy' | 'cancer' | 'autoimmune';

export interface ConditionValueSet {
  group: ConditionGroup;
  label: string;
  /** SNOMED CT concept ids → display. */
  snomed: Readonly<Record<string, string>>;
  /** ICD-10(-CM) codes or category prefixes ("E11" covers E11.*); dots are ignored when comparing. */
  icd10: readonly string[];
  /** Codes that look related but must not count (prediabetes is not diabetes; a miscarriage is not a pregnancy). */
  excluded?: Readonly<Record<string, string>>;
}

export const CONDITION_VALUE_SETS: readonly ConditionValueSet[] = [
  {
    group: 'dialysis', label: 'Dialysis',
    snomed: { '105502003': 'Dependence on renal dialysis', '236435004': 'End stage renal failure on dialysis', '714152005': 'Dependence on haemodialysis', '714153000': 'Dependence on peritoneal dialysis' },
    icd10: ['Z99.2', 'Z49', 'Z91.15'],
  },
  {
    group: 'ckd', label: 'Chronic kidney disease',
    snomed: {
      '709044004': 'Chronic kidney disease', '431855005': 'Chronic kidney disease stage 1', '431856006': 'Chronic kidney disease stage 2',
      '433144002': 'Chronic kidney disease stage 3', '431857002': 'Chronic kidney disease stage 4', '433146000': 'Chronic kidney disease stage 5',
      '46177005': 'End-stage renal disease', '90688005': 'Chronic renal failure syndrome', '127013003': 'Disorder of kidney due to diabetes mellitus',
    },
    icd10: ['N18', 'E11.2', 'E10.2'],
  },
  {
    group: 'diabetes', label: 'Diabetes',
    snomed: {
      '73211009': 'Diabetes mellitus', '44054006': 'Diabetes mellitus type 2', '46635009': 'Diabetes mellitus type 1',
      '368581000119106': 'Neuropathy due to type 2 diabetes mellitus', '127013003': 'Disorder of kidney due to diabetes mellitus',
      '11687002': 'Gestational diabetes mellitus',
    },
    icd10: ['E08', 'E09', 'E10', 'E11', 'E13', 'E14', 'O24'],
    excluded: { '15777000': 'Prediabetes', '80394007': 'Hyperglycaemia', 'R73.03': 'Prediabetes' },
  },
  {
    group: 'neuropathy', label: 'Peripheral neuropathy',
    snomed: {
      '368581000119106': 'Neuropathy due to type 2 diabetes mellitus', '302226006': 'Peripheral nerve disease', '42345000': 'Polyneuropathy',
      '230572002': 'Diabetic neuropathy',
    },
    icd10: ['G60', 'G61', 'G62', 'G63', 'E11.4', 'E10.4', 'E13.4'],
  },
  {
    group: 'pregnancy', label: 'Pregnancy',
    snomed: { '77386006': 'Pregnancy', '72892002': 'Normal pregnancy', '47200007': 'High risk pregnancy' },
    icd10: ['Z33.1', 'Z34', 'O09'],
    excluded: { '19169002': 'Miscarriage in first trimester', '156073000': 'Fetus with unknown complication' },
  },
  {
    group: 'cancer', label: 'Cancer',
    snomed: {
      '363346000': 'Malignant neoplastic disease', '254637007': 'Non-small cell lung cancer', '254632001': 'Small cell carcinoma of lung',
      '254837009': 'Malignant neoplasm of breast', '363406005': 'Malignant tumour of colon', '93761005': 'Primary malignant neoplasm of colon',
      '94260004': 'Secondary malignant neoplasm of colon', '109838007': 'Overlapping malignant neoplasm of colon', '399068003': 'Malignant tumour of prostate',
      '93143009': 'Leukaemia', '118600007': 'Malignant lymphoma', '109989006': 'Multiple myeloma',
    },
    icd10: ['C'],
  },
  {
    group: 'autoimmune', label: 'Autoimmune or inflammatory disease',
    snomed: {
      '69896004': 'Rheumatoid arthritis', '55464009': 'Systemic lupus erythematosus', '24700007': 'Multiple sclerosis', '34000006': "Crohn's disease",
      '64766004': 'Ulcerative colitis', '396331005': 'Coeliac disease', '83901003': "Sjögren's syndrome", '33339001': 'Psoriatic arthritis',
      '9631008': 'Ankylosing spondylitis',
    },
    icd10: ['M05', 'M06', 'M32', 'M35.0', 'G35', 'K50', 'K51', 'K90.0', 'L40.5', 'M45'],
  },
];

const ICD_SYSTEMS: ReadonlySet<string> = new Set([SYSTEM.icd10cm, SYSTEM.icd10]);
const undot = (c: string) => c.replace(/\./g, '').toUpperCase();

/** The groups a coding belongs to (a code can belong to several: diabetic neuropathy → diabetes and neuropathy). */
export function conditionGroupsOf(coding: { system?: string | undefined; code?: string | undefined }): ConditionGroup[] {
  const { system, code } = coding;
  if (!system || !code) return [];
  if (system === SYSTEM.snomed) return CONDITION_VALUE_SETS.filter((s) => code in s.snomed && !(code in (s.excluded ?? {}))).map((s) => s.group);
  if (ICD_SYSTEMS.has(system)) {
    const c = undot(code);
    return CONDITION_VALUE_SETS.filter((s) => !Object.keys(s.excluded ?? {}).some((x) => undot(x) === c) && s.icd10.some((p) => c.startsWith(undot(p)))).map((s) => s.group);
  }
  return [];
}

/**
 * Workup ids → ServiceRequest codes for CDS Hooks suggestions. The engine's workup items carry
 * their LOINC codes (`loinc`); this adds the display for each code. Items without a lab code
 * (discussions, referrals) are suggested as text only.
 */
export const LOINC_DISPLAY: Readonly<Record<string, string>> = {
  ...Object.fromEntries(ANALYTE_LOINC.map((m) => [m.code, m.display])),
  '58410-2': 'CBC panel - Blood by Automated count',
  '13964-2': 'Methylmalonate [Moles/volume] in Serum or Plasma',
};
