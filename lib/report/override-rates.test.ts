import { describe, expect, it } from 'vitest';
import { overrideRates, weekOf } from './override-rates';

const at = (s: string) => new Date(`${s}T10:00:00Z`);

describe('override rates per rule', () => {
  it('counts shown, accepted and overridden per rule across EHR feedback and app reviews, with reasons and weeks', () => {
    const rows = overrideRates(
      [
        { ruleIds: ['I-1'], outcome: 'accepted', reason: null, at: at('2026-11-02'), source: 'ehr' },
        { ruleIds: ['I-1'], outcome: 'overridden', reason: 'already-done', at: at('2026-11-03'), source: 'app' },
        { ruleIds: ['I-1', 'G5'], outcome: 'overridden', reason: 'already-done', at: at('2026-11-10'), source: 'ehr' },
        { ruleIds: ['D-1'], outcome: 'overridden', reason: null, at: at('2026-11-10'), source: 'ehr' },
      ],
      [{ ruleIds: ['I-1'] }, { ruleIds: ['I-1', 'G5'] }, { ruleIds: ['T-1'] }],
    );
    const byId = Object.fromEntries(rows.map((r) => [r.ruleId, r]));
    expect(byId['I-1']).toMatchObject({ shown: 2, accepted: 1, overridden: 2, bySource: { ehr: { accepted: 1, overridden: 1 }, app: { accepted: 0, overridden: 1 } }, reasons: [{ reason: 'already-done', count: 2 }] });
    expect(byId['I-1']!.rate).toBeCloseTo(2 / 3);
    expect(byId['I-1']!.weeks).toEqual([{ week: '2026-11-02', accepted: 1, overridden: 1, rate: 0.5 }, { week: '2026-11-09', accepted: 0, overridden: 1, rate: 1 }]);
    expect(byId['D-1']).toMatchObject({ rate: 1, reasons: [{ reason: 'no reason given', count: 1 }] });
    expect(byId['T-1']).toMatchObject({ shown: 1, accepted: 0, overridden: 0, rate: null });
    expect(rows.map((r) => r.ruleId)).toEqual(['D-1', 'G5', 'I-1', 'T-1']);
  });

  it('weeks start on Monday (UTC)', () => {
    expect(weekOf(at('2026-11-29'))).toBe('2026-11-23');
    expect(weekOf(at('2026-11-23'))).toBe('2026-11-23');
  });
});
