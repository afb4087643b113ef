import { describe, expect, it } from 'vitest';
import { ckdEpi2021, computeTsat, gfrCategory, trimesterOf } from './derived';

describe('ckdEpi2021', () => {
  // Worked examples and unit-test values of docs/CLINICAL.md §3.
  it.each([
    { sex: 'female', age: 60, scr: 1.2, want: 51.8 },
    { sex: 'male', age: 60, scr: 1.2, want: 69.2 },
    { sex: 'female', age: 30, scr: 0.6, want: 123.8 },
    { sex: 'male', age: 72, scr: 115 / 88.4, want: 58.3 },
    { sex: 'female', age: 68, scr: 1.6, want: 34.9 },
    { sex: 'female', age: 40, scr: 62 / 88.4, want: 111.8 },
    { sex: 'male', age: 58, scr: 7.5, want: 7.8 },
    { sex: 'male', age: 50, scr: 1.0, want: 91.7 },
    { sex: 'female', age: 45, scr: 0.8, want: 92.5 },
  ] as const)('$sex $age y, Scr $scr mg/dL → $want', ({ sex, age, scr, want }) => {
    expect(ckdEpi2021({ creatinineMgDl: scr, ageYears: age, sex })).toBeCloseTo(want, 1);
  });

  it('is continuous at Scr = κ', () => {
    const below = ckdEpi2021({ creatinineMgDl: 0.7 - 1e-9, ageYears: 50, sex: 'female' });
    const at = ckdEpi2021({ creatinineMgDl: 0.7, ageYears: 50, sex: 'female' });
    expect(Math.abs(below - at)).toBeLessThan(1e-6);
  });
});

describe('computeTsat', () => {
  it('is unrounded: 50 / 250 is exactly 20', () => expect(computeTsat(50, 250)).toBe(20));
  it('keeps the fraction: 49.9 / 250', () => expect(computeTsat(49.9, 250)).toBeCloseTo(19.96, 10));
});

describe('gfrCategory', () => {
  it.each([
    [90, 'G1'], [89.9, 'G2'], [60, 'G2'], [59.9, 'G3a'], [45, 'G3a'], [44.9, 'G3b'], [30, 'G3b'], [29.9, 'G4'], [15, 'G4'], [14.9, 'G5'],
  ] as const)('%d → %s', (egfr, want) => expect(gfrCategory(egfr)).toBe(want));
});

describe('trimesterOf', () => {
  it.each([[0, 1], [13, 1], [14, 2], [27, 2], [28, 3], [42, 3]] as const)('%d weeks → %d', (w, t) => expect(trimesterOf(w)).toBe(t));
});
