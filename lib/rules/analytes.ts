/**
 * The lab dictionary (docs/CLINICAL.md §1.0): units, conversions to the canonical unit, LOINC codes
 * and plausibility bounds. Bounds are design choices for catching entry errors, not clinical limits.
 */

export const ANALYTE_IDS = [
  'ferritin', 'tsat', 'iron', 'tibc', 'hemoglobin', 'mcv', 'crp', 'glucose-fasting', 'glucose-random',
  'hba1c', 'creatinine', 'egfr', 'tsh', 'free-t4', 'b12', 'folate', 'magnesium', 'urine-acr',
] as const;
export type AnalyteId = (typeof ANALYTE_IDS)[number];

/** Every unit the contract accepts, spelled as in the contract (µ is U+00B5, the micro sign). */
export const UNITS = [
  'ng/mL', 'µg/L', 'mg/dL', 'mmol/L', '%', 'mmol/mol', 'µmol/L', 'mL/min/1.73m2', 'mIU/L', 'µIU/mL',
  'mU/L', 'ng/dL', 'pmol/L', 'pg/mL', 'g/dL', 'g/L', 'mg/L', 'nmol/L', 'fL', 'µg/dL', 'mg/g', 'mg/mmol',
  'mEq/L', 'fraction',
] as const;
export type Unit = (typeof UNITS)[number];

/** A conversion into the canonical unit: canonical = value × factor + offset. */
export interface Conversion {
  factor: number;
  offset?: number;
  /** How the conversion reads to a clinician, e.g. "× 5.585". */
  text: string;
}

/** Lower and upper plausibility limits, each exclusive or inclusive as the dictionary states it. */
export interface Bounds {
  /** Values at or below this are outside (`≤ 0` style). */
  atOrBelow?: number;
  /** Values below this are outside (`< 50` style). */
  below?: number;
  /** Values above this are outside. */
  above?: number;
}

export interface UnitSpec {
  unit: Unit;
  /** Absent for the canonical unit. */
  toCanonical?: Conversion;
  /** Hard bounds stated in this unit, where the source publishes them natively (glucose, HbA1c, free T4). */
  hard?: Bounds;
  /** LOINC code of a result reported in this unit, where it differs from the canonical one. */
  loinc?: string;
}

export interface AnalyteSpec {
  id: AnalyteId;
  /** The label a clinician reads, used on the form and in every message. */
  label: string;
  canonicalUnit: Unit;
  units: readonly UnitSpec[];
  loinc: string;
  /** Hard bounds in the canonical unit: outside them the value is rejected. */
  hard: Bounds;
  /** Soft bounds in the canonical unit: outside them the value is used with a "verify" note. */
  soft?: Bounds;
  softNote?: string;
  group: 'iron' | 'blood-count' | 'glucose' | 'kidney' | 'thyroid' | 'vitamins' | 'other';
}

const same = (unit: Unit): UnitSpec => ({ unit, toCanonical: { factor: 1, text: '× 1 (identical)' } });

export const ANALYTES: Readonly<Record<AnalyteId, AnalyteSpec>> = {
  ferritin: {
    id: 'ferritin', label: 'Ferritin', canonicalUnit: 'ng/mL', loinc: '2276-4', group: 'iron',
    units: [{ unit: 'ng/mL' }, same('µg/L'), { unit: 'pmol/L', toCanonical: { factor: 1 / 2.247, text: '÷ 2.247' } }],
    hard: { atOrBelow: 0, above: 100_000 }, soft: { above: 1000 },
    softNote: 'ferritin above 1,000 ng/mL: inflammation, liver disease or iron overload may be considered',
  },
  iron: {
    id: 'iron', label: 'Serum iron', canonicalUnit: 'µg/dL', loinc: '2498-4', group: 'iron',
    units: [{ unit: 'µg/dL' }, { unit: 'µmol/L', toCanonical: { factor: 5.585, text: '× 5.585' }, loinc: '14798-3' }],
    hard: { atOrBelow: 0, above: 1000 }, soft: { above: 300 },
    softNote: 'serum iron above 300 µg/dL: recent iron intake? A fasting draw, 24 h without iron, is suggested',
  },
  tibc: {
    id: 'tibc', label: 'TIBC', canonicalUnit: 'µg/dL', loinc: '2500-7', group: 'iron',
    units: [{ unit: 'µg/dL' }, { unit: 'µmol/L', toCanonical: { factor: 5.585, text: '× 5.585' }, loinc: '14800-7' }],
    hard: { below: 50, above: 1000 },
  },
  tsat: {
    id: 'tsat', label: 'Transferrin saturation', canonicalUnit: '%', loinc: '2502-3', group: 'iron',
    units: [{ unit: '%' }, { unit: 'fraction', toCanonical: { factor: 100, text: '× 100' }, hard: { below: 0, above: 1 } }],
    hard: { below: 0, above: 100 }, soft: { above: 44.999999 },
    softNote: 'TSAT at or above 45%: iron not advised until iron overload is considered (I-5)',
  },
  hemoglobin: {
    id: 'hemoglobin', label: 'Hemoglobin', canonicalUnit: 'g/dL', loinc: '718-7', group: 'blood-count',
    units: [
      { unit: 'g/dL' },
      { unit: 'g/L', toCanonical: { factor: 0.1, text: '÷ 10' } },
      { unit: 'mmol/L', toCanonical: { factor: 1 / 0.6206, text: '÷ 0.6206' }, loinc: '59260-0' },
    ],
    hard: { below: 2, above: 25 }, soft: { below: 7, above: 20 },
    softNote: 'hemoglobin outside 7–20 g/dL: verification of the value and the unit is suggested',
  },
  mcv: {
    id: 'mcv', label: 'MCV', canonicalUnit: 'fL', loinc: '787-2', group: 'blood-count',
    units: [{ unit: 'fL' }], hard: { below: 40, above: 150 },
  },
  crp: {
    id: 'crp', label: 'C-reactive protein', canonicalUnit: 'mg/L', loinc: '1988-5', group: 'blood-count',
    units: [{ unit: 'mg/L' }, { unit: 'mg/dL', toCanonical: { factor: 10, text: '× 10' } }],
    hard: { below: 0, above: 1000 },
  },
  'glucose-fasting': {
    id: 'glucose-fasting', label: 'Fasting glucose', canonicalUnit: 'mg/dL', loinc: '1558-6', group: 'glucose',
    units: [{ unit: 'mg/dL' }, { unit: 'mmol/L', toCanonical: { factor: 18.016, text: '× 18.016' }, hard: { below: 0.6, above: 111 }, loinc: '14771-0' }],
    hard: { below: 10, above: 2000 }, soft: { below: 40, above: 600 },
    softNote: 'glucose outside 40–600 mg/dL: verification of the value and the unit is suggested',
  },
  'glucose-random': {
    id: 'glucose-random', label: 'Random glucose', canonicalUnit: 'mg/dL', loinc: '2345-7', group: 'glucose',
    units: [{ unit: 'mg/dL' }, { unit: 'mmol/L', toCanonical: { factor: 18.016, text: '× 18.016' }, hard: { below: 0.6, above: 111 }, loinc: '14749-6' }],
    hard: { below: 10, above: 2000 }, soft: { below: 40, above: 600 },
    softNote: 'glucose outside 40–600 mg/dL: verification of the value and the unit is suggested',
  },
  hba1c: {
    id: 'hba1c', label: 'HbA1c', canonicalUnit: '%', loinc: '4548-4', group: 'glucose',
    units: [
      { unit: '%' },
      // IFCC master equation [S23]: NGSP = 0.0915 × IFCC + 2.15.
      { unit: 'mmol/mol', toCanonical: { factor: 0.0915, offset: 2.15, text: '× 0.0915 + 2.15 (IFCC → NGSP)' }, hard: { below: 9, above: 195 }, loinc: '59261-8' },
    ],
    hard: { below: 3, above: 20 }, soft: { above: 15 },
    softNote: 'HbA1c above 15%: verification of the value is suggested',
  },
  creatinine: {
    id: 'creatinine', label: 'Creatinine', canonicalUnit: 'mg/dL', loinc: '2160-0', group: 'kidney',
    units: [{ unit: 'mg/dL' }, { unit: 'µmol/L', toCanonical: { factor: 1 / 88.4, text: '÷ 88.4' }, loinc: '14682-9' }],
    hard: { below: 0.1, above: 30 }, soft: { above: 15 },
    softNote: 'creatinine above 15 mg/dL: verification is suggested (dialysis?)',
  },
  egfr: {
    id: 'egfr', label: 'eGFR', canonicalUnit: 'mL/min/1.73m2', loinc: '98979-8', group: 'kidney',
    units: [{ unit: 'mL/min/1.73m2' }], hard: { below: 1, above: 200 },
  },
  'urine-acr': {
    id: 'urine-acr', label: 'Urine albumin/creatinine ratio', canonicalUnit: 'mg/g', loinc: '9318-7', group: 'kidney',
    units: [{ unit: 'mg/g' }, { unit: 'mg/mmol', toCanonical: { factor: 8.84, text: '× 8.84' } }],
    // CLINICAL.md gives only "< 0"; the upper limit is our entry-error guard (no urine ACR reaches 50,000 mg/g).
    hard: { below: 0, above: 50_000 },
  },
  tsh: {
    id: 'tsh', label: 'TSH', canonicalUnit: 'mIU/L', loinc: '3016-3', group: 'thyroid',
    units: [{ unit: 'mIU/L' }, same('µIU/mL'), same('mU/L')],
    hard: { below: 0, above: 1000 }, soft: { above: 100 },
    softNote: 'TSH above 100 mIU/L: verification of the value is suggested',
  },
  'free-t4': {
    id: 'free-t4', label: 'Free T4', canonicalUnit: 'ng/dL', loinc: '3024-7', group: 'thyroid',
    units: [{ unit: 'ng/dL' }, { unit: 'pmol/L', toCanonical: { factor: 1 / 12.87, text: '÷ 12.87' }, hard: { below: 1.3, above: 129 }, loinc: '14920-3' }],
    hard: { below: 0.1, above: 10 },
  },
  b12: {
    id: 'b12', label: 'Vitamin B12', canonicalUnit: 'pg/mL', loinc: '2132-9', group: 'vitamins',
    units: [{ unit: 'pg/mL' }, { unit: 'pmol/L', toCanonical: { factor: 1 / 0.7378, text: '÷ 0.7378' }, loinc: '14685-2' }],
    hard: { atOrBelow: 0, above: 20_000 },
  },
  folate: {
    id: 'folate', label: 'Folate', canonicalUnit: 'ng/mL', loinc: '2284-8', group: 'vitamins',
    units: [{ unit: 'ng/mL' }, { unit: 'nmol/L', toCanonical: { factor: 1 / 2.266, text: '÷ 2.266' }, loinc: '14732-2' }],
    hard: { atOrBelow: 0, above: 100 },
  },
  magnesium: {
    id: 'magnesium', label: 'Magnesium', canonicalUnit: 'mg/dL', loinc: '19123-9', group: 'other',
    units: [
      { unit: 'mg/dL' },
      { unit: 'mmol/L', toCanonical: { factor: 1 / 0.4114, text: '÷ 0.4114' }, loinc: '2601-3' },
      // mEq/L = 2 × mmol/L for a divalent ion.
      { unit: 'mEq/L', toCanonical: { factor: 1 / 0.8228, text: '÷ 0.8228' } },
    ],
    hard: { below: 0.3, above: 10 },
  },
};

/** Converts a value in an accepted unit of the analyte to its canonical unit. */
export function toCanonical(analyte: AnalyteId, value: number, unit: Unit): number {
  const spec = ANALYTES[analyte].units.find((u) => u.unit === unit);
  const c = spec?.toCanonical;
  return c ? value * c.factor + (c.offset ?? 0) : value;
}

const UNIT_BY_LOWER = new Map<string, Unit>(UNITS.map((u) => [u.toLowerCase(), u]));

/**
 * Reads a unit as typed: exact first, then with `u` or Greek mu for the micro sign and any case
 * ("ug/dl" → "µg/dL"). Returns null for a unit the contract does not know.
 */
const parsedUnits = new Map<string, Unit | null>();

export function parseUnit(raw: string): Unit | null {
  const hit = parsedUnits.get(raw);
  if (hit !== undefined) return hit;
  const unit = readUnit(raw);
  // Bounded: the cache holds what clinicians type, not arbitrary input.
  if (parsedUnits.size < 500) parsedUnits.set(raw, unit);
  return unit;
}

function readUnit(raw: string): Unit | null {
  // "mL/min/1.73 m²" as the KB writes it reads as mL/min/1.73m2.
  const trimmed = raw.trim().replace(/\s+/g, '').replace(/\u03bc/g, 'µ').replace(/²/g, '2');
  const direct = UNIT_BY_LOWER.get(trimmed.toLowerCase());
  if (direct) return direct;
  const micro = trimmed.replace(/^u/i, 'µ');
  return UNIT_BY_LOWER.get(micro.toLowerCase()) ?? null;
}

/** The accepted units of an analyte, as written. */
export function unitsOf(analyte: AnalyteId): Unit[] {
  return ANALYTES[analyte].units.map((u) => u.unit);
}
