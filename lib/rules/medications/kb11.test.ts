/**
 * Knowledge base 1.1 additions to the medication module (docs/CLINICAL.md §2): rows 55-67, name
 * matching step 7 and the §2.1 product lines, the §2.2 B12-depletion drugs, glued doses, the sig-word
 * stop list, and the W-1 wording rule for every text the module returns.
 */
import levenshtein from 'damerau-levenshtein';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  B12_RISK_GENERICS,
  fuzzyThreshold,
  matchMedication,
  MEDICATION_DICTIONARY,
  normalizeMedicationName,
  SIG_WORDS,
  UNRECOGNISED_MESSAGE,
} from './index';
import type { MedicationMatch } from './index';

const AUG_CONTEXT = 'augmentation is possible with continued dopaminergic exposure; relevant if RLS worsened after the start';
const AS_FOR_51 = 'α2δ ligand (gabapentin enacarbil, gabapentin, pregabalin: AASM strong [V2]) plus iron review';

// CLINICAL.md §2 rows 55-67, transcribed independently of dictionary.ts ("as 59" / "as for 51" written out).
const ROWS_55_67 = [
  { row: 55, generic: 'thioridazine', mechanism: 'DA', evidence: 'C', note: 'C (PV signal [V S16])', alternative: 'psychiatry-led', sources: ['S16'] },
  { row: 56, generic: 'trifluoperazine', mechanism: 'DA', evidence: 'D', note: 'D (class [V S17])', alternative: 'psychiatry-led', sources: ['S17'] },
  { row: 57, generic: 'pimozide', mechanism: 'DA', evidence: 'D', note: 'D (class [V S17])', alternative: 'psychiatry/neurology-led', sources: ['S17'] },
  { row: 58, generic: 'asenapine', mechanism: 'DA', evidence: 'D', note: 'D (case report [V S39])', alternative: 'psychiatry-led', sources: ['S39'] },
  { row: 59, generic: 'cariprazine', mechanism: 'DA', evidence: 'D', note: 'D (class; cf. aripiprazole PV signal [V S16])', alternative: 'psychiatry-led', sources: ['S16'] },
  { row: 60, generic: 'brexpiprazole', mechanism: 'DA', evidence: 'D', note: 'D (class, as cariprazine: cf. aripiprazole PV signal [V S16])', alternative: 'psychiatry-led', sources: ['S16'] },
  { row: 61, generic: 'iloperidone', mechanism: 'DA', evidence: 'D', note: 'D (class [V S17])', alternative: 'psychiatry-led', sources: ['S17'] },
  { row: 61, generic: 'lumateperone', mechanism: 'DA', evidence: 'D', note: 'D (class [V S17])', alternative: 'psychiatry-led', sources: ['S17'] },
  {
    row: 62, generic: 'bromocriptine', mechanism: 'AUG', evidence: 'D', note: 'D (class)',
    alternative: `for RLS: ${AS_FOR_51}; other indications: prescriber-led, flag only as augmentation context`, sources: ['S1'],
  },
  {
    row: 63, generic: 'cabergoline', mechanism: 'AUG', evidence: 'B',
    note: 'B (one RCT, CALDIR: stopped for augmentation 4.0 % at 30 weeks [V S39]; valvulopathy, rarely used [V S5])',
    alternative: `for RLS: ${AS_FOR_51}; other indications: prescriber-led, flag only as augmentation context`, sources: ['S39', 'S5'],
  },
  { row: 64, generic: 'carbinoxamine', mechanism: 'H1', evidence: 'D', note: 'D (class, AASM GPS 2 [NV])', alternative: '2nd-gen H1', sources: ['S17'] },
  { row: 65, generic: 'triprolidine', mechanism: 'H1', evidence: 'D', note: 'D (class)', alternative: '2nd-gen H1', sources: ['S17'] },
  { row: 66, generic: 'dexchlorpheniramine', mechanism: 'H1', evidence: 'D', note: 'D (class)', alternative: '2nd-gen H1', sources: ['S17'] },
  {
    row: 67, generic: 'doxepin', mechanism: 'H1', evidence: 'D', note: 'D (class; did not aggravate PLMs in one study [V S15])',
    alternative: 'sleep: CBT-I; depression: bupropion', sources: ['S15'],
  },
] as const;

describe('rows 55-67 (KB 1.1)', () => {
  it.each(ROWS_55_67)('row $row $generic: mechanism, evidence, alternative and sources as in the table', (r) => {
    const m = matchMedication(r.generic);
    expect(m).toMatchObject({
      status: 'flagged', generic: r.generic, matchKind: 'generic', needsConfirmation: false,
      mechanism: r.mechanism, evidence: r.evidence, evidenceNote: r.note, alternative: r.alternative,
    });
    expect(m.sourceIds).toEqual(expect.arrayContaining([...r.sources]));
    const entry = MEDICATION_DICTIONARY.drugs.find((d) => d.generic === r.generic);
    expect(entry?.flagged && entry.row).toBe(r.row);
    expect(entry?.flagged && entry.rationale.length).toBeGreaterThan(20);
  });

  it.each(['bromocriptine 2.5 mg for prolactinoma', 'Cycloset 0.8 mg', 'Dostinex 0.5 mg twice weekly', 'cabergoline'])(
    'rows 62-63 carry the augmentation context note and the AUG workup (%s)',
    (line) => {
      const m = matchMedication(line);
      expect(m).toMatchObject({ status: 'flagged', mechanism: 'AUG', note: AUG_CONTEXT });
      expect(m.message).toContain(AUG_CONTEXT);
      expect(m.advice.join(' ')).toMatch(/iron studies .* are suggested; any transition is specialist-led per AASM/);
    },
  );

  it('row 67 shows the mechanism as the table gives it', () => {
    expect(matchMedication('Silenor 3 mg').message).toContain('mechanism H1 (+5HT at antidepressant doses)');
  });

  it('row 65: Actifed is triprolidine + pseudoephedrine', () => {
    const m = matchMedication('Actifed', { country: 'UK' });
    expect(m).toMatchObject({ status: 'flagged', generic: 'triprolidine', matchKind: 'combination' });
    expect(m.ingredients).toEqual(['triprolidine', 'pseudoephedrine']);
  });
});

describe('name matching step 7 and the §2.1 product lines', () => {
  const PM_PRODUCTS = [
    ['Tylenol', 'acetaminophen'],
    ['Advil', 'ibuprofen'],
    ['Aleve', 'naproxen'],
    ['Motrin', 'ibuprofen'],
    ['Excedrin', 'acetaminophen'],
    ['Acetaminophen', 'acetaminophen'],
    ['Ibuprofen', 'ibuprofen'],
  ] as const;

  it.each(PM_PRODUCTS)('"%s PM" in any spelling is the diphenhydramine combination, never plain %s', (brand, analgesic) => {
    for (const line of [
      `${brand} PM`, `${brand} P.M.`, `${brand} P.M`, `${brand}-PM`, `${brand} pm 2 caplets qhs`,
      `${brand} PM Extra Strength`, `${brand} Extra Strength PM`, `${brand.toUpperCase()} PM 500 mg`,
    ]) {
      const m = matchMedication(line);
      expect(m, line).toMatchObject({ status: 'flagged', generic: 'diphenhydramine', matchKind: 'combination', needsConfirmation: false });
      expect(m.ingredients, line).toEqual(expect.arrayContaining([analgesic, 'diphenhydramine']));
    }
  });

  it.each(['Tylenol 500 mg at 9 PM', 'Tylenol 8:30 pm', 'Tylenol 650 mg every PM', 'Advil 200 mg in the PM', 'Advil 400 mg 10 p.m.'])(
    'a clock time is not a product suffix: "%s" is the plain analgesic',
    (line) => {
      expect(matchMedication(line)).toMatchObject({ status: 'not-flagged', needsConfirmation: false });
    },
  );

  it('bare Unisom: doxylamine, flagged pending confirmation, with the KB note', () => {
    const m = matchMedication('Unisom');
    expect(m).toMatchObject({ status: 'flagged', generic: 'doxylamine', matchKind: 'brand', needsConfirmation: true });
    expect(m.note).toBe('other Unisom products contain diphenhydramine (also H1)');
    expect(m.message).toContain('Note: other Unisom products contain diphenhydramine (also H1)');
    expect(m.sourceIds).toContain('S40');
  });

  it('Unisom products of the line map exactly (SleepTabs doxylamine, SleepGels/SleepMelts diphenhydramine)', () => {
    expect(matchMedication('Unisom SleepTabs')).toMatchObject({ generic: 'doxylamine', needsConfirmation: false });
    expect(matchMedication('Unisom SleepGels')).toMatchObject({ generic: 'diphenhydramine', needsConfirmation: false });
    expect(matchMedication('Unisom SleepMelts')).toMatchObject({ generic: 'diphenhydramine', needsConfirmation: false });
    expect(matchMedication('Unisom PM Pain').ingredients).toEqual(['acetaminophen', 'diphenhydramine']);
  });

  it('bare Coricidin HBP: chlorpheniramine pending confirmation; its products map exactly', () => {
    const m = matchMedication('Coricidin HBP');
    expect(m).toMatchObject({ status: 'flagged', generic: 'chlorpheniramine', needsConfirmation: true });
    expect(m.note).toBe('line includes doxylamine and antihistamine-free products');
    expect(matchMedication('Coricidin HBP Cold & Flu').ingredients).toEqual(['chlorpheniramine', 'acetaminophen']);
    expect(matchMedication('Coricidin HBP Cough & Cold').ingredients).toEqual(['chlorpheniramine', 'dextromethorphan']);
    expect(matchMedication('Coricidin HBP Nighttime')).toMatchObject({ generic: 'doxylamine', needsConfirmation: false });
  });

  it('NyQuil variants are doxylamine combinations; ZzzQuil is diphenhydramine, ZzzQuil Pure Zzzs melatonin', () => {
    for (const line of ['NyQuil', 'NyQuil Cold & Flu', 'NyQuil Severe', 'NyQuil HBP', 'Vicks NyQuil']) {
      const m = matchMedication(line);
      expect(m, line).toMatchObject({ status: 'flagged', generic: 'doxylamine', matchKind: 'combination' });
      expect(m.ingredients, line).toEqual(expect.arrayContaining(['doxylamine', 'acetaminophen', 'dextromethorphan']));
      expect(m.unrecognizedWords, line).toBeUndefined();
    }
    expect(matchMedication('NyQuil Severe').ingredients).toContain('phenylephrine');
    expect(matchMedication('ZzzQuil')).toMatchObject({ status: 'flagged', generic: 'diphenhydramine', matchKind: 'brand' });
    expect(matchMedication('ZzzQuil Pure Zzzs')).toMatchObject({ status: 'not-flagged', generic: 'melatonin' });
  });

  it('Dramamine: exact brand wins (dimenhydrinate) with the line note; Less Drowsy / All Day are meclizine', () => {
    for (const line of ['Dramamine', 'Dramamine Original']) {
      const m = matchMedication(line);
      expect(m, line).toMatchObject({ status: 'flagged', generic: 'dimenhydrinate', matchKind: 'brand', needsConfirmation: false });
      expect(m.note).toBe('Less Drowsy = meclizine, Non-Drowsy = ginger');
    }
    for (const line of ['Dramamine Less Drowsy', 'Dramamine All Day', 'Dramamine All Day Less Drowsy']) {
      expect(matchMedication(line), line).toMatchObject({ status: 'flagged', generic: 'meclizine', needsConfirmation: false });
    }
  });

  it.each(['Dramamine Non-Drowsy', 'Dramamine Non-Drowsy Naturals', 'Dramamine Naturals', 'dramamine non drowsy 2 tabs'])(
    '"%s" asks ginger or meclizine and is never flagged',
    (line) => {
      const m = matchMedication(line);
      expect(m).toMatchObject({ status: 'ambiguous', generic: null, mechanism: null, needsConfirmation: true, matchedName: 'Dramamine Non-Drowsy' });
      expect(m.candidates.map((c) => [c.generic, c.flagged])).toEqual([['ginger', false], ['meclizine', true]]);
      expect(m.message).toBe('Dramamine Non-Drowsy: ginger (not flagged) or Less Drowsy (meclizine)? Not flagged until confirmed.');
    },
  );

  it('a PM or HBP suffix after a product-line name that makes no known product asks for confirmation', () => {
    const m = matchMedication('Sudafed PM');
    expect(m).toMatchObject({ status: 'not-flagged', generic: 'pseudoephedrine', needsConfirmation: true });
    expect(m.message).toContain("'Sudafed PM' is not a known product of Sudafed");
    expect(m.unrecognizedWords).toBeUndefined();
    // Ordinary words after such a name are not suffixes.
    for (const line of ['Tylenol for severe pain', 'Tylenol all day', 'Dramamine for travel', 'Advil as needed, less often now']) {
      expect(matchMedication(line).needsConfirmation, line).toBe(false);
    }
  });

  it('product-line names do not shadow a drug or product name, and their options are consistent with the dictionary', () => {
    const names = new Set([
      ...MEDICATION_DICTIONARY.drugs.flatMap((d) => [d.generic, ...d.synonyms, ...d.brands.map((b) => b.name)]),
      ...MEDICATION_DICTIONARY.combinations.flatMap((c) => [c.name, ...(c.synonyms ?? [])]),
    ].map(normalizeMedicationName));
    const flaggedGenerics = new Set(MEDICATION_DICTIONARY.drugs.filter((d) => d.flagged).map((d) => d.generic));
    const generics = new Set(MEDICATION_DICTIONARY.drugs.map((d) => d.generic));
    for (const line of MEDICATION_DICTIONARY.productLines) {
      for (const n of [line.name, ...(line.synonyms ?? [])]) expect(names.has(normalizeMedicationName(n)), n).toBe(false);
      for (const g of line.ingredients) expect(generics.has(g), g).toBe(true);
      for (const o of line.options) expect(flaggedGenerics.has(o.generic), o.name).toBe(o.flagged);
      expect(line.kind === 'flagship' ? line.ingredients.length : line.options.length).toBeGreaterThan(0);
      expect(line.sourceIds).toContain('S40');
    }
  });
});

describe('§2.2 B12-depletion drugs', () => {
  // Transcribed from CLINICAL.md §2.2.
  const METFORMIN = ['metformin', 'Glucophage', 'Glumetza', 'Fortamet', 'Riomet'];
  const METFORMIN_COMBOS = [
    'Janumet', 'Janumet XR', 'Jentadueto', 'Kazano', 'Kombiglyze XR', 'Glucovance', 'Actoplus Met', 'Invokamet',
    'Xigduo XR', 'Synjardy', 'Segluromet', 'Trijardy XR', 'Qternmet XR',
  ];
  const PPIS: readonly (readonly [string, string])[] = [
    ['omeprazole', 'omeprazole'], ['Prilosec', 'omeprazole'], ['Losec', 'omeprazole'],
    ['esomeprazole', 'esomeprazole'], ['Nexium', 'esomeprazole'],
    ['lansoprazole', 'lansoprazole'], ['Prevacid', 'lansoprazole'],
    ['dexlansoprazole', 'dexlansoprazole'], ['Dexilant', 'dexlansoprazole'],
    ['pantoprazole', 'pantoprazole'], ['Protonix', 'pantoprazole'],
    ['rabeprazole', 'rabeprazole'], ['AcipHex', 'rabeprazole'],
  ];

  it.each(METFORMIN)('%s → metformin, not flagged, b12Risk metformin', (line) => {
    const m = matchMedication(line);
    expect(m).toMatchObject({ status: 'not-flagged', generic: 'metformin', b12Risk: 'metformin', needsConfirmation: false });
    expect(m.ingredients).toContain('metformin');
    expect(m.sourceIds).toContain('S41');
  });

  it.each(METFORMIN_COMBOS)('%s → metformin combination, not flagged, b12Risk metformin', (line) => {
    const m = matchMedication(line);
    expect(m).toMatchObject({ status: 'not-flagged', generic: 'metformin', matchKind: 'combination', b12Risk: 'metformin' });
    expect(m.ingredients[0]).toBe('metformin');
    expect(m.ingredients.length).toBeGreaterThanOrEqual(2);
  });

  it.each(PPIS)('%s → %s, not flagged, b12Risk ppi', (line, generic) => {
    const m = matchMedication(line);
    expect(m).toMatchObject({ status: 'not-flagged', generic, b12Risk: 'ppi', needsConfirmation: false });
    expect(m.ingredients).toContain(generic);
  });

  it('Vimovo and Zegerid are PPI combinations named by their PPI', () => {
    expect(matchMedication('Vimovo')).toMatchObject({ generic: 'esomeprazole', matchKind: 'combination', b12Risk: 'ppi' });
    expect(matchMedication('Zegerid')).toMatchObject({ generic: 'omeprazole', matchKind: 'combination', b12Risk: 'ppi' });
  });

  it('b12Risk is absent for other drugs and present beside a flagged drug on the same line', () => {
    for (const line of ['Januvia', 'sitagliptin', 'Jardiance', 'lisinopril', 'sertraline', 'ranitidine']) {
      expect(matchMedication(line).b12Risk, line).toBeUndefined();
    }
    const m = matchMedication('sertraline 50 mg + metformin 500 mg');
    expect(m).toMatchObject({ status: 'flagged', generic: 'sertraline', b12Risk: 'metformin' });
    expect(m.ingredients).toEqual(['sertraline', 'metformin']);
  });

  it('B12_RISK_GENERICS lists exactly metformin and the six PPIs', () => {
    expect(B12_RISK_GENERICS).toEqual({
      metformin: 'metformin', omeprazole: 'ppi', esomeprazole: 'ppi', lansoprazole: 'ppi', dexlansoprazole: 'ppi',
      pantoprazole: 'ppi', rabeprazole: 'ppi',
    });
  });
});

describe('glued doses and tall-man lettering (step 1)', () => {
  const singleWordNames = [
    ...MEDICATION_DICTIONARY.drugs.flatMap((d) => [d.generic, ...d.synonyms, ...d.brands.map((b) => b.name)]),
    ...MEDICATION_DICTIONARY.combinations.map((c) => c.name),
  ].filter((n) => /^[A-Za-z]{4,}$/.test(n));

  it('every one-word dictionary name with a glued dose matches as the name alone', () => {
    for (const name of singleWordNames) {
      const plain = matchMedication(name);
      for (const glued of [`${name}25mg`, `${name}10`, `${name}0.5mg`, `${name}100MG qhs`]) {
        const m = matchMedication(glued);
        expect({ glued, generic: m.generic, matchKind: m.matchKind }).toEqual({ glued, generic: plain.generic, matchKind: plain.matchKind });
      }
    }
  });

  it('letter case never changes the result (tall-man lettering)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...singleWordNames), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), (name, flips) => {
        const mixed = [...name].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c.toLowerCase())).join('');
        const a = matchMedication(`${mixed} 25 mg PO qHS`);
        const b = matchMedication(`${name.toLowerCase()} 25 mg PO qHS`);
        expect([a.status, a.generic, a.matchKind]).toEqual([b.status, b.generic, b.matchKind]);
      }),
      { numRuns: 300 },
    );
  });

  it('dotted abbreviations are joined wherever they are on the line', () => {
    expect(normalizeMedicationName('.5 tab Tylenol P.M. q.h.s.')).toBe('tylenol pm');
    expect(normalizeMedicationName('Tylenol P.M. – 2 tabs')).toBe('tylenol pm');
    expect(normalizeMedicationName('Dr. Smith: Tylenol 0.5 g')).toBe('smith tylenol');
  });

  it('short letter-digit names are not split (vitamin B12, D3, CoQ10)', () => {
    expect(normalizeMedicationName('vitamin B12 1000 mcg')).toBe('vitamin b12');
    expect(normalizeMedicationName('vitamin D3')).toBe('vitamin d3');
    expect(normalizeMedicationName('vitamin B6 25 mg')).toBe('vitamin b6');
  });
});

describe('sig-word stop list (fuzzy matching applies to drug names only)', () => {
  const keys = new Set([
    ...MEDICATION_DICTIONARY.drugs.flatMap((d) => [d.generic, ...d.synonyms, ...d.brands.map((b) => b.name)]),
    ...MEDICATION_DICTIONARY.combinations.flatMap((c) => [c.name, ...(c.synonyms ?? [])]),
    ...MEDICATION_DICTIONARY.productLines.flatMap((l) => [l.name, ...(l.synonyms ?? [])]),
  ].map(normalizeMedicationName));

  it('holds single lower-case words, none of them a dictionary name', () => {
    for (const w of SIG_WORDS) {
      expect(w, w).toMatch(/^[a-z]+$/);
      expect(keys.has(w), w).toBe(false);
    }
  });

  it('is needed: these words are within the fuzzy threshold of a dictionary name', () => {
    const near = (word: string): string[] =>
      [...keys].filter((k) => k.length >= 4 && !/\d/.test(k) && levenshtein(word, k).steps <= fuzzyThreshold(k.length));
    expect(near('moderate')).toContain('modecate');
    expect(near('medicate')).toContain('modecate');
    expect(near('ended')).toContain('endep');
    for (const w of ['moderate', 'medicate', 'ended']) expect(SIG_WORDS.has(w)).toBe(true);
  });

  it('keeps a real misspelling next to sig words fuzzy-matchable', () => {
    expect(matchMedication('Seroquil 25 mg qhs prn moderate insomnia')).toMatchObject({
      status: 'flagged', generic: 'quetiapine', matchKind: 'fuzzy', needsConfirmation: true,
    });
  });

  it('sig words beside a drug are not reported as unrecognised', () => {
    expect(matchMedication('tramadol 50 mg q6h prn moderate to severe pain').unrecognizedWords).toBeUndefined();
    expect(matchMedication('Vicks NyQuil Cold & Flu LiquiCaps').unrecognizedWords).toBeUndefined();
  });
});

describe('wording rule W-1 (CLINICAL.md §5): no directive verbs in any returned text', () => {
  const DIRECTIVE = /^(order|start|give|stop|check|repeat|confirm|discuss|review|refer|do not|don't|lower|change|switch|take)\b/i;
  const ALLOWED = /\b(is|are) (suggested|not advised)\b|\bmay be considered\b/;

  function sentences(m: MedicationMatch): string[] {
    return [m.message, ...m.advice].flatMap((t) => t.split(/(?<=[.:;?!])\s+|\s+\(/));
  }

  const lines = [
    ...MEDICATION_DICTIONARY.drugs.flatMap((d) => [d.generic, ...d.brands.map((b) => b.name)]),
    ...MEDICATION_DICTIONARY.combinations.map((c) => c.name),
    ...MEDICATION_DICTIONARY.productLines.map((l) => l.name),
    'Seroquil', 'Allegro', 'Benadril 25 mg', 'Sudafed PM', 'Tylenol + zolpidem', 'xyz', '', 'Unisome',
  ];

  it('every sentence of every message and advice item is free of directive verbs', () => {
    for (const line of lines) {
      for (const s of sentences(matchMedication(line))) {
        if (DIRECTIVE.test(s)) expect(s, line).toMatch(ALLOWED);
      }
    }
  });

  it('the unrecognised message is the KB template (step 6)', () => {
    expect(UNRECOGNISED_MESSAGE).toBe('not recognised: verify');
    expect(matchMedication('xyz').message).toBe(UNRECOGNISED_MESSAGE);
  });
});
