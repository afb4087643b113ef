/**
 * The clinical cases (docs/CLINICAL.md §4) as committed copies, and the comparison that decides
 * whether an evaluation passes one. Used by the Vitest suite, the verification page and the bench.
 */
import type { Evaluation } from '../evaluate';
import V01 from './V01.json';
import V02 from './V02.json';
import V03 from './V03.json';
import V05 from './V05.json';
import V07 from './V07.json';
import V09 from './V09.json';
import V11 from './V11.json';
import V13 from './V13.json';
import V15 from './V15.json';
import V17 from './V17.json';
import V18 from './V18.json';
import V20 from './V20.json';
import V22 from './V22.json';
import V23 from './V23.json';
import V25 from './V25.json';

export interface ClinicalCase {
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

export const CLINICAL_CASES: readonly ClinicalCase[] = [V01, V02, V03, V05, V07, V09, V11, V13, V15, V17, V18, V20, V22, V23, V25] as ClinicalCase[];

const allowed = (want: string | string[]) => (Array.isArray(want) ? want : [want]);

/** Every mismatch between a case's expectation and an evaluation (the same checks as shared/vignettes/check.mjs). */
export function compareCase(expect: ClinicalCase['expect'], out: Evaluation): string[] {
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

/** The rule ids an evaluation fired (contributors and workup), for coverage. */
export function firedRuleIds(out: Evaluation): Set<string> {
  const ids = new Set<string>();
  for (const c of out.contributors) for (const id of c.ruleIds) ids.add(id);
  for (const w of out.workup) for (const id of w.ruleIds) ids.add(id);
  return ids;
}
