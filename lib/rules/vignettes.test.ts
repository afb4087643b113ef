import { describe, expect, it } from 'vitest';
import { compareVignette, loadVignettes } from '@/tests/vignettes';
import { evaluateFindings, parseEvaluationInput } from './index';

const vignettes = loadVignettes();

describe('clinical cases (docs/CLINICAL.md §4)', () => {
  it('has the committed cases', () => expect(vignettes.length).toBeGreaterThanOrEqual(15));

  it.each(vignettes.map((v) => [v.id, v.title, v] as const))('%s %s', (_id, _title, v) => {
    const parsed = parseEvaluationInput(v.input);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(compareVignette(v.expect, evaluateFindings(parsed.data))).toEqual([]);
  });
});
