/**
 * Judges each lab result at the input boundary (G2): unit fits the analyte, value within the hard
 * bounds (else rejected, never used) or outside the soft bounds (used, with "verify"), converted once
 * to the canonical unit for display and storage, and checked for age against the assessment date.
 */
import { ANALYTES, parseUnit, toCanonical, unitsOf, type AnalyteId, type Bounds, type Unit } from './analytes';
import { formatNumber, formatQuantity } from './format';
import type { TLabInput } from './input';

export type InputStatus = 'accepted' | 'verify' | 'rejected';

export interface LabFact {
  analyte: AnalyteId;
  label: string;
  status: InputStatus;
  message: string | null;
  /** As entered: "60 µg/L". */
  entered: string;
  /** The unit as recognised, or null when it was not. */
  unit: Unit | null;
  value: number;
  qualifier: '<' | '>' | null;
  canonicalValue: number;
  canonicalUnit: Unit;
  /** As normalised: "60 ng/mL". */
  canonical: string;
  /** The conversion applied, e.g. "÷ 88.4", or null when entered in the canonical unit. */
  conversion: string | null;
  loinc: string;
  collectedOn: string | null;
  /** The date the result counts as collected on: `collectedOn`, or the assessment date when none was given (G6). */
  effectiveDate: string | null;
  /** Days between collection and the assessment date, when both are known. */
  ageDays: number | null;
  stale: boolean;
  /** Why the result is stale, with its date and age ("result of 2023-05-01, 941 days old; limit 90"). */
  staleText: string | null;
  referenceRange: { low: number | null; high: number | null } | null;
}

/**
 * G6: maximum age of a current result (design consensus, docs/CLINICAL.md §1.0: no guideline sets
 * look-back windows; they follow re-testing intervals).
 */
export const MAX_AGE_DAYS: Readonly<Record<AnalyteId, number>> = {
  ferritin: 90, iron: 90, tibc: 90, tsat: 90, crp: 90, hemoglobin: 90, mcv: 90, magnesium: 90,
  'glucose-fasting': 365, 'glucose-random': 365, hba1c: 365, creatinine: 365, egfr: 365, 'urine-acr': 365,
  b12: 365, folate: 365, tsh: 365, 'free-t4': 365,
};
/** Weeks of pregnancy unknown: results older than this may predate the pregnancy (G6). */
export const PREGNANCY_UNKNOWN_WEEKS_MAX_AGE_DAYS = 56;

/** What the staleness check needs to know about the visit. */
export interface LabContext {
  asOf: string | null;
  /** Pregnant: the estimated start (asOf − 7 × weeks), or null when weeks are unknown. */
  pregnancyStart: string | null;
  pregnant: boolean;
}

function outside(value: number, b: Bounds): boolean {
  return (b.atOrBelow !== undefined && value <= b.atOrBelow) || (b.below !== undefined && value < b.below) || (b.above !== undefined && value > b.above);
}

function describeRange(b: Bounds, unit: Unit): string {
  const u = unit === '%' ? '%' : ` ${unit}`;
  const low = b.atOrBelow !== undefined ? `above ${formatNumber(b.atOrBelow)}` : b.below !== undefined ? `${formatNumber(b.below)}` : null;
  if (low && b.above !== undefined) return b.atOrBelow !== undefined ? `${low} and up to ${formatNumber(b.above)}${u}` : `${low} to ${formatNumber(b.above)}${u}`;
  if (low) return b.atOrBelow !== undefined ? `${low}${u}` : `at least ${low}${u}`;
  return b.above !== undefined ? `up to ${formatNumber(b.above)}${u}` : 'any value';
}

/** Days since 1970-01-01 of a validated YYYY-MM-DD date, in integer arithmetic (days-from-civil; Date.parse was a hot spot). */
function dayNumber(date: string): number {
  const digit = (i: number) => date.charCodeAt(i) - 48;
  let y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const m = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The YYYY-MM-DD date `days` after a validated date (civil-from-days; years 0000–9999). */
export function addDays(date: string, days: number): string {
  const z = dayNumber(date) + days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** G6: why a result is not current, or null when it is. */
function staleness(analyte: AnalyteId, collectedOn: string, ageDays: number, ctx: LabContext): string | null {
  const limit = MAX_AGE_DAYS[analyte];
  if (ageDays > limit) return `result of ${collectedOn}, ${ageDays} days old; limit ${limit}`;
  if (ctx.pregnant && ctx.pregnancyStart && collectedOn < ctx.pregnancyStart) {
    return `result of ${collectedOn}, ${ageDays} days old: before the pregnancy (start about ${ctx.pregnancyStart})`;
  }
  if (ctx.pregnant && !ctx.pregnancyStart && ageDays > PREGNANCY_UNKNOWN_WEEKS_MAX_AGE_DAYS) {
    return `result of ${collectedOn}, ${ageDays} days old: possibly before the pregnancy (weeks unknown; limit ${PREGNANCY_UNKNOWN_WEEKS_MAX_AGE_DAYS} days)`;
  }
  return null;
}

/** Judges one lab result against the visit (`asOf`, pregnancy) for plausibility and age. */
export function judgeLab(lab: TLabInput, ctxOrAsOf: LabContext | string | null): LabFact {
  const ctx: LabContext = typeof ctxOrAsOf === 'object' && ctxOrAsOf !== null ? ctxOrAsOf : { asOf: ctxOrAsOf, pregnancyStart: null, pregnant: false };
  const asOf = ctx.asOf;
  const spec = ANALYTES[lab.analyte];
  const qualifier = lab.qualifier ?? null;
  const unit = parseUnit(lab.unit);
  const entered = formatQuantity(lab.value, unit ?? lab.unit.trim(), qualifier, 4);
  // Built field by field: object spread in this hot path cost microseconds per lab.
  const fact: LabFact = {
    analyte: lab.analyte, label: spec.label, status: 'accepted', message: null, entered, unit, value: lab.value, qualifier,
    canonicalValue: Number.NaN, canonicalUnit: spec.canonicalUnit, canonical: '', conversion: null, loinc: spec.loinc,
    collectedOn: lab.collectedOn ?? null, effectiveDate: lab.collectedOn ?? asOf, ageDays: null, stale: false, staleText: null,
    referenceRange: lab.referenceRange ? { low: lab.referenceRange.low ?? null, high: lab.referenceRange.high ?? null } : null,
  };
  const unitSpec = unit ? spec.units.find((u) => u.unit === unit) : undefined;
  if (!unit || !unitSpec) {
    fact.status = 'rejected';
    fact.message = `${spec.label} ${entered}: the unit "${lab.unit}" does not fit ${spec.label}; accepted units: ${unitsOf(lab.analyte).join(', ')}`;
    return fact;
  }
  const canonicalValue = toCanonical(lab.analyte, lab.value, unit);
  fact.canonicalValue = canonicalValue;
  fact.canonical = formatQuantity(canonicalValue, spec.canonicalUnit, qualifier);
  fact.conversion = unitSpec.toCanonical ? unitSpec.toCanonical.text : null;
  fact.loinc = unitSpec.loinc ?? spec.loinc;
  const ageDays = asOf && lab.collectedOn ? daysBetween(lab.collectedOn, asOf) : null;
  fact.ageDays = ageDays;
  if (ageDays !== null && ageDays < 0) {
    // G6 / G2: a result collected after the assessment date cannot be read as of that date.
    fact.status = 'rejected';
    fact.message = `${spec.label} ${entered} collected on ${lab.collectedOn}, after the assessment date ${asOf}: not used; re-entry of the date is suggested`;
    return fact;
  }
  if (ageDays !== null && lab.collectedOn) {
    fact.staleText = staleness(lab.analyte, lab.collectedOn, ageDays, ctx);
    fact.stale = fact.staleText !== null;
  }

  // Native bounds where the dictionary publishes them in this unit; otherwise canonical.
  const native = unitSpec.hard !== undefined;
  const hardBounds = unitSpec.hard ?? spec.hard;
  const hardUnit = native ? unit : spec.canonicalUnit;
  if (outside(native ? lab.value : canonicalValue, hardBounds)) {
    const shown = hardUnit === unit ? entered : `${entered} (${fact.canonical})`;
    fact.status = 'rejected';
    fact.message = `${spec.label} ${shown} is outside the accepted range (${describeRange(hardBounds, hardUnit)}): not used; re-entry or a repeat test is suggested`;
    return fact;
  }
  const notes: string[] = [];
  if (spec.soft && outside(canonicalValue, spec.soft)) {
    fact.status = 'verify';
    notes.push(`${spec.label} ${entered}: ${spec.softNote ?? 'outside the usual range; verify'}`);
  }
  if (fact.staleText) notes.push(`${spec.label} is stale (${fact.staleText}): not read as current; a repeat is suggested`);
  if (notes.length > 0) fact.message = notes.join('. ');
  return fact;
}
