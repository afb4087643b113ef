import 'server-only';
/** The override-rate report for an admin of the clinic: EHR feedback and in-app reviews per rule. */
import type { Actor } from '@/lib/auth/actor';
import { overrideReportData } from '@/lib/db/cds';
import { overrideRates, type DecisionEvent, type RuleOverrideRow } from '@/lib/report/override-rates';
import type { Evaluation } from '@/lib/rules';
import { audit } from './audit';

export async function overrideRateReport(actor: Actor, days = 365): Promise<RuleOverrideRow[]> {
  const since = new Date(Date.now() - days * 86_400_000);
  const { feedback, cards, reviews } = await overrideReportData(actor.organisationId, since);
  const split = (s: string) => s.split(',').filter(Boolean);
  const events: DecisionEvent[] = feedback.map((f) => ({
    ruleIds: split(f.card.ruleIds), outcome: f.outcome === 'accepted' ? 'accepted' : 'overridden', reason: f.reasonCode ?? f.reasonDisplay ?? null, at: f.outcomeAt, source: 'ehr',
  }));
  for (const r of reviews) {
    const ev = r.assessment.evaluation as unknown as Evaluation;
    const ruleIds = r.targetType === 'contributor' ? ev.contributors?.find((c) => c.id === r.targetId)?.ruleIds : ev.workup?.find((w) => w.id === r.targetId)?.ruleIds;
    if (!ruleIds || ruleIds.length === 0) continue;
    events.push({ ruleIds, outcome: r.decision === 'accepted' ? 'accepted' : 'overridden', reason: r.reasonCode, at: r.createdAt, source: 'app' });
  }
  await audit(actor, { action: 'admin.override-report', detail: `events=${events.length}; cards=${cards.length}` });
  return overrideRates(events, cards.map((c) => ({ ruleIds: split(c.ruleIds) })));
}
