import 'server-only';
/** A patient's trend across saved assessments, and when iron studies are next due. */
import type { Actor } from '@/lib/auth/actor';
import { listReviewsForAssessments } from '@/lib/db/reviews';
import { IRON_RECHECK_WEEKS, ironRecheckDue, type AnalyteId } from '@/lib/rules';
import type { Assessment } from './assessments';

export const TREND_ANALYTES = ['ferritin', 'tsat', 'egfr', 'hba1c', 'tsh'] as const satisfies readonly AnalyteId[];
export type TrendAnalyte = (typeof TREND_ANALYTES)[number];

export interface TrendPoint {
  asOf: string;
  assessmentId: string;
  values: Partial<Record<TrendAnalyte, number>>;
}

/** One point per assessment, oldest first; eGFR and TSAT include values computed from creatinine or iron/TIBC. */
export function trendPoints(assessments: readonly Assessment[]): TrendPoint[] {
  return [...assessments].reverse().map((a) => {
    const e = a.evaluation;
    const values: TrendPoint['values'] = {};
    for (const analyte of TREND_ANALYTES) {
      const input = e.inputs.find((i) => i.analyte === analyte && i.status !== 'rejected');
      const v = input?.canonicalValue ?? (analyte === 'egfr' ? e.derived.egfr?.value : analyte === 'tsat' ? e.derived.tsat?.value : undefined);
      if (typeof v === 'number' && Number.isFinite(v)) values[analyte] = Math.round(v * 100) / 100;
    }
    return { asOf: a.asOf, assessmentId: a.id, values };
  });
}

export interface IronRecheck {
  discussedOn: string;
  dueOn: string;
  weeks: number;
  assessmentId: string;
}

/** The latest accepted iron-therapy discussion of the patient and the recheck date it sets. */
export async function ironRecheck(actor: Actor, assessments: readonly Assessment[]): Promise<IronRecheck | null> {
  if (assessments.length === 0) return null;
  const reviews = await listReviewsForAssessments({ organisationId: actor.organisationId, assessmentIds: assessments.map((a) => a.id) });
  // The review in force per assessment decides; the latest acceptance across assessments sets the date.
  const latest = new Map<string, (typeof reviews)[number]>();
  for (const r of reviews) if (r.targetType === 'workup' && r.targetId === 'iron-therapy-discussion') latest.set(r.assessmentId, r);
  let best: (typeof reviews)[number] | null = null;
  for (const r of latest.values()) if (r.decision === 'accepted' && (!best || r.createdAt > best.createdAt)) best = r;
  if (!best) return null;
  const discussedOn = best.createdAt.toISOString().slice(0, 10);
  return { discussedOn, dueOn: ironRecheckDue(discussedOn), weeks: IRON_RECHECK_WEEKS, assessmentId: best.assessmentId };
}
