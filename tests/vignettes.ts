/**
 * The clinical cases (docs/CLINICAL.md §4) and the comparison check.mjs makes, so that the Vitest
 * suite, the verification page and the external check agree on what "pass" means.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Evaluation } from '@/lib/rules';

export interface Vignette {
  id: string;
  title: string;
  input: unknown;
  expect: {
    contributors?: Record<string, string | string[]>;
    ironTherapy?: string | string[];
    rejected?: string[];
    medications?: { input: string; status?: string | string[]; generic?: string; needsConfirmation?: boolean }[];
    workupIncludes?: string[];
    derived?: Record<string, number>;
  };
  why?: string;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = resolve(HERE, 'fixtures');
const SHARED = resolve(HERE, '../../shared/vignettes');

/** The committed copies, plus any newer case in ../shared/vignettes when that folder is beside the checkout. */
export function loadVignettes(): Vignette[] {
  const byId = new Map<string, Vignette>();
  for (const dir of [FIXTURES, SHARED]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((n) => /^V\d+\.json$/.test(n)).sort()) {
      const v = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Vignette;
      byId.set(v.id, v);
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

const allowed = (want: string | string[]) => (Array.isArray(want) ? want : [want]);

/** Every mismatch between a case's expectation and an evaluation (the same checks as check.mjs). */
export function compareVignette(expect: Vignette['expect'], out: Evaluation): string[] {
  const bad: string[] = [];
  const byId = new Map(out.contributors.map((c) => [c.id as string, c]));
  for (const [id, want] of Object.entries(expect.contributors ?? {})) {
    const got = byId.get(id)?.status;
    if (!got || !allowed(want).includes(got)) bad.push(`${id}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  if (expect.ironTherapy !== undefined) {
    const got = byId.get('iron-deficiency')?.ironTherapy;
    if (!got || !allowed(expect.ironTherapy).includes(got)) bad.push(`ironTherapy: expected ${JSON.stringify(expect.ironTherapy)}, got ${JSON.stringify(got)}`);
  }
  if (expect.rejected !== undefined) {
    for (const a of expect.rejected) if (out.inputs.find((i) => i.analyte === a)?.status !== 'rejected') bad.push(`input ${a}: expected rejected`);
    for (const i of out.inputs) if (i.status === 'rejected' && !expect.rejected.includes(i.analyte)) bad.push(`input ${i.analyte}: unexpectedly rejected`);
  }
  for (const med of expect.medications ?? []) {
    const got = out.medications.find((m) => m.input === med.input);
    if (!got) { bad.push(`medication ${med.input}: missing`); continue; }
    if (med.status !== undefined && !allowed(med.status).includes(got.status)) bad.push(`medication ${med.input}: status ${got.status}`);
    if (med.generic !== undefined && got.generic !== med.generic) bad.push(`medication ${med.input}: generic ${got.generic}`);
    if (med.needsConfirmation !== undefined && Boolean(got.needsConfirmation) !== med.needsConfirmation) bad.push(`medication ${med.input}: needsConfirmation ${got.needsConfirmation}`);
  }
  const workup = new Set(out.workup.map((w) => w.id as string));
  for (const id of expect.workupIncludes ?? []) if (!workup.has(id)) bad.push(`workup: ${id} missing`);
  for (const [name, want] of Object.entries(expect.derived ?? {})) {
    const got = out.derived[name as 'egfr' | 'tsat']?.value;
    if (typeof got !== 'number' || Math.abs(got - want) > 0.15) bad.push(`derived ${name}: expected ${want}, got ${got}`);
  }
  return bad;
}
