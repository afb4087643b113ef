/**
 * What re-running a saved assessment's input under the current rules would change, and why:
 * contributor statuses, iron-therapy bands, summaries and rule ids, and workup items, each with the
 * rules-changelog entries that touch the rules involved. Pure; the saved assessment is not touched.
 */
import { changesBetween, type RuleChange } from './changelog';
import type { Evaluation } from './evaluate';
import type { ContributorId, ContributorStatus, IronTherapy } from './types';

export interface StatusChange {
  id: ContributorId;
  label: string;
  from: ContributorStatus | 'absent';
  to: ContributorStatus;
  fromTherapy: IronTherapy | null;
  toTherapy: IronTherapy | null;
  fromSummary: string | null;
  toSummary: string;
  fromRuleIds: string[];
  toRuleIds: string[];
  /** True when the status and band are the same and only the wording or the rules behind it changed. */
  wordingOnly: boolean;
  /** Changelog entries between the two versions that touch the rules of either side. */
  why: RuleChange[];
}

export interface WorkupChange {
  id: string;
  label: string;
  reason: string;
  why: RuleChange[];
}

export interface EvaluationDiff {
  fromVersion: string;
  toVersion: string;
  statusChanges: StatusChange[];
  workupAdded: WorkupChange[];
  workupRemoved: WorkupChange[];
  unchanged: boolean;
}

export function compareEvaluations(saved: Evaluation, current: Evaluation): EvaluationDiff {
  const before = new Map(saved.contributors.map((c) => [c.id, c]));
  const from = saved.rulesVersion;
  const to = current.rulesVersion;
  const statusChanges: StatusChange[] = [];
  for (const c of current.contributors) {
    const old = before.get(c.id);
    const fromTherapy = old?.ironTherapy ?? null;
    const toTherapy = c.ironTherapy ?? null;
    const decisionChanged = !old || old.status !== c.status || fromTherapy !== toTherapy;
    if (!decisionChanged && old.summary === c.summary && old.ruleIds.join() === c.ruleIds.join()) continue;
    // The rules that fired on either side; when none did, the contributor's rules (why it is now "not assessed").
    let ruleIds = [...new Set([...(old?.ruleIds ?? []), ...c.ruleIds])];
    if (ruleIds.length === 0) ruleIds = c.trace.map((t) => t.ruleId);
    statusChanges.push({
      id: c.id, label: c.label, from: old?.status ?? 'absent', to: c.status, fromTherapy, toTherapy,
      fromSummary: old?.summary ?? null, toSummary: c.summary, fromRuleIds: old?.ruleIds ?? [], toRuleIds: c.ruleIds,
      wordingOnly: !decisionChanged,
      why: changesBetween(from, to, [...ruleIds, ...(decisionChanged ? [] : ['W-1'])]),
    });
  }
  const savedWorkup = new Set(saved.workup.map((w) => w.id));
  const currentWorkup = new Set(current.workup.map((w) => w.id));
  const change = (w: Evaluation['workup'][number]): WorkupChange => ({ id: w.id, label: w.label, reason: w.reason, why: changesBetween(from, to, [w.id, ...w.ruleIds]) });
  const workupAdded = current.workup.filter((w) => !savedWorkup.has(w.id)).map(change);
  const workupRemoved = saved.workup.filter((w) => !currentWorkup.has(w.id)).map(change);
  return {
    fromVersion: from, toVersion: to, statusChanges, workupAdded, workupRemoved,
    unchanged: statusChanges.length === 0 && workupAdded.length === 0 && workupRemoved.length === 0,
  };
}
