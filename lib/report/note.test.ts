import { describe, expect, it } from 'vitest';
import { evaluateFindings } from '@/lib/rules';
import { lab, makeInput, normalLabs, withLab } from '@/tests/factories';
import { noteText } from './note';

describe('noteText', () => {
  const evaluation = evaluateFindings(makeInput({ labs: withLab(normalLabs(), lab('ferritin', 40, 'ng/mL')), medications: { noneTaken: false, entries: ['sertraline 50 mg'] } }));
  const patient = { name: 'Iron, Ada', mrn: 'DEMO-001', ageYears: 47, sex: 'female' };

  it('lists findings, flags with reasons and sources, and the plan', () => {
    const text = noteText({ evaluation, patient, clinician: 'Dr Demo', reviews: new Map() });
    expect(text).toContain('Ferritin 40 ng/mL');
    expect(text).toMatch(/- Iron deficiency \(flagged, band oral-or-iv, grade A, I-1\): Ferritin 40 ng\/mL ≤ 75 ng\/mL: meets the AASM 2024/);
    expect(text).toContain('S1 Winkelman JW et al 2025');
    expect(text).toContain('sertraline 50 mg (may provoke RLS: sertraline');
    expect(text).toMatch(/Plan \(suggested workup\):\n- Morning iron panel/);
    expect(text).not.toMatch(/has (iron deficiency|diabetes)/i);
  });

  it('says why a contributor is not assessed and marks stale results (KB 1.1)', () => {
    const stale = evaluateFindings(makeInput({ labs: withLab(normalLabs(), lab('tsh', 2, 'mIU/L', { collectedOn: '2021-01-04' })) }));
    const text = noteText({ evaluation: stale, patient, clinician: 'Dr Demo', reviews: new Map() });
    expect(text).toMatch(/- TSH 2 mIU\/L, 2021-01-04 — stale: TSH is stale \(result of 2021-01-04, \d+ days old; limit 365\)/);
    expect(text).toMatch(/- High TSH \(hypothyroid pattern\) \(not assessed\): Not assessed: the last result is stale/);
  });

  it('shows review decisions and moves dismissed items out of the plan', () => {
    const reviews = new Map([
      ['contributor:iron-deficiency', { decision: 'accepted', reason: '', comment: null }],
      ['workup:cbc', { decision: 'dismissed', reason: 'Already done', comment: 'CBC last week' }],
    ]);
    const text = noteText({ evaluation, patient, clinician: 'Dr Demo', reviews });
    expect(text).toContain('[accepted]');
    expect(text).toContain('Dismissed: Complete blood count with MCV (reticulocytes if anaemic) is suggested [dismissed: Already done — CBC last week]');
  });
});
