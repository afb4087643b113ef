import { describe, expect, it } from 'vitest';
import { ANALYTE_IDS, ANALYTES } from '@/lib/rules';
import { suggestUnit } from './unit-sense';

describe('suggestUnit', () => {
  it('points a TSAT typed as a fraction into "%" to the fraction unit', () => {
    expect(suggestUnit('tsat', 0.18, '%')).toEqual({ unit: 'fraction', message: 'Transferrin saturation 0.18% is implausible as a percentage; as a fraction it is 18%' });
  });

  it('names the unit a rejected value is plausible in (Hb g/L, HbA1c mmol/mol, creatinine µmol/L)', () => {
    expect(suggestUnit('hemoglobin', 129, 'g/dL')).toEqual({ unit: 'g/L', message: 'Hemoglobin 129 g/dL is outside the accepted range; as 129 g/L it is 12.9 g/dL' });
    expect(suggestUnit('hba1c', 48, '%')?.unit).toBe('mmol/mol');
    expect(suggestUnit('hba1c', 48, '%')?.message).toBe('HbA1c 48% is outside the accepted range; as 48 mmol/mol it is 6.54%');
    expect(suggestUnit('creatinine', 88, 'mg/dL')?.unit).toBe('µmol/L');
    expect(suggestUnit('glucose-fasting', 7.2, 'mg/dL')?.unit).toBe('mmol/L');
  });

  it('points back to the conventional unit when an SI unit was chosen by mistake', () => {
    expect(suggestUnit('glucose-fasting', 126, 'mmol/L')?.unit).toBe('mg/dL');
    expect(suggestUnit('glucose-fasting', 126, 'mmol/L')?.message).toBe('Fasting glucose 126 mmol/L is outside the accepted range; in mg/dL it is plausible');
  });

  it('is silent for plausible values, for values plausible in no unit, and for unknown units', () => {
    expect(suggestUnit('tsat', 18, '%')).toBeNull();
    expect(suggestUnit('tsat', 0.18, 'fraction')).toBeNull();
    expect(suggestUnit('hemoglobin', 12.9, 'g/dL')).toBeNull();
    expect(suggestUnit('hemoglobin', 8, 'mmol/L')).toBeNull();
    expect(suggestUnit('ferritin', 250_000, 'ng/mL')).toBeNull();
    expect(suggestUnit('egfr', 500, 'mL/min/1.73m2')).toBeNull();
    expect(suggestUnit('ferritin', 40, 'furlongs')).toBeNull();
    expect(suggestUnit('tsat', Number.NaN, '%')).toBeNull();
  });

  it('keeps the < or > qualifier in what it says', () => {
    expect(suggestUnit('hemoglobin', 129, 'g/dL', '>')?.message).toBe('Hemoglobin >129 g/dL is outside the accepted range; as >129 g/L it is >12.9 g/dL');
  });

  it('only ever suggests a unit of the same analyte', () => {
    for (const a of ANALYTE_IDS) {
      for (const u of ANALYTES[a].units) {
        for (const v of [0.05, 0.5, 5, 50, 500, 5000]) {
          const s = suggestUnit(a, v, u.unit);
          if (s) expect(ANALYTES[a].units.map((x) => x.unit)).toContain(s.unit);
          if (s) expect(s.unit).not.toBe(u.unit);
        }
      }
    }
  });
});
