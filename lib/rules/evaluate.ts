/**
 * The one pure evaluation function: validated input in, evaluation out. No database, clock or
 * network; `asOf` is passed in. Every contributor gets exactly one status and a trace of every rule,
 * including the rules that did not fire.
 */
import type { AnalyteId } from './analytes';
import { ANALYTES } from './analytes';
import { PATIENT_FACT_LABELS, conditionMet, conditionOutcome, evaluatorOf, type ConditionTrace, type Evaluator, type Outcome, type UnknownReason } from './conditions';
import { CONTRIBUTORS } from './contributors';
import { buildFacts, type DerivedValue, type Facts } from './facts';
import type { TEvaluationInput } from './input';
import type { InputStatus } from './labs';
import type { MedicationMatch } from './medications';
import { sourcesFor, type Source, type SourceId } from './sources';
import type { Caveat, ContributorId, ContributorSpec, ContributorStatus, EvidenceGrade, IronTherapy, Rule, WorkupId, WorkupRequest } from './types';
import { RULES_DATE, RULES_VERSION } from './version';
import { consolidateWorkup, type WorkupItem, type WorkupRequestMade } from './workup';

export interface BasisItem {
  analyte: AnalyteId;
  /** As entered, or null when missing/rejected. */
  entered: string | null;
  canonical: string | null;
  threshold: string;
  outcome: Outcome;
  /** G6: the value is stale; its date and age ("result of 2020-09-07, 2272 days old; limit 365"). */
  stale?: string;
}

export interface RuleTrace {
  ruleId: string;
  role: Rule['role'];
  title: string;
  outcome: Outcome;
  conditions: ConditionTrace[];
}

export interface ContributorResult {
  id: ContributorId;
  label: string;
  status: ContributorStatus;
  /** Only when iron deficiency is flagged. */
  ironTherapy?: IronTherapy;
  /** G6: the deciding result is older than its maximum age (or predates the pregnancy); the summary gives its age. */
  stale?: boolean;
  /** The rules that fired (flag, indeterminate and modifier rules that were met). */
  ruleIds: string[];
  summary: string;
  basis: BasisItem[];
  sources: Source[];
  evidence: EvidenceGrade;
  notes: string[];
  caveats: { id: string; text: string; sources: Source[] }[];
  trace: RuleTrace[];
}

export interface InputResult {
  analyte: AnalyteId;
  label: string;
  status: InputStatus;
  message: string | null;
  entered: string;
  canonical: string | null;
  /** The value in the canonical unit, for charts; null when rejected. */
  canonicalValue: number | null;
  conversion: string | null;
  loinc: string;
  collectedOn: string | null;
  stale: boolean;
  /** G6: another result of the same analyte is the one in use; this one is history. */
  history?: boolean;
}

export interface Evaluation {
  rulesVersion: string;
  rulesDate: string;
  asOf: string | null;
  /** False for patients under 18 (G4): nothing is assessed. */
  inScope: boolean;
  contributors: ContributorResult[];
  inputs: InputResult[];
  derived: { egfr?: DerivedValue; tsat?: DerivedValue };
  medications: MedicationMatch[];
  workup: WorkupItem[];
  /** Assumptions made and scope notes, for the clinician to read first. */
  notices: string[];
}

export interface EvaluateOptions {
  /** The assessment date (YYYY-MM-DD); overrides `input.asOf`. */
  asOf?: string | null;
}

const STANDING_IRON_PANEL: WorkupRequestMade = { id: 'iron-panel', reason: 'G5: periodic morning iron studies (ferritin + TSAT) for all patients with clinically significant RLS', label: undefined, ruleId: 'G5', evidence: 'A', sourceIds: ['S1'] };

// Most texts already start with a capital (a lab name): leave them as they are rather than copy them.
const capitalise = (s: string) => { const c = s.charCodeAt(0); return c >= 97 && c <= 122 ? s.charAt(0).toUpperCase() + s.slice(1) : s; };

/** G6: the workup item under which a stale result's repeat is suggested. */
const REPEAT_ITEM: Readonly<Record<AnalyteId, WorkupId>> = {
  ferritin: 'iron-panel', iron: 'iron-panel', tibc: 'iron-panel', tsat: 'iron-panel', crp: 'crp', hemoglobin: 'cbc', mcv: 'cbc',
  'glucose-fasting': 'glucose-confirmation', 'glucose-random': 'glucose-confirmation', hba1c: 'glucose-confirmation',
  creatinine: 'creatinine-egfr', egfr: 'creatinine-egfr', 'urine-acr': 'urine-acr', tsh: 'tsh-free-t4', 'free-t4': 'tsh-free-t4',
  b12: 'b12-mma', folate: 'cbc', magnesium: 'repeat-rejected',
};

interface RuleResult {
  rule: Rule;
  outcome: Outcome;
  reasons: ReadonlySet<UnknownReason>;
  conditions: ConditionTrace[];
  /** Met only through a stale result (G6). */
  stale: boolean;
}

function notesOf(results: readonly RuleResult[], facts: Facts): string[] {
  const notes: string[] = [];
  for (const m of results) notes.push(`${m.rule.id}: ${messageOf(m.rule, facts)}`);
  return notes;
}

function ruleIdsOf(results: readonly RuleResult[]): string[] {
  const ids: string[] = [];
  for (const r of results) ids.push(r.rule.id);
  return ids;
}

function sourcesOfRules(results: readonly RuleResult[]): Source[] {
  if (results.length === 1) return sourcesFor(results[0]!.rule.sourceIds);
  const out: Source[] = [];
  for (const r of results) for (const s of sourcesFor(r.rule.sourceIds)) if (!out.includes(s)) out.push(s);
  return out;
}

function request(w: WorkupRequest, facts: Facts, ruleId: string, evidence: EvidenceGrade, sourceIds: readonly SourceId[], out: WorkupRequestMade[], band?: IronTherapy): void {
  if (w.bands && (band === undefined || !w.bands.includes(band))) return;
  if (w.onlyIf && !conditionMet(w.onlyIf, facts)) return;
  // One object shape whether or not the item has its own label.
  out.push({ id: w.id, reason: w.reason, label: w.label, ruleId, evidence, sourceIds });
}

function basisOf(results: readonly RuleResult[]): BasisItem[] {
  const basis: BasisItem[] = [];
  for (const r of results) for (const t of r.conditions) {
    // Only the cut-off that applies to this patient (a woman's Hb is not shown against the men's cut-off).
    if (!t.analyte || !t.threshold || t.applies === false) continue;
    let seen = false;
    for (const b of basis) if (b.analyte === t.analyte && b.threshold === t.threshold) { seen = true; break; }
    if (seen) continue;
    const item: BasisItem = { analyte: t.analyte, entered: t.entered ?? null, canonical: t.canonical ?? null, threshold: t.threshold, outcome: t.outcome };
    if (t.stale) item.stale = t.stale;
    basis.push(item);
  }
  return basis;
}

/** "Ferritin 90 ng/mL > 75 ng/mL and ≤ 100 ng/mL; TSAT 24% ≥ 20%" from the met lab comparisons. */
function describeMet(traces: readonly ConditionTrace[], facts: Facts): string {
  // Parallel arrays rather than a Map: a handful of analytes at most, and this runs for every statement.
  const analytes: AnalyteId[] = [];
  const entered: string[] = [];
  const thresholds: string[][] = [];
  for (const t of traces) {
    if (t.outcome !== 'met' || !t.analyte || !t.entered || !t.threshold || t.applies === false) continue;
    let i = analytes.indexOf(t.analyte);
    if (i === -1) { i = analytes.length; analytes.push(t.analyte); entered.push(t.entered); thresholds.push([]); }
    const list = thresholds[i]!;
    // One threshold per direction: "> 75 and ≤ 100" says the band; a second "> 4" after "> 4.5" says nothing more.
    const up = t.threshold.startsWith('>') || t.threshold.startsWith('≥');
    if (!list.some((x) => (x.startsWith('>') || x.startsWith('≥')) === up)) list.push(t.threshold);
  }
  let text = '';
  for (let i = 0; i < analytes.length; i++) {
    const a = analytes[i]!;
    text += `${i > 0 ? '; ' : ''}${facts.quantities[a]?.label ?? a} ${entered[i]} ${thresholds[i]!.length === 1 ? thresholds[i]![0] : thresholds[i]!.join(' and ')}`;
  }
  return text;
}

function describeValues(results: readonly RuleResult[], facts: Facts): string {
  const seen: AnalyteId[] = [];
  let text = '';
  for (const r of results) for (const t of r.conditions) {
    if (!t.analyte || !t.entered || seen.includes(t.analyte) || t.applies === false) continue;
    seen.push(t.analyte);
    text += `${text ? ', ' : ''}${facts.quantities[t.analyte]?.label ?? t.analyte} ${t.entered}`;
  }
  return text;
}

const notRecorded = new Map<string, string>();
/** "dialysis status not recorded" for "patient.dialysis" (a handful of facts: built once each). */
function notRecordedText(fact: string): string {
  let text = notRecorded.get(fact);
  if (text === undefined) notRecorded.set(fact, (text = `${(PATIENT_FACT_LABELS[fact.slice(8)] ?? fact.slice(8)).toLowerCase()} not recorded`));
  return text;
}

/** What the flag rules that came out unknown were missing, from their traces. */
function missingInputs(results: readonly RuleResult[], facts: Facts): string {
  const parts: string[] = [];
  for (const r of results) if (r.outcome === 'unknown') for (const t of r.conditions) {
    if (t.outcome !== 'unknown' || t.applies === false) continue;
    let part: string | null = null;
    if (t.analyte && t.stale) part = `${ANALYTES[t.analyte].label} not current: ${t.stale}`;
    else if (t.analyte && t.entered) part = `${ANALYTES[t.analyte].label} ${t.entered} censored`;
    else if (t.analyte) part = `${ANALYTES[t.analyte].label} ${facts.labs[t.analyte]?.status === 'rejected' ? 'rejected' : 'missing'}`;
    else if (t.fact.startsWith('patient.')) part = notRecordedText(t.fact);
    else if (t.fact === 'medications') part = 'medication list not recorded';
    if (part !== null && !parts.includes(part)) parts.push(part);
  }
  return parts.join(', ');
}

type CaveatOut = ContributorResult['caveats'][number];
const caveatOut = new WeakMap<Caveat, CaveatOut>();

/** Caveats are static: each is turned into its output form once and shared (read-only). */
function caveatOf(c: Caveat): CaveatOut {
  let out = caveatOut.get(c);
  if (!out) caveatOut.set(c, (out = { id: c.id, text: c.text, sources: sourcesFor(c.sourceIds) }));
  return out;
}

/** The rule's message, with its condition-dependent detail (K-5: KDIGO criteria met / not met). */
function messageOf(rule: Rule, facts: Facts): string {
  if (!rule.detail) return rule.message;
  const outcome = conditionOutcome(rule.detail.when, facts);
  return `${rule.message}${outcome === 'met' ? rule.detail.met : outcome === 'unknown' && rule.detail.unknown ? rule.detail.unknown : rule.detail.notMet}`;
}

/** "Ferritin 60 ng/mL ≤ 75 ng/mL: meets …" from a rule's met comparisons and message. */
function statement(r: RuleResult, facts: Facts, capital = true): string {
  const basisText = describeMet(r.conditions, facts);
  const message = messageOf(r.rule, facts);
  // Capitalised here, on the short message, rather than on the whole summary string later.
  return basisText ? `${basisText}: ${message}` : capital ? capitalise(message) : message;
}

/** G6: the stale results a decision rests on, as "Ferritin: result of 2023-05-01, 941 days old; limit 90". */
function staleTexts(traces: readonly ConditionTrace[]): string[] {
  const out: string[] = [];
  for (const t of traces) {
    if (!t.stale || !t.analyte || t.applies === false) continue;
    const text = `${ANALYTES[t.analyte].label}: ${t.stale}`;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

const ruleEvaluators = new WeakMap<ContributorSpec, Evaluator[]>();
/** Each contributor's rule conditions, compiled once (rules are static data). */
function evaluatorsOf(spec: ContributorSpec): Evaluator[] {
  let list = ruleEvaluators.get(spec);
  if (!list) ruleEvaluators.set(spec, (list = spec.rules.map((r) => evaluatorOf(r.when))));
  return list;
}

function evaluateContributor(spec: ContributorSpec, facts: Facts, requests: WorkupRequestMade[]): ContributorResult {
  const evaluators = evaluatorsOf(spec);
  const traces: RuleTrace[] = [];
  const results: RuleResult[] = [];
  for (let i = 0; i < spec.rules.length; i++) {
    const rule = spec.rules[i]!;
    const conditions: ConditionTrace[] = [];
    const r = evaluators[i]!(facts, conditions);
    traces.push({ ruleId: rule.id, role: rule.role, title: rule.title, outcome: r.outcome, conditions });
    results.push({ rule, outcome: r.outcome, reasons: r.reasons, conditions, stale: r.stale === true });
  }
  const flagRules: RuleResult[] = [];
  const metFlag: RuleResult[] = [];
  const metIndeterminate: RuleResult[] = [];
  const metNotAssessed: RuleResult[] = [];
  const metModifiers: RuleResult[] = [];
  for (const r of results) {
    if (r.rule.role === 'flag') {
      flagRules.push(r);
      if (r.outcome === 'met') metFlag.push(r);
    } else if (r.outcome === 'met') {
      (r.rule.role === 'indeterminate' ? metIndeterminate : r.rule.role === 'not-assessed' ? metNotAssessed : metModifiers).push(r);
    }
  }

  // A fallback flag rule counts only when no other flag rule is met.
  if (metFlag.some((r) => !r.rule.fallback)) for (let i = metFlag.length - 1; i >= 0; i--) if (metFlag[i]!.rule.fallback) metFlag.splice(i, 1);

  let status: ContributorStatus;
  let summary: string;
  let ironTherapy: IronTherapy | undefined;
  let deciding = flagRules;
  let stale = false;
  let appliedBand: RuleResult | undefined;
  const staleNotes: string[] = [];
  if (metFlag.length > 0) {
    status = 'flagged';
    // A flag resting on a current result wins over one resting on a stale result.
    const first = metFlag.find((r) => !r.stale) ?? metFlag[0]!;
    deciding = [first, ...metFlag.filter((r) => r !== first)];
    stale = first.stale;
    ironTherapy = first.rule.ironTherapy;
    // The first met band modifier overrides the rule's band (I-5 suppressed, I-6 pending, P-I pregnancy).
    const bandModifier = first.rule.ironTherapy && first.rule.ironTherapy !== 'pending' ? metModifiers.find((m) => m.rule.ironTherapy) : undefined;
    summary = statement(first, facts);
    if (bandModifier) {
      appliedBand = bandModifier;
      ironTherapy = bandModifier.rule.ironTherapy;
      summary += `; ${statement(bandModifier, facts, false)}`;
    } else if (first.rule.route) summary += `: ${first.rule.route}`;
    if (stale) staleNotes.push(...staleTexts(first.conditions));
  } else if (metIndeterminate.length > 0) {
    status = 'indeterminate';
    const first = metIndeterminate[0]!;
    deciding = metIndeterminate;
    summary = statement(first, facts);
  } else if (metNotAssessed.length > 0) {
    status = 'not-assessed';
    const first = metNotAssessed[0]!;
    deciding = metNotAssessed;
    summary = `Not assessed: ${messageOf(first.rule, facts)}`;
  } else if (flagRules.every((r) => r.outcome === 'not-met')) {
    status = 'not-flagged';
    const values = describeValues(flagRules, facts);
    const replacing = metModifiers.find((m) => m.rule.notFlaggedText && (!m.rule.whenStatus || m.rule.whenStatus.includes('not-flagged')));
    const text = replacing ? messageOf(replacing.rule, facts) : spec.notFlaggedMessage;
    summary = values ? `${values}: ${text}` : capitalise(text);
  } else {
    const reasons = new Set<UnknownReason>();
    for (const r of flagRules) if (r.outcome === 'unknown') for (const x of r.reasons) reasons.add(x);
    const what = missingInputs(flagRules, facts);
    if (reasons.has('missing') || reasons.has('rejected') || reasons.has('stale') || (spec.historyIsInput && reasons.has('history'))) {
      status = 'not-assessed';
      if (reasons.has('stale')) {
        // G6: a stale result never shows normality.
        stale = true;
        summary = `Not assessed: the last result is stale${what ? ` (${what})` : ''}; a repeat is suggested`;
      } else if (spec.historyIsInput && reasons.size === 1 && reasons.has('history')) summary = `Not assessed: ${spec.notAssessedMessage}`;
      else summary = `Not assessed: ${spec.notAssessedMessage}${what ? ` (${what})` : ''}`;
    } else {
      status = 'indeterminate';
      summary = `Cannot decide from the inputs given${what ? ` (${what})` : ''}: ${reasons.has('censored') ? 'a censored result (< or >) does not settle the threshold' : 'history needed to choose the criterion'}`;
    }
  }
  if (staleNotes.length > 0) summary += ` (stale — ${staleNotes.join('; ')}; a repeat is suggested)`;
  // Modifiers that fire for this outcome: those limited to a status or band fire only there; of the
  // band modifiers, only the one that set the band fires when flagged (a suppressed band never also says "pending").
  const firing: RuleResult[] = [];
  for (const m of metModifiers) {
    const r = m.rule;
    if (r.whenStatus && !r.whenStatus.includes(status)) continue;
    if (r.bands && (!ironTherapy || status !== 'flagged' || !r.bands.includes(ironTherapy))) continue;
    if (r.ironTherapy && status === 'flagged' && r !== appliedBand?.rule) continue;
    firing.push(m);
  }
  // Modifiers that belong in the summary for this status (I-4 wording, T-1a TSH ≥ 10, …).
  for (const m of firing) {
    if (m.rule.inSummary?.includes(status) && !(m.rule.ironTherapy && status === 'flagged')) summary += `. ${statement(m, facts)}`;
  }
  const noteRules: RuleResult[] = [];
  for (const m of firing) {
    if (m.rule.inSummary?.includes(status) || (m.rule.notFlaggedText && status === 'not-flagged') || (m.rule.ironTherapy && status === 'flagged')) continue;
    noteRules.push(m);
  }

  const fired: RuleResult[] = metFlag.slice();
  if (status !== 'flagged') for (const r of metIndeterminate) fired.push(r);
  if (status === 'not-assessed') for (const r of metNotAssessed) fired.push(r);
  for (const r of firing) fired.push(r);
  for (const r of fired) for (const w of r.rule.workup ?? []) request(w, facts, r.rule.id, r.rule.evidence, r.rule.sourceIds, requests, ironTherapy);
  if (status === 'not-assessed' && metNotAssessed.length === 0) {
    for (const w of spec.whenNotAssessed ?? []) request(w, facts, 'G1', spec.evidence, spec.rules[0]?.sourceIds ?? [], requests);
  }

  const caveats: CaveatOut[] = [];
  for (const c of spec.caveats ?? []) if (!c.when || conditionMet(c.when, facts)) caveats.push(caveatOf(c));

  let evidence = spec.evidence;
  if (spec.id === 'medication' && status === 'flagged') {
    // The contributor's grade is the best grade among the flagged drugs.
    for (const m of facts.medications) if (m.status === 'flagged' && m.evidence && m.evidence < evidence) evidence = m.evidence;
  }

  const sourceRules = status === 'flagged' || status === 'indeterminate' || metNotAssessed.length > 0 ? [...deciding, ...firing] : flagRules;
  const out: ContributorResult = {
    id: spec.id, label: spec.label, status,
    ruleIds: ruleIdsOf(fired),
    summary,
    basis: basisOf(deciding),
    sources: sourcesOfRules(sourceRules),
    evidence,
    notes: notesOf(noteRules, facts),
    caveats,
    trace: traces,
  };
  if (status === 'flagged' && ironTherapy) out.ironTherapy = ironTherapy;
  if (stale) out.stale = true;
  return out;
}

function outOfScope(spec: ContributorSpec): ContributorResult {
  return {
    id: spec.id, label: spec.label, status: 'not-assessed', ruleIds: ['G4'],
    summary: 'Not assessed: patient under 18, outside the adult scope of these rules (G4; AASM uses ferritin < 50 ng/mL in children)',
    basis: [], sources: sourcesFor(['S1']), evidence: spec.evidence, notes: [], caveats: [], trace: [],
  };
}

/**
 * Evaluates validated findings (see `parseEvaluationInput`). Pure and synchronous; never reads the
 * clock. `options.asOf` wins over `input.asOf`; without either, lab ages are not checked.
 */
export function evaluateFindings(input: TEvaluationInput, options: EvaluateOptions = {}): Evaluation {
  const asOf = options.asOf ?? input.asOf ?? null;
  const facts = buildFacts(input, asOf);
  const inScope = input.patient.ageYears >= 18;
  const requests: WorkupRequestMade[] = [STANDING_IRON_PANEL];
  const contributors = CONTRIBUTORS.map((spec) => (inScope ? evaluateContributor(spec, facts, requests) : outOfScope(spec)));

  const inputs: InputResult[] = facts.allLabs.map((f) => {
    const inUse = facts.labs[f.analyte] === f;
    const cross = inUse ? facts.crossChecks[f.analyte] : undefined;
    const status: InputStatus = cross && f.status === 'accepted' ? 'verify' : f.status;
    const message = f.message && cross ? `${f.message}. ${cross}` : f.message || cross || null;
    const out: InputResult = {
      analyte: f.analyte, label: f.label, status, message, entered: f.entered, canonical: f.status === 'rejected' && !f.canonical ? null : f.canonical,
      canonicalValue: f.status === 'rejected' ? null : f.canonicalValue,
      conversion: f.conversion, loinc: f.loinc, collectedOn: f.collectedOn, stale: f.stale,
    };
    if (!inUse) out.history = true;
    return out;
  });

  const rejected = inputs.filter((i) => i.status === 'rejected' && !i.history);
  if (rejected.length > 0) {
    requests.push({ id: 'repeat-rejected', reason: `G2: ${rejected.map((r) => r.message).join('; ')}`, label: undefined, ruleId: 'G2', evidence: 'A', sourceIds: ['S26'] });
  }
  // G6: a stale result in use asks for its repeat, under the item that tests it.
  for (const i of inputs) {
    if (!i.stale || i.history || !inScope) continue;
    const id = REPEAT_ITEM[i.analyte];
    const text = `G6: ${i.label} ${facts.labs[i.analyte]?.staleText ?? 'stale'}: a repeat is suggested`;
    requests.push({ id, reason: text, label: undefined, ruleId: 'G6', evidence: 'A', sourceIds: ['S1'] });
  }

  const notices: string[] = [];
  if (!inScope) notices.push('Patient under 18: outside the adult scope of these rules (G4). Only the standing iron-panel item is listed.');
  // One notice per unrecorded item: the first assumption made about it.
  const said = new Set<string>();
  for (const a of facts.assumptions) {
    const item = a.slice(0, a.indexOf(' not recorded'));
    if (!said.has(item)) notices.push(a);
    said.add(item);
  }
  for (const n of facts.notices) notices.push(n);
  for (const i of inputs) if (i.stale && !i.history && i.message) notices.push(i.message);

  return {
    rulesVersion: RULES_VERSION, rulesDate: RULES_DATE, asOf, inScope, contributors, inputs, derived: facts.derived,
    medications: facts.medications, workup: consolidateWorkup(requests), notices,
  };
}
