/**
 * The clinical cases for tests and the bench: the committed copies in lib/rules/cases, plus any
 * newer case in ../shared/vignettes when that folder is beside the checkout.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLINICAL_CASES, compareCase, type ClinicalCase } from '@/lib/rules/cases';

export type Vignette = ClinicalCase;
export const compareVignette = compareCase;

const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/vignettes');

export function loadVignettes(): Vignette[] {
  const byId = new Map<string, Vignette>(CLINICAL_CASES.map((c) => [c.id, c]));
  if (existsSync(SHARED)) {
    for (const f of readdirSync(SHARED).filter((n) => /^V\d+\.json$/.test(n))) {
      const v = JSON.parse(readFileSync(join(SHARED, f), 'utf8')) as Vignette;
      byId.set(v.id, v);
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
