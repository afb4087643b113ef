/**
 * The workup catalogue (contract ids) and the consolidation of requests into one checklist:
 * de-duplicated, ordered by evidence grade (A first), then by the catalogue's clinical order.
 */
import type { SourceId } from './sources';
import type { EvidenceGrade, WorkupId } from './types';

export interface WorkupCatalogueEntry {
  id: WorkupId;
  label: string;
  /** LOINC codes of the orderable labs, where the item is a lab. */
  loinc: readonly string[];
  /** The order as a lab order name, for the printed checklist. */
  orderName?: string;
}

export const WORKUP_CATALOGUE: Readonly<Record<WorkupId, WorkupCatalogueEntry>> = {
  'iron-panel': { id: 'iron-panel', label: 'Morning iron panel: ferritin, serum iron, TIBC and TSAT, drawn at least 24 h without iron', loinc: ['2276-4', '2498-4', '2500-7', '2502-3'], orderName: 'Ferritin [Mass/volume] in Serum or Plasma; Iron, TIBC and Iron saturation [Mass/volume] in Serum or Plasma' },
  cbc: { id: 'cbc', label: 'Complete blood count with MCV (reticulocytes if anaemic)', loinc: ['58410-2', '718-7', '787-2'], orderName: 'CBC panel - Blood by Automated count' },
  crp: { id: 'crp', label: 'C-reactive protein, to interpret ferritin', loinc: ['1988-5'], orderName: 'C reactive protein [Mass/volume] in Serum or Plasma' },
  'iron-therapy-discussion': { id: 'iron-therapy-discussion', label: 'Discuss iron therapy in the band the rule gives', loinc: [] },
  'iron-overload-evaluation': { id: 'iron-overload-evaluation', label: 'TSAT ≥ 45%: evaluate for iron overload before any iron', loinc: [] },
  'iron-loss-evaluation': { id: 'iron-loss-evaluation', label: 'Look for the cause of iron deficiency (blood loss, diet, malabsorption incl. coeliac disease, blood donation, bariatric surgery)', loinc: [] },
  'glucose-confirmation': { id: 'glucose-confirmation', label: 'Fasting plasma glucose or HbA1c, confirmed per ADA', loinc: ['1558-6', '4548-4'], orderName: 'Glucose [Mass/volume] in Serum or Plasma --fasting; Hemoglobin A1c/Hemoglobin.total in Blood' },
  'neuropathy-exam': { id: 'neuropathy-exam', label: 'Documented neuropathy examination (monofilament, vibration, pinprick or temperature, ankle reflexes); NCS/EMG if abnormal', loinc: [] },
  'creatinine-egfr': { id: 'creatinine-egfr', label: 'Serum creatinine with eGFR (CKD-EPI 2021)', loinc: ['2160-0', '98979-8'], orderName: 'Creatinine [Mass/volume] in Serum or Plasma; Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] by Creatinine-based formula (CKD-EPI 2021)' },
  'egfr-repeat': { id: 'egfr-repeat', label: 'Repeat creatinine/eGFR to show chronicity (≥ 3 months)', loinc: ['2160-0', '98979-8'], orderName: 'Creatinine [Mass/volume] in Serum or Plasma (repeat in ≥ 3 months)' },
  'urine-acr': { id: 'urine-acr', label: 'Urine albumin/creatinine ratio', loinc: ['9318-7'], orderName: 'Albumin/Creatinine [Mass Ratio] in Urine' },
  nephrology: { id: 'nephrology', label: 'Nephrology co-management', loinc: [] },
  'tsh-free-t4': { id: 'tsh-free-t4', label: '(Repeat) TSH with free T4', loinc: ['3016-3', '3024-7'], orderName: 'Thyrotropin [Units/volume] in Serum or Plasma; Thyroxine (T4) free [Mass/volume] in Serum or Plasma' },
  'b12-mma': { id: 'b12-mma', label: 'Vitamin B12 ± methylmalonic acid', loinc: ['2132-9', '13964-2'], orderName: 'Cobalamin (Vitamin B12) [Mass/volume] in Serum or Plasma; Methylmalonate [Moles/volume] in Serum or Plasma' },
  'medication-review': { id: 'medication-review', label: 'Review flagged medications with the prescriber; no abrupt stops', loinc: [] },
  'medication-list': { id: 'medication-list', label: 'Confirm the medication list', loinc: [] },
  'obstetric-comanagement': { id: 'obstetric-comanagement', label: 'Obstetric co-management', loinc: [] },
  'repeat-rejected': { id: 'repeat-rejected', label: 'Re-enter or repeat a rejected value', loinc: [] },
  'pregnancy-status': { id: 'pregnancy-status', label: 'Document pregnancy status', loinc: [] },
  'specialist-comanagement': { id: 'specialist-comanagement', label: 'Oncology or rheumatology co-management', loinc: [] },
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
      byId.set(r.id, { id: r.id, label: c.label, reason: '', reasons: [r.reason], ruleIds: [r.ruleId], loinc: [...c.loinc], orderName: c.orderName ?? null, evidence: r.evidence, sourceIds: [...r.sourceIds] });
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

/** How each iron-therapy band reads to a clinician (I-1, I-2, K-4, I-5). */
export const IRON_THERAPY_LABELS: Readonly<Record<'oral-or-iv' | 'iv-only' | 'iv-iron-sucrose' | 'suppressed', string>> = {
  'oral-or-iv': 'oral or IV iron are options',
  'iv-only': 'IV iron only in this band',
  'iv-iron-sucrose': 'IV iron sucrose (dialysis)',
  suppressed: 'iron not advised: TSAT ≥ 45%',
};
