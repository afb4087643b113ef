/**
 * Three-valued evaluation of condition trees (met / not-met / unknown) with a trace entry for every
 * leaf. Unknown is never read as normal: it carries why (missing, rejected, censored, history).
 */
import { ANALYTES, type AnalyteId, type Unit } from './analytes';
import { trimesterOf } from './derived';
import { cmp, staticRational } from './exact';
import { exactOf, type Facts, type Quantity } from './facts';
import { formatQuantity } from './format';
import type { CompareOp, Condition, LabLeaf, PatientLeaf, UnitThresholds } from './types';

export type Outcome = 'met' | 'not-met' | 'unknown';
/** `stale` (G6): a result older than its maximum age decides only towards a flag; it never shows normality. */
export type UnknownReason = 'missing' | 'rejected' | 'censored' | 'history' | 'stale';

export interface ConditionTrace {
  /** e.g. "lab.ferritin", "patient.dialysis", "medications". */
  fact: string;
  operator: string;
  expected: string;
  /** What the rule saw, as entered and as compared (with conversion), or null when absent. */
  received: string | null;
  outcome: Outcome;
  /** Assumption applied, or why the outcome is unknown. */
  note: string | null;
  /** For lab leaves: the analyte and the threshold text, for the basis shown with a flag. */
  analyte?: AnalyteId;
  entered?: string;
  canonical?: string;
  threshold?: string;
  /** G6: the result is stale; the text gives its date and age. */
  stale?: string;
  /** False when the leaf sits in a branch that does not apply to this patient (a cut-off for the other sex). */
  applies?: boolean;
}

export interface ConditionResult {
  outcome: Outcome;
  reasons: ReadonlySet<UnknownReason>;
  /** Met only through a stale result (G6). */
  stale?: boolean;
}

/**
 * Every trace entry is built here, with every field in the same order: one object shape keeps the
 * property reads of the summary, basis and view code monomorphic (V8), and JSON drops the undefined ones.
 */
function entry(
  fact: string, operator: string, expected: string, received: string | null, outcome: Outcome, note: string | null,
  analyte?: AnalyteId, entered?: string, canonical?: string, threshold?: string, stale?: string,
): ConditionTrace {
  return { fact, operator, expected, received, outcome, note, analyte, entered, canonical, threshold, stale, applies: undefined };
}

const NONE: ReadonlySet<UnknownReason> = new Set();
const result = (outcome: Outcome, reasons: ReadonlySet<UnknownReason> = NONE): ConditionResult => ({ outcome, reasons });
// Shared, never mutated: leaves return these instead of allocating.
const MET = result('met');
const NOT_MET = result('not-met');
const UNKNOWN_MISSING = result('unknown', new Set(['missing']));
const UNKNOWN_REJECTED = result('unknown', new Set(['rejected']));
const UNKNOWN_CENSORED = result('unknown', new Set(['censored']));
const UNKNOWN_HISTORY = result('unknown', new Set(['history']));
const UNKNOWN_STALE = result('unknown', new Set(['stale']));
const MET_STALE: ConditionResult = { outcome: 'met', reasons: NONE, stale: true };

const compare = (a: number, op: CompareOp, b: number): boolean =>
  op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;

/**
 * `sign` is the sign of (value − threshold). A censored value (<v or >v) decides a comparison only when
 * every value it allows lands on the same side (G7): ferritin "<5" satisfies ≤ 75; eGFR ">90" does not
 * satisfy < 60; eGFR ">45" vs < 60 is unknown.
 */
function compareCensored(sign: number, qualifier: '<' | '>' | null, op: CompareOp): Outcome {
  if (qualifier === null) {
    const met = op === '<' ? sign < 0 : op === '<=' ? sign <= 0 : op === '>' ? sign > 0 : sign >= 0;
    return met ? 'met' : 'not-met';
  }
  if (qualifier === '<') {
    // True value x < value: every x is below the threshold when value ≤ threshold.
    if (op === '<' || op === '<=') return sign <= 0 ? 'met' : 'unknown';
    return sign <= 0 ? 'not-met' : 'unknown';
  }
  // True value x > value.
  if (op === '>' || op === '>=') return sign >= 0 ? 'met' : 'unknown';
  return sign >= 0 ? 'not-met' : 'unknown';
}

/** "≤ 75 ng/mL", or "≤ 8 mg/L (lab reference interval)". */
function describeThreshold(leaf: LabLeaf, n: number, unit: Unit, fromReference: boolean): string {
  const sym = leaf.op === '<=' ? '≤' : leaf.op === '>=' ? '≥' : leaf.op;
  return `${sym} ${formatQuantity(n, unit)}${fromReference ? ' (lab reference interval)' : ''}`;
}

/** "180 ng/mL; compared as entered", built once per quantity and comparison unit. */
function receivedText(q: Quantity, comparedUnit: Unit): string {
  if (q.derivedFrom) return (q.receivedDerived ??= `${q.entered} (${q.derivedFrom})`);
  if (comparedUnit === q.unit) return (q.receivedNative ??= `${q.entered}; compared as entered`);
  return (q.receivedCanonical ??= `${q.entered}; compared as ${q.canonical} (${q.conversion ?? 'converted'})`);
}

// The comparison chosen by `pickComparison`, in module scope: evaluateLab runs dozens of times per
// evaluation and an object per call was measurable garbage.
let pickUnit: Unit = 'ng/mL';
let pickThreshold = 0;
let pickFromReference = false;
let pickSign = 0;

/**
 * Chooses the threshold and the value to compare (native unit if the source publishes one, else
 * canonical) into the `pick*` variables; false when no threshold fits.
 */
function pickComparison(q: Quantity, leaf: LabLeaf): boolean {
  const ref = leaf.reference && q.referenceRange ? q.referenceRange[leaf.reference] : null;
  // The lab's own interval is in the unit the result was reported in.
  if (ref !== null && ref !== undefined) { pickUnit = q.unit; pickThreshold = ref; pickFromReference = true; pickSign = Math.sign(q.value - ref); return true; }
  const t: UnitThresholds | undefined = leaf.threshold;
  if (!t) return false;
  const native = t[q.unit];
  if (native !== undefined && !q.derivedFrom) { pickUnit = q.unit; pickThreshold = native; pickFromReference = false; pickSign = Math.sign(q.value - native); return true; }
  const canonical = t[q.canonicalUnit];
  if (canonical === undefined) return false;
  // A converted or computed value is compared exactly (iron 22.5 ÷ TIBC 50 × 100 is 45, not 44.99999999999999).
  pickUnit = q.canonicalUnit; pickThreshold = canonical; pickFromReference = false;
  const exact = exactOf(q);
  pickSign = exact ? cmp(exact, staticRational(canonical)) : Math.sign(q.canonicalValue - canonical);
  return true;
}

/** What a lab leaf needs that does not change between evaluations, computed once per leaf. */
interface LabLeafInfo {
  spec: (typeof ANALYTES)[AnalyteId];
  fact: string;
  defaultExpected: string;
  missingNote: string;
  rejectedNote: string;
  /** "≤ 75 ng/mL" per unit compared in (rules are static data), filled on first use. */
  thresholdText: Map<Unit, string>;
}

function thresholdTextOf(info: LabLeafInfo, leaf: LabLeaf, unit: Unit, n: number): string {
  let text = info.thresholdText.get(unit);
  if (text === undefined) info.thresholdText.set(unit, (text = describeThreshold(leaf, n, unit, false)));
  return text;
}

function labLeafInfo(leaf: LabLeaf): LabLeafInfo {
  const spec = ANALYTES[leaf.lab];
  const canonicalT = leaf.threshold?.[spec.canonicalUnit];
  const canonicalText = canonicalT !== undefined ? describeThreshold(leaf, canonicalT, spec.canonicalUnit, false) : null;
  return {
    spec,
    fact: `lab.${leaf.lab}`,
    defaultExpected: canonicalText ?? `${leaf.op} reference ${leaf.reference}`,
    missingNote: `${spec.label} not given`,
    rejectedNote: `${spec.label} was rejected and is not used`,
    thresholdText: canonicalText !== null ? new Map([[spec.canonicalUnit, canonicalText]]) : new Map(),
  };
}

function evaluateLab(leaf: LabLeaf, info: LabLeafInfo, facts: Facts, trace: ConditionTrace[]): ConditionResult {
  const q = facts.quantities[leaf.lab];
  if (!q) {
    const rejected = facts.labs[leaf.lab]?.status === 'rejected';
    trace.push(entry(info.fact, leaf.op, info.defaultExpected, null, 'unknown', rejected ? info.rejectedNote : info.missingNote, leaf.lab, undefined, undefined, info.defaultExpected));
    return rejected ? UNKNOWN_REJECTED : UNKNOWN_MISSING;
  }
  if (!pickComparison(q, leaf)) {
    trace.push(entry(info.fact, leaf.op, info.defaultExpected, q.entered, 'unknown', 'no threshold for this unit', leaf.lab));
    return UNKNOWN_MISSING;
  }
  const compared = compareCensored(pickSign, q.qualifier, leaf.op);
  const threshold = pickFromReference ? describeThreshold(leaf, pickThreshold, pickUnit, true) : thresholdTextOf(info, leaf, pickUnit, pickThreshold);
  // G6: a stale result decides only towards a flag; "not met" from it is unknown (never shown as normal).
  const outcome: Outcome = q.stale && compared === 'not-met' ? 'unknown' : compared;
  trace.push(entry(
    info.fact, leaf.op, threshold, receivedText(q, pickUnit), outcome,
    compared === 'unknown' ? `censored result ${q.entered} does not decide ${threshold}` : q.stale ? `stale: ${q.staleText}` : null,
    leaf.lab, q.entered, q.canonical, threshold, q.stale ? q.staleText ?? 'stale' : undefined,
  ));
  if (compared === 'unknown') return UNKNOWN_CENSORED;
  if (q.stale) return compared === 'met' ? MET_STALE : UNKNOWN_STALE;
  return compared === 'met' ? MET : NOT_MET;
}

/** A patient leaf, compiled once: what it reads and what it expects are fixed; `read` gives 1 (holds), 0 (does not) or −1 (unknown). */
interface PatientReader {
  fact: string;
  expected: string;
  read: (facts: Facts) => 1 | 0 | -1;
  received: (facts: Facts) => string | null;
}

const yesNo = (known: boolean, holds: boolean): 1 | 0 | -1 => (known ? (holds ? 1 : 0) : -1);
const boolText = (v: boolean | null | undefined): string | null => (v == null ? null : v ? 'true' : 'false');

function patientReader(leaf: PatientLeaf): PatientReader {
  switch (leaf.patient) {
    case 'sex':
      return { fact: 'patient.sex', expected: leaf.is, read: (f) => (f.input.patient.sex === leaf.is ? 1 : 0), received: (f) => f.input.patient.sex };
    case 'ageYears':
      return {
        fact: 'patient.ageYears', expected: `${leaf.op} ${leaf.value}`,
        read: (f) => (compare(f.input.patient.ageYears, leaf.op, leaf.value) ? 1 : 0), received: (f) => String(f.input.patient.ageYears),
      };
    case 'pregnant':
      return {
        fact: 'patient.pregnant', expected: String(leaf.is),
        read: (f) => yesNo(f.pregnancy.pregnant !== null, f.pregnancy.pregnant === leaf.is), received: (f) => boolText(f.pregnancy.pregnant),
      };
    case 'trimester': {
      // Only a recorded pregnancy has a trimester; otherwise the leaf is simply not met (no assumption made).
      const trimesterOfLeaf = (f: Facts): number | null => {
        if (!leaf.atCollectionOf) return f.pregnancy.trimester;
        const weeks = f.quantities[leaf.atCollectionOf]?.gestationalWeeks ?? null;
        return weeks === null || weeks < 0 ? null : trimesterOf(weeks);
      };
      return {
        fact: 'patient.trimester', expected: `in ${leaf.in.join(', ')}`,
        read: (f) => {
          if (f.pregnancy.pregnant !== true) return 0;
          const t = trimesterOfLeaf(f);
          return t === null ? -1 : (leaf.in as readonly number[]).includes(t) ? 1 : 0;
        },
        received: (f) => {
          if (f.pregnancy.pregnant !== true) return 'not pregnant or status not recorded';
          const t = trimesterOfLeaf(f);
          if (t === null) return null;
          const weeks = leaf.atCollectionOf ? f.quantities[leaf.atCollectionOf]?.gestationalWeeks ?? null : null;
          return leaf.atCollectionOf && weeks !== null ? `${t} (week ${weeks} at collection)` : String(t);
        },
      };
    }
    case 'dialysis':
      return {
        fact: 'patient.dialysis', expected: leaf.onDialysis ? 'hemodialysis or peritoneal' : 'none',
        read: (f) => { const v = f.input.patient.dialysis; return v == null ? -1 : (v !== 'none') === leaf.onDialysis ? 1 : 0; },
        received: (f) => f.input.patient.dialysis ?? null,
      };
    case 'hyperglycemiaSymptoms':
      return {
        fact: 'patient.hyperglycemiaSymptoms', expected: leaf.is,
        read: (f) => { const v = f.input.patient.hyperglycemiaSymptoms; return v === 'yes' || v === 'no' ? (v === leaf.is ? 1 : 0) : -1; },
        received: (f) => f.input.patient.hyperglycemiaSymptoms ?? null,
      };
    case 'neuropathy':
      return {
        fact: 'patient.neuropathy', expected: leaf.is,
        read: (f) => {
          const v = f.input.patient.neuropathy;
          if (v !== 'present' && v !== 'absent') return -1;
          return leaf.is === 'examined' || v === leaf.is ? 1 : 0;
        },
        received: (f) => f.input.patient.neuropathy ?? null,
      };
    default: {
      const key = leaf.patient;
      return {
        fact: `patient.${key}`, expected: String(leaf.is),
        read: (f) => { const v = f.input.patient[key]; return v == null ? -1 : v === leaf.is ? 1 : 0; },
        received: (f) => boolText(f.input.patient[key]),
      };
    }
  }
}

/** How a patient fact reads to a clinician, in notices and summaries. */
export const PATIENT_FACT_LABELS: Readonly<Record<string, string>> = {
  sex: 'Sex', ageYears: 'Age', pregnant: 'Pregnancy status', trimester: 'Pregnancy trimester', dialysis: 'Dialysis status',
  knownDiabetes: 'Known diabetes', hyperglycemiaSymptoms: 'Hyperglycaemia symptoms', neuropathy: 'Neuropathy examination',
  activeCancerOrNeurotoxicChemo: 'Cancer or neurotoxic chemotherapy', autoimmuneOrInflammatoryDisease: 'Autoimmune or inflammatory disease',
};

function assumptionText(fact: string, because: string): string {
  return `${PATIENT_FACT_LABELS[fact.slice(8)] ?? fact.slice(8)} not recorded: ${because}`;
}

function evaluatePatient(leaf: PatientLeaf, reader: PatientReader, assumption: string | null, assumedNote: string | null, facts: Facts, trace: ConditionTrace[]): ConditionResult {
  const r = reader.read(facts);
  if (r !== -1) {
    trace.push(entry(reader.fact, 'is', reader.expected, reader.received(facts), r === 1 ? 'met' : 'not-met', null));
    return r === 1 ? MET : NOT_MET;
  }
  const ifUnknown = 'ifUnknown' in leaf ? leaf.ifUnknown : undefined;
  if (ifUnknown) {
    trace.push(entry(reader.fact, 'is', reader.expected, reader.received(facts), ifUnknown.assume ? 'met' : 'not-met', assumedNote));
    facts.assumptions.add(assumption!);
    return ifUnknown.assume ? MET : NOT_MET;
  }
  trace.push(entry(reader.fact, 'is', reader.expected, reader.received(facts), 'unknown', 'not recorded'));
  // An examination not documented is a missing finding (a workup item), not a gap in history.
  return leaf.patient === 'neuropathy' ? UNKNOWN_MISSING : UNKNOWN_HISTORY;
}

function evaluateMedication(leaf: Extract<Condition, { medications: unknown } | { medication: unknown }>, expected: string, facts: Facts, trace: ConditionTrace[]): ConditionResult {
  const meds = facts.medications;
  if ('medication' in leaf) {
    const any = leaf.medication.some((g) => facts.ingredients.has(g));
    const hit = any ? meds.filter((m) => m.ingredients.some((g) => leaf.medication.includes(g))) : NO_MATCHES;
    const outcome: Outcome = hit.length > 0 ? 'met' : facts.medicationListKnown ? 'not-met' : 'unknown';
    trace.push(entry('medications', 'includes', expected, hit.length > 0 ? hit.map((m) => m.input).join('; ') : null, outcome, outcome === 'unknown' ? 'medication list not recorded' : null));
    return outcome === 'met' ? MET : outcome === 'not-met' ? NOT_MET : UNKNOWN_MISSING;
  }
  if (!facts.medicationListKnown) {
    trace.push(entry('medications', leaf.medications, expected, null, 'unknown', 'medication list not recorded'));
    return UNKNOWN_MISSING;
  }
  if (leaf.medications === 'none-recognised') {
    const met = meds.length > 0 && meds.every((m) => m.status === 'unrecognized');
    trace.push(entry('medications', leaf.medications, expected, `${meds.length} line(s), ${meds.filter((m) => m.status === 'unrecognized').length} unrecognised`, met ? 'met' : 'not-met', null));
    return met ? MET : NOT_MET;
  }
  const hit = leaf.medications === 'any-flagged'
    ? meds.filter((m) => m.status === 'flagged')
    : meds.filter((m) => m.needsConfirmation || m.status === 'ambiguous' || m.status === 'unrecognized');
  const outcome: Outcome = hit.length > 0 ? 'met' : 'not-met';
  trace.push(entry('medications', leaf.medications, expected, hit.length > 0 ? hit.map((m) => `${m.input} → ${m.generic ?? m.status}`).join('; ') : `${meds.length} line(s), none matching`, outcome, null));
  return outcome === 'met' ? MET : NOT_MET;
}

const NO_MATCHES: readonly Facts['medications'][number][] = [];

export type Evaluator = (facts: Facts, trace: ConditionTrace[]) => ConditionResult;

const compiled = new WeakMap<Condition, Evaluator>();

/**
 * Rules are static data: each condition tree is turned once into a closure, so evaluation does not
 * re-inspect node shapes on every call.
 */
function compile(c: Condition): Evaluator {
  const hit = compiled.get(c);
  if (hit) return hit;
  let fn: Evaluator;
  if ('all' in c) {
    const children = c.all.map(compile);
    // Patient leaves that are not met make the branch inapplicable (e.g. the men's haemoglobin cut-off for a woman).
    const gates = c.all.map((child) => 'patient' in child && child.patient !== 'ageYears');
    fn = (facts, trace) => {
      let anyNotMet = false;
      let allMet = true;
      let gated = false;
      let ungated = false;
      let stale = false;
      const start = trace.length;
      // Allocated only when a child is unknown (most branches decide).
      let unknown: ConditionResult[] | null = null;
      for (let i = 0; i < children.length; i++) {
        const r = children[i]!(facts, trace);
        if (r.outcome === 'not-met') { anyNotMet = true; if (gates[i]) gated = true; }
        else if (r.outcome === 'unknown') { allMet = false; (unknown ??= []).push(r); if (gates[i]) ungated = true; }
        else if (r.stale) stale = true;
      }
      if (gated) for (let i = start; i < trace.length; i++) trace[i]!.applies = false;
      // A branch whose patient condition is unrecorded cannot run: its lab cut-offs are not this patient's either.
      else if (ungated) for (let i = start; i < trace.length; i++) if (trace[i]!.analyte) trace[i]!.applies = false;
      if (anyNotMet) return NOT_MET;
      if (allMet) return stale ? MET_STALE : MET;
      return unknownOf(unknown!);
    };
  } else if ('any' in c) {
    const children = c.any.map(compile);
    const alternatives = c.alternatives === true;
    fn = (facts, trace) => {
      let metCurrent = false;
      let metStale = false;
      let decided = 0;
      let blocking = 0;
      let unknown: ConditionResult[] | null = null;
      for (const child of children) {
        const r = child(facts, trace);
        if (r.outcome === 'met') { if (r.stale) metStale = true; else metCurrent = true; }
        if (r.outcome !== 'unknown') decided++;
        else {
          (unknown ??= []).push(r);
          // A child unknown because its test was not done, was rejected or is stale is a test not done.
          if (!r.reasons.has('missing') && !r.reasons.has('rejected') && !r.reasons.has('stale')) blocking++;
        }
      }
      if (metCurrent) return MET;
      if (metStale) return MET_STALE;
      if (unknown === null) return NOT_MET;
      // Alternative tests: when one was done and decided, a test not done does not block the answer.
      if (alternatives && decided > 0 && blocking === 0) return NOT_MET;
      return unknownOf(unknown);
    };
  } else if ('not' in c) {
    const child = compile(c.not);
    fn = (facts, trace) => {
      const r = child(facts, trace);
      // "Not (met through a stale result)" would read a stale value as normal: unknown instead (G6).
      if (r.outcome === 'met' && r.stale) return UNKNOWN_STALE;
      return r.outcome === 'unknown' ? r : r.outcome === 'met' ? NOT_MET : MET;
    };
  } else if ('lab' in c) {
    const info = labLeafInfo(c);
    fn = (facts, trace) => evaluateLab(c, info, facts, trace);
  } else if ('missing' in c) {
    const spec = ANALYTES[c.missing];
    const expected = `${spec.label} not given or rejected`;
    const fact = `lab.${c.missing}`;
    fn = (facts, trace) => {
      const q = facts.quantities[c.missing];
      trace.push(entry(fact, 'missing', expected, q ? q.entered : null, q ? 'not-met' : 'met', null));
      return q ? NOT_MET : MET;
    };
  } else if ('patient' in c) {
    const reader = patientReader(c);
    const ifUnknown = 'ifUnknown' in c ? c.ifUnknown : undefined;
    const assumption = ifUnknown ? assumptionText(reader.fact, ifUnknown.because) : null;
    const assumedNote = ifUnknown ? `not recorded: ${ifUnknown.because}` : null;
    fn = (facts, trace) => evaluatePatient(c, reader, assumption, assumedNote, facts, trace);
  } else if ('freeT4' in c) {
    const wanted = c.freeT4;
    const expected = wanted.join(' or ');
    fn = (facts, trace) => {
      const reading = facts.freeT4;
      const met = wanted.includes(reading.class);
      trace.push(entry('lab.free-t4', 'is', expected, reading.text, met ? 'met' : 'not-met', null));
      return met ? MET : NOT_MET;
    };
  } else if ('tsh' in c) {
    const wanted = c.tsh;
    const expected = wanted.join(' or ');
    fn = (facts, trace) => {
      const r = facts.tsh;
      if (r.position === null) {
        trace.push(entry('lab.tsh', 'position', expected, r.received, 'unknown', r.why === 'censored' ? r.threshold : r.why === 'rejected' ? 'TSH was rejected and is not used' : 'TSH not given', 'tsh', r.entered ?? undefined, undefined, r.threshold));
        return r.why === 'censored' ? UNKNOWN_CENSORED : r.why === 'rejected' ? UNKNOWN_REJECTED : UNKNOWN_MISSING;
      }
      const met = wanted.includes(r.position);
      // G6: a stale TSH decides only towards a flag.
      const outcome: Outcome = r.stale && !met ? 'unknown' : met ? 'met' : 'not-met';
      trace.push(entry('lab.tsh', 'position', expected, r.received, outcome, r.stale ? `stale: ${r.staleText}` : null, 'tsh', r.entered!, r.canonical!, r.threshold, r.stale ? r.staleText ?? 'stale' : undefined));
      if (r.stale) return met ? MET_STALE : UNKNOWN_STALE;
      return met ? MET : NOT_MET;
    };
  } else if ('undecided' in c) {
    const inner = compile(c.undecided);
    const expected = `undecided: ${ANALYTES[c.undecided.lab].label} ${c.undecided.op} threshold`;
    const fact = `lab.${c.undecided.lab}`;
    fn = (facts, trace) => {
      const r = inner(facts, []);
      const met = r.outcome === 'unknown' || r.stale === true;
      trace.push(entry(fact, 'undecided', expected, facts.quantities[c.undecided.lab]?.entered ?? null, met ? 'met' : 'not-met', null));
      return met ? MET : NOT_MET;
    };
  } else if ('notCurrent' in c) {
    const a = c.notCurrent;
    const expected = `${ANALYTES[a].label} not current (missing, rejected or stale)`;
    const fact = `lab.${a}`;
    fn = (facts, trace) => {
      const q = facts.quantities[a];
      const met = !q || q.stale;
      trace.push(entry(fact, 'not-current', expected, q ? `${q.entered}${q.stale ? ` (stale: ${q.staleText})` : ''}` : null, met ? 'met' : 'not-met', null));
      return met ? MET : NOT_MET;
    };
  } else {
    const expected = 'medication' in c ? c.medication.join(' or ')
      : c.medications === 'any-flagged' ? 'a flagged medication' : c.medications === 'none-recognised' ? 'every line unrecognised' : 'an entry to confirm';
    fn = (facts, trace) => evaluateMedication(c, expected, facts, trace);
  }
  compiled.set(c, fn);
  return fn;
}

function unknownOf(rs: readonly ConditionResult[]): ConditionResult {
  if (rs.length === 1) return rs[0]!.stale ? { outcome: rs[0]!.outcome, reasons: rs[0]!.reasons } : rs[0]!;
  return result('unknown', unionReasons(rs));
}

const quickCompiled = new WeakMap<Condition, (facts: Facts) => Outcome>();
const scratch: ConditionTrace[] = [];

/**
 * Whether a condition is met, without a trace: `all` and `any` stop at the first deciding child. For
 * workup `onlyIf`, caveat and detail conditions, whose leaves are not shown; rules always use
 * `evaluateCondition`, which evaluates every leaf.
 */
export function conditionMet(c: Condition, facts: Facts): boolean {
  return quick(c)(facts) === 'met';
}

/** The outcome of a condition, without a trace (see `conditionMet`). */
export function conditionOutcome(c: Condition, facts: Facts): Outcome {
  return quick(c)(facts);
}

function quick(c: Condition): (facts: Facts) => Outcome {
  const hit = quickCompiled.get(c);
  if (hit) return hit;
  let fn: (facts: Facts) => Outcome;
  if ('all' in c) {
    const children = c.all.map(quick);
    fn = (facts) => {
      let unknown = false;
      for (const child of children) { const o = child(facts); if (o === 'not-met') return 'not-met'; if (o === 'unknown') unknown = true; }
      return unknown ? 'unknown' : 'met';
    };
  } else if ('any' in c && !c.alternatives) {
    const children = c.any.map(quick);
    fn = (facts) => {
      let unknown = false;
      for (const child of children) { const o = child(facts); if (o === 'met') return 'met'; if (o === 'unknown') unknown = true; }
      return unknown ? 'unknown' : 'not-met';
    };
  } else if ('lab' in c) {
    // The outcome of evaluateLab, without building its trace entry.
    fn = (facts) => {
      const q = facts.quantities[c.lab];
      if (!q) return 'unknown';
      if (!pickComparison(q, c)) return 'unknown';
      const compared = compareCensored(pickSign, q.qualifier, c.op);
      return q.stale && compared === 'not-met' ? 'unknown' : compared;
    };
  } else if ('patient' in c) {
    const reader = patientReader(c);
    const ifUnknown = 'ifUnknown' in c ? c.ifUnknown : undefined;
    const assumption = ifUnknown ? assumptionText(reader.fact, ifUnknown.because) : null;
    fn = (facts) => {
      const r = reader.read(facts);
      if (r !== -1) return r === 1 ? 'met' : 'not-met';
      if (!ifUnknown) return 'unknown';
      facts.assumptions.add(assumption!);
      return ifUnknown.assume ? 'met' : 'not-met';
    };
  } else if ('missing' in c) {
    fn = (facts) => (facts.quantities[c.missing] ? 'not-met' : 'met');
  } else if ('medication' in c) {
    const wanted = c.medication;
    fn = (facts) => {
      for (const g of wanted) if (facts.ingredients.has(g)) return 'met';
      return facts.medicationListKnown ? 'not-met' : 'unknown';
    };
  } else if ('not' in c && ('missing' in c.not || 'patient' in c.not || 'medication' in c.not)) {
    // Children that cannot be met through a stale result: "not" is the plain inverse.
    const child = quick(c.not);
    fn = (facts) => { const o = child(facts); return o === 'met' ? 'not-met' : o === 'not-met' ? 'met' : 'unknown'; };
  } else {
    const full = compile(c);
    fn = (facts) => { const o = full(facts, scratch).outcome; scratch.length = 0; return o; };
  }
  quickCompiled.set(c, fn);
  return fn;
}

/** Evaluates a condition tree; appends one trace entry per leaf (every leaf is evaluated, none skipped). */
export function evaluateCondition(c: Condition, facts: Facts, trace: ConditionTrace[]): ConditionResult {
  return compile(c)(facts, trace);
}

/** The compiled evaluator of a condition, for callers that evaluate the same rules many times. */
export function evaluatorOf(c: Condition): Evaluator {
  return compile(c);
}

function unionReasons(rs: readonly ConditionResult[]): ReadonlySet<UnknownReason> {
  const s = new Set<UnknownReason>();
  for (const r of rs) for (const x of r.reasons) s.add(x);
  return s;
}

