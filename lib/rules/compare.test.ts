import { describe, expect, it } from 'vitest';
import { lab, makeInput, normalLabs, withLab } from '@/tests/factories';
import { compareEvaluations } from './compare';
import { evaluateFindings } from './evaluate';
import { ironRecheckDue } from './follow-up';

describe('compareEvaluations', () => {
  it('reports nothing when the rules give the same result', () => {
    const e = evaluateFindings(makeInput({ labs: normalLabs() }));
    expect(compareEvaluations(e, e).unchanged).toBe(true);
  });

  it('reports status, band and workup changes', () => {
    const saved = evaluateFindings(makeInput({ labs: normalLabs() }));
    const current = evaluateFindings(makeInput({ labs: withLab(normalLabs(), lab('ferritin', 90, 'ng/mL')) }));
    const diff = compareEvaluations({ ...saved, rulesVersion: '0.9.0' }, current);
    expect(diff.fromVersion).toBe('0.9.0');
    expect(diff.statusChanges).toEqual([expect.objectContaining({ id: 'iron-deficiency', from: 'not-flagged', to: 'flagged', toTherapy: 'iv-only' })]);
    expect(diff.workupAdded.map((w) => w.id)).toEqual(expect.arrayContaining(['iron-therapy-discussion', 'cbc']));
    expect(diff.workupRemoved).toEqual([]);
  });
});

describe('ironRecheckDue', () => {
  it('is 12 weeks later, across a year end', () => {
    expect(ironRecheckDue('2026-11-24')).toBe('2027-02-16');
  });
});
