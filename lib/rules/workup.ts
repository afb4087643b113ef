/**
 * The workup catalogue (contract ids) and the consolidation of requests into one checklist:
 * de-duplicated, ordered by evidence grade (A first), then by the catalogue's clinical order.
 */
import type { SourceId } from './sources';
import type { EvidenceGrade, IronTherapy, WorkupId } from './types';

export interface WorkupCatalogueEntry {
  id: WorkupId;
  label: string;
  /** LOINC codes of the orderable labs, where the item is a lab. */
  loinc: readonly string[];
  /** The order as a lab order name, for the printed checklist. */
  orderName?: string;
}

// Labels follow the wording rule W-1 (docs/CLINICAL.md §5): "… is suggested" / "… may be considered", no directive verbs.
export const WORKUP_CATALOGUE: Readonly<Record<WorkupId, WorkupCatalogueEntry>> = {
  'iron-panel': { id: 'iron-panel', label: 'Morning iron panel (ferritin, serum iron, TIBC and TSAT), drawn at least 24 h without iron, is suggested', loinc: ['2276-4', '2498-4', '2500-7', '2502-3'], orderName: 'Ferritin [Mass/volume] in Serum or Plasma; Iron, TIBC and Iron saturation [Mass/volume] in Serum or Plasma' },
  cbc: { id: 'cbc', label: 'Complete blood count with MCV (reticulocytes if anaemic) is suggested', loinc: ['58410-2', '718-7', '787-2'], orderName: 'CBC panel - Blood by Automated count' },
  crp: { id: 'crp', label: 'C-reactive protein, to interpret ferritin, is suggested', loinc: ['1988-5'], orderName: 'C reactive protein [Mass/volume] in Serum or Plasma' },
  'iron-therapy-discussion': { id: 'iron-therapy-discussion', label: 'Iron therapy within the band the rule gives may be considered', loinc: [] },
  'iron-overload-evaluation': { id: 'iron-overload-evaluation', label: 'TSAT ≥ 45%: evaluation for iron overload (e.g. haemochromatosis) before any iron may be considered', loinc: [] },
  'iron-loss-evaluation': { id: 'iron-loss-evaluation', label: 'Evaluation for the cause of iron deficiency (menstrual or GI blood loss, diet, malabsorption incl. coeliac disease, blood donation, bariatric surgery) is suggested', loinc: [] },
  'glucose-confirmation': { id: 'glucose-confirmation', label: 'Fasting plasma glucose or HbA1c (confirmation per ADA) is suggested', loinc: ['1558-6', '4548-4'], orderName: 'Glucose [Mass/volume] in Serum or Plasma --fasting; Hemoglobin A1c/Hemoglobin.total in Blood' },
  'neuropathy-exam': { id: 'neuropathy-exam', label: 'A documented neuropathy examination (monofilament, vibration, pinprick or temperature, ankle reflexes) is suggested; NCS/EMG if abnormal', loinc: [] },
  'creatinine-egfr': { id: 'creatinine-egfr', label: 'Serum creatinine with eGFR (CKD-EPI 2021) is suggested', loinc: ['2160-0', '98979-8'], orderName: 'Creatinine [Mass/volume] in Serum or Plasma; Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] by Creatinine-based formula (CKD-EPI 2021)' },
  'egfr-repeat': { id: 'egfr-repeat', label: 'Creatinine/eGFR again after ≥ 3 months (chronicity) is suggested', loinc: ['2160-0', '98979-8'], orderName: 'Creatinine [Mass/volume] in Serum or Plasma (in ≥ 3 months)' },
  'urine-acr': { id: 'urine-acr', label: 'Urine albumin/creatinine ratio is suggested', loinc: ['9318-7'], orderName: 'Albumin/Creatinine [Mass Ratio] in Urine' },
  nephrology: { id: 'nephrology', label: 'Nephrology co-management is suggested', loinc: [] },
  'tsh-free-t4': { id: 'tsh-free-t4', label: 'TSH with free T4 (again, where one was done) is suggested', loinc: ['3016-3', '3024-7'], orderName: 'Thyrotropin [Units/volume] in Serum or Plasma; Thyroxine (T4) free [Mass/volume] in Serum or Plasma' },
  'b12-mma': { id: 'b12-mma', label: 'Vitamin B12 ± methylmalonic acid is suggested', loinc: ['2132-9', '13964-2'], orderName: 'Cobalamin (Vitamin B12) [Mass/volume] in Serum or Plasma; Methylmalonate [Moles/volume] in Serum or Plasma' },
  'medication-review': { id: 'medication-review', label: 'A review of the flagged medications with the prescriber is suggested; abrupt discontinuation is not advised', loinc: [] },
  'medication-list': { id: 'medication-list', label: 'Confirmation of the medication list is suggested', loinc: [] },
  'obstetric-comanagement': { id: 'obstetric-comanagement', label: 'Obstetric co-management is suggested', loinc: [] },
  'repeat-rejected': { id: 'repeat-rejected', label: 'Re-entry or a repeat test of a rejected or stale value is suggested', loinc: [] },
  'pregnancy-status': { id: 'pregnancy-status', label: 'Documenting the pregnancy status is suggested', loinc: [] },
  'specialist-comanagement': { id: 'specialist-comanagement', label: 'Oncology or rheumatology co-management is suggested', loinc: [] },
  'spep-immunofixation': { id: 'spep-immunofixation', label: 'Serum protein electrophoresis with immunofixation may be considered', loinc: ['24351-9', '25700-6'], orderName: 'Protein electrophoresis panel - Serum or Plasma; Immunofixation for Serum or Plasma' },
  'gi-evaluation': { id: 'gi-evaluation', label: 'GI evaluation for iron deficiency (bidirectional endoscopy, coeliac serology) per AGA 2020 / BSG may be considered', loinc: [] },
};

const CATALOGUE_ORDER = new Map((Object.keys(WORKUP_CATALOGUE) as WorkupId[]).map((id, i) => [id, i]));

export interface WorkupItem {
  id: WorkupId;
  label: string;
  /** All reasons, joined; `reasons` keeps them apart. */
  reason: string;
  reasons: string[];
  ruleIds: string[];
  loinc: string[];
  orderName: string | null;
  /** The best evidence grade among the rules that asked for it. */
  evidence: EvidenceGrade;
  sourceIds: SourceId[];
}

export interface WorkupRequestMade {
  id: WorkupId;
  reason: string;
  label?: string | undefined;
  ruleId: string;
  evidence: EvidenceGrade;
  sourceIds: readonly SourceId[];
}

/** One item per id, reasons and rule ids merged, ordered by evidence grade then clinical order. */
export function consolidateWorkup(requests: readonly WorkupRequestMade[]): WorkupItem[] {
  const byId = new Map<WorkupId, WorkupItem>();
  for (const r of requests) {
    const item = byId.get(r.id);
    if (!item) {
      const c = WORKUP_CATALOGUE[r.id];
      byId.set(r.id, { id: r.id, label: r.label ?? c.label, reason: '', reasons: [r.reason], ruleIds: [r.ruleId], loinc: [...c.loinc], orderName: c.orderName ?? null, evidence: r.evidence, sourceIds: [...r.sourceIds] });
      continue;
    }
    if (!item.reasons.includes(r.reason)) item.reasons.push(r.reason);
    if (!item.ruleIds.includes(r.ruleId)) item.ruleIds.push(r.ruleId);
    for (const s of r.sourceIds) if (!item.sourceIds.includes(s)) item.sourceIds.push(s);
    if (r.evidence < item.evidence) item.evidence = r.evidence;
  }
  const items = [...byId.values()];
  for (const item of items) item.reason = item.reasons.join('; ');
  return items.sort((a, b) => (a.evidence === b.evidence ? CATALOGUE_ORDER.get(a.id)! - CATALOGUE_ORDER.get(b.id)! : a.evidence < b.evidence ? -1 : 1));
}

/** Patient-facing instructions for the iron studies draw (AASM GPS 1 [S1]). */
export const DRAW_INSTRUCTIONS: readonly string[] = [
  'Have your blood taken in the morning.',
  'For at least 24 hours before the test, do not take iron tablets, multivitamins that contain iron, or iron-fortified foods and drinks.',
  'You can drink water and take your other medicines as usual unless your clinician told you otherwise.',
];

/** How each iron-therapy band reads to a clinician, as a label beside the band id (W-1 wording). */
export const IRON_THERAPY_LABELS: Readonly<Record<IronTherapy, string>> = {
  'oral-or-iv': 'oral or IV iron may be considered',
  'iv-only': 'AASM IV-only band: IV iron may be considered; oral iron not suggested',
  'iv-iron-sucrose': 'IV iron sucrose (dialysis): a nephrology decision',
  suppressed: 'iron not advised: TSAT ≥ 45%',
  'oral-only': 'oral iron may be considered (pregnancy before week 14: no IV iron)',
  pending: 'band pending: a current ferritin and TSAT are needed',
};
