/**
 * Property-based tests: for any input the schema accepts, the engine never throws, returns one
 * status per contributor, and never flags from a value that was rejected or missing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANALYTES, ANALYTE_IDS, CONTRIBUTOR_IDS, UNITS, evaluateFindings, parseEvaluationInput, type AnalyteId } from './index';

const analyte = fc.constantFrom(...ANALYTE_IDS);
const labArb = analyte.chain((a: AnalyteId) =>
  fc.record(
    {
      analyte: fc.constant(a),
      // Mostly units of the analyte, sometimes any contract unit, sometimes junk.
      unit: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...ANALYTES[a].units.map((u) => u.unit)) },
        { weight: 2, arbitrary: fc.constantFrom(...UNITS) },
        { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8 }) },
      ),
      value: fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -10, max: 500 })),
      qualifier: fc.option(fc.constantFrom('<' as const, '>' as const), { nil: undefined }),
      referenceRange: fc.option(fc.record({ low: fc.double({ min: 0, max: 5, noNaN: true }), high: fc.double({ min: 5.01, max: 50, noNaN: true }) }), { nil: undefined }),
    },
    { requiredKeys: ['analyte', 'unit', 'value'] },
  ),
);

const uniqueLabs = fc.uniqueArray(labArb, { selector: (l) => l.analyte, maxLength: ANALYTE_IDS.length });

const patientArb = fc.record(
  {
    ageYears: fc.integer({ min: 0, max: 120 }),
    sex: fc.constantFrom('female' as const, 'male' as const),
    dialysis: fc.constantFrom('none' as const, 'hemodialysis' as const, 'peritoneal' as const),
    knownDiabetes: fc.boolean(),
    hyperglycemiaSymptoms: fc.constantFrom('yes' as const, 'no' as const, 'unknown' as const),
    neuropathy: fc.constantFrom('present' as const, 'absent' as const, 'not-examined' as const),
    activeCancerOrNeurotoxicChemo: fc.boolean(),
    autoimmuneOrInflammatoryDisease: fc.boolean(),
  },
  { requiredKeys: ['ageYears', 'sex'] },
);

const medsArb = fc.oneof(
  fc.record({ noneTaken: fc.constant(true), entries: fc.constant([] as string[]) }),
  fc.record({ noneTaken: fc.constant(false), entries: fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('sertraline 50 mg', 'Benadril', 'Celebrex', 'Tylenol PM', 'Seroquil XR')), { maxLength: 8 }) }),
);

const inputArb = fc.record({ asOf: fc.constant('2026-11-23'), patient: patientArb, labs: uniqueLabs, medications: medsArb });

/** Contributor → the analytes whose value alone could flag it. */
const LAB_DRIVEN: Partial<Record<(typeof CONTRIBUTOR_IDS)[number], AnalyteId[]>> = {
  'thyroid-high-tsh': ['tsh', 'free-t4'],
  'thyroid-low-tsh': ['tsh'],
  'b12-deficiency': ['b12'],
  'folate-deficiency': ['folate'],
  anemia: ['hemoglobin'],
  'kidney-disease': ['egfr', 'creatinine'],
};

describe('engine properties', () => {
  it('never throws on accepted input and returns exactly one status per contributor', () => {
    fc.assert(
      fc.property(inputArb, (raw) => {
        const parsed = parseEvaluationInput(raw);
        if (!parsed.ok) return true;
        const e = evaluateFindings(parsed.data);
        expect(e.contributors.map((c) => c.id)).toEqual([...CONTRIBUTOR_IDS]);
        for (const c of e.contributors) expect(['flagged', 'not-flagged', 'not-assessed', 'indeterminate']).toContain(c.status);
        expect(e.inputs).toHaveLength(parsed.data.labs.length);
        expect(e.workup.some((w) => w.id === 'iron-panel')).toBe(true);
        return true;
      }),
      { numRuns: 600 },
    );
  });

  it('never flags a lab-driven contributor from a rejected or missing value', () => {
    fc.assert(
      fc.property(inputArb, (raw) => {
        const parsed = parseEvaluationInput(raw);
        if (!parsed.ok) return true;
        const e = evaluateFindings(parsed.data);
        const usable = new Set(e.inputs.filter((i) => i.status !== 'rejected').map((i) => i.analyte));
        for (const [id, analytes] of Object.entries(LAB_DRIVEN)) {
          const c = e.contributors.find((x) => x.id === id)!;
          if (c.status === 'flagged') expect(analytes!.some((a) => usable.has(a))).toBe(true);
        }
        // Iron deficiency needs a usable ferritin or TSAT (entered or computed from iron and TIBC).
        const iron = e.contributors.find((x) => x.id === 'iron-deficiency')!;
        if (iron.status === 'flagged') expect(usable.has('ferritin') || usable.has('tsat') || (usable.has('iron') && usable.has('tibc'))).toBe(true);
        // Every basis entry of a flag was a value actually used.
        for (const c of e.contributors) if (c.status === 'flagged') for (const b of c.basis) if (b.outcome === 'met') expect(b.entered).not.toBeNull();
        return true;
      }),
      { numRuns: 600 },
    );
  });

  it('rejects every value outside the hard bounds, whatever the unit', () => {
    fc.assert(
      fc.property(analyte, fc.double({ min: 1e6, max: 1e12, noNaN: true }), (a, big) => {
        const unit = ANALYTES[a].canonicalUnit;
        const parsed = parseEvaluationInput({ patient: { ageYears: 40, sex: 'male' }, labs: [{ analyte: a, value: big, unit }] });
        if (!parsed.ok) return true;
        expect(evaluateFindings(parsed.data).inputs[0]!.status).toBe('rejected');
        return true;
      }),
    );
  });
});
