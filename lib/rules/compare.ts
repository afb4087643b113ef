/**
 * What re-running a saved assessment's input under the current rules would change: contributor
 * statuses (and iron-therapy bands) and workup items. Pure; the saved assessment is not touched.
 */
import type { Evaluation } from './evaluate';
import type { ContributorId, ContributorStatus, IronTherapy } from './types';

export interface StatusChange {
  id: ContributorId;
  label: string;
  from: ContributorStatus | 'absent';
  to: ContributorStatus;
  fromTherapy: IronTherapy | null;
  toTherapy: IronTherapy | null;
}

export interface EvaluationDiff {
  fromVersion: string;
  toVersion: string;
  statusChanges: StatusChange[];
  workupAdded: { id: string; label: string }[];
  workupRemoved: { id: string; label: string }[];
  unchanged: boolean;
}

export function compareEvaluations(saved: Evaluation, current: Evaluation): EvaluationDiff {
  const before = new Map(saved.contributors.map((c) => [c.id, c]));
  const statusChanges: StatusChange[] = [];
  for (const c of current.contributors) {
    const old = before.get(c.id);
    const fromTherapy = old?.ironTherapy ?? null;
    const toTherapy = c.ironTherapy ?? null;
    if (!old || old.status !== c.status || fromTherapy !== toTherapy) {
      statusChanges.push({ id: c.id, label: c.label, from: old?.status ?? 'absent', to: c.status, fromTherapy, toTherapy });
    }
  }
  const savedWorkup = new Set(saved.workup.map((w) => w.id));
  const currentWorkup = new Set(current.workup.map((w) => w.id));
  const workupAdded = current.workup.filter((w) => !savedWorkup.has(w.id)).map((w) => ({ id: w.id, label: w.label }));
  const workupRemoved = saved.workup.filter((w) => !currentWorkup.has(w.id)).map((w) => ({ id: w.id, label: w.label }));
  return {
    fromVersion: saved.rulesVersion, toVersion: current.rulesVersion, statusChanges, workupAdded, workupRemoved,
    unchanged: statusChanges.length === 0 && workupAdded.length === 0 && workupRemoved.length === 0,
  };
}
