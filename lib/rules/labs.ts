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
  /** Days between collection and the assessment date, when both are known. */
  ageDays: number | null;
  stale: boolean;
  referenceRange: { low: number | null; high: number | null } | null;
}

/** How old a result may be before it is flagged as stale (SECURITY.md item 17). Iron indices move faster. */
const STALE_AFTER_DAYS: Partial<Record<AnalyteId, number>> = { ferritin: 180, tsat: 180, iron: 180, tibc: 180 };
const DEFAULT_STALE_AFTER_DAYS = 365;

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

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Judges one lab result. `asOf` (YYYY-MM-DD) enables the staleness check. */
export function judgeLab(lab: TLabInput, asOf: string | null): LabFact {
  const spec = ANALYTES[lab.analyte];
  const qualifier = lab.qualifier ?? null;
  const unit = parseUnit(lab.unit);
  const entered = formatQuantity(lab.value, unit ?? lab.unit.trim(), qualifier, 4);
  // Built field by field: object spread in this hot path cost microseconds per lab.
  const fact: LabFact = {
    analyte: lab.analyte, label: spec.label, status: 'accepted', message: null, entered, unit, value: lab.value, qualifier,
    canonicalValue: Number.NaN, canonicalUnit: spec.canonicalUnit, canonical: '', conversion: null, loinc: spec.loinc,
    collectedOn: lab.collectedOn ?? null, ageDays: null, stale: false,
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
  const staleAfter = STALE_AFTER_DAYS[lab.analyte] ?? DEFAULT_STALE_AFTER_DAYS;
  fact.ageDays = ageDays;
  fact.stale = ageDays !== null && ageDays > staleAfter;

  // Native bounds where the dictionary publishes them in this unit; otherwise canonical.
  const native = unitSpec.hard !== undefined;
  const hardBounds = unitSpec.hard ?? spec.hard;
  const hardUnit = native ? unit : spec.canonicalUnit;
  if (outside(native ? lab.value : canonicalValue, hardBounds)) {
    const shown = hardUnit === unit ? entered : `${entered} (${fact.canonical})`;
    fact.status = 'rejected';
    fact.message = `${spec.label} ${shown} is outside the accepted range (${describeRange(hardBounds, hardUnit)}): not used; re-enter or repeat the test`;
    return fact;
  }
  const notes: string[] = [];
  if (spec.soft && outside(canonicalValue, spec.soft)) {
    fact.status = 'verify';
    notes.push(`${spec.label} ${entered}: ${spec.softNote ?? 'outside the usual range; verify'}`);
  }
  if (fact.stale) notes.push(`${spec.label} collected ${ageDays} days before the assessment date (older than ${staleAfter} days): consider repeating`);
  if (notes.length > 0) fact.message = notes.join('. ');
  return fact;
}
