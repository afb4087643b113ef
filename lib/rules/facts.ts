/**
 * Typed facts the rules read, built once from a validated input: judged labs, derived values
 * (eGFR, TSAT), patient context with any assumption stated, and the matched medication list.
 */
import { ANALYTES, type AnalyteId, type Unit } from './analytes';
import { ckdEpi2021, gfrCategory, trimesterOf } from './derived';
import { cmp, div, mul, rationalOf, staticRational, toNumber, type Rational } from './exact';
import { formatNumber, formatQuantity } from './format';
import type { TEvaluationInput } from './input';
import { addDays, daysBetween, judgeLab, type LabContext, type LabFact } from './labs';
import { matchMedications, type MedicationMatch } from './medications';
import type { FreeT4Class, TshPosition } from './types';

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
  /**
   * The canonical value as an exact rational, where a conversion or a division made the float inexact
   * (TSAT); read through `exactOf`, which computes it on first use (BigInt arithmetic is not free).
   */
  exact: Rational | null | undefined;
  /** The result a quantity was read from (null for derived values). */
  source: LabFact | null;
  /** The date the value counts as collected on (G6), or null without an assessment date. */
  effectiveDate: string | null;
  /** G6: older than its maximum age, or from before the pregnancy; used only towards a flag, never as normal. */
  stale: boolean;
  staleText: string | null;
  /** Completed weeks of pregnancy at collection (G6: trimester cut-offs use the week at collection), when known. */
  gestationalWeeks: number | null;
  /** Trace texts, filled on first use within one evaluation (declared up front: one object shape). */
  receivedNative: string | undefined;
  receivedCanonical: string | undefined;
  receivedDerived: string | undefined;
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
  /** null when unknown (G8: never assumed). */
  pregnant: boolean | null;
  /** Completed weeks on the assessment date, when given and within 0–44. */
  weeks: number | null;
  trimester: 1 | 2 | 3 | null;
  /** Estimated start of the pregnancy (asOf − 7 × weeks), when known. */
  start: string | null;
}

/** The free T4 read with the TSH in use (§1.5, G6 pairing within ±7 days). */
export interface FreeT4Reading {
  class: FreeT4Class;
  /** "free T4 1.2 ng/dL (in range 0.8–1.8 ng/dL, default)" or why it is missing/unclassified. */
  text: string;
}

export interface Facts {
  asOf: string | null;
  input: TEvaluationInput;
  /** The result in use per analyte: the most recent usable one (G6), else the most recent given. */
  labs: Partial<Record<AnalyteId, LabFact>>;
  /** Every result given, in input order (history included). */
  allLabs: LabFact[];
  /** Usable quantities by analyte (accepted or verify), including derived eGFR and TSAT. */
  quantities: Partial<Record<AnalyteId, Quantity>>;
  derived: { egfr?: DerivedValue; tsat?: DerivedValue };
  pregnancy: Pregnancy;
  medications: MedicationMatch[];
  /** Every ingredient recognised on the list (for medication leaves, read many times per evaluation). */
  ingredients: ReadonlySet<string>;
  medicationListKnown: boolean;
  /** Assumptions made for unrecorded history while evaluating (filled by the condition evaluator). */
  assumptions: Set<string>;
  /** Input messages that concern more than one lab (TSAT vs iron/TIBC, eGFR vs creatinine). */
  crossChecks: Partial<Record<AnalyteId, string>>;
  freeT4: FreeT4Reading;
  tsh: TshReading;
  /** Statements about the inputs for the clinician to read first (pairing, ignored fields, K-2d/K-2p). */
  notices: string[];
}

/** §1.5 TSH limits (mIU/L) when the lab gives no interval [S12]; pregnancy [S31]: upper 4.0, no lower limit before week 14. */
export const TSH_DEFAULT_LIMITS = { low: 0.4, high: 4.5, pregnancyHigh: 4.0, pregnancyLowFromWeek: 14 } as const;

/** Where the TSH in use lies against the limits that apply to this patient (§1.5, T-1…T-4), read once per evaluation. */
export interface TshReading {
  /** null when there is no usable TSH, or a censored one does not settle the limits. */
  position: TshPosition | null;
  why: 'missing' | 'rejected' | 'censored' | null;
  stale: boolean;
  staleText: string | null;
  entered: string | null;
  canonical: string | null;
  /** The limit crossed, or the interval it lies in: "> 4.5 mIU/L", "within 0.4–4.5 mIU/L (lab reference interval)". */
  threshold: string;
  received: string | null;
}

/** §1.5 defaults when the lab gives no free T4 interval (method-dependent [NV]). */
export const FREE_T4_DEFAULT_RANGE: Readonly<Partial<Record<Unit, { low: number; high: number }>>> = {
  'ng/dL': { low: 0.8, high: 1.8 },
  'pmol/L': { low: 10, high: 23 },
};
/** G6 pairing windows (days either side). */
export const PAIRING_DAYS = 7;

const usable = (lab: LabFact | undefined): lab is LabFact => lab !== undefined && lab.status !== 'rejected';

/** The value in the canonical unit as an exact rational (null when entered in the canonical unit or converted with an offset). */
function exactCanonical(lab: LabFact): Rational | null {
  if (lab.unit === null || lab.unit === lab.canonicalUnit) return null;
  const conv = ANALYTES[lab.analyte].units.find((u) => u.unit === lab.unit)?.toCanonical;
  if (!conv || conv.offset !== undefined) return null;
  return mul(rationalOf(lab.value), staticRational(conv.factor));
}


const exactValue = (lab: LabFact): Rational => exactCanonical(lab) ?? rationalOf(lab.canonicalValue);

/** The quantity's exact canonical value, or null when the float is exact enough (entered in the canonical unit). */
export function exactOf(q: Quantity): Rational | null {
  if (q.exact === undefined) q.exact = q.source ? exactCanonical(q.source) : null;
  return q.exact;
}

function quantityOf(lab: LabFact, pregnancy: Pregnancy): Quantity {
  return {
    analyte: lab.analyte, label: lab.label, value: lab.value, unit: lab.unit as Unit, qualifier: lab.qualifier,
    canonicalValue: lab.canonicalValue, canonicalUnit: lab.canonicalUnit, entered: lab.entered, canonical: lab.canonical,
    conversion: lab.conversion, derivedFrom: null, referenceRange: lab.referenceRange, exact: undefined, source: lab,
    effectiveDate: lab.effectiveDate, stale: lab.stale, staleText: lab.staleText,
    gestationalWeeks: pregnancy.weeks !== null && lab.ageDays !== null ? Math.floor((7 * pregnancy.weeks - lab.ageDays) / 7) : pregnancy.weeks,
    receivedNative: undefined, receivedCanonical: undefined, receivedDerived: undefined,
  };
}

function derivedQuantity(analyte: AnalyteId, value: number, qualifier: '<' | '>' | null, derivedFrom: string, from: readonly LabFact[], exact: Rational | null): Quantity {
  const spec = ANALYTES[analyte];
  const text = formatQuantity(value, spec.canonicalUnit, qualifier, 1);
  // A derived value is as old as its oldest input.
  const oldest = from.reduce((a, b) => ((a.ageDays ?? 0) >= (b.ageDays ?? 0) ? a : b));
  const staleOne = from.find((f) => f.stale);
  return {
    analyte, label: spec.label, value, unit: spec.canonicalUnit, qualifier, canonicalValue: value, canonicalUnit: spec.canonicalUnit,
    entered: text, canonical: text, conversion: null, derivedFrom, referenceRange: null, exact, source: null,
    effectiveDate: oldest.effectiveDate, stale: staleOne !== undefined, staleText: staleOne ? `${staleOne.label} ${staleOne.staleText}` : null, gestationalWeeks: null,
    receivedNative: undefined, receivedCanonical: undefined, receivedDerived: undefined,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
/** A censored creatinine bounds eGFR the other way round (eGFR falls as creatinine rises). */
const flip = (q: '<' | '>' | null): '<' | '>' | null => (q === '<' ? '>' : q === '>' ? '<' : null);

function pregnancyOf(input: TEvaluationInput, asOf: string | null, notices: string[]): Pregnancy {
  const { sex, pregnant, pregnancyWeeks } = input.patient;
  if (pregnancyWeeks != null && pregnant !== true) {
    notices.push(`Weeks of pregnancy (${pregnancyWeeks}) given without pregnancy recorded as yes: ignored; verification is suggested (G8)`);
  }
  if (sex === 'male') return { pregnant: false, weeks: null, trimester: null, start: null };
  if (pregnant !== true) return { pregnant: pregnant === false ? false : null, weeks: null, trimester: null, start: null };
  let weeks: number | null = null;
  if (pregnancyWeeks != null) {
    if (pregnancyWeeks >= 0 && pregnancyWeeks <= 44) weeks = pregnancyWeeks;
    else notices.push(`Weeks of pregnancy ${pregnancyWeeks} are outside 0–44: not used, weeks read as unknown (§1.7)`);
  }
  return {
    pregnant: true, weeks, trimester: weeks !== null ? trimesterOf(weeks) : null,
    start: weeks !== null && asOf ? addDays(asOf, -7 * weeks) : null,
  };
}

/** Of several results of one analyte, the most recent usable (not rejected) one; current ones first (G6). */
function pickInUse(results: readonly LabFact[]): LabFact {
  let best: LabFact | undefined;
  const rank = (f: LabFact) => (f.status === 'rejected' ? 0 : f.stale ? 1 : 2);
  for (const f of results) {
    if (!best) { best = f; continue; }
    const r = rank(f) - rank(best);
    if (r > 0 || (r === 0 && (f.effectiveDate ?? '') > (best.effectiveDate ?? ''))) best = f;
  }
  return best!;
}

const within = (a: string | null, b: string | null, days: number) => a === null || b === null || Math.abs(daysBetween(a, b)) <= days;

function describeRange(r: { low: number; high: number }, unit: Unit): string {
  return `${formatNumber(r.low)}–${formatQuantity(r.high, unit)}`;
}

/** §1.5: the free T4 paired with the TSH in use, classified (lab range, else default; in pregnancy only a lab range). */
function readFreeT4(quantities: Facts['quantities'], labs: Facts['labs'], pregnancy: Pregnancy): FreeT4Reading {
  const ft4 = quantities['free-t4'];
  if (!ft4) return { class: 'missing', text: labs['free-t4']?.status === 'rejected' ? 'free T4 rejected' : 'free T4 not given' };
  if (ft4.stale) return { class: 'missing', text: `free T4 ${ft4.entered} not current (${ft4.staleText})` };
  const tsh = quantities.tsh;
  if (tsh && !within(tsh.effectiveDate, ft4.effectiveDate, PAIRING_DAYS)) {
    return { class: 'missing', text: `free T4 of ${ft4.effectiveDate} is more than ${PAIRING_DAYS} days from the TSH of ${tsh.effectiveDate}: not paired` };
  }
  const lab = ft4.referenceRange;
  let range: { low: number; high: number } | null = null;
  let source = '';
  if (lab && lab.low !== null && lab.high !== null) { range = { low: lab.low, high: lab.high }; source = 'lab range'; }
  else if (pregnancy.pregnant !== true) { const d = FREE_T4_DEFAULT_RANGE[ft4.unit]; if (d) { range = d; source = 'default range'; } }
  if (!range) return { class: 'unclassified', text: `free T4 ${ft4.entered} unclassified (pregnancy: a trimester-specific lab range is needed)` };
  const v = ft4.value;
  const lowNormalTop = range.low + (range.high - range.low) / 4;
  let cls: FreeT4Class;
  if (ft4.qualifier === '<') cls = v <= range.low ? 'low' : 'unclassified';
  else if (ft4.qualifier === '>') cls = v >= range.high ? 'high' : 'unclassified';
  else cls = v < range.low ? 'low' : v > range.high ? 'high' : v < lowNormalTop ? 'low-normal' : 'in-range';
  const rangeText = describeRange(range, ft4.unit);
  const word = cls === 'low-normal' ? `low-normal: lowest quarter of ${rangeText}` : cls === 'in-range' ? `in range ${rangeText}` : `${cls}; ${source} ${rangeText}`;
  return { class: cls, text: `free T4 ${ft4.entered} (${cls === 'low-normal' || cls === 'in-range' ? `${word}, ${source}` : word})` };
}

/** Builds the facts for one evaluation. Pure: `asOf` comes from the input or the caller. */
export function buildFacts(input: TEvaluationInput, asOf: string | null): Facts {
  const notices: string[] = [];
  const pregnancy = pregnancyOf(input, asOf, notices);
  const ctx: LabContext = { asOf, pregnancyStart: pregnancy.start, pregnant: pregnancy.pregnant === true };
  const allLabs = input.labs.map((lab) => judgeLab(lab, ctx));
  const labs: Partial<Record<AnalyteId, LabFact>> = {};
  // Usually one result per analyte; several (G6) are grouped only when they occur.
  let repeated: Map<AnalyteId, LabFact[]> | null = null;
  for (const f of allLabs) {
    const first = labs[f.analyte];
    if (!first) { labs[f.analyte] = f; continue; }
    repeated ??= new Map();
    const list = repeated.get(f.analyte);
    if (list) list.push(f);
    else repeated.set(f.analyte, [first, f]);
  }
  if (repeated) for (const [analyte, results] of repeated) labs[analyte] = pickInUse(results);
  const quantities: Partial<Record<AnalyteId, Quantity>> = {};
  for (const f of Object.values(labs)) if (usable(f)) quantities[f.analyte] = quantityOf(f, pregnancy);
  const undated = allLabs.filter((f) => f.collectedOn === null && f.status !== 'rejected');
  if (asOf && undated.length > 0) {
    notices.push(`Collection date not given for ${undated.map((f) => f.label).join(', ')}: taken as the assessment date ${asOf} (G6)`);
  }

  const derived: Facts['derived'] = {};
  const crossChecks: Facts['crossChecks'] = {};
  const { ageYears, sex, dialysis } = input.patient;
  const onDialysis = dialysis === 'hemodialysis' || dialysis === 'peritoneal';

  // eGFR: never on dialysis (K-2d) or in pregnancy (K-2p); otherwise the reported value, or CKD-EPI 2021 from creatinine.
  const creatinine = labs.creatinine;
  if (onDialysis || pregnancy.pregnant === true) {
    const why = onDialysis ? 'on dialysis (K-2d)' : 'in pregnancy (K-2p)';
    if (quantities.egfr) notices.push(`Reported eGFR ${quantities.egfr.entered} not used ${why}`);
    else if (usable(creatinine)) notices.push(`eGFR not computed ${why}`);
    quantities.egfr = undefined; // not `delete`: it turns the object into a slow dictionary
  } else if (usable(creatinine) && ageYears >= 18) {
    const egfr = ckdEpi2021({ creatinineMgDl: creatinine.canonicalValue, ageYears, sex });
    const qualifier = flip(creatinine.qualifier);
    derived.egfr = { value: round1(egfr), unrounded: egfr, qualifier, computed: true, equation: 'CKD-EPI 2021' };
    const reported = quantities.egfr;
    if (!reported) {
      quantities.egfr = derivedQuantity('egfr', egfr, qualifier, `CKD-EPI 2021 from creatinine ${creatinine.canonical}, ${sex}, ${ageYears} y`, [creatinine], null);
    } else {
      derived.egfr.note = 'the reported eGFR is used; the computed value is shown for comparison';
      const discordant = egfrDiscordance(reported, egfr, qualifier);
      if (discordant) crossChecks.egfr = discordant;
    }
  } else if (quantities.egfr) {
    const q = quantities.egfr;
    derived.egfr = { value: round1(q.value), unrounded: q.value, qualifier: q.qualifier, computed: false, equation: 'as reported' };
  }

  // TSAT: iron ÷ TIBC × 100 from same-date results (G6), decided in exact arithmetic; a reported TSAT is used and cross-checked.
  const iron = labs.iron;
  const tibc = labs.tibc;
  if (usable(iron) && usable(tibc)) {
    const qualifier = tsatQualifier(iron.qualifier, tibc.qualifier);
    if (iron.effectiveDate !== tibc.effectiveDate) {
      notices.push(`Serum iron (${iron.effectiveDate}) and TIBC (${tibc.effectiveDate}) are from different dates: TSAT not computed (G6)`);
    } else if (qualifier !== undefined) {
      const exact = mul(div(exactValue(iron), exactValue(tibc)), { n: 100n, d: 1n });
      // Display value from the exact quotient: 22.5 ÷ 50 × 100 shows and compares as 45, not 44.99999999999999.
      const tsat = toNumber(exact);
      const reported = quantities.tsat;
      if (!reported) {
        derived.tsat = { value: round1(tsat), unrounded: tsat, qualifier, computed: true, equation: 'serum iron ÷ TIBC × 100' };
        if (cmp(exact, { n: 100n, d: 1n }) <= 0 || qualifier === '<') {
          quantities.tsat = derivedQuantity('tsat', tsat, qualifier, `serum iron ${iron.canonical} ÷ TIBC ${tibc.canonical} × 100`, [iron, tibc], exact);
        } else crossChecks.tibc = `Serum iron ${iron.entered} exceeds TIBC ${tibc.entered} (computed TSAT ${formatNumber(tsat, 1)}%): verification of both values is suggested`;
      } else {
        derived.tsat = { value: round1(reported.canonicalValue), unrounded: reported.canonicalValue, qualifier: reported.qualifier, computed: false };
        if (reported.qualifier === null && qualifier === null && Math.abs(reported.canonicalValue - tsat) > 1) {
          // Reported TSAT is usually rounded to a whole percent: more than 1 point apart is a real disagreement.
          crossChecks.tsat = `TSAT ${reported.entered} disagrees with serum iron ÷ TIBC = ${formatNumber(tsat, 1)}%: verification of the three values is suggested (the reported TSAT is used)`;
        }
      }
    }
  }
  if (!derived.tsat && quantities.tsat) {
    const q = quantities.tsat;
    derived.tsat = { value: round1(q.canonicalValue), unrounded: q.canonicalValue, qualifier: q.qualifier, computed: false };
  }

  // G6 pairing: CRP reads ferritin only within ±7 days.
  const crp = quantities.crp;
  const ferritin = quantities.ferritin;
  if (crp && ferritin && !within(crp.effectiveDate, ferritin.effectiveDate, PAIRING_DAYS)) {
    notices.push(`CRP of ${crp.effectiveDate} is more than ${PAIRING_DAYS} days from the ferritin of ${ferritin.effectiveDate}: not used to read ferritin (G6)`);
    quantities.crp = undefined;
  }

  const freeT4 = readFreeT4(quantities, labs, pregnancy);
  const tsh = readTsh(quantities, labs, pregnancy);
  if (quantities['free-t4'] && freeT4.class === 'missing') notices.push(capitalise(freeT4.text));

  const { noneTaken, entries } = input.medications;
  const lines = entries.filter((e) => e.trim() !== '');
  const medications = matchMedications(lines);
  const ingredients = new Set<string>();
  for (const m of medications) for (const g of m.ingredients) ingredients.add(g);
  return {
    asOf, input, labs, allLabs, quantities, derived, crossChecks, assumptions: new Set(), freeT4, tsh, notices,
    pregnancy, medications, ingredients,
    medicationListKnown: noneTaken || lines.length > 0,
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * §1.5: the TSH against the lab's interval when given, else 0.4–4.5 mIU/L; in pregnancy an upper limit
 * of 4.0 and, before week 14 at collection (or weeks unknown), no lower limit: a TSH below 0.4 (or the
 * lab's low) there is `low-first-trimester` (T-2d). An omitted pregnancy uses the non-pregnant limits (G8).
 */
function readTsh(quantities: Facts['quantities'], labs: Facts['labs'], pregnancy: Pregnancy): TshReading {
  const q = quantities.tsh;
  const D = TSH_DEFAULT_LIMITS;
  if (!q) {
    return { position: null, why: labs.tsh?.status === 'rejected' ? 'rejected' : 'missing', stale: false, staleText: null, entered: null, canonical: null, threshold: DEFAULT_TSH_INTERVAL, received: null };
  }
  const lab = q.referenceRange;
  const pregnant = pregnancy.pregnant === true;
  const weeks = q.gestationalWeeks;
  const early = pregnant && (weeks === null || weeks < D.pregnancyLowFromWeek);
  const high = lab?.high ?? (pregnant ? D.pregnancyHigh : D.high);
  const low = lab?.low ?? (early ? null : D.low);
  const earlyLow = lab?.low ?? D.low;
  const aboveHigh = tshSide(q, '>', high);
  let position: TshPosition | null = null;
  let threshold: string;
  const belowLow = aboveHigh === true ? false : low !== null ? tshSide(q, '<', low) : early ? tshSide(q, '<', earlyLow) : false;
  if (aboveHigh === true) { position = 'above'; threshold = `> ${formatQuantity(high, q.unit)}${tshSource(lab?.high != null, pregnant)}`; }
  else if (belowLow === true && early && low === null) { position = 'low-first-trimester'; threshold = `< ${formatQuantity(earlyLow, q.unit)} (first trimester or weeks unknown: no lower limit)`; }
  else if (belowLow === true) { position = 'below'; threshold = `< ${formatQuantity(low ?? earlyLow, q.unit)}${tshSource(lab?.low != null, pregnant)}`; }
  else if (aboveHigh === null || belowLow === null) threshold = `censored ${q.entered} does not settle the limits`;
  else { position = 'within'; threshold = `within ${low === null ? 'no lower limit' : formatNumber(low)}–${formatQuantity(high, q.unit)}${tshSource(lab != null, pregnant)}`; }
  return { position, why: position === null ? 'censored' : null, stale: q.stale, staleText: q.staleText, entered: q.entered, canonical: q.canonical, threshold, received: q.entered };
}

const DEFAULT_TSH_INTERVAL = `within ${TSH_DEFAULT_LIMITS.low}–${TSH_DEFAULT_LIMITS.high} mIU/L`;
const tshSource = (fromLab: boolean, pregnant: boolean) => (fromLab ? ' (lab reference interval)' : pregnant ? ' (pregnancy)' : '');

/** Whether the TSH lies beyond a limit; null when a censored value straddles it (G7). */
function tshSide(q: Quantity, op: '<' | '>', limit: number): boolean | null {
  const sign = Math.sign(q.value - limit);
  if (q.qualifier === null) return op === '>' ? sign > 0 : sign < 0;
  if (q.qualifier === '<') return op === '<' ? (sign <= 0 ? true : null) : sign <= 0 ? false : null;
  return op === '>' ? (sign >= 0 ? true : null) : sign >= 0 ? false : null;
}

/** TSAT's censoring from iron's and TIBC's (TIBC bounds it the other way); undefined when the two conflict. */
function tsatQualifier(iron: '<' | '>' | null, tibc: '<' | '>' | null): '<' | '>' | null | undefined {
  const t = flip(tibc);
  if (iron === null) return t;
  if (t === null || t === iron) return iron;
  return undefined;
}

/**
 * A reported eGFR is compared with CKD-EPI 2021 from the creatinine: a different KDIGO category, or more
 * than 10 % (at least 5 mL/min/1.73 m²) apart, is stated (labs may report MDRD or CKD-EPI 2009).
 */
function egfrDiscordance(reported: Quantity, computed: number, computedQualifier: '<' | '>' | null): string | null {
  if (computedQualifier !== null) return null;
  const shown = `${formatNumber(computed, 1)} mL/min/1.73 m²`;
  if (reported.qualifier === '>') {
    return computed < reported.value ? `Reported eGFR ${reported.entered} disagrees with CKD-EPI 2021 from the creatinine (${shown}): verification is suggested (the reported eGFR is used)` : null;
  }
  if (reported.qualifier === '<') {
    return computed > reported.value ? `Reported eGFR ${reported.entered} disagrees with CKD-EPI 2021 from the creatinine (${shown}): verification is suggested (the reported eGFR is used)` : null;
  }
  const apart = Math.abs(reported.value - computed);
  if (gfrCategory(reported.value) !== gfrCategory(computed) || apart > Math.max(5, computed * 0.1)) {
    return `Reported eGFR ${reported.entered} (${gfrCategory(reported.value)}) disagrees with CKD-EPI 2021 from the creatinine (${shown}, ${gfrCategory(computed)}): verification is suggested (the reported eGFR is used; labs may report another equation)`;
  }
  return null;
}
