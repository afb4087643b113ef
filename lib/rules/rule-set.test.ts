import { describe, expect, it } from 'vitest';
import { CONTRIBUTORS } from './contributors';
import { GLOBAL_RULES } from './global-rules';
import { ZContributorSpecSchema } from './rule-schema';
import { SOURCES } from './sources';
import { CONTRIBUTOR_IDS } from './types';

describe('the rule set', () => {
  it.each(CONTRIBUTORS.map((c) => [c.id, c] as const))('%s parses with the rule schema', (_id, spec) => {
    const parsed = ZContributorSpecSchema.safeParse(spec);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
  });

  it('has one spec per contract contributor, in the contract order', () => {
    expect(CONTRIBUTORS.map((c) => c.id)).toEqual([...CONTRIBUTOR_IDS]);
  });

  it('has unique rule ids across contributors and global rules', () => {
    const ids = [...CONTRIBUTORS.flatMap((c) => c.rules.map((r) => r.id)), ...GLOBAL_RULES.map((g) => g.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every rule of docs/CLINICAL.md §1', () => {
    const ids = new Set([...CONTRIBUTORS.flatMap((c) => c.rules.map((r) => r.id)), ...GLOBAL_RULES.map((g) => g.id)]);
    const required = ['G1', 'G2', 'G3', 'G4', 'G5', 'I-1', 'I-2', 'I-3', 'I-4', 'I-5', 'I-6', 'A-1', 'K-1', 'K-2', 'K-3', 'K-4', 'K-5',
      'D-1', 'D-2', 'D-3', 'D-4', 'N-1', 'T-1', 'T-1a', 'T-2', 'B-1', 'B-2', 'F-1', 'P-1', 'O-1', 'O-2'];
    expect(required.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('files each rule under the contributor it belongs to', () => {
    for (const spec of CONTRIBUTORS) for (const rule of spec.rules) expect(rule.contributor).toBe(spec.id);
  });

  it('cites only sources that exist, each with a year and URL', () => {
    for (const s of Object.values(SOURCES)) {
      expect(s.year).toBeGreaterThan(1990);
      expect(s.url).toMatch(/^https?:\/\//);
    }
  });
});

describe('the rule schema rejects malformed rules', () => {
  const good = CONTRIBUTORS[0]!;
  const rule = good.rules[0]!;
  const withRule = (r: unknown) => ({ ...good, rules: [r] });

  it('a rule without a source', () => {
    expect(ZContributorSpecSchema.safeParse(withRule({ ...rule, sourceIds: [] })).success).toBe(false);
  });
  it('a lab threshold without the canonical unit', () => {
    expect(ZContributorSpecSchema.safeParse(withRule({ ...rule, when: { lab: 'ferritin', op: '<=', threshold: { 'µg/L': 75 } } })).success).toBe(false);
  });
  it('a unit that does not belong to the analyte', () => {
    expect(ZContributorSpecSchema.safeParse(withRule({ ...rule, when: { lab: 'ferritin', op: '<=', threshold: { 'ng/mL': 75, 'mg/dL': 7.5 } } })).success).toBe(false);
  });
  it('an operator outside the closed set', () => {
    expect(ZContributorSpecSchema.safeParse(withRule({ ...rule, when: { lab: 'ferritin', op: '=~', threshold: { 'ng/mL': 75 } } })).success).toBe(false);
  });
  it('diagnostic language', () => {
    expect(ZContributorSpecSchema.safeParse(withRule({ ...rule, message: 'the patient has diabetes' })).success).toBe(false);
  });
});
