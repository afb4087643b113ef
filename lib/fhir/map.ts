/**
 * FHIR R4 resources → a draft of the evaluation input, every value with its provenance. Pure: no
 * clock (the caller passes `asOf`), no network, no database. Rules of the mapping:
 * - Observations count by LOINC (value-sets.ts) and only when `final`, `amended` or `corrected`.
 * - `valueQuantity.comparator` `<` / `>` becomes a censored value; `<=`, `>=` and `ad` are shown, not used.
 * - A unit is read by the explicit UCUM table; a unit that is not listed or does not fit the analyte is
 *   shown with the value and not used (never guessed).
 * - The most recent result per analyte is the one used; earlier ones are history. When the most
 *   recent one cannot be used the analyte stays blank: an older value never stands in for a newer one.
 * - Active, confirmed Conditions in a value set set the patient context; nothing found = unknown.
 * - Active MedicationRequest / MedicationStatement → medication lines; stopped ones are listed apart.
 */
import { ANALYTE_IDS, parseUnit, unitsOf, type AnalyteId, type TLabInput, type Unit } from '@/lib/rules';
import type { FhirResource, ParsedResources } from './parse';
import { CONDITION_VALUE_SETS, LOINC_TO_ANALYTE, SYSTEM, UCUM_TO_UNIT, conditionGroupsOf, type ConditionGroup } from './value-sets';

/** Where an imported value came from, as the EHR sent it. */
export interface Provenance {
  resourceType: string;
  id: string;
  /** YYYY-MM-DD of collection / onset / authoring, when given. */
  date: string | null;
  system: string | null;
  code: string | null;
  display: string | null;
  /** The value as sent, comparator included ("<5"). */
  value: string | null;
  /** The unit as sent (UCUM code, else the unit text). */
  unit: string | null;
}

export type ResultUse = 'used' | 'history' | 'not-used';

export interface ImportedResult {
  analyte: AnalyteId;
  use: ResultUse;
  /** Why a result is not used, or what to know about a used one (e.g. MDRD eGFR). */
  note: string | null;
  provenance: Provenance;
  /** The value as the engine reads it; null when it cannot be used at all. */
  lab: TLabInput | null;
}

export interface ImportedCondition {
  groups: ConditionGroup[];
  use: 'used' | 'not-used';
  note: string | null;
  provenance: Provenance;
}

export interface ImportedMedication {
  text: string;
  rxnorm: string | null;
  status: string;
  provenance: Provenance;
}

export interface PatientContext {
  dialysis?: 'hemodialysis' | 'peritoneal' | 'type-not-coded';
  ckd?: true;
  knownDiabetes?: true;
  neuropathy?: 'present';
  pregnant?: true;
  activeCancerOrNeurotoxicChemo?: true;
  autoimmuneOrInflammatoryDisease?: true;
}

export interface FhirImport {
  patient: { id: string | null; birthDate: string | null; sex: 'female' | 'male' | null; provenance: Provenance | null };
  /** One per analyte: the most recent usable result. */
  labs: TLabInput[];
  /** Every matched Observation, per analyte newest first. */
  results: ImportedResult[];
  /** Analytes with no result at all: unknown, never normal. */
  missing: AnalyteId[];
  context: PatientContext;
  conditions: ImportedCondition[];
  medications: { active: ImportedMedication[]; stopped: ImportedMedication[] };
  warnings: string[];
  counts: { resources: number; observations: number; conditions: number; medications: number };
}

export type MapResult = { ok: true; data: FhirImport } | { ok: false; message: string };

const USABLE_STATUS = new Set(['final', 'amended', 'corrected']);
const ACTIVE_CLINICAL = new Set(['active', 'recurrence', 'relapse']);
const DATE = /^(\d{4}-\d{2}-\d{2})/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

interface Coding { system?: string; code?: string; display?: string }

function codings(cc: unknown): Coding[] {
  if (!isObject(cc) || !Array.isArray(cc.coding)) return [];
  return cc.coding.filter(isObject).map((c) => ({ system: str(c.system) ?? undefined, code: str(c.code) ?? undefined, display: str(c.display) ?? undefined }));
}

function dateOf(...candidates: unknown[]): string | null {
  for (const c of candidates) {
    const s = str(c);
    const m = s ? DATE.exec(s) : null;
    if (m) return m[1]!;
  }
  return null;
}

/** The id a reference points at, for any of "Patient/ID", "urn:uuid:ID", "https://…/Patient/ID". */
function referenceId(ref: unknown): string | null {
  if (!isObject(ref)) return null;
  const r = str(ref.reference);
  if (!r) return null;
  if (r.startsWith('urn:uuid:')) return r.slice('urn:uuid:'.length);
  const parts = r.split('/').filter(Boolean);
  return parts.length >= 2 && parts[parts.length - 2] === 'Patient' ? parts[parts.length - 1]! : parts.length === 1 ? parts[0]! : null;
}

function provenanceOf(r: FhirResource, date: string | null, coding: Coding | undefined, value: string | null, unit: string | null): Provenance {
  return {
    resourceType: r.resourceType, id: typeof r.id === 'string' ? r.id : '(no id)', date,
    system: coding?.system ?? null, code: coding?.code ?? null, display: coding?.display ?? null, value, unit,
  };
}

function subjectOf(r: FhirResource): string | null {
  return referenceId(r.subject) ?? referenceId(r.patient);
}

/** Reads the unit of a quantity into a contract unit, or null. */
export function unitOfQuantity(q: Record<string, unknown>): Unit | null {
  const code = str(q.code);
  const system = str(q.system);
  if (code && (system === null || system === SYSTEM.ucum) && UCUM_TO_UNIT[code]) return UCUM_TO_UNIT[code]!;
  const text = str(q.unit);
  if (text && UCUM_TO_UNIT[text]) return UCUM_TO_UNIT[text]!;
  return text ? parseUnit(text) : null;
}

interface Candidate extends ImportedResult {
  issued: string;
  /** Read completely: unit, value and comparator fit. */
  usable: boolean;
  /** Reported (final/amended/corrected) and not dated in the future: it competes for "most recent". */
  contends: boolean;
}

function readObservation(r: FhirResource, asOf: string): Candidate | null {
  const coding = codings(r.code).find((c) => c.system === SYSTEM.loinc && c.code !== undefined && LOINC_TO_ANALYTE.has(c.code));
  if (!coding) return null;
  const mapping = LOINC_TO_ANALYTE.get(coding.code!)!;
  const date = dateOf(r.effectiveDateTime, isObject(r.effectivePeriod) ? r.effectivePeriod.start : undefined, r.effectiveInstant, r.issued);
  const q = isObject(r.valueQuantity) ? r.valueQuantity : null;
  const comparator = q ? str(q.comparator) : null;
  const sentValue = q && typeof q.value === 'number' ? `${comparator ?? ''}${q.value}` : str(r.valueString) ?? null;
  const sentUnit = q ? str(q.code) ?? str(q.unit) : null;
  const base = { analyte: mapping.analyte, provenance: provenanceOf(r, date, coding, sentValue, sentUnit), issued: str(r.issued) ?? '' };
  const notUsed = (note: string, contends = true): Candidate => ({ ...base, use: 'not-used', note, lab: null, usable: false, contends });
  const status = str(r.status) ?? 'not given';
  if (!USABLE_STATUS.has(status)) return notUsed(`status "${status}": only final, amended or corrected results are imported`, false);
  if (date !== null && date > asOf) return notUsed(`dated ${date}, after the assessment date ${asOf}`, false);
  if (!q || typeof q.value !== 'number' || !Number.isFinite(q.value)) {
    return notUsed(isObject(r.dataAbsentReason) ? 'no value (data absent)' : 'no numeric value with a unit: enter it by hand if it applies');
  }
  if (comparator !== null && comparator !== '<' && comparator !== '>') return notUsed(`comparator "${comparator}" cannot be read as a censored value (< or >): enter it by hand`);
  const unit = unitOfQuantity(q);
  if (!unit || !unitsOf(mapping.analyte).includes(unit)) {
    return notUsed(`unit "${sentUnit ?? '(none)'}" is not one this analyte is read in (${unitsOf(mapping.analyte).join(', ')}): shown, not used`);
  }
  const lab: TLabInput = { analyte: mapping.analyte, value: q.value, unit, ...(comparator ? { qualifier: comparator as '<' | '>' } : {}), ...(date ? { collectedOn: date } : {}) };
  const notes = [mapping.note, date === null ? 'collection date not given' : undefined].filter(Boolean);
  return { ...base, use: 'used', note: notes.length ? notes.join('; ') : null, lab, usable: true, contends: true };
}

/** Newest first; undated last; same date → the later issued first. */
function byRecency(a: Candidate, b: Candidate): number {
  const da = a.provenance.date ?? '', db = b.provenance.date ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return a.issued < b.issued ? 1 : a.issued > b.issued ? -1 : 0;
}

function medicationText(r: FhirResource, byRef: (ref: unknown) => FhirResource | undefined): { text: string | null; coding: Coding | undefined } {
  let concept: unknown = r.medicationCodeableConcept;
  let fallback: string | null = null;
  if (!concept && isObject(r.medicationReference)) {
    concept = byRef(r.medicationReference)?.code;
    fallback = str(r.medicationReference.display);
  }
  const cs = codings(concept);
  const rx = cs.find((c) => c.system === SYSTEM.rxnorm) ?? cs[0];
  const text = (isObject(concept) ? str(concept.text) : null) ?? rx?.display ?? fallback;
  return { text: text ? text.trim().slice(0, 200) : null, coding: rx };
}

const MED_ACTIVE: Record<string, ReadonlySet<string>> = {
  MedicationRequest: new Set(['active']),
  MedicationStatement: new Set(['active']),
};
const MED_STOPPED: Record<string, ReadonlySet<string>> = {
  MedicationRequest: new Set(['stopped', 'completed', 'cancelled', 'on-hold']),
  MedicationStatement: new Set(['stopped', 'completed', 'not-taken', 'on-hold']),
};

/** Maps one patient's resources. `patientId` picks the patient when the file holds several. */
export function mapFhirResources(parsed: ParsedResources, opts: { asOf: string; patientId?: string | null }): MapResult {
  // Later copies of the same resource replace earlier ones (an NDJSON export may repeat a version).
  const unique = new Map<string, FhirResource>();
  parsed.resources.forEach((r, i) => unique.set(typeof r.id === 'string' ? `${r.resourceType}/${r.id}` : `#${i}`, r));
  const resources = [...unique.values()];
  const patients = resources.filter((r) => r.resourceType === 'Patient');
  const warnings: string[] = [];

  let patient: FhirResource | undefined;
  if (opts.patientId) {
    patient = patients.find((p) => p.id === opts.patientId);
  } else if (patients.length > 1) {
    return { ok: false, message: `The file holds ${patients.length} patients; import one patient's data at a time` };
  } else patient = patients[0];

  const clinical = resources.filter((r) => r.resourceType === 'Observation' || r.resourceType === 'Condition' || r.resourceType === 'MedicationRequest' || r.resourceType === 'MedicationStatement');
  // The ids a reference to this patient may use: its id and the bundle's fullUrl for it.
  const patientIds = new Set<string>();
  if (patient?.id) patientIds.add(patient.id);
  if (opts.patientId) patientIds.add(opts.patientId);
  for (const [url, r] of parsed.byFullUrl) if (r === patient) patientIds.add(url.startsWith('urn:uuid:') ? url.slice(9) : url.split('/').pop()!);
  if (patientIds.size === 0) {
    const subjects = new Set(clinical.map(subjectOf).filter((s): s is string => s !== null));
    if (subjects.size > 1) return { ok: false, message: `The file holds results of ${subjects.size} patients and no Patient resource; import one patient's data at a time` };
    for (const s of subjects) patientIds.add(s);
  }
  const mine = clinical.filter((r) => {
    const s = subjectOf(r);
    return s === null ? patientIds.size === 0 : patientIds.has(s);
  });
  const others = clinical.length - mine.length;
  if (others > 0) warnings.push(`${others} resource${others === 1 ? '' : 's'} of another patient left out`);

  const gender = patient ? str(patient.gender) : null;
  const sex = gender === 'female' || gender === 'male' ? gender : null;
  if (patient && !sex) warnings.push(`Patient.gender is "${gender ?? 'not given'}": sex comes from the patient record`);
  const birthDate = patient ? dateOf(patient.birthDate) : null;

  // Observations
  const byAnalyte = new Map<AnalyteId, Candidate[]>();
  let observations = 0;
  for (const r of mine) {
    if (r.resourceType !== 'Observation') continue;
    observations++;
    const c = readObservation(r, opts.asOf);
    if (!c) continue;
    const list = byAnalyte.get(c.analyte) ?? [];
    list.push(c);
    byAnalyte.set(c.analyte, list);
  }
  const results: ImportedResult[] = [];
  const labs: TLabInput[] = [];
  for (const analyte of ANALYTE_IDS) {
    const list = byAnalyte.get(analyte);
    if (!list) continue;
    list.sort(byRecency);
    // The most recent reported result decides; one that is pending, cancelled or dated in the future does not hide it.
    const latest = list.find((c) => c.contends);
    const blocked = latest !== undefined && !latest.usable;
    for (const c of list) {
      const { issued: _i, usable: _u, contends: _c, ...shown } = c;
      if (c === latest && c.usable) {
        labs.push(c.lab!);
        results.push(shown);
      } else if (c.usable) {
        const sameDay = !blocked && latest !== undefined && latest.provenance.date !== null && latest.provenance.date === c.provenance.date;
        const identical = sameDay && latest.lab!.value === c.lab!.value && latest.lab!.unit === c.lab!.unit && latest.lab!.qualifier === c.lab!.qualifier;
        if (sameDay && !identical) warnings.push(`Two ${analyte} results on ${c.provenance.date}: ${latest.provenance.value} ${latest.provenance.unit ?? ''} (used, issued later) and ${c.provenance.value} ${c.provenance.unit ?? ''}`);
        const note = identical ? 'duplicate of the result used' : blocked ? 'earlier result: the most recent one cannot be used, so none is' : 'earlier result (history)';
        results.push({ ...shown, use: 'history', note: c.note ? `${note}; ${c.note}` : note });
      } else results.push(shown);
    }
  }
  const missing = ANALYTE_IDS.filter((a) => !labs.some((l) => l.analyte === a));

  // Conditions
  const context: PatientContext = {};
  const conditions: ImportedCondition[] = [];
  let conditionCount = 0;
  for (const r of mine) {
    if (r.resourceType !== 'Condition') continue;
    conditionCount++;
    const cs = codings(r.code);
    const hit = cs.find((c) => conditionGroupsOf(c).length > 0);
    if (!hit) continue;
    const groups = conditionGroupsOf(hit);
    const clinicalStatus = codings(r.clinicalStatus)[0]?.code ?? null;
    const verification = codings(r.verificationStatus)[0]?.code ?? null;
    const prov = provenanceOf(r, dateOf(r.onsetDateTime, isObject(r.onsetPeriod) ? r.onsetPeriod.start : undefined, r.recordedDate), hit, null, null);
    if (!clinicalStatus || !ACTIVE_CLINICAL.has(clinicalStatus)) {
      conditions.push({ groups, use: 'not-used', note: `clinical status "${clinicalStatus ?? 'not given'}": only active conditions are used`, provenance: prov });
      continue;
    }
    if (verification !== 'confirmed') {
      conditions.push({ groups, use: 'not-used', note: `verification status "${verification ?? 'not given'}": only confirmed conditions are used`, provenance: prov });
      continue;
    }
    const notes: string[] = [];
    for (const g of groups) {
      if (g === 'dialysis') {
        const type = hit.system === SYSTEM.snomed && hit.code === '714152005' ? 'hemodialysis' : hit.system === SYSTEM.snomed && hit.code === '714153000' ? 'peritoneal' : 'type-not-coded';
        if (context.dialysis === undefined || context.dialysis === 'type-not-coded') context.dialysis = type;
        if (type === 'type-not-coded') notes.push('dialysis type not coded: choose it on the form');
      } else if (g === 'ckd') context.ckd = true;
      else if (g === 'diabetes') context.knownDiabetes = true;
      else if (g === 'neuropathy') context.neuropathy = 'present';
      else if (g === 'pregnancy') {
        if (sex === 'male') notes.push('pregnancy coded for a male patient: not used');
        else context.pregnant = true;
      } else if (g === 'cancer') context.activeCancerOrNeurotoxicChemo = true;
      else context.autoimmuneOrInflammatoryDisease = true;
    }
    conditions.push({ groups, use: 'used', note: notes.length ? notes.join('; ') : null, provenance: prov });
  }

  // Medications
  const active: ImportedMedication[] = [];
  const stopped: ImportedMedication[] = [];
  let medicationCount = 0;
  const byRef = (ref: unknown): FhirResource | undefined => {
    if (!isObject(ref)) return undefined;
    const r = str(ref.reference);
    if (!r) return undefined;
    return parsed.byFullUrl.get(r) ?? unique.get(r.split('/').slice(-2).join('/'));
  };
  for (const r of mine) {
    if (r.resourceType !== 'MedicationRequest' && r.resourceType !== 'MedicationStatement') continue;
    medicationCount++;
    const status = str(r.status) ?? 'not given';
    const { text, coding } = medicationText(r, byRef);
    if (!text) continue;
    const date = dateOf(r.authoredOn, r.effectiveDateTime, isObject(r.effectivePeriod) ? r.effectivePeriod.start : undefined, r.dateAsserted);
    const med: ImportedMedication = { text, rxnorm: coding?.system === SYSTEM.rxnorm ? coding.code ?? null : null, status, provenance: provenanceOf(r, date, coding, null, null) };
    const list = MED_ACTIVE[r.resourceType]!.has(status) ? active : MED_STOPPED[r.resourceType]!.has(status) ? stopped : null;
    if (!list) continue; // entered-in-error, draft, unknown
    if (!list.some((m) => m.text.toLowerCase() === text.toLowerCase())) list.push(med);
  }
  // A drug both active and stopped (renewed) is active.
  const activeTexts = new Set(active.map((m) => m.text.toLowerCase()));

  return {
    ok: true,
    data: {
      patient: { id: patient?.id ?? (opts.patientId || null), birthDate, sex, provenance: patient ? provenanceOf(patient, birthDate, undefined, null, null) : null },
      labs, results, missing, context, conditions,
      medications: { active, stopped: stopped.filter((m) => !activeTexts.has(m.text.toLowerCase())) },
      warnings,
      counts: { resources: resources.length, observations, conditions: conditionCount, medications: medicationCount },
    },
  };
}

/** The label of each condition group, for the provenance panel. */
export const CONDITION_GROUP_LABEL: Readonly<Record<ConditionGroup, string>> = Object.fromEntries(CONDITION_VALUE_SETS.map((s) => [s.group, s.label])) as Record<ConditionGroup, string>;
