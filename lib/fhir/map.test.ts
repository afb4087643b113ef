import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFindings, parseEvaluationInput } from '@/lib/rules';
import { ZAssessmentFormSchema } from '@/lib/schemas/assessment';
import { formFromImport, importFhirText, inputFromImport } from './draft';
import type { FhirImport } from './map';
import { parseFhirText } from './parse';
import { conditionGroupsOf, loincCodesOf, SYSTEM } from './value-sets';

const ASOF = '2026-11-27';
const fixture = (name: string) => readFileSync(path.join(__dirname, '../../tests/fixtures/fhir', name), 'utf8');
const SAMPLES = {
  alfreda: 'Alfreda_Wyman_3287b938-4670-47eb-91e5-e0ce3df71405.json',
  cameron: 'Cameron_Greenfelder_9b55212c-8024-4b8b-bc82-fa605435f63b.json',
  louis: 'Louis_Maggio_2e275d4b-855a-4eb2-9021-5410aa8acd4f.json',
  renato: 'Renato_Dare_f07e9b1d-9cc7-465e-8abc-94e84793d1fb.json',
  twanda: 'Twanda_Rippin_28529cd4-05d7-4df6-aa7c-7fb4d7af2e0f.json',
} as const;

function imported(text: string, opts: { patientId?: string } = {}): FhirImport {
  const r = importFhirText(text, { asOf: ASOF, ...opts });
  if (!r.ok) throw new Error(r.message);
  return r.data;
}

const sample = (k: keyof typeof SAMPLES) => imported(fixture(SAMPLES[k]));

// Hand-made resources for the edge cases.
const patient = (extra: Record<string, unknown> = {}) => ({ resourceType: 'Patient', id: 'p1', birthDate: '1970-05-01', gender: 'female', ...extra });
let seq = 0;
function obs(code: string, value: number | null, unit: string | null, extra: Record<string, unknown> = {}) {
  seq++;
  return {
    resourceType: 'Observation', id: `o${seq}`, status: 'final', subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: SYSTEM.loinc, code }] }, effectiveDateTime: '2026-11-01T08:00:00Z',
    ...(value === null ? {} : { valueQuantity: { value, ...(unit ? { unit, system: SYSTEM.ucum, code: unit } : {}) } }),
    ...extra,
  };
}
const condition = (system: string, code: string, clinical = 'active', verification: string | null = 'confirmed') => ({
  resourceType: 'Condition', id: `c${++seq}`, subject: { reference: 'Patient/p1' }, code: { coding: [{ system, code, display: code }] },
  clinicalStatus: { coding: [{ code: clinical }] }, ...(verification ? { verificationStatus: { coding: [{ code: verification }] } } : {}),
});
const med = (resourceType: 'MedicationRequest' | 'MedicationStatement', status: string, text: string, rxnorm = '1') => ({
  resourceType, id: `m${++seq}`, status, subject: { reference: 'Patient/p1' },
  medicationCodeableConcept: { coding: [{ system: SYSTEM.rxnorm, code: rxnorm, display: text }] },
});
const bundle = (type: string, resources: object[]) => JSON.stringify({ resourceType: 'Bundle', type, entry: resources.map((resource) => ({ resource })) });
const labOf = (imp: FhirImport, analyte: string) => imp.labs.find((l) => l.analyte === analyte);
const resultsOf = (imp: FhirImport, analyte: string) => imp.results.filter((r) => r.analyte === analyte);

describe('Synthea samples', () => {
  it.each(Object.keys(SAMPLES) as (keyof typeof SAMPLES)[])('%s maps to a valid form and a valid engine input', (k) => {
    const imp = sample(k);
    expect(imp.patient.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(['female', 'male']).toContain(imp.patient.sex);
    // Real Synthea data has no iron studies, B12 or folate: they are missing, never normal.
    for (const a of ['ferritin', 'tsat', 'iron', 'tibc', 'b12', 'folate'] as const) expect(imp.missing).toContain(a);
    // Blood glucose 2339-0 is not a fasting sample.
    expect(labOf(imp, 'glucose-fasting')).toBeUndefined();
    expect(labOf(imp, 'glucose-random')?.unit).toBe('mg/dL');
    // One used result per analyte, the newest; every other one is history, older or the same day.
    for (const l of imp.labs) {
      const rs = resultsOf(imp, l.analyte);
      const used = rs.filter((r) => r.use === 'used');
      expect(used).toHaveLength(1);
      for (const r of rs.filter((x) => x.use === 'history')) expect(r.provenance.date! <= used[0]!.provenance.date!).toBe(true);
      expect(used[0]!.provenance).toMatchObject({ resourceType: 'Observation', system: SYSTEM.loinc });
      expect(used[0]!.provenance.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const form = formFromImport(imp);
    expect(ZAssessmentFormSchema.safeParse(form).success).toBe(true);
    const input = inputFromImport(imp, ASOF)!;
    expect(parseEvaluationInput(input).ok).toBe(true);
    expect(evaluateFindings(input, { asOf: ASOF }).contributors.length).toBeGreaterThan(0);
  });

  it('Alfreda: eGFR 33914-3 in mL/min/{1.73_m2} is read, with the MDRD note; stopped acetaminophen is listed apart', () => {
    const imp = sample('alfreda');
    expect(labOf(imp, 'egfr')).toEqual({ analyte: 'egfr', value: 145.85640717917823, unit: 'mL/min/1.73m2', collectedOn: '2020-12-01' });
    const used = resultsOf(imp, 'egfr').find((r) => r.use === 'used')!;
    expect(used.provenance).toMatchObject({ code: '33914-3', unit: 'mL/min/{1.73_m2}', value: '145.85640717917823', date: '2020-12-01' });
    expect(used.note).toMatch(/MDRD/);
    expect(resultsOf(imp, 'egfr').filter((r) => r.use === 'history')).toHaveLength(4);
    expect(labOf(imp, 'creatinine')?.unit).toBe('mg/dL');
    expect(resultsOf(imp, 'creatinine')[0]!.provenance.code).toBe('38483-4');
    expect(imp.medications.active.map((m) => m.text)).toEqual(['Hydrochlorothiazide 25 MG']);
    expect(imp.medications.active[0]!.rxnorm).toBe('316049');
    expect(imp.medications.stopped.map((m) => m.text)).toEqual(['Acetaminophen 325 MG Oral Tablet']);
    // Hypertension and prediabetes are in no value set: history stays unknown.
    expect(imp.context).toEqual({});
    expect(formFromImport(imp).knownDiabetes).toBe('unknown');
    expect(formFromImport(imp).dialysis).toBe('unknown');
  });

  it('Renato: diabetes and diabetic neuropathy set the context; diphenhydramine becomes a medication line the engine flags', () => {
    const imp = sample('renato');
    expect(imp.context).toEqual({ knownDiabetes: true, neuropathy: 'present' });
    expect(imp.conditions.filter((c) => c.use === 'used').map((c) => c.provenance.code).sort()).toEqual(['368581000119106', '44054006']);
    expect(imp.medications.active.map((m) => m.text)).toContain('diphenhydrAMINE Hydrochloride 25 MG Oral Tablet');
    const ev = evaluateFindings(inputFromImport(imp, ASOF)!, { asOf: ASOF });
    expect(ev.contributors.find((c) => c.id === 'medication')?.status).toBe('flagged');
    expect(ev.medications.find((m) => m.generic === 'diphenhydramine')?.status).toBe('flagged');
  });

  it('Twanda: a resolved pregnancy and an active miscarriage do not make her pregnant; no eGFR result is missing, not normal', () => {
    const imp = sample('twanda');
    expect(imp.context.pregnant).toBeUndefined();
    expect(formFromImport(imp).pregnant).toBe('unknown');
    const normal = imp.conditions.find((c) => c.provenance.code === '72892002')!;
    expect(normal).toMatchObject({ use: 'not-used', groups: ['pregnancy'] });
    expect(imp.conditions.some((c) => c.provenance.code === '19169002')).toBe(false);
    expect(imp.missing).toContain('egfr');
    expect(imp.medications.stopped.length).toBe(4);
  });

  it('Louis: urine ACR 14959-1 and the active medications; stopped ones apart', () => {
    const imp = sample('louis');
    expect(labOf(imp, 'urine-acr')?.unit).toBe('mg/g');
    expect(imp.medications.active.map((m) => m.text)).toEqual(['Diazepam [Valium]', 'Chlorpheniramine Maleate 2 MG/ML Oral Solution', 'Naproxen sodium 220 MG Oral Tablet']);
    expect(imp.medications.stopped.map((m) => m.text)).toEqual(['Acetaminophen 325 MG Oral Tablet', 'Amoxicillin 250 MG / Clavulanate 125 MG Oral Tablet']);
  });

  it('Cameron: a man; anaemia on the problem list is not a patient-context field', () => {
    const imp = sample('cameron');
    expect(imp.patient.sex).toBe('male');
    expect(imp.context).toEqual({});
  });
});

describe('edge cases', () => {
  it('units: UCUM codes are read by the table, SI units are kept for the engine to convert; unknown units are shown, not used', () => {
    const imp = imported(bundle('collection', [
      patient(),
      obs('2160-0', 88, 'umol/L'),
      obs('3016-3', 2.1, 'm[IU]/L'),
      obs('2276-4', 30, 'ug/L'),
      obs('33914-3', 75, 'mL/min'),
      obs('2132-9', 300, 'ng/L'),
    ]));
    expect(labOf(imp, 'creatinine')).toMatchObject({ value: 88, unit: 'µmol/L' });
    expect(labOf(imp, 'tsh')).toMatchObject({ value: 2.1, unit: 'mIU/L' });
    expect(labOf(imp, 'ferritin')).toMatchObject({ value: 30, unit: 'µg/L' });
    expect(labOf(imp, 'egfr')).toBeUndefined();
    expect(resultsOf(imp, 'egfr')[0]).toMatchObject({ use: 'not-used', provenance: { value: '75', unit: 'mL/min' } });
    expect(resultsOf(imp, 'egfr')[0]!.note).toMatch(/unit "mL\/min".*not used/);
    expect(labOf(imp, 'b12')).toBeUndefined();
    const ev = evaluateFindings(inputFromImport(imp, ASOF)!, { asOf: ASOF });
    expect(ev.inputs.find((i) => i.analyte === 'creatinine')?.status).toBe('accepted');
  });

  it('a unit that fits another analyte but not this one is not used (mg/dL for TSH)', () => {
    const imp = imported(bundle('collection', [patient(), obs('3016-3', 2, 'mg/dL')]));
    expect(labOf(imp, 'tsh')).toBeUndefined();
    expect(resultsOf(imp, 'tsh')[0]!.use).toBe('not-used');
  });

  it('comparators: < and > become censored values; <= and >= are shown and not used', () => {
    const imp = imported(bundle('collection', [
      patient(),
      { ...obs('2276-4', 5, 'ng/mL'), valueQuantity: { value: 5, comparator: '<', system: SYSTEM.ucum, code: 'ng/mL' } },
      { ...obs('98979-8', 90, null), valueQuantity: { value: 90, comparator: '>', unit: 'mL/min/{1.73_m2}', system: SYSTEM.ucum, code: 'mL/min/{1.73_m2}' } },
      { ...obs('3016-3', 0.01, null), valueQuantity: { value: 0.01, comparator: '<=', system: SYSTEM.ucum, code: 'm[IU]/L' } },
    ]));
    expect(labOf(imp, 'ferritin')).toMatchObject({ value: 5, qualifier: '<' });
    expect(labOf(imp, 'egfr')).toMatchObject({ value: 90, qualifier: '>' });
    expect(resultsOf(imp, 'ferritin')[0]!.provenance.value).toBe('<5');
    expect(labOf(imp, 'tsh')).toBeUndefined();
    expect(resultsOf(imp, 'tsh')[0]!.note).toMatch(/comparator "<="/);
    expect(formFromImport(imp).labs.ferritin.value).toBe('<5');
  });

  it('statuses: only final, amended and corrected are used; a preliminary newer result does not hide the final one', () => {
    const imp = imported(bundle('collection', [
      patient(),
      obs('2276-4', 20, 'ng/mL', { status: 'preliminary', effectiveDateTime: '2026-11-20' }),
      obs('2276-4', 40, 'ng/mL', { status: 'amended', effectiveDateTime: '2026-11-10' }),
      obs('3016-3', 2, 'm[IU]/L', { status: 'entered-in-error' }),
      obs('3016-3', 3, 'm[IU]/L', { status: 'cancelled' }),
      obs('2132-9', 400, 'pg/mL', { status: 'corrected' }),
    ]));
    expect(labOf(imp, 'ferritin')).toMatchObject({ value: 40, collectedOn: '2026-11-10' });
    expect(resultsOf(imp, 'ferritin').find((r) => r.provenance.value === '20')).toMatchObject({ use: 'not-used' });
    expect(resultsOf(imp, 'ferritin').find((r) => r.provenance.value === '20')!.note).toMatch(/status "preliminary"/);
    expect(labOf(imp, 'tsh')).toBeUndefined();
    expect(imp.missing).toContain('tsh');
    expect(labOf(imp, 'b12')).toMatchObject({ value: 400 });
  });

  it('most recent per analyte; older results are history; an old result keeps its date so the engine can judge it stale', () => {
    const imp = imported(bundle('collection', [
      patient(),
      obs('2276-4', 50, 'ng/mL', { effectiveDateTime: '2024-01-05' }),
      obs('2276-4', 25, 'ng/mL', { effectiveDateTime: '2025-03-01T10:00:00-05:00' }),
      obs('2276-4', 90, 'ng/mL', { effectiveDateTime: '2023-06-01' }),
    ]));
    expect(labOf(imp, 'ferritin')).toMatchObject({ value: 25, collectedOn: '2025-03-01' });
    expect(resultsOf(imp, 'ferritin').map((r) => [r.use, r.provenance.date])).toEqual([['used', '2025-03-01'], ['history', '2024-01-05'], ['history', '2023-06-01']]);
    const ev = evaluateFindings(inputFromImport(imp, ASOF)!, { asOf: ASOF });
    expect(ev.inputs.find((i) => i.analyte === 'ferritin')).toMatchObject({ stale: true });
  });

  it('when the most recent result cannot be used, no older value stands in for it', () => {
    const imp = imported(bundle('collection', [
      patient(),
      obs('33914-3', 40, 'mL/min', { effectiveDateTime: '2026-10-01' }),
      obs('33914-3', 80, 'mL/min/{1.73_m2}', { effectiveDateTime: '2026-01-01' }),
    ]));
    expect(labOf(imp, 'egfr')).toBeUndefined();
    expect(resultsOf(imp, 'egfr')[1]).toMatchObject({ use: 'history' });
    expect(resultsOf(imp, 'egfr')[1]!.note).toMatch(/most recent one cannot be used/);
  });

  it('duplicates: the same resource twice counts once; two results on one day use the later issued and warn', () => {
    const o = obs('2276-4', 30, 'ng/mL');
    const imp = imported(bundle('collection', [
      patient(), o, o,
      obs('3016-3', 2, 'm[IU]/L', { issued: '2026-11-01T10:00:00Z' }),
      obs('3016-3', 6, 'm[IU]/L', { issued: '2026-11-01T12:00:00Z' }),
    ]));
    expect(resultsOf(imp, 'ferritin')).toHaveLength(1);
    expect(labOf(imp, 'tsh')).toMatchObject({ value: 6 });
    expect(imp.warnings.join(' ')).toMatch(/Two tsh results on 2026-11-01/);
  });

  it('missing: no value, data absent, and results dated after the assessment date', () => {
    const imp = imported(bundle('collection', [
      patient(),
      obs('2276-4', null, null, { dataAbsentReason: { text: 'specimen lost' } }),
      obs('3016-3', 2, 'm[IU]/L', { effectiveDateTime: '2027-01-01' }),
      obs('2284-8', null, null, { valueString: 'see comment' }),
    ]));
    expect(imp.labs).toEqual([]);
    expect(imp.missing).toHaveLength(18);
    expect(resultsOf(imp, 'ferritin')[0]!.note).toMatch(/data absent/);
    expect(resultsOf(imp, 'tsh')[0]!.note).toMatch(/after the assessment date/);
    expect(resultsOf(imp, 'folate')[0]!.provenance.value).toBe('see comment');
  });

  it('an undated result is used and says so', () => {
    const o = obs('2276-4', 30, 'ng/mL');
    delete (o as Record<string, unknown>).effectiveDateTime;
    const imp = imported(bundle('collection', [patient(), o]));
    expect(labOf(imp, 'ferritin')).toEqual({ analyte: 'ferritin', value: 30, unit: 'ng/mL' });
    expect(resultsOf(imp, 'ferritin')[0]!.note).toMatch(/collection date not given/);
  });

  it('conditions: active and confirmed only; SNOMED and ICD-10 value sets; prediabetes is not diabetes', () => {
    const imp = imported(bundle('collection', [
      patient(),
      condition(SYSTEM.snomed, '15777000'),
      condition(SYSTEM.icd10cm, 'E11.9', 'active', 'provisional'),
      condition(SYSTEM.icd10cm, 'M05.79'),
      condition(SYSTEM.icd10cm, 'C50.911', 'remission'),
      condition(SYSTEM.snomed, '77386006'),
      condition(SYSTEM.snomed, '714152005'),
      condition(SYSTEM.icd10cm, 'N18.4', 'active', null),
    ]));
    expect(imp.context).toEqual({ autoimmuneOrInflammatoryDisease: true, pregnant: true, dialysis: 'hemodialysis' });
    expect(imp.conditions.find((c) => c.provenance.code === 'E11.9')!.note).toMatch(/verification status "provisional"/);
    expect(imp.conditions.find((c) => c.provenance.code === 'C50.911')!.note).toMatch(/clinical status "remission"/);
    expect(imp.conditions.find((c) => c.provenance.code === 'N18.4')!.note).toMatch(/verification status "not given"/);
    const form = formFromImport(imp);
    expect(form).toMatchObject({ pregnant: 'yes', dialysis: 'hemodialysis', autoimmuneOrInflammatoryDisease: 'yes', knownDiabetes: 'unknown', activeCancerOrNeurotoxicChemo: 'unknown' });
  });

  it('value sets: codes belong to their groups, exclusions hold', () => {
    expect(conditionGroupsOf({ system: SYSTEM.snomed, code: '368581000119106' }).sort()).toEqual(['diabetes', 'neuropathy']);
    expect(conditionGroupsOf({ system: SYSTEM.icd10cm, code: 'E11.42' }).sort()).toEqual(['diabetes', 'neuropathy']);
    expect(conditionGroupsOf({ system: SYSTEM.icd10cm, code: 'R73.03' })).toEqual([]);
    expect(conditionGroupsOf({ system: SYSTEM.icd10, code: 'C18.7' })).toEqual(['cancer']);
    expect(conditionGroupsOf({ system: 'http://example.org', code: '44054006' })).toEqual([]);
    expect(loincCodesOf('egfr').sort()).toEqual(['33914-3', '48642-3', '48643-1', '62238-1', '98979-8']);
    expect(loincCodesOf('creatinine')).toEqual(expect.arrayContaining(['2160-0', '38483-4']));
  });

  it('a dialysis code without its type leaves the type to the clinician; pregnancy is never set for a man', () => {
    const imp = imported(bundle('collection', [patient({ gender: 'male' }), condition(SYSTEM.icd10cm, 'Z99.2'), condition(SYSTEM.snomed, '77386006')]));
    expect(imp.context).toEqual({ dialysis: 'type-not-coded' });
    expect(formFromImport(imp).dialysis).toBe('unknown');
    expect(imp.conditions.find((c) => c.provenance.code === '77386006')!.note).toMatch(/male/);
  });

  it('medications: MedicationStatement, a Medication reference, renewed drugs, entered-in-error left out', () => {
    const medication = { resourceType: 'Medication', id: 'med1', code: { coding: [{ system: SYSTEM.rxnorm, code: '197320', display: 'sertraline 50 MG Oral Tablet' }] } };
    const imp = imported(bundle('searchset', [
      patient(), medication,
      med('MedicationStatement', 'active', 'ropinirole 0.25 MG'),
      { resourceType: 'MedicationRequest', id: 'mr9', status: 'active', subject: { reference: 'Patient/p1' }, medicationReference: { reference: 'Medication/med1' } },
      med('MedicationRequest', 'stopped', 'Hydrochlorothiazide 25 MG'),
      med('MedicationRequest', 'active', 'Hydrochlorothiazide 25 MG'),
      med('MedicationRequest', 'entered-in-error', 'metoclopramide 10 MG'),
      med('MedicationRequest', 'completed', 'amoxicillin 500 MG'),
    ]));
    expect(imp.medications.active.map((m) => m.text)).toEqual(['ropinirole 0.25 MG', 'sertraline 50 MG Oral Tablet', 'Hydrochlorothiazide 25 MG']);
    expect(imp.medications.active[1]!.rxnorm).toBe('197320');
    expect(imp.medications.stopped.map((m) => m.text)).toEqual(['amoxicillin 500 MG']);
    expect(formFromImport(imp).noMedications).toBe(false);
  });

  it('no medications in the export means the list is unknown, not "none"', () => {
    const imp = imported(bundle('collection', [patient()]));
    const input = inputFromImport(imp, ASOF)!;
    expect(input.medications).toEqual({ noneTaken: false, entries: [] });
    expect(evaluateFindings(input, { asOf: ASOF }).contributors.find((c) => c.id === 'medication')?.status).toBe('not-assessed');
  });

  it('NDJSON export: one resource per line, urn:uuid references, transaction fullUrls', () => {
    const lines = [
      JSON.stringify(patient()),
      JSON.stringify({ ...obs('2276-4', 12, 'ng/mL'), subject: { reference: 'urn:uuid:p1' } }),
      JSON.stringify(obs('3016-3', 2.2, 'm[IU]/L')),
    ].join('\n');
    const imp = imported(`${lines}\n`);
    expect(imp.labs.map((l) => l.analyte).sort()).toEqual(['ferritin', 'tsh']);
  });

  it('several patients: refused unless one is chosen by id; other patients\' results are left out', () => {
    const text = bundle('collection', [patient(), patient({ id: 'p2' }), obs('2276-4', 12, 'ng/mL'), { ...obs('2276-4', 99, 'ng/mL'), subject: { reference: 'Patient/p2' } }]);
    const refused = importFhirText(text, { asOf: ASOF });
    expect(refused).toEqual({ ok: false, message: "The file holds 2 patients; import one patient's data at a time" });
    const imp = imported(text, { patientId: 'p1' });
    expect(labOf(imp, 'ferritin')).toMatchObject({ value: 12 });
    expect(imp.warnings).toContain('1 resource of another patient left out');
  });

  it('no Patient resource: age and sex are unknown, so there is no engine input', () => {
    const imp = imported(bundle('collection', [obs('2276-4', 12, 'ng/mL')]));
    expect(imp.patient).toMatchObject({ birthDate: null, sex: null });
    expect(inputFromImport(imp, ASOF)).toBeNull();
    expect(labOf(imp, 'ferritin')).toMatchObject({ value: 12 });
  });

  it('bad files get one specific message', () => {
    expect(parseFhirText('')).toEqual({ ok: false, message: 'The file is empty' });
    expect(parseFhirText('hello')).toEqual({ ok: false, message: 'The file is neither FHIR JSON nor NDJSON (one resource per line)' });
    expect(parseFhirText(`${JSON.stringify(patient())}\n{oops`)).toEqual({ ok: false, message: 'Line 2 of the NDJSON file is not valid JSON' });
    expect(parseFhirText('{"a":1}')).toEqual({ ok: false, message: 'The file is not a FHIR resource (no resourceType)' });
    expect(parseFhirText('{"resourceType":"Bundle","entry":{}}')).toEqual({ ok: false, message: 'The file: Bundle.entry is not a list' });
    expect(parseFhirText('[1,2]')).toEqual({ ok: false, message: 'The file is not a FHIR resource (no resourceType)' });
  });
});
