/**
 * How an imported value reads to the clinician: resource type and id, date, original code, value
 * and unit as sent. One line per form field, and the full list for the import panel.
 */
import type { AnalyteId } from '@/lib/rules';
import type { FhirImport, PatientContext, Provenance } from './map';
import { CONDITION_GROUP_LABEL } from './map';
import type { ConditionGroup } from './value-sets';

/** One line per form field saying where its value came from. */
export interface FormProvenance {
  labs?: Partial<Record<AnalyteId, string>>;
  context?: Partial<Record<ContextField, string>>;
  medications?: string;
}

type ContextField = 'pregnant' | 'dialysis' | 'knownDiabetes' | 'neuropathy' | 'activeCancerOrNeurotoxicChemo' | 'autoimmuneOrInflammatoryDisease';

const SYSTEM_NAME: Record<string, string> = {
  'http://loinc.org': 'LOINC',
  'http://snomed.info/sct': 'SNOMED CT',
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
  'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
};

/** "Observation 5d73… · 2020-12-01 · LOINC 33914-3 Estimated GFR · sent 145.9 mL/min/{1.73_m2}" */
export function describeProvenance(p: Provenance): string {
  const parts = [`${p.resourceType} ${p.id}`];
  if (p.date) parts.push(p.date);
  if (p.code) parts.push(`${p.system ? SYSTEM_NAME[p.system] ?? p.system : 'code'} ${p.code}${p.display ? ` ${p.display}` : ''}`);
  if (p.value !== null) parts.push(`sent ${p.value}${p.unit ? ` ${p.unit}` : ''}`);
  return parts.join(' · ');
}

const GROUP_FIELD: Partial<Record<ConditionGroup, ContextField>> = {
  dialysis: 'dialysis', diabetes: 'knownDiabetes', neuropathy: 'neuropathy', pregnancy: 'pregnant',
  cancer: 'activeCancerOrNeurotoxicChemo', autoimmune: 'autoimmuneOrInflammatoryDisease',
};

export function formProvenance(imp: FhirImport): FormProvenance {
  const labs: Partial<Record<AnalyteId, string>> = {};
  for (const r of imp.results) {
    if (r.use === 'used') labs[r.analyte] = `Imported: ${describeProvenance(r.provenance)}${r.note ? ` (${r.note})` : ''}`;
    else if (!labs[r.analyte] && r.use === 'not-used' && !imp.labs.some((l) => l.analyte === r.analyte)) labs[r.analyte] = `Not imported: ${describeProvenance(r.provenance)}: ${r.note ?? ''}`;
  }
  const context: Partial<Record<ContextField, string>> = {};
  const set = imp.context satisfies PatientContext;
  for (const c of imp.conditions.filter((x) => x.use === 'used')) {
    for (const g of c.groups) {
      const field = GROUP_FIELD[g];
      if (!field || context[field]) continue;
      if (g === 'pregnancy' && !set.pregnant) continue;
      context[field] = `Imported: ${describeProvenance(c.provenance)} (${CONDITION_GROUP_LABEL[g]})${c.note ? `: ${c.note}` : ''}`;
    }
  }
  const active = imp.medications.active;
  const medications = active.length > 0
    ? `Imported from ${active.length} active order${active.length === 1 ? '' : 's'}: ${active.map((m) => `${m.provenance.resourceType} ${m.provenance.id}${m.rxnorm ? ` (RxNorm ${m.rxnorm})` : ''}`).join('; ')}`
    : 'No active medication in the import: the list is unknown until you complete it or tick "No medications"';
  return { labs, context, medications };
}
