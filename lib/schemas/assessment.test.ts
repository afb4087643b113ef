import { describe, expect, it } from 'vitest';
import { ZAssessmentFormSchema, assessmentDateOf, assessmentFormSchema, emptyAssessmentForm, enteredLabCount, formFromInput, parseResult, toEvaluationInput, type TAssessmentForm } from './assessment';

const patient = { ageYears: 47, sex: 'female' as const };
const form = (edit: (f: TAssessmentForm) => void) => {
  const f = emptyAssessmentForm();
  edit(f);
  return f;
};

describe('parseResult', () => {
  it.each([
    ['45', { qualifier: null, value: 45 }], [' 4.5 ', { qualifier: null, value: 4.5 }], ['<5', { qualifier: '<', value: 5 }], ['> 90', { qualifier: '>', value: 90 }],
    ['-5', { qualifier: null, value: -5 }], ['abc', null], ['1e999', null], ['5 ng', null], ['', null], ['<<5', null],
  ])('%s → %o', (raw, want) => expect(parseResult(raw)).toEqual(want));
});

describe('the intake form schema', () => {
  it('turns a censored result and the panel date into the engine input; a lab date overrides it', () => {
    const f = form((x) => {
      x.collectedOn = '2026-11-20';
      x.labs.ferritin.value = '<5';
      x.labs.egfr.value = '>90';
      x.labs.egfr.collectedOn = '2026-10-01';
      x.medicationsText = 'sertraline 50 mg\n\n  lisinopril  \n';
    });
    expect(ZAssessmentFormSchema.safeParse(f).success).toBe(true);
    const input = toEvaluationInput(f, patient, '2026-11-23');
    expect(input.labs).toEqual([
      { analyte: 'ferritin', value: 5, unit: 'ng/mL', qualifier: '<', collectedOn: '2026-11-20' },
      { analyte: 'egfr', value: 90, unit: 'mL/min/1.73m2', qualifier: '>', collectedOn: '2026-10-01' },
    ]);
    expect(input.medications).toEqual({ noneTaken: false, entries: ['sertraline 50 mg', 'lisinopril'] });
    expect(formFromInput(input).labs.ferritin.value).toBe('<5');
  });

  it.each([
    [(x: TAssessmentForm) => { x.collectedOn = '2026-02-30'; }, 'collectedOn', 'Use a date written YYYY-MM-DD'],
    [(x: TAssessmentForm) => { x.labs.tsh.value = '5000'; }, 'labs.tsh.value', 'outside the accepted range'],
    [(x: TAssessmentForm) => { x.labs.hba1c.value = '48'; }, 'labs.hba1c.value', 'outside the accepted range (3 to 20%)'],
    [(x: TAssessmentForm) => { x.labs.tsh.value = '2'; x.labs.tsh.unit = 'mg/dL'; }, 'labs.tsh.unit', 'TSH: choose a unit (mIU/L, µIU/mL, mU/L)'],
    [(x: TAssessmentForm) => { x.pregnancyWeeks = '20'; }, 'pregnancyWeeks', 'pregnancy is not "yes"'],
    [(x: TAssessmentForm) => { x.noMedications = true; x.medicationsText = 'sertraline'; }, 'noMedications', '"No medications" is ticked'],
  ])('refuses bad input at the field (%#)', (edit, path, message) => {
    const parsed = ZAssessmentFormSchema.safeParse(form(edit));
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.find((i) => i.path.join('.') === path)?.message).toContain(message);
  });

  it('accepts HbA1c 48 in mmol/mol (the IFCC unit)', () => {
    expect(ZAssessmentFormSchema.safeParse(form((x) => { x.labs.hba1c.value = '48'; x.labs.hba1c.unit = 'mmol/mol'; })).success).toBe(true);
  });

  it.each([
    [(x: TAssessmentForm) => { x.assessedOn = '2026-11-28'; }, 'assessedOn', 'The assessment date 2026-11-28 is in the future (today is 2026-11-27)'],
    [(x: TAssessmentForm) => { x.collectedOn = '2026-12-01'; }, 'collectedOn', 'Collection date 2026-12-01 is in the future (today is 2026-11-27)'],
    [(x: TAssessmentForm) => { x.labs.tsh.collectedOn = '2027-01-01'; }, 'labs.tsh.collectedOn', 'TSH: collection date 2027-01-01 is in the future'],
    [(x: TAssessmentForm) => { x.assessedOn = '2026-10-01'; x.collectedOn = '2026-10-02'; }, 'collectedOn', 'Collection date 2026-10-02 is after the assessment date 2026-10-01'],
  ])('refuses dates in the future or after the assessment date (%#)', (edit, path, message) => {
    const parsed = assessmentFormSchema('2026-11-27').safeParse(form(edit));
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.find((i) => i.path.join('.') === path)?.message).toContain(message);
  });

  it('accepts today and earlier dates; a blank assessment date means today', () => {
    const f = form((x) => { x.assessedOn = '2026-11-27'; x.collectedOn = '2026-11-27'; x.labs.tsh.collectedOn = '2026-01-02'; });
    expect(assessmentFormSchema('2026-11-27').safeParse(f).success).toBe(true);
    expect(assessmentDateOf(form(() => undefined), '2026-11-27')).toBe('2026-11-27');
    expect(assessmentDateOf(form((x) => { x.assessedOn = '2026-10-01'; }), '2026-11-27')).toBe('2026-10-01');
  });

  it('counts the labs that have a value typed', () => {
    expect(enteredLabCount(form(() => undefined))).toBe(0);
    expect(enteredLabCount(form((x) => { x.labs.ferritin.value = '45'; x.labs.tsh.value = 'abc'; x.labs.egfr.value = '  '; }))).toBe(2);
  });
});
