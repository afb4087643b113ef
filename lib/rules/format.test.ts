/**
 * Number formatting and day arithmetic, checked against the slow, obvious definitions they replace
 * (String/toFixed and Date.parse), which the engine stopped calling in its hot path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatQuantity } from './format';
import { addDays, daysBetween } from './labs';

/** The definition: the shortest form when it has at most `digits` places, else rounded; separators from 10,000. */
function reference(n: number, digits: number): string {
  const plain = String(n);
  const dot = plain.indexOf('.');
  let s = n >= 0 && n < 10_000 && !plain.includes('e') && (dot === -1 || plain.length - dot - 1 <= digits) ? plain : n.toFixed(digits);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  const neg = s.startsWith('-');
  const [i = '', f] = (neg ? s.slice(1) : s).split('.');
  return `${neg ? '−' : ''}${i.length > 4 ? i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : i}${f ? `.${f}` : ''}`;
}

describe('formatNumber', () => {
  it('writes short decimals as they are and rounds longer ones', () => {
    expect(formatNumber(1.6)).toBe('1.6');
    expect(formatNumber(0.05)).toBe('0.05');
    expect(formatNumber(75)).toBe('75');
    expect(formatNumber(0.0001, 4)).toBe('0.0001');
    expect(formatNumber(1 / 3)).toBe('0.33');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(9999.999)).toBe('10,000');
    expect(formatNumber(100000)).toBe('100,000');
    expect(formatNumber(-5.5)).toBe('−5.5');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(1e-7, 4)).toBe('0');
    expect(formatQuantity(20.5, '%', '<')).toBe('<20.5%');
  });

  it('equals the definition for decimals of up to six places, converted values and any double', () => {
    const decimal = fc.tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 6 })).map(([m, k]) => m / 10 ** k);
    const converted = fc.tuple(decimal, fc.constantFrom(18.016, 1 / 88.4, 5.585, 1 / 2.247, 8.84)).map(([x, f]) => x * f);
    const value = fc.oneof(decimal, converted, fc.double({ min: -1e9, max: 1e9, noNaN: true }));
    fc.assert(fc.property(value, fc.integer({ min: 0, max: 5 }), (n, digits) => formatNumber(n, digits) === reference(n, digits)), { numRuns: 20_000 });
  });
});

describe('daysBetween', () => {
  it('equals the difference of the UTC dates', () => {
    const date = fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9999, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));
    const byDate = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
    fc.assert(fc.property(date, date, (a, b) => daysBetween(a, b) === byDate(a, b)), { numRuns: 20_000 });
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1);
    expect(daysBetween('2026-11-27', '2026-11-27')).toBe(0);
  });

  it('addDays equals the UTC date that many days later', () => {
    const date = fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9000, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));
    const byDate = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    fc.assert(fc.property(date, fc.integer({ min: -400_000, max: 300_000 }), (d, n) => addDays(d, n) === byDate(d, n)), { numRuns: 20_000 });
    expect(addDays('2026-11-27', -7 * 20)).toBe('2026-07-10');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});
