/**
 * Knowledge base 1.1: one test per defect seen in the 1.0.0 engine (issue "Clinical knowledge base
 * 1.1"), named after it, plus the boundaries the new rules introduce. Each failed on 1.0.0.
 */
import { describe, expect, it } from 'vitest';
import { lab, makeInput, normalLabs, withLab, withoutLab } from '@/tests/factories';
import { directiveClauses } from './rule-schema';
import { evaluateFindings, parseEvaluationInput, RULES_VERSION, type ContributorId, type Evaluation, type TLabInput } from './index';

type Patient = Parameters<typeof makeInput>[0] extends infer O ? (O extends { patient?: infer P } ? P : never) : never;
const run = (labs: TLabInput[], patient: Patient = {}, medications?: { noneTaken: boolean; entries: string[] }, asOf?: string) =>
  evaluateFindings(makeInput({ labs, patient, ...(medications ? { medications } : {}), ...(asOf ? { asOf } : {}) }));
const c = (e: Evaluation, id: ContributorId) => e.contributors.find((x) => x.id === id)!;
const ids = (e: Evaluation) => e.workup.map((w) => w.id);
const iron = (labs: TLabInput[], patient: Patient = {}) => run([...withoutLab(withoutLab(normalLabs(), 'ferritin'), 'tsat'), ...labs], patient);
/** Every text a clinician reads from an evaluation. */
const texts = (e: Evaluation) => [
  ...e.contributors.flatMap((x) => [x.summary, ...x.notes, ...x.caveats.map((k) => k.text)]),
  ...e.workup.flatMap((w) => [w.label, ...w.reasons]),
  ...e.inputs.map((i) => i.message ?? ''), ...e.notices,
];

describe('KB 1.1 defects', () => {
  it('a summary keeps the analyte\'s own capitalisation (eGFR, not EGFR)', () => {
    const e = run(withLab(withoutLab(normalLabs(), 'creatinine'), lab('egfr', 95, 'mL/min/1.73m2')));
    expect(c(e, 'kidney-disease').summary).toMatch(/^eGFR 95/);
  });

  it('defect 1: TSAT from iron and TIBC is exact (22.5/50 µmol/L is 45 %, 18.9/94.5 µmol/L is 20 %)', () => {
    const at45 = iron([lab('ferritin', 150, 'ng/mL'), lab('iron', 22.5, 'µmol/L'), lab('tibc', 50, 'µmol/L')]);
    expect(c(at45, 'iron-deficiency').ruleIds).toContain('I-5');
    expect(at45.derived.tsat).toMatchObject({ value: 45, computed: true });
    expect(ids(at45)).toContain('iron-overload-evaluation');
    const at20 = iron([lab('ferritin', 150, 'ng/mL'), lab('iron', 18.9, 'µmol/L'), lab('tibc', 94.5, 'µmol/L')]);
    expect(c(at20, 'iron-deficiency').status).toBe('not-flagged');
    expect(c(at20, 'iron-deficiency').summary).not.toMatch(/20% < 20%/);
    // Mixed units: 4.5 µmol/L = 25.1325 µg/dL; 25.1325 / 125.6625 µg/dL (22.5 µmol/L) = 20 % exactly.
    const mixed = iron([lab('ferritin', 150, 'ng/mL'), lab('iron', 4.5, 'µmol/L'), lab('tibc', 125.6625, 'µg/dL')]);
    expect(c(mixed, 'iron-deficiency').status).toBe('not-flagged');
  });

  it('defect 2: a suppressed band never offers iron (summary, workup)', () => {
    for (const ferritin of [60, 90]) {
      const e = iron([lab('ferritin', ferritin, 'ng/mL'), lab('tsat', ferritin === 60 ? 45 : 50, '%')]);
      const x = c(e, 'iron-deficiency');
      expect(x).toMatchObject({ status: 'flagged', ironTherapy: 'suppressed' });
      expect(x.summary).not.toMatch(/oral or IV iron|IV iron only|may be considered with|oral iron/i);
      expect(x.summary).toContain('iron not advised');
      expect(ids(e)).not.toContain('iron-therapy-discussion');
      expect(ids(e)).not.toContain('iron-loss-evaluation');
      expect(ids(e)).toContain('iron-overload-evaluation');
    }
  });

  it('defect 3: the dialysis not-flagged text follows K-4a / K-5 (ferritin 30 flags)', () => {
    const thirty = iron([lab('ferritin', 30, 'ng/mL'), lab('tsat', 25, '%')], { dialysis: 'hemodialysis' });
    expect(c(thirty, 'iron-deficiency')).toMatchObject({ status: 'flagged', ironTherapy: 'iv-iron-sucrose', ruleIds: ['K-4a'] });
    const high = iron([lab('ferritin', 250, 'ng/mL'), lab('tsat', 25, '%')], { dialysis: 'hemodialysis' });
    expect(c(high, 'iron-deficiency').summary).toContain('Not a statement that iron stores are adequate for dialysis care');
    expect(c(high, 'iron-deficiency').summary).not.toMatch(/above the AASM 2024 supplementation thresholds/);
    const noTsat = iron([lab('ferritin', 30, 'ng/mL')], { dialysis: 'hemodialysis' });
    expect(c(noTsat, 'iron-deficiency').ironTherapy).toBe('pending');
    const midNoTsat = iron([lab('ferritin', 120, 'ng/mL')], { dialysis: 'hemodialysis' });
    expect(c(midNoTsat, 'iron-deficiency').status).toBe('not-assessed');
  });

  it('defect 5: an unreadable list and an omitted status are unknown, never reassurance', () => {
    const unread = run(normalLabs(), {}, { noneTaken: false, entries: ['xq7 10 mg', 'zzzt'] });
    expect(c(unread, 'medication').status).toBe('not-assessed');
    expect(c(unread, 'medication').summary).not.toMatch(/no (recognised )?medication on the list is known/);
    expect(ids(unread)).toContain('medication-list');
    const omitted = run(normalLabs(), { dialysis: null, pregnant: null });
    expect(c(omitted, 'kidney-failure-dialysis')).toMatchObject({ status: 'not-assessed', summary: expect.stringContaining('dialysis status not recorded') });
    expect(c(omitted, 'pregnancy')).toMatchObject({ status: 'not-assessed', summary: expect.stringContaining('pregnancy status not recorded') });
    expect(JSON.stringify(omitted.contributors.map((x) => x.summary))).not.toMatch(/Not on dialysis|Not pregnant/);
    expect(omitted.notices.join(' ')).toMatch(/if on dialysis, K-4\/K-4a apply and eGFR is meaningless/);
    expect(omitted.notices.join(' ')).toMatch(/if pregnant, rules differ/);
  });

  it("defect 6: a woman's Hb 11.9 g/dL shows only the 12 g/dL cut-off", () => {
    for (const pregnant of [false, null]) {
      const e = run(withLab(normalLabs(), lab('hemoglobin', 11.9, 'g/dL')), { pregnant });
      const a = c(e, 'anemia');
      expect(a.status).toBe('flagged');
      expect(a.basis.map((b) => b.threshold)).toEqual(['< 12 g/dL']);
      expect(a.summary).not.toContain('< 13');
    }
    const man = run(withLab(normalLabs(), lab('hemoglobin', 12.9, 'g/dL')), { sex: 'male' });
    expect(c(man, 'anemia').basis.map((b) => b.threshold)).toEqual(['< 13 g/dL']);
    const t2 = run(withLab(normalLabs(), lab('hemoglobin', 10.4, 'g/dL')), { pregnant: true, pregnancyWeeks: 20 });
    expect(c(t2, 'anemia').basis.map((b) => b.threshold)).toEqual(['< 10.5 g/dL']);
  });

  it('defect 7: old results are not used as current (G6)', () => {
    const oldFerritin = iron([lab('ferritin', 30, 'ng/mL', { collectedOn: '2023-05-01' }), lab('tsat', 30, '%')]);
    const f = c(oldFerritin, 'iron-deficiency');
    expect(f).toMatchObject({ status: 'flagged', ironTherapy: 'pending', stale: true });
    expect(f.summary).toMatch(/result of 2023-05-01, \d+ days old; limit 90/);
    // The basis shows the stale value with its age too (it was shown bare).
    expect(f.basis.find((b) => b.analyte === 'ferritin')!.stale).toMatch(/result of 2023-05-01, \d+ days old; limit 90/);
    const knownDiabetesOldA1c = run(withLab(normalLabs(), lab('hba1c', 6.1, '%', { collectedOn: '2020-09-07' })), { knownDiabetes: true });
    const a1c = c(knownDiabetesOldA1c, 'glycemia').basis.find((b) => b.analyte === 'hba1c');
    expect(a1c?.stale).toMatch(/result of 2020-09-07, \d+ days old; limit 365/);
    expect(oldFerritin.workup.find((w) => w.id === 'iron-panel')!.ruleIds).toContain('G6');
    const oldTsh = run(withLab(normalLabs(), lab('tsh', 2, 'mIU/L', { collectedOn: '2021-03-01' })));
    for (const id of ['thyroid-high-tsh', 'thyroid-low-tsh'] as const) {
      expect(c(oldTsh, id)).toMatchObject({ status: 'not-assessed', stale: true });
      expect(c(oldTsh, id).summary).toMatch(/stale.*result of 2021-03-01/);
    }
    expect(oldTsh.workup.find((w) => w.id === 'tsh-free-t4')!.ruleIds).toContain('G6');
    // Boundaries: 90 days is current, 91 stale (iron); 365 / 366 (TSH).
    const ferritinInput = (e: Evaluation) => e.inputs.find((i) => i.analyte === 'ferritin')!;
    expect(ferritinInput(iron([lab('ferritin', 180, 'ng/mL', { collectedOn: '2026-08-25' }), lab('tsat', 30, '%')])).stale).toBe(false);
    expect(ferritinInput(iron([lab('ferritin', 180, 'ng/mL', { collectedOn: '2026-08-24' }), lab('tsat', 30, '%')])).stale).toBe(true);
    expect(run([lab('tsh', 2, 'mIU/L', { collectedOn: '2025-11-23' })]).inputs[0]!.stale).toBe(false);
    expect(run([lab('tsh', 2, 'mIU/L', { collectedOn: '2025-11-22' })]).inputs[0]!.stale).toBe(true);
  });

  it('defect 7: pregnancy makes earlier results stale; the most recent current result is used', () => {
    // Week 10 on 2026-11-23: the pregnancy started about 2026-09-14.
    const e = run([lab('ferritin', 30, 'ng/mL', { collectedOn: '2026-09-01' }), lab('tsat', 30, '%', { collectedOn: '2026-11-20' })], { pregnant: true, pregnancyWeeks: 10 });
    expect(e.inputs[0]).toMatchObject({ stale: true, message: expect.stringContaining('before the pregnancy') });
    const unknownWeeks = run([lab('ferritin', 30, 'ng/mL', { collectedOn: '2026-09-20' })], { pregnant: true });
    expect(unknownWeeks.inputs[0]!.stale).toBe(true);
    const two = run([lab('ferritin', 30, 'ng/mL', { collectedOn: '2026-01-01' }), lab('ferritin', 150, 'ng/mL', { collectedOn: '2026-11-01' }), lab('tsat', 30, '%')]);
    expect(c(two, 'iron-deficiency').status).toBe('not-flagged');
    expect(two.inputs.filter((i) => i.history).map((i) => i.entered)).toEqual(['30 ng/mL']);
  });

  it('defect 8: thyroid read with free T4, never contradictory (T-1…T-4)', () => {
    const central = run(withLab([...normalLabs(), lab('free-t4', 0.5, 'ng/dL')], lab('tsh', 0.1, 'mIU/L')));
    expect(c(central, 'thyroid-low-tsh')).toMatchObject({ status: 'flagged', ruleIds: ['T-2b'] });
    expect(c(central, 'thyroid-low-tsh').summary).not.toMatch(/possible hyperthyroidism/);
    expect(c(central, 'thyroid-high-tsh').status).toBe('not-flagged');
    const alone = run(withLab(normalLabs(), lab('tsh', 0.1, 'mIU/L')));
    expect(c(alone, 'thyroid-low-tsh')).toMatchObject({ ruleIds: ['T-2c'] });
    expect(c(alone, 'thyroid-low-tsh').summary).not.toMatch(/possible hyperthyroidism/);
    const hyper = run(withLab([...normalLabs(), lab('free-t4', 2.4, 'ng/dL')], lab('tsh', 0.1, 'mIU/L')));
    expect(c(hyper, 'thyroid-low-tsh').ruleIds).toEqual(['T-2']);
    const overt = run(withLab([...normalLabs(), lab('free-t4', 0.5, 'ng/dL')], lab('tsh', 12, 'mIU/L')));
    expect(c(overt, 'thyroid-high-tsh').ruleIds).toEqual(['T-1', 'T-1a.2']);
    const discordant = run(withLab([...normalLabs(), lab('free-t4', 2.4, 'ng/dL')], lab('tsh', 8, 'mIU/L')));
    expect(c(discordant, 'thyroid-high-tsh')).toMatchObject({ status: 'indeterminate', ruleIds: ['T-1b'] });
    // First trimester: a low TSH is indeterminate (hCG), not a flag; pregnancy upper limit 4.0.
    const t1 = run(withLab(normalLabs(), lab('tsh', 0.1, 'mIU/L')), { pregnant: true, pregnancyWeeks: 9 });
    expect(c(t1, 'thyroid-low-tsh')).toMatchObject({ status: 'indeterminate', ruleIds: ['T-2d'] });
    const t2 = run(withLab(normalLabs(), lab('tsh', 0.1, 'mIU/L')), { pregnant: true, pregnancyWeeks: 20 });
    expect(c(t2, 'thyroid-low-tsh').status).toBe('flagged');
    expect(c(run(withLab(normalLabs(), lab('tsh', 4.0, 'mIU/L')), { pregnant: true, pregnancyWeeks: 20 }), 'thyroid-high-tsh').status).toBe('not-flagged');
    expect(c(run(withLab(normalLabs(), lab('tsh', 4.01, 'mIU/L')), { pregnant: true, pregnancyWeeks: 20 }), 'thyroid-high-tsh').status).toBe('flagged');
    // Low-normal: the lowest quarter of 0.8–1.8 ng/dL is below 1.05.
    const lowNormal = run(withLab([...normalLabs(), lab('free-t4', 1.04, 'ng/dL')], lab('tsh', 0.1, 'mIU/L')));
    expect(c(lowNormal, 'thyroid-low-tsh').ruleIds).toEqual(['T-2b']);
    const inRange = run(withLab([...normalLabs(), lab('free-t4', 1.05, 'ng/dL')], lab('tsh', 0.1, 'mIU/L')));
    expect(c(inRange, 'thyroid-low-tsh').ruleIds).toEqual(['T-2a']);
    // T-3: free T4 outside range with TSH in range is said on both.
    const t3 = run([...normalLabs(), lab('free-t4', 2.4, 'ng/dL')]);
    for (const id of ['thyroid-high-tsh', 'thyroid-low-tsh'] as const) expect(c(t3, id)).toMatchObject({ status: 'not-flagged', summary: expect.stringMatching(/free T4 outside range with TSH in range/i) });
    // Pairing: a free T4 more than 7 days from the TSH is not read with it.
    const unpaired = run([...withLab(normalLabs(), lab('tsh', 0.1, 'mIU/L', { collectedOn: '2026-11-20' })), lab('free-t4', 2.4, 'ng/dL', { collectedOn: '2026-11-10' })]);
    expect(c(unpaired, 'thyroid-low-tsh').ruleIds).toEqual(['T-2c']);
  });

  it('defect 9: no eGFR in pregnancy or on dialysis (K-2p, K-2d)', () => {
    const preg = run([...withoutLab(normalLabs(), 'egfr'), lab('creatinine', 0.6, 'mg/dL')], { pregnant: true, pregnancyWeeks: 20 });
    expect(preg.derived.egfr).toBeUndefined();
    expect(c(preg, 'kidney-disease')).toMatchObject({ status: 'not-assessed', ruleIds: ['K-2p.2'], summary: expect.stringContaining('eGFR is not valid in pregnancy') });
    const aki = run([...withoutLab(normalLabs(), 'egfr'), lab('creatinine', 90, 'µmol/L')], { pregnant: true, pregnancyWeeks: 20 });
    expect(c(aki, 'kidney-disease')).toMatchObject({ status: 'indeterminate', ruleIds: ['K-2p'] });
    expect(c(run([...withoutLab(normalLabs(), 'egfr'), lab('creatinine', 89, 'µmol/L')], { pregnant: true, pregnancyWeeks: 20 }), 'kidney-disease').status).toBe('not-assessed');
    const noCreat = run(withoutLab(normalLabs(), 'egfr'), { pregnant: true, pregnancyWeeks: 20 });
    expect(noCreat.workup.find((w) => w.id === 'creatinine-egfr')?.label).toMatch(/no eGFR in pregnancy/);
    const reported = run(withLab(normalLabs(), lab('egfr', 40, 'mL/min/1.73m2')), { dialysis: 'hemodialysis' });
    expect(c(reported, 'kidney-disease').ruleIds).toEqual(['K-2d']);
    expect(reported.notices.join(' ')).toMatch(/Reported eGFR 40 mL\/min\/1\.73m2 not used on dialysis/);
  });

  it('defect 10: partial and censored iron data (I-6, G7)', () => {
    expect(c(iron([lab('ferritin', 90, 'ng/mL')]), 'iron-deficiency')).toMatchObject({ status: 'flagged', ironTherapy: 'pending' });
    expect(c(iron([lab('ferritin', 76, 'ng/mL')]), 'iron-deficiency')).toMatchObject({ status: 'flagged', ironTherapy: 'pending' });
    expect(c(iron([lab('ferritin', 100.1, 'ng/mL')]), 'iron-deficiency').status).toBe('not-assessed');
    expect(c(iron([lab('ferritin', 40, 'ng/mL')]), 'iron-deficiency')).toMatchObject({ status: 'flagged', ironTherapy: 'pending' });
    expect(c(iron([lab('tsat', 15, '%')]), 'iron-deficiency')).toMatchObject({ status: 'flagged', ironTherapy: 'pending' });
    expect(c(iron([lab('tsat', 30, '%')]), 'iron-deficiency').status).toBe('not-assessed');
    const overload = iron([lab('tsat', 50, '%')]);
    expect(c(overload, 'iron-deficiency').status).toBe('not-assessed');
    expect(ids(overload)).toContain('iron-overload-evaluation');
    expect(c(iron([lab('ferritin', 100, 'ng/mL', { qualifier: '<' }), lab('tsat', 30, '%')]), 'iron-deficiency')).toMatchObject({ status: 'flagged', ironTherapy: 'pending' });
    expect(c(iron([lab('ferritin', 10, 'ng/mL', { qualifier: '<' }), lab('tsat', 30, '%')]), 'iron-deficiency')).toMatchObject({ status: 'flagged', ironTherapy: 'oral-or-iv' });
    const censoredIron = iron([lab('ferritin', 150, 'ng/mL'), lab('iron', 10, 'µg/dL', { qualifier: '<' }), lab('tibc', 400, 'µg/dL')]);
    expect(censoredIron.derived.tsat).toMatchObject({ value: 2.5, qualifier: '<' });
    expect(c(censoredIron, 'iron-deficiency')).toMatchObject({ status: 'flagged', ruleIds: ['I-4', 'I-1'] });
    expect(c(run(withLab(normalLabs(), lab('egfr', 60, 'mL/min/1.73m2', { qualifier: '>' }))), 'kidney-disease').status).toBe('not-flagged');
    expect(c(run([...normalLabs(), lab('crp', 10, 'mg/L', { qualifier: '<' })]), 'iron-deficiency').ruleIds).not.toContain('O-2');
    // Iron and TIBC of different dates are not TSAT (G6 pairing).
    const apart = iron([lab('ferritin', 150, 'ng/mL'), lab('iron', 30, 'µg/dL', { collectedOn: '2026-11-01' }), lab('tibc', 400, 'µg/dL', { collectedOn: '2026-11-20' })]);
    expect(apart.derived.tsat).toBeUndefined();
    expect(c(apart, 'iron-deficiency').status).toBe('not-assessed');
  });

  it('defect 11: workup gaps (SPEP, GI evaluation, B12 on metformin/PPI, eGFR discordance, unit spelling, late collection date)', () => {
    const neuro = run(normalLabs(), { neuropathy: 'present' });
    expect(ids(neuro)).toContain('spep-immunofixation');
    expect(ids(run(normalLabs(), { neuropathy: 'absent' }))).not.toContain('spep-immunofixation');
    // AGA 2020: iron-deficiency anaemia.
    const ida = (patient: Patient) => run(withLab(withLab(normalLabs(), lab('ferritin', 20, 'ng/mL')), lab('hemoglobin', 10, 'g/dL')), patient);
    expect(ida({ sex: 'male', ageYears: 40 }).workup.find((w) => w.id === 'gi-evaluation')?.reason).toMatch(/bidirectional endoscopy is suggested/);
    expect(ida({ sex: 'female', ageYears: 40 }).workup.find((w) => w.id === 'gi-evaluation')?.reason).toMatch(/may be considered \(conditional/);
    expect(ids(ida({ sex: 'female', ageYears: 30, pregnant: true, pregnancyWeeks: 20 }))).not.toContain('gi-evaluation');
    expect(ids(ida({ sex: 'female', ageYears: 30, pregnant: null }))).not.toContain('gi-evaluation');
    // Without anaemia: men over 50 and women 50 or older only (BSG 2005).
    const noAnaemia = (patient: Patient) => run(withLab(normalLabs(), lab('ferritin', 44, 'ng/mL')), patient);
    expect(ids(noAnaemia({ sex: 'male', ageYears: 51 }))).toContain('gi-evaluation');
    expect(ids(noAnaemia({ sex: 'male', ageYears: 50 }))).not.toContain('gi-evaluation');
    expect(ids(noAnaemia({ sex: 'female', ageYears: 50 }))).toContain('gi-evaluation');
    expect(ids(noAnaemia({ sex: 'female', ageYears: 49 }))).not.toContain('gi-evaluation');
    expect(ids(run(withLab(normalLabs(), lab('ferritin', 45, 'ng/mL')), { sex: 'male', ageYears: 60 }))).not.toContain('gi-evaluation');
    // B12 with metformin or a PPI and no current B12; never with a current B12.
    expect(ids(run(normalLabs(), {}, { noneTaken: false, entries: ['metformin 500 mg bid'] }))).toContain('b12-mma');
    expect(ids(run(normalLabs(), {}, { noneTaken: false, entries: ['omeprazole 20 mg daily'] }))).toContain('b12-mma');
    expect(ids(run([...normalLabs(), lab('b12', 450, 'pg/mL')], {}, { noneTaken: false, entries: ['metformin 500 mg bid'] }))).not.toContain('b12-mma');
    expect(ids(run([...normalLabs(), lab('b12', 450, 'pg/mL', { collectedOn: '2024-01-01' })], {}, { noneTaken: false, entries: ['metformin 500 mg bid'] }))).toContain('b12-mma');
    // A reported eGFR that disagrees with the creatinine-derived one is stated.
    const disc = run([...withLab(normalLabs(), lab('egfr', 90, 'mL/min/1.73m2')), lab('creatinine', 1.6, 'mg/dL')], { ageYears: 68 });
    expect(disc.inputs.find((i) => i.analyte === 'egfr')).toMatchObject({ status: 'verify', message: expect.stringContaining('disagrees with CKD-EPI 2021') });
    const agree = run([...withLab(normalLabs(), lab('egfr', 35, 'mL/min/1.73m2')), lab('creatinine', 1.6, 'mg/dL')], { ageYears: 68 });
    expect(agree.inputs.find((i) => i.analyte === 'egfr')!.status).toBe('accepted');
    // The KB's own spelling of the eGFR unit.
    expect(run(withLab(normalLabs(), lab('egfr', 50, 'mL/min/1.73 m²'))).inputs.find((i) => i.analyte === 'egfr')!.status).toBe('accepted');
    // A collection date after the assessment date is rejected for that lab (not used).
    const late = run(withLab(normalLabs(), lab('ferritin', 30, 'ng/mL', { collectedOn: '2026-11-24' })));
    expect(late.inputs.find((i) => i.analyte === 'ferritin')).toMatchObject({ status: 'rejected', message: expect.stringContaining('after the assessment date') });
    expect(c(late, 'iron-deficiency').status).toBe('not-assessed');
  });

  it('defect 12: wording rule W-1 — no directive verbs in any output text', () => {
    const inputs = [
      run(normalLabs()),
      run([lab('ferritin', 30, 'ng/mL', { collectedOn: '2023-01-01' }), lab('tsh', 12, 'mIU/L'), lab('hemoglobin', 9, 'g/dL'), lab('egfr', 25, 'mL/min/1.73m2'), lab('b12', 150, 'pg/mL'), lab('glucose-random', 250, 'mg/dL'), lab('ferritin', -1, 'ng/mL', { collectedOn: '2026-11-01' })], { neuropathy: 'present', activeCancerOrNeurotoxicChemo: true, pregnant: null, dialysis: null }, { noneTaken: false, entries: ['sertraline 50 mg', 'Seroquil', 'xq7'] }),
      run([lab('ferritin', 60, 'ng/mL'), lab('tsat', 50, '%'), lab('tsh', 0.1, 'mIU/L'), lab('creatinine', 95, 'µmol/L')], { pregnant: true, pregnancyWeeks: 8 }),
      run([lab('ferritin', 250, 'ng/mL'), lab('tsat', 25, '%')], { dialysis: 'hemodialysis', sex: 'male' }),
    ];
    for (const e of inputs) for (const t of texts(e)) expect(directiveClauses(t), t).toEqual([]);
    expect(directiveClauses('Workup to order: order the missing part')).not.toEqual([]);
  });
});

describe('KB 1.1 versioning and input', () => {
  it('is rules version 1.1.0', () => {
    expect(RULES_VERSION).toBe('1.1.0');
    expect(run(normalLabs()).rulesVersion).toBe('1.1.0');
  });
  it('pregnancy weeks outside 0–44 are read as unknown, with a notice; weeks without pregnancy are ignored', () => {
    const parsed = parseEvaluationInput({ asOf: '2026-11-23', patient: { ageYears: 30, sex: 'female', pregnant: true, pregnancyWeeks: 50 }, labs: [] });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const e = evaluateFindings(parsed.data);
    expect(e.notices.join(' ')).toMatch(/outside 0–44/);
    const ignored = parseEvaluationInput({ asOf: '2026-11-23', patient: { ageYears: 30, sex: 'female', pregnant: false, pregnancyWeeks: 12 }, labs: [] });
    expect(ignored.ok && evaluateFindings(ignored.data).notices.join(' ')).toMatch(/ignored; verification is suggested/);
  });
  it('two results of one analyte on the same date are refused; on different dates both are kept', () => {
    const same = parseEvaluationInput({ asOf: '2026-11-23', patient: { ageYears: 30, sex: 'male' }, labs: [{ analyte: 'tsh', value: 1, unit: 'mIU/L' }, { analyte: 'tsh', value: 2, unit: 'mIU/L' }] });
    expect(same.ok).toBe(false);
    const apart = parseEvaluationInput({ asOf: '2026-11-23', patient: { ageYears: 30, sex: 'male' }, labs: [{ analyte: 'tsh', value: 1, unit: 'mIU/L', collectedOn: '2026-01-01' }, { analyte: 'tsh', value: 2, unit: 'mIU/L' }] });
    expect(apart.ok).toBe(true);
  });
});
