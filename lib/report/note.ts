/**
 * The plain-text summary a clinician pastes into the visit note: findings, flags with reasons and
 * sources, and the plan, with the review decisions in force. Pure: rendering only, no rules.
 */
import type { Evaluation } from '@/lib/rules';

export interface NoteReview {
  decision: string;
  reason: string;
  comment: string | null;
}

export interface NoteOptions {
  evaluation: Evaluation;
  patient: { name: string; mrn: string; ageYears: number; sex: string };
  clinician: string;
  /** Review in force per "contributor:id" / "workup:id" key. */
  reviews: ReadonlyMap<string, NoteReview>;
}

const decisionText = (r: NoteReview | undefined) =>
  r ? ` [${r.decision}${r.reason ? `: ${r.reason}` : ''}${r.comment ? ` — ${r.comment}` : ''}]` : '';

export function noteText({ evaluation, patient, clinician, reviews }: NoteOptions): string {
  const e = evaluation;
  const lines: string[] = [];
  lines.push(`RLS secondary-contributor workup, ${e.asOf ?? 'date not recorded'} (RLS Workup rules ${e.rulesVersion})`);
  lines.push(`Patient: ${patient.name}, MRN ${patient.mrn}, ${patient.ageYears} y, ${patient.sex}. Clinician: ${clinician}.`);
  lines.push('');
  lines.push('Findings:');
  if (e.inputs.length === 0) lines.push('- No lab results entered.');
  for (const i of e.inputs) {
    const when = i.collectedOn ? `, ${i.collectedOn}` : '';
    const state = i.history ? ' — earlier result (history)' : i.status !== 'accepted' || i.stale ? ` — ${i.stale ? 'stale' : i.status}: ${i.message ?? ''}` : '';
    lines.push(`- ${i.label} ${i.entered}${i.canonical && i.canonical !== i.entered ? ` (${i.canonical})` : ''}${when}${state}`);
  }
  const meds = e.medications;
  lines.push(`- Medications: ${meds.length === 0 ? 'none recorded' : meds.map((m) => `${m.input}${m.status === 'flagged' ? ` (may provoke RLS: ${m.generic}, ${m.mechanism}, grade ${m.evidence})` : ''}`).join('; ')}`);
  lines.push('');
  lines.push('Possible contributors:');
  const flagged = e.contributors.filter((c) => c.status === 'flagged' || c.status === 'indeterminate');
  if (flagged.length === 0) lines.push('- None flagged.');
  for (const c of flagged) {
    const sources = c.sources.map((s) => `${s.id} ${s.citation.split('.')[0]} ${s.year}`).join('; ');
    const band = c.ironTherapy ? `, band ${c.ironTherapy}` : '';
    lines.push(`- ${c.label} (${c.status}${band}${c.stale ? ', stale result' : ''}, grade ${c.evidence}, ${c.ruleIds.join(', ')}): ${c.summary}. Sources: ${sources}.${decisionText(reviews.get(`contributor:${c.id}`))}`);
  }
  for (const c of e.contributors.filter((x) => x.status === 'not-assessed')) lines.push(`- ${c.label} (not assessed): ${c.summary}.`);
  lines.push('');
  lines.push('Plan (suggested workup):');
  for (const w of e.workup) {
    const r = reviews.get(`workup:${w.id}`);
    if (r?.decision === 'dismissed') continue;
    lines.push(`- ${w.label}${w.loinc.length > 0 ? ` (LOINC ${w.loinc.join(', ')})` : ''}${decisionText(r)}`);
  }
  const dismissed = e.workup.filter((w) => reviews.get(`workup:${w.id}`)?.decision === 'dismissed');
  if (dismissed.length > 0) lines.push(`- Dismissed: ${dismissed.map((w) => `${w.label}${decisionText(reviews.get(`workup:${w.id}`))}`).join('; ')}`);
  lines.push('');
  lines.push('Decision support only: possible contributors and suggested workup for the clinician to review; not a diagnosis.');
  return lines.join('\n');
}
