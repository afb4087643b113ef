/**
 * Override rates per rule (the alert-fatigue view): how often what a rule raised was accepted or
 * overridden, in the EHR (CDS Hooks feedback) and in the app (reviews), with the reasons and a
 * weekly series. Pure: the caller loads the events.
 */

export interface DecisionEvent {
  /** The rules behind the card or flag. */
  ruleIds: readonly string[];
  outcome: 'accepted' | 'overridden';
  /** Coded reason (the app's review reasons, or the EHR's override reason). */
  reason: string | null;
  at: Date;
  source: 'ehr' | 'app';
}

export interface RuleOverrideRow {
  ruleId: string;
  /** Cards returned to EHRs that carried this rule. */
  shown: number;
  accepted: number;
  overridden: number;
  /** overridden ÷ (accepted + overridden), or null when nothing was decided. */
  rate: number | null;
  bySource: { ehr: { accepted: number; overridden: number }; app: { accepted: number; overridden: number } };
  reasons: { reason: string; count: number }[];
  /** Per ISO week (Monday, YYYY-MM-DD), oldest first. */
  weeks: { week: string; accepted: number; overridden: number; rate: number | null }[];
}

/** Monday of the UTC week of a date, as YYYY-MM-DD. */
export function weekOf(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}

const rateOf = (accepted: number, overridden: number) => (accepted + overridden === 0 ? null : overridden / (accepted + overridden));

export function overrideRates(events: readonly DecisionEvent[], shown: readonly { ruleIds: readonly string[] }[]): RuleOverrideRow[] {
  const rows = new Map<string, RuleOverrideRow & { reasonMap: Map<string, number>; weekMap: Map<string, { accepted: number; overridden: number }> }>();
  const row = (ruleId: string) => {
    let r = rows.get(ruleId);
    if (!r) {
      r = { ruleId, shown: 0, accepted: 0, overridden: 0, rate: null, bySource: { ehr: { accepted: 0, overridden: 0 }, app: { accepted: 0, overridden: 0 } }, reasons: [], weeks: [], reasonMap: new Map(), weekMap: new Map() };
      rows.set(ruleId, r);
    }
    return r;
  };
  for (const s of shown) for (const id of new Set(s.ruleIds)) row(id).shown++;
  for (const e of events) {
    for (const id of new Set(e.ruleIds)) {
      const r = row(id);
      r[e.outcome]++;
      r.bySource[e.source][e.outcome]++;
      if (e.outcome === 'overridden') {
        const reason = e.reason ?? 'no reason given';
        r.reasonMap.set(reason, (r.reasonMap.get(reason) ?? 0) + 1);
      }
      const w = weekOf(e.at);
      const wk = r.weekMap.get(w) ?? { accepted: 0, overridden: 0 };
      wk[e.outcome]++;
      r.weekMap.set(w, wk);
    }
  }
  return [...rows.values()]
    .map(({ reasonMap, weekMap, ...r }) => ({
      ...r,
      rate: rateOf(r.accepted, r.overridden),
      reasons: [...reasonMap].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      weeks: [...weekMap].sort(([a], [b]) => a.localeCompare(b)).map(([week, v]) => ({ week, ...v, rate: rateOf(v.accepted, v.overridden) })),
    }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.overridden - a.overridden || a.ruleId.localeCompare(b.ruleId));
}
