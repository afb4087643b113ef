/**
 * Unit sense for the intake form: a value implausible in the chosen unit but plausible in another
 * unit of the same analyte (or, for a percentage, as a fraction) is pointed out with the unit it
 * probably is. Never applied by itself: the clinician chooses. Pure; reads the lab dictionary only.
 */
import { ANALYTES, formatQuantity, judgeLab, toCanonical, type AnalyteId, type Unit } from '@/lib/rules';

export interface UnitSuggestion {
  /** The unit the value is plausible in. */
  unit: Unit;
  /** One line the clinician reads, e.g. "129 g/dL is implausible; as 129 g/L it is 12.9 g/dL". */
  message: string;
}

/** "0.18 %" → "0.18%", "129 g/dL" stays: the same spelling as the engine's quantities. */
const show = (value: number, unit: string, qualifier: '<' | '>' | null) => formatQuantity(value, unit, qualifier, 4);

function judged(analyte: AnalyteId, value: number, unit: Unit, qualifier: '<' | '>' | null) {
  return judgeLab({ analyte, value, unit, ...(qualifier ? { qualifier } : {}) }, null).status;
}

/**
 * The other unit a typed value probably is in, or null when the value is plausible as typed (or in
 * no unit of the analyte). `value` is the number as typed, without its < or > qualifier.
 */
export function suggestUnit(analyte: AnalyteId, value: number, unit: string, qualifier: '<' | '>' | null = null): UnitSuggestion | null {
  const spec = ANALYTES[analyte];
  const chosen = spec.units.find((u) => u.unit === unit);
  if (!chosen || !Number.isFinite(value)) return null;
  const status = judged(analyte, value, chosen.unit, qualifier);
  // A fraction typed into a percentage field (TSAT 0.18 "%") is accepted by the bounds but is
  // almost certainly 18 %: no transferrin saturation is below 1 %.
  const fractionLike = chosen.unit === '%' && value > 0 && value < 1 && spec.units.some((u) => u.unit === 'fraction');
  if (status === 'accepted' && !fractionLike) return null;
  const canonical = (u: Unit) => formatQuantity(toCanonical(analyte, value, u), spec.canonicalUnit, qualifier);
  for (const other of spec.units) {
    if (other.unit === chosen.unit || judged(analyte, value, other.unit, qualifier) !== 'accepted') continue;
    const as = other.unit === 'fraction' ? `as a fraction it is ${canonical(other.unit)}` : other.unit === spec.canonicalUnit ? `in ${other.unit} it is plausible` : `as ${show(value, other.unit, qualifier)} it is ${canonical(other.unit)}`;
    const why = status === 'rejected' ? 'is outside the accepted range' : status === 'verify' ? 'is outside the usual range' : 'is implausible as a percentage';
    return { unit: other.unit, message: `${spec.label} ${show(value, chosen.unit, qualifier)} ${why}; ${as}` };
  }
  return null;
}
