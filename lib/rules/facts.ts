/**
 * Typed facts the rules read, built once from a validated input: judged labs, derived values
 * (eGFR, TSAT), patient context with any assumption stated, and the matched medication list.
 */
import { ANALYTES, type AnalyteId, type Unit } from './analytes';
import { ckdEpi2021, computeTsat, trimesterOf } from './derived';
import { formatNumber, formatQuantity } from './format';
import type { TEvaluationInput } from './input';
import { judgeLab, type LabFact } from './labs';
import { matchMedications, type MedicationMatch } from './medications';

/** The value a rule compares: an entered result, or one derived from others. */
export interface Quantity {
  analyte: AnalyteId;
  label: string;
  value: number;
  unit: Unit;
  qualifier: '<' | '>' | null;
  canonicalValue: number;
  canonicalUnit: Unit;
  entered: string;
  canonical: string;
  conversion: string | null;
  /** How a derived value was obtained, e.g. "CKD-EPI 2021 from creatinine 1.6 mg/dL". */
  derivedFrom: string | null;
  referenceRange: { low: number | null; high: number | null } | null;
  /** Trace texts, filled on first use within one evaluation. */
  receivedNative?: string;
  receivedCanonical?: string;
  receivedDerived?: string;
}

export interface DerivedValue {
  value: number;
  /** Full precision, for anyone re-checking a boundary. */
  unrounded: number;
  qualifier: '<' | '>' | null;
  computed: boolean;
  equation?: string;
  note?: string;
}

export interface Pregnancy {
  /** null when unknown. */
  pregnant: boolean | null;
  trimester: 1 | 2 | 3 | null;
  /** Set when the status was inferred rather than entered. */
  inferred: string | null;
}

export interface Facts {
  asOf: string | null;
  input: TEvaluationInput;
  labs: Partial<Record<AnalyteId, LabFact>>;
  /** Usable quantities by analyte (accepted or verify), including derived eGFR and TSAT. */
  quantities: Partial<Record<AnalyteId, Quantity>>;
  derived: { egfr?: DerivedValue; tsat?: DerivedValue };
  pregnancy: Pregnancy;
  medications: MedicationMatch[];
  medicationListKnown: boolean;
  /** Assumptions made for unrecorded history while evaluating (filled by the condition evaluator). */
  assumptions: Set<string>;
  /** Input messages that concern more than one lab (TSAT vs iron/TIBC). */
  crossChecks: Partial<Record<AnalyteId, string>>;
}

const usable = (lab: LabFact | undefined): lab is LabFact => lab !== undefined && lab.status !== 'rejected';

function quantityOf(lab: LabFact): Quantity {
  return {
    analyte: lab.analyte, label: lab.label, value: lab.value, unit: lab.unit as Unit, qualifier: lab.qualifier,
    canonicalValue: lab.canonicalValue, canonicalUnit: lab.canonicalUnit, entered: lab.entered, canonical: lab.canonical,
    conversion: lab.conversion, derivedFrom: null, referenceRange: lab.referenceRange,
  };
}

function derivedQuantity(analyte: AnalyteId, value: number, qualifier: '<' | '>' | null, derivedFrom: string): Quantity {
  const spec = ANALYTES[analyte];
  const text = formatQuantity(value, spec.canonicalUnit, qualifier, 1);
  return {
    analyte, label: spec.label, value, unit: spec.canonicalUnit, qualifier, canonicalValue: value, canonicalUnit: spec.canonicalUnit,
    entered: text, canonical: text, conversion: null, derivedFrom, referenceRange: null,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
/** A censored creatinine bounds eGFR the other way round (eGFR falls as creatinine rises). */
const flip = (q: '<' | '>' | null): '<' | '>' | null => (q === '<' ? '>' : q === '>' ? '<' : null);

function pregnancyOf(input: TEvaluationInput): Pregnancy {
  const { sex, ageYears, pregnant, pregnancyWeeks } = input.patient;
  if (sex === 'male') return { pregnant: false, trimester: null, inferred: null };
  if (pregnant === true) return { pregnant: true, trimester: pregnancyWeeks != null ? trimesterOf(pregnancyWeeks) : null, inferred: null };
  if (pregnant === false) return { pregnant: false, trimester: null, inferred: null };
  // CLINICAL.md §1.7: never assume status for a woman aged 15–50; above 50 it is inferred and said so.
  if (ageYears > 50) return { pregnant: false, trimester: null, inferred: 'pregnancy status not recorded; taken as not pregnant (age over 50)' };
  return { pregnant: null, trimester: null, inferred: null };
}

/** Builds the facts for one evaluation. Pure: `asOf` comes from the input or the caller. */
export function buildFacts(input: TEvaluationInput, asOf: string | null): Facts {
  const labs: Partial<Record<AnalyteId, LabFact>> = {};
  const quantities: Partial<Record<AnalyteId, Quantity>> = {};
  for (const lab of input.labs) {
    const fact = judgeLab(lab, asOf);
    labs[lab.analyte] = fact;
    if (usable(fact)) quantities[lab.analyte] = quantityOf(fact);
  }

  const derived: Facts['derived'] = {};
  const crossChecks: Facts['crossChecks'] = {};
  const { ageYears, sex } = input.patient;

  // eGFR: prefer the laboratory's reported value; otherwise CKD-EPI 2021 from creatinine (adults only).
  const creatinine = labs.creatinine;
  if (usable(creatinine) && ageYears >= 18) {
    const egfr = ckdEpi2021({ creatinineMgDl: creatinine.canonicalValue, ageYears, sex });
    const qualifier = flip(creatinine.qualifier);
    derived.egfr = { value: round1(egfr), unrounded: egfr, qualifier, computed: true, equation: 'CKD-EPI 2021' };
    if (!quantities.egfr) {
      quantities.egfr = derivedQuantity('egfr', egfr, qualifier, `CKD-EPI 2021 from creatinine ${creatinine.canonical}, ${sex}, ${ageYears} y`);
    } else {
      derived.egfr.note = 'the reported eGFR is used; the computed value is shown for comparison';
    }
  } else if (quantities.egfr) {
    const q = quantities.egfr;
    derived.egfr = { value: round1(q.value), unrounded: q.value, qualifier: q.qualifier, computed: false, equation: 'as reported' };
  }

  // TSAT: iron ÷ TIBC × 100 in the same unit, unrounded. A reported TSAT is used and cross-checked.
  const iron = labs.iron;
  const tibc = labs.tibc;
  if (usable(iron) && usable(tibc) && iron.qualifier === null && tibc.qualifier === null) {
    const tsat = computeTsat(iron.canonicalValue, tibc.canonicalValue);
    derived.tsat = { value: round1(tsat), unrounded: tsat, qualifier: null, computed: true, equation: 'serum iron ÷ TIBC × 100' };
    const reported = quantities.tsat;
    if (!reported) {
      if (tsat <= 100) quantities.tsat = derivedQuantity('tsat', tsat, null, `serum iron ${iron.canonical} ÷ TIBC ${tibc.canonical} × 100`);
      else crossChecks.tibc = `Serum iron ${iron.entered} exceeds TIBC ${tibc.entered} (computed TSAT ${formatNumber(tsat, 1)}%): check both values`;
    } else if (reported.qualifier === null && Math.abs(reported.canonicalValue - tsat) > 1) {
      // Reported TSAT is usually rounded to a whole percent: more than 1 point apart is a real disagreement.
      crossChecks.tsat = `TSAT ${reported.entered} disagrees with serum iron ÷ TIBC = ${formatNumber(tsat, 1)}%: check the three values (the reported TSAT is used)`;
    }
  } else if (quantities.tsat) {
    const q = quantities.tsat;
    derived.tsat = { value: round1(q.canonicalValue), unrounded: q.canonicalValue, qualifier: q.qualifier, computed: false };
  }

  const { noneTaken, entries } = input.medications;
  const lines = entries.filter((e) => e.trim() !== '');
  return {
    asOf, input, labs, quantities, derived, crossChecks, assumptions: new Set(),
    pregnancy: pregnancyOf(input),
    medications: matchMedications(lines),
    medicationListKnown: noneTaken || lines.length > 0,
  };
}
