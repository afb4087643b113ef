import { describe, expect, it } from 'vitest';
import { lab, makeInput, normalLabs, withLab, withoutLab } from '@/tests/factories';
import { evaluateFindings, type ContributorId, type Evaluation, type TLabInput } from './index';

const run = (labs: TLabInput[], patient = {}, medications?: { noneTaken: boolean; entries: string[] }) =>
  evaluateFindings(makeInput({ labs, patient, ...(medications ? { medications } : {}) }));
const status = (e: Evaluation, id: ContributorId) => e.contributors.find((c) => c.id === id)!.status;
const contributor = (e: Evaluation, id: ContributorId) => e.contributors.find((c) => c.id === id)!;
const workupIds = (e: Evaluation) => e.workup.map((w) => w.id);

describe('iron boundaries (I-1, I-2, I-3; AASM 2024)', () => {
  it.each([
    [74.9, 30, 'flagged', 'oral-or-iv'],
    [75, 30, 'flagged', 'oral-or-iv'],
    [75.1, 30, 'flagged', 'iv-only'],
    [100, 30, 'flagged', 'iv-only'],
    [100.1, 30, 'not-flagged', undefined],
    [180, 19.9, 'flagged', 'oral-or-iv'],
    [180, 20, 'not-flagged', undefined],
    [90, 19.9, 'flagged', 'oral-or-iv'],
  ] as const)('ferritin %d ng/mL, TSAT %d%% → %s %s', (ferritin, tsat, want, therapy) => {
    const e = run(withLab(withLab(normalLabs(), lab('ferritin', ferritin, 'ng/mL')), lab('tsat', tsat, '%')));
    expect(status(e, 'iron-deficiency')).toBe(want);
    expect(contributor(e, 'iron-deficiency').ironTherapy).toBe(therapy);
  });

  it('compares µg/L as identical to ng/mL and converts pmol/L', () => {
    expect(status(run(withLab(normalLabs(), lab('ferritin', 75, 'µg/L'))), 'iron-deficiency')).toBe('flagged');
    expect(status(run(withLab(normalLabs(), lab('ferritin', 75, 'ug/L'))), 'iron-deficiency')).toBe('flagged');
    // 168.5 pmol/L ÷ 2.247 = 74.99 ng/mL.
    expect(contributor(run(withLab(normalLabs(), lab('ferritin', 168.5, 'pmol/L'))), 'iron-deficiency').ironTherapy).toBe('oral-or-iv');
  });

  it('TSAT 44.9 / 45: the iron suggestion is suppressed at 45 (I-5)', () => {
    const at = (tsat: number) => run(withLab(withLab(normalLabs(), lab('ferritin', 60, 'ng/mL')), lab('tsat', tsat, '%')));
    expect(contributor(at(44.9), 'iron-deficiency').ironTherapy).toBe('oral-or-iv');
    expect(workupIds(at(44.9))).not.toContain('iron-overload-evaluation');
    expect(contributor(at(45), 'iron-deficiency').ironTherapy).toBe('suppressed');
    expect(contributor(at(45), 'iron-deficiency').ruleIds).toEqual(['I-1', 'I-5']);
    expect(workupIds(at(45))).toContain('iron-overload-evaluation');
  });

  it('TSAT ≥ 45 with high ferritin is not flagged but asks for overload evaluation', () => {
    const e = run(withLab(normalLabs(), lab('tsat', 50, '%')));
    expect(status(e, 'iron-deficiency')).toBe('not-flagged');
    expect(workupIds(e)).toContain('iron-overload-evaluation');
    expect(e.inputs.find((i) => i.analyte === 'tsat')?.status).toBe('verify');
  });

  it('computes TSAT unrounded from iron and TIBC: 50/250 is not < 20, 49.9/250 is', () => {
    const base = withoutLab(withLab(normalLabs(), lab('ferritin', 150, 'ng/mL')), 'tsat');
    const at = (iron: number) => run([...base, lab('iron', iron, 'µg/dL'), lab('tibc', 250, 'µg/dL')]);
    expect(status(at(50), 'iron-deficiency')).toBe('not-flagged');
    expect(at(50).derived.tsat).toMatchObject({ value: 20, computed: true });
    expect(status(at(49.9), 'iron-deficiency')).toBe('flagged');
  });

  it('says so when TSAT, iron and TIBC disagree beyond rounding', () => {
    const e = run([...normalLabs(), lab('iron', 50, 'µg/dL'), lab('tibc', 250, 'µg/dL')]);
    const tsat = e.inputs.find((i) => i.analyte === 'tsat')!;
    expect(tsat.status).toBe('verify');
    expect(tsat.message).toMatch(/disagrees with serum iron ÷ TIBC = 20%/);
    const agree = run([...withLab(normalLabs(), lab('tsat', 20, '%')), lab('iron', 50.5, 'µg/dL'), lab('tibc', 250, 'µg/dL')]);
    expect(agree.inputs.find((i) => i.analyte === 'tsat')!.status).toBe('accepted');
  });

  it('I-4: high ferritin with low TSAT flags with an inflammation caveat and CRP', () => {
    const e = run(withLab(withLab(normalLabs(), lab('ferritin', 160, 'ng/mL')), lab('tsat', 17, '%')));
    const iron = contributor(e, 'iron-deficiency');
    expect(iron.ruleIds).toEqual(['I-4', 'I-1']);
    expect(iron.ironTherapy).toBe('oral-or-iv');
    expect(iron.summary).toContain('CRP and a review of the cause of the low TSAT are suggested before a route is chosen');
    expect(iron.caveats.map((c) => c.id)).toContain('inflammation');
    expect(workupIds(e)).toContain('crp');
  });

  it('I-6: one of ferritin / TSAT evaluates what is present and asks for the rest', () => {
    const low = run(withoutLab(withLab(normalLabs(), lab('ferritin', 40, 'ng/mL')), 'tsat'));
    expect(status(low, 'iron-deficiency')).toBe('flagged');
    expect(contributor(low, 'iron-deficiency')).toMatchObject({ ironTherapy: 'pending', ruleIds: ['I-1', 'I-6'] });
    expect(low.workup.find((w) => w.id === 'iron-panel')!.ruleIds).toEqual(expect.arrayContaining(['G5', 'I-6']));
    const high = run(withoutLab(normalLabs(), 'tsat'));
    expect(status(high, 'iron-deficiency')).toBe('not-assessed');
    expect(high.workup.find((w) => w.id === 'iron-panel')!.ruleIds).toEqual(expect.arrayContaining(['G5', 'G1']));
  });

  it('a censored ferritin "<5" satisfies ≤ 75', () => {
    expect(status(run(withLab(normalLabs(), lab('ferritin', 5, 'ng/mL', { qualifier: '<' }))), 'iron-deficiency')).toBe('flagged');
  });

  it('on dialysis: K-4 (ferritin < 200 and TSAT < 20), K-4a (ferritin ≤ 75), otherwise K-5', () => {
    const at = (ferritin: number, tsat: number) => run(withLab(withLab(normalLabs(), lab('ferritin', ferritin, 'ng/mL')), lab('tsat', tsat, '%')), { dialysis: 'hemodialysis' });
    expect(contributor(at(199.9, 19.9), 'iron-deficiency')).toMatchObject({ ironTherapy: 'iv-iron-sucrose', ruleIds: ['K-4'] });
    expect(contributor(at(200, 19.9), 'iron-deficiency')).toMatchObject({ status: 'not-flagged', ruleIds: ['K-5'] });
    expect(contributor(at(75, 25), 'iron-deficiency')).toMatchObject({ ironTherapy: 'iv-iron-sucrose', ruleIds: ['K-4a'] });
    expect(contributor(at(75.1, 25), 'iron-deficiency')).toMatchObject({ status: 'not-flagged', ruleIds: ['K-5'] });
    expect(contributor(at(60, 45), 'iron-deficiency').ironTherapy).toBe('suppressed');
    expect(contributor(at(300, 30), 'iron-deficiency').summary).toMatch(/KDIGO 2012 iron-trial criteria \(TSAT ≤ 30% and ferritin ≤ 500\): met;/);
    expect(contributor(at(600, 25), 'iron-deficiency').summary).toMatch(/: not met;/);
  });

  it('O-2: CRP above 5 mg/L (or 0.5 mg/dL) adds the inflammation note', () => {
    expect(contributor(run([...normalLabs(), lab('crp', 5.1, 'mg/L')]), 'iron-deficiency').ruleIds).toContain('O-2');
    expect(contributor(run([...normalLabs(), lab('crp', 5, 'mg/L')]), 'iron-deficiency').ruleIds).not.toContain('O-2');
    expect(contributor(run([...normalLabs(), lab('crp', 0.6, 'mg/dL')]), 'iron-deficiency').ruleIds).toContain('O-2');
  });
});

describe('anaemia (A-1; WHO cut-offs)', () => {
  it.each([
    ['male', {}, 12.9, 'flagged'], ['male', {}, 13, 'not-flagged'],
    ['female', {}, 11.9, 'flagged'], ['female', {}, 12, 'not-flagged'],
    ['female', { pregnant: true, pregnancyWeeks: 10 }, 10.9, 'flagged'], ['female', { pregnant: true, pregnancyWeeks: 10 }, 11, 'not-flagged'],
    ['female', { pregnant: true, pregnancyWeeks: 20 }, 10.4, 'flagged'], ['female', { pregnant: true, pregnancyWeeks: 20 }, 10.5, 'not-flagged'],
    ['female', { pregnant: true, pregnancyWeeks: 30 }, 10.9, 'flagged'], ['female', { pregnant: true, pregnancyWeeks: 30 }, 11, 'not-flagged'],
    // KB 1.1: weeks unknown use 11.0 g/dL; pregnancy omitted uses the non-pregnant cut-off with the G8 notice.
    ['female', { pregnant: true }, 10.9, 'flagged'], ['female', { pregnant: true }, 11, 'not-flagged'],
    ['female', { pregnant: null }, 11.9, 'flagged'], ['female', { pregnant: null }, 12, 'not-flagged'],
  ] as const)('%s %o Hb %d g/dL → %s', (sex, preg, hb, want) => {
    expect(status(run(withLab(normalLabs(), lab('hemoglobin', hb, 'g/dL')), { sex, ...preg }), 'anemia')).toBe(want);
  });

  it('reads g/L and mmol/L', () => {
    expect(status(run(withLab(normalLabs(), lab('hemoglobin', 119, 'g/L'))), 'anemia')).toBe('flagged');
    expect(status(run(withLab(normalLabs(), lab('hemoglobin', 7.5, 'mmol/L'))), 'anemia')).toBe('not-flagged'); // 12.09 g/dL
  });
});

describe('kidney (K-1, K-2; CKD-EPI 2021)', () => {
  it.each([[59.9, 'flagged'], [60, 'not-flagged']] as const)('eGFR %d → %s', (egfr, want) => {
    expect(status(run(withLab(normalLabs(), lab('egfr', egfr, 'mL/min/1.73m2'))), 'kidney-disease')).toBe(want);
  });

  it('keeps ">90" as a lower bound and leaves ">45" undecided against < 60', () => {
    expect(status(run(withLab(normalLabs(), lab('egfr', 90, 'mL/min/1.73m2', { qualifier: '>' }))), 'kidney-disease')).toBe('not-flagged');
    expect(status(run(withLab(normalLabs(), lab('egfr', 45, 'mL/min/1.73m2', { qualifier: '>' }))), 'kidney-disease')).toBe('indeterminate');
  });

  it('computes eGFR from creatinine in µmol/L (M 72, 115 µmol/L → 58.3)', () => {
    const e = run([...withoutLab(normalLabs(), 'egfr'), lab('creatinine', 115, 'µmol/L')], { sex: 'male', ageYears: 72 });
    expect(e.derived.egfr?.value).toBeCloseTo(58.3, 1);
    expect(status(e, 'kidney-disease')).toBe('flagged');
    expect(contributor(e, 'kidney-disease').basis[0]).toMatchObject({ analyte: 'egfr', threshold: '< 60 mL/min/1.73m2', outcome: 'met' });
  });

  it('asks for nephrology below 30 only', () => {
    expect(workupIds(run(withLab(normalLabs(), lab('egfr', 29.9, 'mL/min/1.73m2'))))).toContain('nephrology');
    expect(workupIds(run(withLab(normalLabs(), lab('egfr', 30, 'mL/min/1.73m2'))))).not.toContain('nephrology');
  });

  it('on dialysis flags K-1 and does not interpret eGFR', () => {
    const e = run(withLab(normalLabs(), lab('egfr', 8, 'mL/min/1.73m2')), { dialysis: 'peritoneal' });
    expect(status(e, 'kidney-failure-dialysis')).toBe('flagged');
    expect(contributor(e, 'kidney-disease')).toMatchObject({ status: 'not-assessed', ruleIds: ['K-2d'] });
    expect(e.derived.egfr).toBeUndefined();
    expect(workupIds(e)).not.toContain('creatinine-egfr');
  });

  it('missing creatinine and eGFR is not assessed and asks for them', () => {
    const e = run(withoutLab(normalLabs(), 'egfr'));
    expect(status(e, 'kidney-disease')).toBe('not-assessed');
    expect(workupIds(e)).toContain('creatinine-egfr');
  });
});

describe('glycemia (D-1…D-4; ADA 2025, native units)', () => {
  const glyc = (labs: TLabInput[], patient = {}) => status(run([...withoutLab(normalLabs(), 'glucose-fasting'), ...labs], patient), 'glycemia');
  it.each([
    [lab('glucose-fasting', 125, 'mg/dL'), 'not-flagged'], [lab('glucose-fasting', 126, 'mg/dL'), 'flagged'],
    [lab('glucose-fasting', 6.9, 'mmol/L'), 'not-flagged'], [lab('glucose-fasting', 7.0, 'mmol/L'), 'flagged'],
    [lab('hba1c', 6.4, '%'), 'not-flagged'], [lab('hba1c', 6.5, '%'), 'flagged'],
    [lab('hba1c', 47, 'mmol/mol'), 'not-flagged'], [lab('hba1c', 48, 'mmol/mol'), 'flagged'],
  ] as const)('%o → %s', (l, want) => expect(glyc([l])).toBe(want));

  it('random 11.1 mmol/L with symptoms flags (11.1 × 18.016 = 199.98 would miss ≥ 200)', () => {
    expect(glyc([lab('glucose-random', 11.1, 'mmol/L')], { hyperglycemiaSymptoms: 'yes' })).toBe('flagged');
    expect(glyc([lab('glucose-random', 199, 'mg/dL')], { hyperglycemiaSymptoms: 'yes' })).toBe('not-assessed');
    expect(glyc([lab('glucose-random', 200, 'mg/dL')], { hyperglycemiaSymptoms: 'yes' })).toBe('flagged');
  });

  it('D-3: random ≥ 200 without symptoms and no FPG/HbA1c is indeterminate and asks to confirm', () => {
    const e = run([...withoutLab(normalLabs(), 'glucose-fasting'), lab('glucose-random', 240, 'mg/dL')], { hyperglycemiaSymptoms: 'no' });
    expect(status(e, 'glycemia')).toBe('indeterminate');
    expect(contributor(e, 'glycemia').ruleIds).toEqual(['D-3']);
    expect(workupIds(e)).toContain('glucose-confirmation');
  });

  it('a random glucose alone never rules hyperglycaemia out', () => {
    expect(glyc([lab('glucose-random', 110, 'mg/dL')])).toBe('not-assessed');
  });

  it('D-2: prediabetes range is a note, not a flag', () => {
    const e = run(withLab(normalLabs(), lab('glucose-fasting', 100, 'mg/dL')));
    expect(status(e, 'glycemia')).toBe('not-flagged');
    expect(contributor(e, 'glycemia').ruleIds).toEqual(['D-2']);
  });

  it('D-4: in pregnancy the non-pregnant criteria are not applied', () => {
    const e = run(withLab(normalLabs(), lab('hba1c', 6.6, '%')), { pregnant: true, pregnancyWeeks: 20 });
    expect(status(e, 'glycemia')).toBe('indeterminate');
    expect(workupIds(e)).toContain('obstetric-comanagement');
  });

  it('known diabetes flags without labs, and never says "has diabetes"', () => {
    const e = run(withoutLab(normalLabs(), 'glucose-fasting'), { knownDiabetes: true });
    expect(status(e, 'glycemia')).toBe('flagged');
    expect(JSON.stringify(e)).not.toMatch(/has diabetes/i);
  });
});

describe('thyroid (T-1, T-1a, T-2)', () => {
  it.each([
    [4.5, 'not-flagged', 'not-flagged'], [4.51, 'flagged', 'not-flagged'], [0.4, 'not-flagged', 'not-flagged'], [0.39, 'not-flagged', 'flagged'],
  ] as const)('TSH %d → high %s, low %s', (tsh, high, low) => {
    const e = run(withLab(normalLabs(), lab('tsh', tsh, 'mIU/L')));
    expect(status(e, 'thyroid-high-tsh')).toBe(high);
    expect(status(e, 'thyroid-low-tsh')).toBe(low);
  });

  it('uses the pregnancy upper limit of 4.0 and the lab reference interval when given', () => {
    expect(status(run(withLab(normalLabs(), lab('tsh', 4.1, 'mIU/L')), { pregnant: true, pregnancyWeeks: 12 }), 'thyroid-high-tsh')).toBe('flagged');
    expect(status(run(withLab(normalLabs(), lab('tsh', 4.1, 'mIU/L', { referenceRange: { low: 0.3, high: 4.0 } }))), 'thyroid-high-tsh')).toBe('flagged');
    expect(status(run(withLab(normalLabs(), lab('tsh', 4.8, 'µIU/mL', { referenceRange: { low: 0.5, high: 5.0 } }))), 'thyroid-high-tsh')).toBe('not-flagged');
  });

  it('T-1a: TSH ≥ 10 is the significant pattern; 9.99 alone is not', () => {
    expect(contributor(run(withLab(normalLabs(), lab('tsh', 10, 'mIU/L'))), 'thyroid-high-tsh').ruleIds).toEqual(['T-1a', 'T-1a.2']);
    expect(contributor(run(withLab(normalLabs(), lab('tsh', 10, 'mIU/L'))), 'thyroid-high-tsh').summary).toContain('range in which AACE/ATA 2012 recommend treatment');
    expect(contributor(run(withLab(normalLabs(), lab('tsh', 9.99, 'mIU/L'))), 'thyroid-high-tsh').ruleIds).toEqual(['T-1a']);
  });
});

describe('vitamins (B-1, B-2, F-1)', () => {
  it.each([[199, 'flagged'], [200, 'indeterminate'], [300, 'indeterminate'], [301, 'not-flagged']] as const)('B12 %d pg/mL → %s', (b12, want) => {
    expect(status(run([...normalLabs(), lab('b12', b12, 'pg/mL')]), 'b12-deficiency')).toBe(want);
  });
  it('B12 in pmol/L: 147 flags, 148 is borderline', () => {
    expect(status(run([...normalLabs(), lab('b12', 147, 'pmol/L')]), 'b12-deficiency')).toBe('flagged');
    expect(status(run([...normalLabs(), lab('b12', 148, 'pmol/L')]), 'b12-deficiency')).toBe('indeterminate');
  });
  it.each([[3.9, 'ng/mL', 'flagged'], [4, 'ng/mL', 'not-flagged'], [9.9, 'nmol/L', 'flagged'], [10, 'nmol/L', 'not-flagged']] as const)('folate %d %s → %s', (v, u, want) => {
    expect(status(run([...normalLabs(), lab('folate', v, u)]), 'folate-deficiency')).toBe(want);
  });
  it('suggests B12 when missing only with a risk factor', () => {
    expect(workupIds(run(normalLabs()))).not.toContain('b12-mma');
    expect(workupIds(run(normalLabs(), { ageYears: 65 }))).toContain('b12-mma');
  });
});

describe('history-driven contributors', () => {
  it('N-1: "not examined" is not assessed and asks for the exam', () => {
    const e = run(normalLabs(), { neuropathy: 'not-examined', activeCancerOrNeurotoxicChemo: false });
    expect(status(e, 'neuropathy')).toBe('not-assessed');
    expect(workupIds(e)).toContain('neuropathy-exam');
    expect(status(run(normalLabs(), { neuropathy: 'absent' }), 'neuropathy')).toBe('not-flagged');
  });
  it('P-1 / G8: an unrecorded pregnancy status is never assumed; 18–50 documenting it is suggested', () => {
    const young = run(normalLabs(), { pregnant: null });
    expect(status(young, 'pregnancy')).toBe('not-assessed');
    expect(workupIds(young)).toContain('pregnancy-status');
    const older = run(normalLabs(), { pregnant: null, ageYears: 55 });
    expect(status(older, 'pregnancy')).toBe('not-assessed');
    expect(workupIds(older)).not.toContain('pregnancy-status');
    expect(contributor(run(normalLabs(), { sex: 'male', pregnant: null }), 'pregnancy').summary).toBe('Not applicable (male)');
  });
  it('O-1: autoimmune disease flags with low evidence', () => {
    const e = run(normalLabs(), { autoimmuneOrInflammatoryDisease: true });
    expect(contributor(e, 'oncologic-autoimmune')).toMatchObject({ status: 'flagged', evidence: 'C' });
    expect(workupIds(e)).toContain('crp');
  });
});

describe('medications', () => {
  it('an empty list without "none taken" is unknown; "none taken" is assessed', () => {
    expect(status(run(normalLabs(), {}, { noneTaken: false, entries: [] }), 'medication')).toBe('not-assessed');
    expect(status(run(normalLabs(), {}, { noneTaken: true, entries: [] }), 'medication')).toBe('not-flagged');
  });
  it('a flagged drug asks for review with the prescriber', () => {
    const e = run(normalLabs(), {}, { noneTaken: false, entries: ['sertraline 50 mg daily'] });
    expect(status(e, 'medication')).toBe('flagged');
    expect(workupIds(e)).toContain('medication-review');
  });
});

describe('global rules', () => {
  it('G5: the morning iron panel is on every output', () => {
    expect(workupIds(run(normalLabs()))).toContain('iron-panel');
  });
  it('G2: a rejected value is never used and asks for a repeat, naming value, unit and range', () => {
    const e = run(withLab(normalLabs(), lab('ferritin', -5, 'ng/mL')));
    const input = e.inputs.find((i) => i.analyte === 'ferritin')!;
    expect(input.status).toBe('rejected');
    expect(input.message).toContain('−5 ng/mL');
    expect(input.message).toContain('above 0 and up to 100,000 ng/mL');
    expect(status(e, 'iron-deficiency')).toBe('not-assessed');
    expect(workupIds(e)).toContain('repeat-rejected');
  });
  it('a unit that does not fit is an input error for that lab, not a crash', () => {
    const e = run(withLab(normalLabs(), lab('ferritin', 60, 'mg/dL')));
    expect(e.inputs.find((i) => i.analyte === 'ferritin')).toMatchObject({ status: 'rejected', message: expect.stringContaining('accepted units: ng/mL, µg/L, pmol/L') });
  });
  it.each([
    [lab('ferritin', 100_000, 'ng/mL'), 'verify'], [lab('ferritin', 100_001, 'ng/mL'), 'rejected'], [lab('ferritin', 0, 'ng/mL'), 'rejected'],
    [lab('glucose-fasting', 0.6, 'mmol/L'), 'verify'], [lab('glucose-fasting', 0.59, 'mmol/L'), 'rejected'], [lab('glucose-fasting', 111.1, 'mmol/L'), 'rejected'],
    [lab('hba1c', 9, 'mmol/mol'), 'accepted'], [lab('hba1c', 8.9, 'mmol/mol'), 'rejected'], [lab('hba1c', 20.1, '%'), 'rejected'],
    [lab('tsh', 1000, 'mIU/L'), 'verify'], [lab('tsh', 1000.1, 'mIU/L'), 'rejected'], [lab('tsh', 100.1, 'mIU/L'), 'verify'],
    [lab('egfr', 0.9, 'mL/min/1.73m2'), 'rejected'], [lab('egfr', 200.1, 'mL/min/1.73m2'), 'rejected'],
    [lab('creatinine', 0.09, 'mg/dL'), 'rejected'], [lab('creatinine', 15.1, 'mg/dL'), 'verify'],
    [lab('hemoglobin', 6.9, 'g/dL'), 'verify'], [lab('hemoglobin', 1.9, 'g/dL'), 'rejected'],
  ] as const)('plausibility bounds: %o → %s', (l, want) => {
    expect(run(withLab(normalLabs(), l)).inputs.find((i) => i.analyte === l.analyte)!.status).toBe(want);
  });
  it('G4: under 18 nothing is assessed', () => {
    const e = run(normalLabs(), { ageYears: 16 });
    expect(e.inScope).toBe(false);
    expect(e.contributors.every((c) => c.status === 'not-assessed')).toBe(true);
  });
  it('flags stale results against asOf', () => {
    const e = run(withLab(normalLabs(), lab('ferritin', 180, 'ng/mL', { collectedOn: '2026-01-01' })));
    expect(e.inputs.find((i) => i.analyte === 'ferritin')).toMatchObject({ stale: true });
    // G6: a stale ferritin that would not flag is not assessed, never "not flagged".
    expect(contributor(e, 'iron-deficiency')).toMatchObject({ status: 'not-assessed', stale: true });
  });
});

describe('trace and basis', () => {
  it('returns exactly one status for every contract contributor, with a trace of every rule', () => {
    const e = run(normalLabs());
    expect(e.contributors).toHaveLength(13);
    const iron = contributor(e, 'iron-deficiency');
    expect(iron.trace.map((t) => t.ruleId)).toEqual(['I-4', 'I-1', 'I-2', 'G7', 'K-4', 'K-4a', 'I-5', 'I-6', 'P-I', 'P-I.2', 'I-1.2', 'I-3', 'P-I.3', 'K-5', 'O-2']);
    const ferritinLeaf = iron.trace[1]!.conditions.find((c) => c.fact === 'lab.ferritin')!;
    expect(ferritinLeaf).toMatchObject({ operator: '<=', expected: '≤ 75 ng/mL', outcome: 'not-met' });
    expect(ferritinLeaf.received).toContain('180 ng/mL');
  });
  it('records the conversion when a value is compared in the canonical unit', () => {
    const e = run(withLab(normalLabs(), lab('hemoglobin', 7.0, 'mmol/L')));
    const leaf = contributor(e, 'anemia').trace[0]!.conditions.find((c) => c.fact === 'lab.hemoglobin' && c.received)!;
    expect(leaf.received).toMatch(/compared as 11\.28 g\/dL \(÷ 0\.6206\)/);
  });
  it('orders the workup by evidence grade and lists each item once', () => {
    const e = run(withLab(normalLabs(), lab('ferritin', 40, 'ng/mL')), { dialysis: 'none' }, { noneTaken: false, entries: ['sertraline'] });
    const grades = e.workup.map((w) => w.evidence);
    expect([...grades].sort()).toEqual(grades);
    expect(new Set(e.workup.map((w) => w.id)).size).toBe(e.workup.length);
  });
});
