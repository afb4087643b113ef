import { describe, expect, it } from 'vitest';
import { lab, makeInput, normalLabs, withLab } from '@/tests/factories';
import { compareEvaluations } from './compare';
import { evaluateFindings } from './evaluate';
import { ironRecheckDue } from './follow-up';
import saved100 from './fixtures/saved-1.0.0.json';
import { parseEvaluationInput } from './input';
import type { Evaluation } from './evaluate';

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
    expect(diff.statusChanges).toEqual([expect.objectContaining({ id: 'iron-deficiency', from: 'not-flagged', to: 'flagged', toTherapy: 'iv-only', wordingOnly: false })]);
    expect(diff.workupAdded.map((w) => w.id)).toEqual(expect.arrayContaining(['iron-therapy-discussion', 'cbc']));
    expect(diff.workupRemoved).toEqual([]);
  });
});

describe('re-running an assessment saved under rules 1.0.0', () => {
  const parsed = parseEvaluationInput(saved100.input);
  if (!parsed.ok) throw new Error('fixture input invalid');
  const savedEval = saved100.evaluation as unknown as Evaluation;
  const diff = compareEvaluations(savedEval, evaluateFindings(parsed.data, { asOf: savedEval.asOf }));
  const change = (id: string) => diff.statusChanges.find((c) => c.id === id);

  it('shows exactly what changed under 1.1.0, with the changelog entries that explain it', () => {
    expect(diff).toMatchObject({ fromVersion: '1.0.0', toVersion: '1.1.0', unchanged: false });
    // Iron: the band was already suppressed, but 1.0.0 still offered a route; 1.1.0 does not.
    const iron = change('iron-deficiency')!;
    expect(iron).toMatchObject({ from: 'flagged', to: 'flagged', fromTherapy: 'suppressed', toTherapy: 'suppressed', wordingOnly: true });
    expect(iron.fromSummary).toMatch(/oral or IV iron are options/);
    expect(iron.toSummary).not.toMatch(/oral or IV iron/);
    expect(iron.why.map((w) => w.ruleIds)).toContainEqual(['I-5']);
    expect(diff.workupRemoved.map((w) => w.id)).toEqual(expect.arrayContaining(['iron-therapy-discussion', 'iron-loss-evaluation']));
    // Dialysis omitted: "not on dialysis" became "not assessed" (G8).
    expect(change('kidney-failure-dialysis')).toMatchObject({ from: 'not-flagged', to: 'not-assessed' });
    expect(change('kidney-failure-dialysis')!.why.some((w) => w.ruleIds.includes('G8'))).toBe(true);
    // TSH 0.2 without free T4: "possible hyperthyroidism" became T-2c.
    expect(change('thyroid-low-tsh')).toMatchObject({ fromRuleIds: ['T-2'], toRuleIds: ['T-2c'] });
    expect(change('thyroid-low-tsh')!.fromSummary).toMatch(/possible hyperthyroidism/);
    expect(change('thyroid-low-tsh')!.toSummary).not.toMatch(/possible hyperthyroidism/);
    // Every change carries at least one reason from the changelog.
    for (const c of diff.statusChanges) expect(c.why.length, c.id).toBeGreaterThan(0);
  });

  it('lists nothing for contributors whose decision and wording did not change', () => {
    expect(change('folate-deficiency')).toBeUndefined();
  });
});

describe('ironRecheckDue', () => {
  it('is 12 weeks later, across a year end', () => {
    expect(ironRecheckDue('2026-11-24')).toBe('2027-02-16');
  });
});

describe('the rules changelog', () => {
  it('docs/RULES-CHANGELOG.md names every rule id of every entry in lib/rules/changelog.ts', async () => {
    const { readFileSync } = await import('node:fs');
    const { RULE_CHANGES } = await import('./changelog');
    const { RULES_VERSION } = await import('./version');
    const md = readFileSync(new URL('../../docs/RULES-CHANGELOG.md', import.meta.url), 'utf8');
    expect(md).toContain(`## ${RULES_VERSION} `);
    const section = md.slice(md.indexOf(`## ${RULES_VERSION} `), md.indexOf('\n## ', md.indexOf(`## ${RULES_VERSION} `) + 1));
    for (const c of RULE_CHANGES.filter((x) => x.version === RULES_VERSION)) for (const id of c.ruleIds) expect(section, id).toContain(id);
  });
});
