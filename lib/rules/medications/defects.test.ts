/**
 * Issue 8, defect 4 (medication lines missed or mis-read) and the medication half of defect 5
 * (unknown reported as reassurance): one test per defect, each of which failed on the matcher
 * before KB 1.1.
 */
import { describe, expect, it } from 'vitest';
import { matchMedication, matchMedications } from './index';

describe('issue 8 defects (medication matcher)', () => {
  it('defect 4: glued doses (Zoloft100mg, Benadryl25mg, Lexapro10, quetiapine25mg) are recognised', () => {
    const cases: readonly (readonly [string, string])[] = [
      ['Zoloft100mg', 'sertraline'],
      ['Benadryl25mg', 'diphenhydramine'],
      ['Lexapro10', 'escitalopram'],
      ['quetiapine25mg', 'quetiapine'],
      ['traZODone50', 'trazodone'],
    ];
    for (const [line, generic] of cases) {
      const m = matchMedication(line);
      expect(m.generic, line).toBe(generic);
      expect(m.needsConfirmation, line).toBe(false);
      expect(m.matchKind, line).not.toBe('fuzzy');
      expect(m.unrecognizedWords, line).toBeUndefined();
    }
  });

  it('defect 4: Tylenol P.M. / Advil P.M. are the diphenhydramine combination, never plain acetaminophen / ibuprofen', () => {
    for (const [line, analgesic] of [
      ['Tylenol P.M.', 'acetaminophen'],
      ['Advil P.M.', 'ibuprofen'],
      ['Tylenol PM', 'acetaminophen'],
      ['Advil PM', 'ibuprofen'],
      ['Unisom PM Pain', 'acetaminophen'],
    ] as const) {
      const m = matchMedication(line);
      expect(m, line).toMatchObject({ status: 'flagged', generic: 'diphenhydramine', matchKind: 'combination' });
      expect(m.ingredients, line).toEqual(expect.arrayContaining([analgesic, 'diphenhydramine']));
    }
  });

  it('defect 4: "moderate" in a sig ("650 mg q6h prn moderate pain") is not matched to Modecate', () => {
    const m = matchMedication('650 mg q6h prn moderate pain');
    expect(m.status).toBe('unrecognized');
    expect(m.candidates).toEqual([]);
    expect(matchMedication('acetaminophen 650 mg q6h prn moderate pain')).toMatchObject({
      status: 'not-flagged',
      generic: 'acetaminophen',
      needsConfirmation: false,
    });
  });

  it('defect 4: Unisom, Coricidin HBP and the §2.1 products have their mapping', () => {
    expect(matchMedication('Unisom')).toMatchObject({ status: 'flagged', generic: 'doxylamine', needsConfirmation: true });
    expect(matchMedication('Unisom').message).toContain('other Unisom products contain diphenhydramine (also H1)');
    expect(matchMedication('Coricidin HBP')).toMatchObject({ status: 'flagged', generic: 'chlorpheniramine', needsConfirmation: true });
    expect(matchMedication('Coricidin HBP').message).toContain('line includes doxylamine and antihistamine-free products');
    expect(matchMedication('Coricidin HBP Cold & Flu')).toMatchObject({ status: 'flagged', generic: 'chlorpheniramine', matchKind: 'combination' });
    expect(matchMedication('Coricidin HBP Nighttime')).toMatchObject({ status: 'flagged', generic: 'doxylamine', matchKind: 'combination' });
    expect(matchMedication('Dramamine Non-Drowsy')).toMatchObject({ status: 'ambiguous', needsConfirmation: true });
    expect(matchMedication('ZzzQuil Pure Zzzs')).toMatchObject({ status: 'not-flagged', generic: 'melatonin' });
    expect(matchMedication('Dramamine All Day')).toMatchObject({ status: 'flagged', generic: 'meclizine' });
  });

  it('defect 4: rows 55-67 are flagged', () => {
    for (const [line, generic] of [
      ['thioridazine', 'thioridazine'], ['Stelazine', 'trifluoperazine'], ['Orap', 'pimozide'], ['Saphris', 'asenapine'],
      ['Vraylar', 'cariprazine'], ['Rexulti', 'brexpiprazole'], ['Fanapt', 'iloperidone'], ['Caplyta', 'lumateperone'],
      ['bromocriptine', 'bromocriptine'], ['Dostinex', 'cabergoline'], ['carbinoxamine', 'carbinoxamine'],
      ['triprolidine', 'triprolidine'], ['Polaramine', 'dexchlorpheniramine'], ['Silenor 3 mg qhs', 'doxepin'],
    ] as const) {
      expect(matchMedication(line), line).toMatchObject({ status: 'flagged', generic, needsConfirmation: false });
    }
  });

  it('defect 4: §2.2 metformin and PPIs are not flagged, keep their generic in ingredients and carry b12Risk', () => {
    expect(matchMedication('Janumet XR 50/1000')).toMatchObject({
      status: 'not-flagged', generic: 'metformin', matchKind: 'combination', b12Risk: 'metformin',
    });
    expect(matchMedication('Nexium 40 mg daily')).toMatchObject({ status: 'not-flagged', generic: 'esomeprazole', b12Risk: 'ppi' });
    expect(matchMedication('Vimovo').ingredients).toContain('esomeprazole');
  });

  it('defect 5 (medication half): a line whose every word is unrecognised stays unrecognized and asks for verification', () => {
    const lines = ['650 mg q6h prn moderate pain', 'severe nausea', 'nightly for sleep', 'fish oil 1 g daily', 'Qwertyzol 10 mg'];
    for (const m of matchMedications(lines)) {
      expect(m.status, m.input).toBe('unrecognized');
      expect(m.generic, m.input).toBeNull();
      expect(m.message, m.input).toBe('not recognised: verify');
    }
  });
});
