import levenshtein from 'damerau-levenshtein';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzyThreshold, matchMedication, matchMedications, MEDICATION_DICTIONARY, normalizeMedicationName } from './index';
import type { Country, Mechanism } from './index';

/**
 * CLINICAL.md §2 table, transcribed independently of dictionary.ts so a data slip shows up here.
 * Brands are every name in the table's brand column (combination products included).
 */
const TABLE: readonly { row: number; generics: readonly string[]; mechanism: Mechanism; brands: readonly string[] }[] = [
  { row: 1, generics: ['metoclopramide'], mechanism: 'DA', brands: ['Reglan', 'Gimoti', 'Maxolon', 'Primperan', 'Paspertin'] },
  { row: 2, generics: ['prochlorperazine'], mechanism: 'DA', brands: ['Compazine', 'Compro', 'Stemetil', 'Buccastem'] },
  { row: 3, generics: ['promethazine'], mechanism: 'DA+H1', brands: ['Phenergan', 'Promethegan'] },
  { row: 4, generics: ['trimethobenzamide'], mechanism: 'DA', brands: ['Tigan'] },
  { row: 5, generics: ['droperidol'], mechanism: 'DA', brands: ['Inapsine', 'Xomolix'] },
  { row: 6, generics: ['amisulpride'], mechanism: 'DA', brands: ['Barhemsys', 'Solian'] },
  { row: 7, generics: ['sulpiride', 'levosulpiride'], mechanism: 'DA', brands: ['Dogmatil', 'Levopraid'] },
  { row: 8, generics: ['haloperidol'], mechanism: 'DA', brands: ['Haldol', 'Serenace'] },
  { row: 9, generics: ['chlorpromazine'], mechanism: 'DA', brands: ['Thorazine', 'Largactil'] },
  { row: 10, generics: ['fluphenazine'], mechanism: 'DA', brands: ['Prolixin', 'Modecate'] },
  { row: 11, generics: ['perphenazine'], mechanism: 'DA', brands: ['Trilafon', 'Fentazin'] },
  { row: 12, generics: ['olanzapine'], mechanism: 'DA+H1', brands: ['Zyprexa', 'Zyprexa Relprevv', 'Symbyax'] },
  { row: 13, generics: ['quetiapine'], mechanism: 'DA+H1', brands: ['Seroquel', 'Seroquel XR'] },
  { row: 14, generics: ['risperidone'], mechanism: 'DA', brands: ['Risperdal', 'Risperdal Consta', 'Perseris'] },
  { row: 15, generics: ['paliperidone'], mechanism: 'DA', brands: ['Invega', 'Invega Sustenna', 'Xeplion'] },
  { row: 16, generics: ['aripiprazole'], mechanism: 'DA', brands: ['Abilify', 'Abilify Maintena'] },
  { row: 17, generics: ['ziprasidone'], mechanism: 'DA', brands: ['Geodon', 'Zeldox'] },
  { row: 18, generics: ['lurasidone'], mechanism: 'DA', brands: ['Latuda'] },
  { row: 19, generics: ['clozapine'], mechanism: 'DA+H1', brands: ['Clozaril', 'Leponex'] },
  { row: 20, generics: ['loxapine'], mechanism: 'DA', brands: ['Loxitane', 'Adasuve'] },
  { row: 21, generics: ['tetrabenazine', 'deutetrabenazine', 'valbenazine'], mechanism: 'DA-depletion', brands: ['Xenazine', 'Austedo', 'Ingrezza'] },
  { row: 22, generics: ['mirtazapine'], mechanism: '5HT+H1', brands: ['Remeron', 'RemeronSolTab', 'Zispin', 'Avanza'] },
  { row: 23, generics: ['mianserin'], mechanism: '5HT+H1', brands: ['Tolvon', 'Lerivon'] },
  { row: 24, generics: ['sertraline'], mechanism: '5HT', brands: ['Zoloft', 'Lustral'] },
  { row: 25, generics: ['fluoxetine'], mechanism: '5HT', brands: ['Prozac', 'Sarafem'] },
  { row: 26, generics: ['paroxetine'], mechanism: '5HT', brands: ['Paxil', 'Pexeva', 'Brisdelle', 'Seroxat'] },
  { row: 27, generics: ['citalopram'], mechanism: '5HT', brands: ['Celexa', 'Cipramil'] },
  { row: 28, generics: ['escitalopram'], mechanism: '5HT', brands: ['Lexapro', 'Cipralex'] },
  { row: 29, generics: ['fluvoxamine'], mechanism: '5HT', brands: ['Luvox', 'Faverin'] },
  { row: 30, generics: ['venlafaxine'], mechanism: '5HT', brands: ['Effexor XR', 'Efexor'] },
  { row: 31, generics: ['desvenlafaxine'], mechanism: '5HT', brands: ['Pristiq'] },
  { row: 32, generics: ['duloxetine'], mechanism: '5HT', brands: ['Cymbalta', 'Yentreve'] },
  { row: 33, generics: ['amitriptyline'], mechanism: '5HT+H1', brands: ['Elavil', 'Endep', 'Tryptizol'] },
  { row: 34, generics: ['nortriptyline'], mechanism: '5HT', brands: ['Pamelor', 'Aventyl', 'Allegron'] },
  { row: 35, generics: ['clomipramine'], mechanism: '5HT', brands: ['Anafranil'] },
  { row: 36, generics: ['imipramine'], mechanism: '5HT', brands: ['Tofranil'] },
  { row: 37, generics: ['vortioxetine'], mechanism: '5HT', brands: ['Trintellix', 'Brintellix'] },
  { row: 38, generics: ['lithium'], mechanism: 'uncertain', brands: ['Lithobid', 'Priadel', 'Camcolit'] },
  { row: 39, generics: ['diphenhydramine'], mechanism: 'H1', brands: ['Benadryl', 'ZzzQuil', 'Unisom SleepGels', 'Tylenol PM', 'Advil PM', 'Nytol'] },
  { row: 40, generics: ['doxylamine'], mechanism: 'H1', brands: ['Unisom SleepTabs', 'NyQuil', 'Diclegis', 'Bonjesta', 'Diclectin'] },
  { row: 41, generics: ['chlorpheniramine'], mechanism: 'H1', brands: ['Chlor-Trimeton', 'Piriton'] },
  { row: 42, generics: ['hydroxyzine'], mechanism: 'H1', brands: ['Atarax', 'Vistaril'] },
  { row: 43, generics: ['dimenhydrinate'], mechanism: 'H1', brands: ['Dramamine', 'Dramamine Original', 'Gravol'] },
  { row: 44, generics: ['meclizine'], mechanism: 'H1', brands: ['Antivert', 'Bonine', 'Dramamine Less Drowsy'] },
  { row: 45, generics: ['brompheniramine'], mechanism: 'H1', brands: ['Dimetapp'] },
  { row: 46, generics: ['clemastine'], mechanism: 'H1', brands: ['Tavist', 'Tavegil'] },
  { row: 47, generics: ['cyclizine'], mechanism: 'H1', brands: ['Valoid'] },
  { row: 48, generics: ['cyproheptadine'], mechanism: 'H1', brands: ['Periactin'] },
  { row: 49, generics: ['cinnarizine', 'flunarizine'], mechanism: 'DA+H1', brands: ['Stugeron', 'Sibelium'] },
  { row: 50, generics: ['tramadol'], mechanism: '5HT', brands: ['Ultram', 'Ultracet', 'ConZip', 'Zydol', 'Tramal'] },
  { row: 51, generics: ['carbidopa-levodopa', 'benserazide-levodopa'], mechanism: 'AUG', brands: ['Sinemet', 'Rytary', 'Madopar'] },
  { row: 52, generics: ['pramipexole'], mechanism: 'AUG', brands: ['Mirapex', 'Mirapexin', 'Sifrol'] },
  { row: 53, generics: ['ropinirole'], mechanism: 'AUG', brands: ['Requip', 'Adartrel'] },
  { row: 54, generics: ['rotigotine'], mechanism: 'AUG', brands: ['Neupro'] },
  // Rows 55-67: added in KB 1.1.
  { row: 55, generics: ['thioridazine'], mechanism: 'DA', brands: ['Mellaril', 'Melleril'] },
  { row: 56, generics: ['trifluoperazine'], mechanism: 'DA', brands: ['Stelazine'] },
  { row: 57, generics: ['pimozide'], mechanism: 'DA', brands: ['Orap'] },
  { row: 58, generics: ['asenapine'], mechanism: 'DA', brands: ['Saphris', 'Secuado', 'Sycrest'] },
  { row: 59, generics: ['cariprazine'], mechanism: 'DA', brands: ['Vraylar', 'Reagila'] },
  { row: 60, generics: ['brexpiprazole'], mechanism: 'DA', brands: ['Rexulti'] },
  { row: 61, generics: ['iloperidone', 'lumateperone'], mechanism: 'DA', brands: ['Fanapt', 'Caplyta'] },
  { row: 62, generics: ['bromocriptine'], mechanism: 'AUG', brands: ['Parlodel', 'Cycloset'] },
  { row: 63, generics: ['cabergoline'], mechanism: 'AUG', brands: ['Dostinex', 'Cabaser'] },
  { row: 64, generics: ['carbinoxamine'], mechanism: 'H1', brands: ['Karbinal ER', 'RyVent'] },
  { row: 65, generics: ['triprolidine'], mechanism: 'H1', brands: ['Zymine', 'Actifed'] },
  { row: 66, generics: ['dexchlorpheniramine'], mechanism: 'H1', brands: ['RyClora', 'Polaramine'] },
  { row: 67, generics: ['doxepin'], mechanism: 'H1', brands: ['Silenor', 'Sinequan', 'Zonalon', 'Prudoxin'] },
];

// Brands in a two-generic row belong to one of the two; this says which.
const BRAND_GENERIC: Readonly<Record<string, string>> = {
  Dogmatil: 'sulpiride',
  Levopraid: 'levosulpiride',
  Xenazine: 'tetrabenazine',
  Austedo: 'deutetrabenazine',
  Ingrezza: 'valbenazine',
  Stugeron: 'cinnarizine',
  Sibelium: 'flunarizine',
  Sinemet: 'carbidopa-levodopa',
  Rytary: 'carbidopa-levodopa',
  Madopar: 'benserazide-levodopa',
  Fanapt: 'iloperidone',
  Caplyta: 'lumateperone',
};

const COMBINATIONS = new Set(['Symbyax', 'Tylenol PM', 'Advil PM', 'NyQuil', 'Diclegis', 'Bonjesta', 'Diclectin', 'Ultracet', 'Actifed']);

describe('CLINICAL.md §2 table: every row', () => {
  it('covers rows 1-67', () => {
    expect(TABLE.map((r) => r.row)).toEqual(Array.from({ length: 67 }, (_, i) => i + 1));
  });

  const genericCases = TABLE.flatMap((r) => r.generics.map((g) => ({ row: r.row, generic: g, mechanism: r.mechanism })));
  it.each(genericCases)('row $row generic "$generic" flags exactly with $mechanism', ({ generic, mechanism }) => {
    const m = matchMedication(generic);
    expect(m).toMatchObject({ status: 'flagged', generic, matchKind: 'generic', needsConfirmation: false, mechanism });
    expect(m.advice.length).toBeGreaterThanOrEqual(3);
    expect(m.sourceIds.length).toBeGreaterThan(0);
    expect(m.alternative).toBeTruthy();
  });

  const brandCases = TABLE.flatMap((r) =>
    r.brands.map((brand) => ({
      row: r.row,
      brand,
      generic: BRAND_GENERIC[brand] ?? r.generics[0] ?? '',
      mechanism: r.mechanism,
    })),
  );
  it.each(brandCases)('row $row brand "$brand" → $generic ($mechanism), exact', ({ brand, generic, mechanism }) => {
    const m = matchMedication(brand);
    expect(m.status).toBe('flagged');
    expect(m.generic).toBe(generic);
    expect(m.mechanism).toBe(mechanism);
    expect(m.needsConfirmation).toBe(false);
    expect(m.matchKind).toBe(COMBINATIONS.has(brand) ? 'combination' : 'brand');
    expect(m.country).not.toBeNull();
  });
});

describe('required behaviours', () => {
  it('"Benadril 25 mg qhs" → diphenhydramine, fuzzy, needs confirmation', () => {
    const m = matchMedication('Benadril 25 mg qhs');
    expect(m).toMatchObject({
      input: 'Benadril 25 mg qhs',
      normalized: 'benadril',
      status: 'flagged',
      generic: 'diphenhydramine',
      matchedName: 'Benadryl',
      matchKind: 'fuzzy',
      needsConfirmation: true,
      mechanism: 'H1',
      evidence: 'C',
    });
    expect(m.candidates[0]).toEqual({ name: 'Benadryl', generic: 'diphenhydramine', flagged: true, distance: 1 });
    // CLINICAL.md §2 step 4 output, KB 1.1 wording.
    expect(m.message).toContain("matched 'Benadril' → Benadryl (diphenhydramine): confirmation needed");
  });

  it('"Diclegis" → doxylamine via combination, pyridoxine listed', () => {
    const m = matchMedication('Diclegis');
    expect(m).toMatchObject({ status: 'flagged', generic: 'doxylamine', matchKind: 'combination', matchedName: 'Diclegis' });
    expect(m.ingredients).toEqual(['doxylamine', 'pyridoxine']);
  });

  it('"Remeron 15 mg" → mirtazapine, exact, B with note B-C', () => {
    expect(matchMedication('Remeron 15 mg')).toMatchObject({
      status: 'flagged',
      generic: 'mirtazapine',
      matchKind: 'brand',
      needsConfirmation: false,
      mechanism: '5HT+H1',
      evidence: 'B',
      evidenceNote: 'B-C',
    });
  });

  it.each([
    ['Zyrtec', 'cetirizine'],
    ['Zofran', 'ondansetron'],
    ['Wellbutrin XL', 'bupropion'],
    ['Glucophage', 'metformin'],
    ['Taxol', 'paclitaxel'],
    ['Celebrex', 'celecoxib'],
    ['Plavix', 'clopidogrel'],
    ['Xyzal', 'levocetirizine'],
    ['Motilium', 'domperidone'],
    ['Desyrel', 'trazodone'],
    ['lisinopril 10 mg daily', 'lisinopril'],
    ['atorvastatin', 'atorvastatin'],
    ['sevelamer', 'sevelamer'],
    ['calcitriol', 'calcitriol'],
    ['epoetin alfa', 'epoetin alfa'],
    ['paracetamol 1 g qid', 'acetaminophen'],
  ])('"%s" → %s, not flagged, exact', (line, generic) => {
    const m = matchMedication(line);
    expect(m).toMatchObject({ status: 'not-flagged', generic, needsConfirmation: false, mechanism: null, advice: [] });
    expect(m.matchKind).not.toBe('fuzzy');
  });

  it('"Compazine PRN" → prochlorperazine, exact brand', () => {
    expect(matchMedication('Compazine PRN')).toMatchObject({
      status: 'flagged',
      generic: 'prochlorperazine',
      matchKind: 'brand',
      needsConfirmation: false,
    });
  });

  it('"Tylenol PM" → diphenhydramine via combination, never plain Tylenol', () => {
    const m = matchMedication('Tylenol PM 2 tabs qhs');
    expect(m).toMatchObject({ status: 'flagged', generic: 'diphenhydramine', matchKind: 'combination', matchedName: 'Tylenol PM' });
    expect(m.ingredients).toEqual(['acetaminophen', 'diphenhydramine']);
    expect(matchMedication('Tylenol')).toMatchObject({ status: 'not-flagged', generic: 'acetaminophen' });
  });

  it('"Seroquil" → quetiapine, fuzzy, with the CLINICAL.md message', () => {
    const m = matchMedication('Seroquil');
    expect(m).toMatchObject({ status: 'flagged', generic: 'quetiapine', matchKind: 'fuzzy', needsConfirmation: true });
    expect(m.message.startsWith("matched 'Seroquil' → Seroquel (quetiapine): confirmation needed")).toBe(true);
  });

  it('look-alikes: an exact match never crosses over', () => {
    expect(matchMedication('Celebrex')).toMatchObject({ status: 'not-flagged', generic: 'celecoxib', matchKind: 'brand' });
    expect(matchMedication('Celexa')).toMatchObject({ status: 'flagged', generic: 'citalopram', matchKind: 'brand' });
    expect(matchMedication('Plavix')).toMatchObject({ status: 'not-flagged', generic: 'clopidogrel', matchKind: 'brand' });
    expect(matchMedication('Paxil')).toMatchObject({ status: 'flagged', generic: 'paroxetine', matchKind: 'brand' });
    expect(matchMedication('Taxol')).toMatchObject({ status: 'not-flagged', generic: 'paclitaxel', matchKind: 'brand' });
    expect(matchMedication('Allegra')).toMatchObject({ status: 'not-flagged', generic: 'fexofenadine', matchKind: 'brand' });
    expect(matchMedication('Allegron')).toMatchObject({ status: 'flagged', generic: 'nortriptyline', matchKind: 'brand' });
  });

  it('Sominex is country-specific: US (default) diphenhydramine, UK promethazine', () => {
    expect(matchMedication('Sominex')).toMatchObject({ status: 'flagged', generic: 'diphenhydramine', country: 'US' });
    expect(matchMedication('Sominex', { country: 'US' })).toMatchObject({ generic: 'diphenhydramine', country: 'US' });
    const uk = matchMedication('Sominex', { country: 'UK' });
    expect(uk).toMatchObject({ status: 'flagged', generic: 'promethazine', country: 'UK', mechanism: 'DA+H1' });
    expect(uk.message).toContain('UK');
  });

  it('a brand without a mapping for the requested country falls back and says which country was used', () => {
    const m = matchMedication('Benadryl', { country: 'UK' });
    expect(m).toMatchObject({ status: 'flagged', generic: 'diphenhydramine', country: 'US' });
    expect(m.message).toContain('acrivastine');
    expect(matchMedication('Gravol', { country: 'US' })).toMatchObject({ generic: 'dimenhydrinate', country: 'CA' });
  });

  it('"chlorphenamine" is a synonym of chlorpheniramine', () => {
    expect(matchMedication('chlorphenamine 4 mg')).toMatchObject({
      status: 'flagged',
      generic: 'chlorpheniramine',
      matchKind: 'synonym',
      matchedName: 'chlorphenamine',
      country: null,
    });
  });

  it.each([
    // Each input is one edit from a flagged and a not-flagged name: ask, never flag.
    ['Allegro', ['Allegra', 'Allegron']],
    ['Paxol', ['Paxil', 'Taxol']],
    ['Plavil', ['Elavil', 'Plavix']],
  ])('"%s" is ambiguous between %j', (line, names) => {
    const m = matchMedication(line);
    expect(m.status).toBe('ambiguous');
    expect(m.generic).toBeNull();
    expect(m.mechanism).toBeNull();
    expect(m.needsConfirmation).toBe(true);
    expect(m.candidates.map((c) => c.name).sort()).toEqual([...names].sort());
    expect(new Set(m.candidates.map((c) => c.flagged))).toEqual(new Set([true, false]));
    expect(m.message).toContain('needs confirmation; not flagged until confirmed');
  });

  it.each(['prenatal vitamin', '', '   ', '\t\n', 'xyz', '10 mg po qhs', 'multivitamin daily', 'fish oil'])(
    '"%s" → unrecognized, never throws',
    (line) => {
      const m = matchMedication(line);
      expect(m).toMatchObject({ input: line, status: 'unrecognized', generic: null, matchKind: null, matchedName: null });
      expect(m.message).toBe('not recognised: verify');
    },
  );

  it('does not throw on non-string input from untyped callers', () => {
    const bad = [null, undefined, 42] as unknown as string[];
    for (const m of matchMedications(bad)) expect(m.status).toBe('unrecognized');
  });
});

// [input, the dictionary name it misspells, expected generic or null (= unrecognized), distance]
const FUZZY_CASES: readonly (readonly [string, string, string | null, number])[] = [
  ['Zolofr', 'Zoloft', 'sertraline', 1], // 4-7 letters: distance 1 matches
  ['Zolotf', 'Zoloft', 'sertraline', 1], // a transposition counts as one edit
  ['Zxlxft', 'Zoloft', null, 2], // 4-7 letters: distance 2 does not
  ['Lexaprp', 'Lexapro', 'escitalopram', 1],
  ['Lexxprr', 'Lexapro', null, 2],
  ['hctx', 'hctz', 'hydrochlorothiazide', 1], // shortest fuzzy-eligible name
  ['Serequil', 'Seroquel', 'quetiapine', 2], // 8+ letters: distance 2 matches
  ['Sxrequil', 'Seroquel', null, 3], // 8+ letters: distance 3 does not
  ['Bemadril', 'Benadryl', 'diphenhydramine', 2],
  ['Bemadtil', 'Benadryl', null, 3],
  ['mirtazapime', 'mirtazapine', 'mirtazapine', 1],
  ['mirtazzpime', 'mirtazapine', 'mirtazapine', 2],
  ['mxrtazzpime', 'mirtazapine', null, 3],
];

describe('fuzzy thresholds (CLINICAL.md §2 step 4)', () => {
  it.each(FUZZY_CASES)('"%s" vs %s → %s (distance %i)', (input, name, generic, distance) => {
    const key = normalizeMedicationName(name);
    // Guard the table itself: the stated distance is the real one.
    expect(levenshtein(normalizeMedicationName(input), key).steps).toBe(distance);
    expect(distance <= fuzzyThreshold(key.length)).toBe(generic !== null);
    const m = matchMedication(input);
    if (generic === null) {
      expect(m.status).toBe('unrecognized');
      return;
    }
    expect(m).toMatchObject({ generic, matchedName: name, matchKind: 'fuzzy', needsConfirmation: true });
    expect(m.candidates[0]?.distance).toBe(distance);
  });

  it('threshold by name length: <4 never, 4-7 one edit, 8+ two edits', () => {
    expect([1, 3, 4, 7, 8, 20].map(fuzzyThreshold)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it.each(['asx', 'Pax', 'Zol'])('3-letter input "%s" never fuzzy-matches', (input) => {
    expect(matchMedication(input).status).toBe('unrecognized');
  });

  it('names under 4 characters are never fuzzy targets ("asaa" is not ASA)', () => {
    expect(matchMedication('asa')).toMatchObject({ status: 'not-flagged', generic: 'aspirin', matchKind: 'synonym' });
    expect(matchMedication('asaa').status).toBe('unrecognized');
  });

  it('an exact match always beats a fuzzy neighbour', () => {
    // "Taxol" is one edit from nothing flagged but two from Paxil; "Paxil" two from Taxol.
    expect(matchMedication('Taxol').matchKind).toBe('brand');
    expect(matchMedication('Paxil').matchKind).toBe('brand');
  });
});

describe('normalisation', () => {
  it.each([
    ['Seroquel XR 50 mg PO qhs', 'seroquel'],
    ['Wellbutrin XL 150mg daily', 'wellbutrin'],
    ['metoclopramide 10 mg IV q6h prn', 'metoclopramide'],
    ['Promethazine 6.25 mg/5 mL syrup', 'promethazine'],
    ['Levothyroxine 25mcg tab once daily', 'levothyroxine'],
    ['Hydroxyzine 25 mg PO at bedtime as needed', 'hydroxyzine'],
    ['Zofran ODT 4 mg SL', 'zofran'],
    ['Remeron SolTab 15 mg', 'remeron'],
    ['Neupro 2 mg/24 h patch', 'neupro'],
    ['Sinemet CR 25/100 tid', 'sinemet'],
    ['Tylenol PM', 'tylenol pm'],
    ['Epoetin Alfa 4000 units SC 3x/week', 'epoetin alfa'],
    ['Chlor-Trimeton 4mg', 'chlor trimeton'],
    ['  ', ''],
  ])('"%s" → "%s"', (line, expected) => {
    expect(normalizeMedicationName(line)).toBe(expected);
    expect(matchMedication(line).normalized).toBe(expected);
  });

  it.each([
    ['Dramamine Less Drowsy', 'meclizine'],
    ['Dramamine', 'dimenhydrinate'],
    ['Unisom SleepGels', 'diphenhydramine'],
    ['Unisom SleepTabs', 'doxylamine'],
    ['Advil PM', 'diphenhydramine'],
    ['Advil', 'ibuprofen'],
    ['Zyprexa Relprevv 300 mg IM', 'olanzapine'],
  ])('multi-word names: longest known name wins ("%s" → %s)', (line, generic) => {
    const m = matchMedication(line);
    expect(m.generic).toBe(generic);
    expect(m.matchKind).not.toBe('fuzzy');
  });

  it('keeps the input exactly as given', () => {
    expect(matchMedication('  Remeron 15 mg  ').input).toBe('  Remeron 15 mg  ');
  });
});

describe('lines with extra words or several drugs', () => {
  it('extra clinical words do not break an exact match', () => {
    expect(matchMedication('Benadryl for sleep')).toMatchObject({ generic: 'diphenhydramine', matchKind: 'brand' });
    expect(matchMedication('sertraline (Zoloft) 50 mg')).toMatchObject({ generic: 'sertraline', needsConfirmation: false });
  });

  it('a flagged drug is not hidden behind a not-flagged one on the same line', () => {
    const m = matchMedication('acetaminophen + diphenhydramine');
    expect(m).toMatchObject({ status: 'flagged', generic: 'diphenhydramine' });
    expect(m.ingredients).toEqual(['acetaminophen', 'diphenhydramine']);
    expect(m.message).toContain('acetaminophen');
  });

  it('an unrecognised second name is reported, not dropped', () => {
    const m = matchMedication('Tylenol + zolpidem');
    expect(m).toMatchObject({ status: 'not-flagged', generic: 'acetaminophen', unrecognizedWords: ['zolpidem'] });
    expect(m.message).toContain("'zolpidem': not recognised: verify");
    // Salt names and filler words are not reported.
    expect(matchMedication('metoprolol succinate 25 mg').unrecognizedWords).toBeUndefined();
    expect(matchMedication('quetiapine for sleep, started 3 weeks ago').unrecognizedWords).toBeUndefined();
  });

  it('names with digits are exact-only: vitamin D3 / B12 never become vitamin B6', () => {
    expect(matchMedication('vitamin B6 25 mg')).toMatchObject({ generic: 'pyridoxine', matchKind: 'synonym' });
    expect(matchMedication('vitamin D3 2000 IU').status).toBe('unrecognized');
    expect(matchMedication('vitamin B12 1000 mcg').status).toBe('unrecognized');
  });

  it('Symbyax lists both flagged ingredients', () => {
    const m = matchMedication('Symbyax 6/25');
    expect(m).toMatchObject({ status: 'flagged', generic: 'olanzapine', flaggedIngredients: ['olanzapine', 'fluoxetine'] });
  });
});

describe('workup card', () => {
  it('flagged entries carry timing, prescriber review and no-abrupt-stop advice', () => {
    const advice = matchMedication('sertraline').advice.join('\n');
    expect(advice).toMatch(/Timing/);
    expect(advice).toMatch(/Review with the prescriber is suggested/);
    expect(advice).toMatch(/Abrupt discontinuation is not advised/);
    expect(advice).not.toMatch(/augmentation/);
  });

  it('AUG adds iron check and specialist-led transition per AASM, citing S1', () => {
    const m = matchMedication('pramipexole 0.25 mg qhs');
    expect(m.advice.join('\n')).toMatch(/iron studies \(morning ferritin and TSAT\) are suggested/);
    expect(m.advice.join('\n')).toMatch(/any transition is specialist-led per AASM/);
    expect(m.sourceIds).toEqual(['S1']);
    expect(m.evidence).toBe('A');
  });

  it('source ids follow the table: PV signals cite S16, antidepressants S15', () => {
    expect(matchMedication('tramadol').sourceIds).toContain('S16');
    expect(matchMedication('mirtazapine').sourceIds).toEqual(expect.arrayContaining(['S15', 'S16']));
    expect(matchMedication('haloperidol').sourceIds).toEqual(['S17']);
  });
});

describe('vignettes (medication parts)', () => {
  it('V01', () => {
    for (const m of matchMedications(['lisinopril', 'atorvastatin'])) expect(['not-flagged', 'unrecognized']).toContain(m.status);
  });
  it('V07', () => {
    const ms = matchMedications(['sevelamer', 'calcitriol', 'epoetin alfa']);
    expect(ms.map((m) => m.status)).toEqual(['not-flagged', 'not-flagged', 'not-flagged']);
  });
  it('V15', () => {
    const [prenatal, diclegis, benadril] = matchMedications(['prenatal vitamin', 'Diclegis', 'Benadril 25 mg qhs']);
    expect(['not-flagged', 'unrecognized']).toContain(prenatal?.status);
    expect(diclegis).toMatchObject({ input: 'Diclegis', status: 'flagged', generic: 'doxylamine' });
    expect(benadril).toMatchObject({ status: 'flagged', generic: 'diphenhydramine', needsConfirmation: true });
  });
  it('V22', () => {
    expect(matchMedications(['Glucophage'])[0]).toMatchObject({ status: 'not-flagged', generic: 'metformin' });
  });
  it('V23', () => {
    const ms = matchMedications(['Remeron 15 mg', 'Zyrtec', 'Zofran', 'Wellbutrin XL']);
    expect(ms.map((m) => [m.status, m.generic, m.needsConfirmation])).toEqual([
      ['flagged', 'mirtazapine', false],
      ['not-flagged', 'cetirizine', false],
      ['not-flagged', 'ondansetron', false],
      ['not-flagged', 'bupropion', false],
    ]);
  });
  it('V25', () => {
    const [taxol, compazine] = matchMedications(['Taxol', 'Compazine PRN']);
    expect(['not-flagged', 'unrecognized']).toContain(taxol?.status);
    expect(compazine).toMatchObject({ status: 'flagged', generic: 'prochlorperazine', needsConfirmation: false });
  });
});

describe('purity and speed', () => {
  const LIST = [
    'lisinopril 10 mg daily', 'Benadril 25 mg qhs', 'Remeron 15 mg', 'Zyrtec', 'Zofran', 'Wellbutrin XL',
    'Glucophage', 'Compazine PRN', 'Taxol', 'Tylenol PM', 'Seroquil', 'Celebrex', 'Celexa', 'Plavix',
    'prenatal vitamin', 'atorvastatin 40 mg qhs', 'metoprolol succinate 25 mg', 'Allegro', 'gabapentin 300 mg tid',
    'ropinirole 0.5 mg',
  ];

  it('returns equal results for equal inputs, and results do not share mutable state', () => {
    const a = matchMedications(LIST);
    a[0]?.ingredients.push('tampered');
    a[1]?.candidates.pop();
    a[1]?.advice.push('tampered');
    const b = matchMedications(LIST);
    expect(b[0]?.ingredients).toEqual(['lisinopril']);
    expect(b[1]?.candidates.length).toBe(1);
    expect(b[1]?.advice).not.toContain('tampered');
    expect(matchMedications(LIST)).toEqual(b);
  });

  it('country option defaults to US', () => {
    const countries: Country[] = ['US'];
    for (const c of countries) expect(matchMedication('Sominex', { country: c })).toEqual(matchMedication('Sominex'));
  });
});

describe('robustness', () => {
  it('never throws and always returns a well-formed result for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (line) => {
        const m = matchMedication(line);
        expect(m.input).toBe(line);
        expect(['flagged', 'not-flagged', 'unrecognized', 'ambiguous']).toContain(m.status);
        if (m.status === 'flagged') expect(m.generic).not.toBeNull();
        if (m.status === 'unrecognized') expect(m.message).toBe('not recognised: verify');
      }),
      { numRuns: 500 },
    );
  });
});

describe('dictionary is reachable through the public surface', () => {
  it('exports MEDICATION_DICTIONARY', () => {
    expect(MEDICATION_DICTIONARY.drugs.length).toBeGreaterThan(59);
  });
});
