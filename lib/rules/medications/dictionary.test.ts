import { describe, expect, it } from 'vitest';
import { MEDICATION_DICTIONARY, normalizeMedicationName } from './index';
import type { Country } from './index';

const { drugs, combinations } = MEDICATION_DICTIONARY;
const flagged = drugs.filter((d) => d.flagged);

describe('medication dictionary data', () => {
  it('generics are unique, lower-case and non-empty', () => {
    const generics = drugs.map((d) => d.generic);
    expect(new Set(generics).size).toBe(generics.length);
    for (const g of generics) expect(g).toBe(g.toLowerCase());
    for (const g of generics) expect(g.trim()).not.toBe('');
  });

  it('has all 67 table rows (73 generics, two-generic rows split) and the 12 "Not flagged" drugs', () => {
    const rows = new Set(flagged.map((d) => (d.flagged ? d.row : 0)));
    expect([...rows].sort((a, b) => a - b)).toEqual(Array.from({ length: 67 }, (_, i) => i + 1));
    expect(flagged.length).toBe(73);
    const listed = drugs.filter((d) => !d.flagged && d.listedInClinical).map((d) => d.generic);
    expect(listed.sort()).toEqual(
      ['bupropion', 'cetirizine', 'desloratadine', 'domperidone', 'fexofenadine', 'gabapentin', 'granisetron',
        'levocetirizine', 'loratadine', 'ondansetron', 'pregabalin', 'trazodone'].sort(),
    );
  });

  it('keeps the extra (not in CLINICAL.md) list modest', () => {
    // Each extra name is a new fuzzy neighbour. The §2.2 drugs are in CLINICAL.md; the other
    // ingredients of the §2.2 combinations (sitagliptin, empagliflozin, …) make up most of the rest.
    const extra = drugs.filter((d) => !d.flagged && !d.listedInClinical && !d.b12Risk);
    expect(extra.length).toBeLessThanOrEqual(55);
  });

  it('every flagged entry has a source id, an alternative and a rationale', () => {
    for (const d of flagged) {
      if (!d.flagged) continue;
      expect(d.sourceIds.length, d.generic).toBeGreaterThan(0);
      expect(d.alternative.trim(), d.generic).not.toBe('');
      expect(d.rationale.trim(), d.generic).not.toBe('');
    }
  });

  it('keeps the original evidence text when it is more than a letter', () => {
    const mirtazapine = drugs.find((d) => d.generic === 'mirtazapine');
    expect(mirtazapine).toMatchObject({ evidence: 'B', evidenceNote: 'B-C' });
    for (const d of flagged) if (d.flagged && d.evidenceNote) expect(d.evidenceNote.startsWith(d.evidence)).toBe(true);
  });

  it('every dictionary name normalises to a non-empty key', () => {
    const names = [
      ...drugs.flatMap((d) => [d.generic, ...d.synonyms, ...d.brands.map((b) => b.name)]),
      ...combinations.flatMap((c) => [c.name, ...(c.synonyms ?? [])]),
      ...MEDICATION_DICTIONARY.productLines.flatMap((l) => [l.name, ...(l.synonyms ?? [])]),
    ];
    for (const n of names) expect(normalizeMedicationName(n), n).not.toBe('');
  });

  it('no brand maps to two different generics for the same country (combinations aside)', () => {
    // key → country → generics; generic and synonym names apply in every country.
    const byKey = new Map<string, Map<Country | '*', Set<string>>>();
    const add = (name: string, country: Country | '*', generic: string): void => {
      const key = normalizeMedicationName(name);
      const perCountry = byKey.get(key) ?? new Map<Country | '*', Set<string>>();
      const set = perCountry.get(country) ?? new Set<string>();
      set.add(generic);
      perCountry.set(country, set);
      byKey.set(key, perCountry);
    };
    for (const d of drugs) {
      add(d.generic, '*', d.generic);
      for (const s of d.synonyms) add(s, '*', d.generic);
      for (const b of d.brands) for (const c of b.countries) add(b.name, c, d.generic);
    }
    for (const [key, perCountry] of byKey) {
      const universal = perCountry.get('*');
      for (const [country, generics] of perCountry) {
        expect(generics.size, `${key} (${country})`).toBe(1);
        if (universal && country !== '*') expect([...generics], key).toEqual([...universal]);
      }
    }
    // Combination names must not shadow a single-drug name.
    for (const c of combinations) expect(byKey.has(normalizeMedicationName(c.name)), c.name).toBe(false);
  });

  it('Sominex is modelled per country (US diphenhydramine, UK promethazine)', () => {
    const owners = drugs.filter((d) => d.brands.some((b) => b.name === 'Sominex'));
    const map = Object.fromEntries(owners.map((d) => [d.generic, d.brands.find((b) => b.name === 'Sominex')?.countries]));
    expect(map).toEqual({ diphenhydramine: ['US'], promethazine: ['UK'] });
  });

  it('combination ingredients exist and every combination has a name and a country', () => {
    const generics = new Set(drugs.map((d) => d.generic));
    for (const c of combinations) {
      expect(c.ingredients.length, c.name).toBeGreaterThanOrEqual(2);
      for (const g of c.ingredients) expect(generics.has(g), `${c.name}: ${g}`).toBe(true);
      expect(c.countries.length, c.name).toBeGreaterThan(0);
    }
  });

  it('§2.2 drugs carry b12Risk and cite S41; no flagged drug carries it', () => {
    const b12 = drugs.filter((d) => !d.flagged && d.b12Risk);
    expect(b12.map((d) => d.generic).sort()).toEqual(
      ['dexlansoprazole', 'esomeprazole', 'lansoprazole', 'metformin', 'omeprazole', 'pantoprazole', 'rabeprazole'],
    );
    for (const d of b12) expect(d.flagged ? [] : d.sourceIds, d.generic).toContain('S41');
  });

  it('is plain serialisable data', () => {
    expect(JSON.parse(JSON.stringify(MEDICATION_DICTIONARY))).toEqual(MEDICATION_DICTIONARY);
  });

  it('"prenatal vitamin" is deliberately absent', () => {
    const all = drugs.flatMap((d) => [d.generic, ...d.synonyms, ...d.brands.map((b) => b.name.toLowerCase())]);
    expect(all.some((n) => n.includes('prenatal'))).toBe(false);
  });
});
