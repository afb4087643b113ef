/**
 * Properties required by knowledge base 1.1: TSAT decisions equal exact rational arithmetic in every
 * unit combination, the two thyroid contributors never both flag, a suppressed or pending band never
 * offers a route of iron, and nothing stale is shown without its age.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFindings, type Evaluation, type TEvaluationInput, type TLabInput } from './index';

const c = (e: Evaluation, id: string) => e.contributors.find((x) => x.id === id)!;

/** An exact decimal, written as the engine receives it: integer part and up to `digits` decimals. */
const decimal = (min: number, max: number, digits: number) =>
  fc.integer({ min: Math.round(min * 10 ** digits), max: Math.round(max * 10 ** digits) }).map((n) => n / 10 ** digits);

/** n / 10^k as BigInts, from the number's shortest decimal form (independent of the engine's own helper). */
function ratio(x: number): [bigint, bigint] {
  const [int, frac = ''] = String(x).split('.');
  return [BigInt(int! + frac), 10n ** BigInt(frac.length)];
}
const IRON_FACTOR: [bigint, bigint] = [5585n, 1000n]; // µmol/L → µg/dL (×5.585)

/** Sign of (iron ÷ TIBC × 100 − threshold), both converted to µg/dL, in exact integer arithmetic. */
function exactSign(iron: number, ironUnit: string, tibc: number, tibcUnit: string, threshold: number): number {
  let [ni, di] = ratio(iron);
  let [nt, dt] = ratio(tibc);
  if (ironUnit === 'µmol/L') { ni *= IRON_FACTOR[0]; di *= IRON_FACTOR[1]; }
  if (tibcUnit === 'µmol/L') { nt *= IRON_FACTOR[0]; dt *= IRON_FACTOR[1]; }
  const [nk, dk] = ratio(threshold);
  // ni/di × 100 × dt/nt  vs  nk/dk
  const left = ni * 100n * dt * dk;
  const right = nk * di * nt;
  return left < right ? -1 : left > right ? 1 : 0;
}

const unit = fc.constantFrom('µg/dL', 'µmol/L');
/** TIBC and a TSAT target; iron placed at, near or away from the 20 % and 45 % boundaries. */
const ironCase = fc.record({ ironUnit: unit, tibcUnit: unit, tibcUg: decimal(120, 600, 1), target: fc.oneof(fc.constantFrom(20, 45), decimal(5, 90, 2)), jitter: fc.constantFrom(0, 0, 0.01, -0.01, 0.001, -0.001) })
  .map(({ ironUnit, tibcUnit, tibcUg, target, jitter }) => {
    const tibc = tibcUnit === 'µmol/L' ? Math.round((tibcUg / 5.585) * 100) / 100 : tibcUg;
    const tibcInIronUnit = ironUnit === tibcUnit ? tibc : ironUnit === 'µmol/L' ? tibc / 5.585 : tibc * 5.585;
    const digits = ironUnit === 'µmol/L' ? 3 : 2;
    const iron = Math.round(tibcInIronUnit * (target / 100 + jitter) * 10 ** digits) / 10 ** digits;
    return { ironUnit, tibcUnit, tibc, iron };
  })
  .filter(({ iron, tibc, ironUnit, tibcUnit }) => iron > 0 && exactSign(iron, ironUnit, tibc, tibcUnit, 100) <= 0);

const base = (labs: TLabInput[], patient: Partial<TEvaluationInput['patient']> = {}): TEvaluationInput => ({
  asOf: '2026-11-23', patient: { ageYears: 45, sex: 'female', pregnant: false, dialysis: 'none', ...patient }, labs, medications: { noneTaken: true, entries: [] },
});

describe('KB 1.1 properties', () => {
  it('TSAT decisions from iron and TIBC equal exact rational arithmetic, in every unit combination', () => {
    fc.assert(fc.property(ironCase, ({ ironUnit, tibcUnit, tibc, iron }) => {
      const e = evaluateFindings(base([
        { analyte: 'ferritin', value: 150, unit: 'ng/mL' },
        { analyte: 'iron', value: iron, unit: ironUnit },
        { analyte: 'tibc', value: tibc, unit: tibcUnit },
      ]));
      const x = c(e, 'iron-deficiency');
      // Ferritin 150: flagged exactly when TSAT < 20 (I-4); I-5 exactly when TSAT ≥ 45.
      expect(x.status === 'flagged').toBe(exactSign(iron, ironUnit, tibc, tibcUnit, 20) < 0);
      expect(x.ruleIds.includes('I-5')).toBe(exactSign(iron, ironUnit, tibc, tibcUnit, 45) >= 0);
    }), { numRuns: 3000 });
  });

  const tshCase = fc.record({
    tsh: fc.oneof(decimal(0.01, 20, 2), fc.constantFrom(0.4, 0.39, 4.5, 4.51, 4.0, 4.01, 10)),
    ft4: fc.option(fc.oneof(decimal(0.2, 3, 2), fc.constantFrom(0.8, 1.05, 1.04, 1.8, 1.81)), { nil: undefined }),
    ft4Range: fc.option(fc.constant({ low: 0.9, high: 1.7 }), { nil: undefined }),
    tshRange: fc.option(fc.constant({ low: 0.5, high: 4.0 }), { nil: undefined }),
    pregnant: fc.constantFrom(true, false, null),
    weeks: fc.option(fc.integer({ min: 0, max: 42 }), { nil: undefined }),
    tshDate: fc.constantFrom('2026-11-20', '2025-01-01'),
    ft4Date: fc.constantFrom('2026-11-20', '2026-11-01'),
  });

  it('the two thyroid contributors are never both flagged or indeterminate (T-4)', () => {
    fc.assert(fc.property(tshCase, (t) => {
      const labs: TLabInput[] = [{ analyte: 'tsh', value: t.tsh, unit: 'mIU/L', collectedOn: t.tshDate, ...(t.tshRange ? { referenceRange: t.tshRange } : {}) }];
      if (t.ft4 !== undefined) labs.push({ analyte: 'free-t4', value: t.ft4, unit: 'ng/dL', collectedOn: t.ft4Date, ...(t.ft4Range ? { referenceRange: t.ft4Range } : {}) });
      const e = evaluateFindings(base(labs, { pregnant: t.pregnant, pregnancyWeeks: t.pregnant === true ? t.weeks : undefined }));
      const active = ['thyroid-high-tsh', 'thyroid-low-tsh'].filter((id) => ['flagged', 'indeterminate'].includes(c(e, id).status));
      expect(active.length).toBeLessThanOrEqual(1);
      if (t.pregnant !== true || t.weeks === undefined || t.weeks >= 14) {
        // Outside the first trimester a TSH alone is never read as "possible hyperthyroidism".
        if (t.ft4 === undefined) expect(c(e, 'thyroid-low-tsh').summary).not.toMatch(/possible hyperthyroidism/);
      }
    }), { numRuns: 2000 });
  });

  const ROUTE = /oral or IV iron|IV iron only|IV iron sucrose|IV iron may|oral iron may|oral iron first|IV iron, the dialysis route/i;
  const ironLabs = fc.record({
    ferritin: fc.option(fc.record({ value: fc.oneof(decimal(5, 400, 1), fc.constantFrom(75, 75.1, 100, 100.1, 200)), qualifier: fc.option(fc.constantFrom('<' as const, '>' as const), { nil: undefined }), collectedOn: fc.constantFrom('2026-11-20', '2026-06-01', '2023-01-01') }), { nil: undefined }),
    tsat: fc.option(fc.record({ value: fc.oneof(decimal(2, 80, 1), fc.constantFrom(19.9, 20, 44.9, 45)), collectedOn: fc.constantFrom('2026-11-20', '2026-06-01') }), { nil: undefined }),
    dialysis: fc.constantFrom('none' as const, 'hemodialysis' as const, null),
    pregnant: fc.constantFrom(true, false, null),
    weeks: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  });

  it('no summary of a suppressed or pending band offers a route of iron; nothing stale is shown without its age', () => {
    fc.assert(fc.property(ironLabs, (t) => {
      const labs: TLabInput[] = [];
      if (t.ferritin) labs.push({ analyte: 'ferritin', unit: 'ng/mL', ...t.ferritin });
      if (t.tsat) labs.push({ analyte: 'tsat', unit: '%', ...t.tsat });
      const e = evaluateFindings(base(labs, { dialysis: t.dialysis, pregnant: t.pregnant, pregnancyWeeks: t.pregnant === true ? t.weeks : undefined }));
      const x = c(e, 'iron-deficiency');
      if (x.ironTherapy === 'suppressed' || x.ironTherapy === 'pending') {
        expect(x.summary).not.toMatch(ROUTE);
        expect(e.workup.map((w) => w.id)).not.toContain('iron-therapy-discussion');
      }
      if (x.ironTherapy === 'suppressed') expect(e.workup.map((w) => w.id)).not.toContain('iron-loss-evaluation');
      for (const k of e.contributors) if (k.stale) expect(k.summary).toMatch(/\d+ days old/);
      for (const i of e.inputs) if (i.stale) expect(i.message ?? '').toMatch(/\d+ days old/);
      // A stale value in a flag's basis carries its age too (the card and results table show it).
      const staleInUse = new Set(e.inputs.filter((i) => i.stale && !i.history).map((i) => i.analyte));
      for (const k of e.contributors) for (const b of k.basis) if (b.entered && staleInUse.has(b.analyte)) expect(b.stale ?? '').toMatch(/\d+ days old/);
    }), { numRuns: 3000 });
  });
});
