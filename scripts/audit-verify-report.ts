/**
 * What `npm run --silent audit:verify` reports for a list of stored events (scripts/audit-verify.ts
 * prints the JSON and exits with the status): the chain walked from the first event, then checked
 * against the signed anchors of the anchor log. A module of its own so that the tamper tests check
 * many tampered copies in one process; each outcome is also run through the command itself.
 */
import { checkAgainstAnchors, readAnchorLog, type AnchorFiles } from '../lib/integrity/audit-anchor';
import { verifyChain, type AuditFields } from '../lib/integrity/audit-chain';

export interface AuditVerifyReport {
  /** The command's exit status: 0 intact, 1 something is wrong. */
  status: 0 | 1;
  json: { ok: boolean; events: number; kind?: string; firstBrokenEvent?: number; problem?: string; anchoredThrough?: number; anchors?: number };
}

export function auditVerifyReport(events: readonly (AuditFields & { hash: string })[], files: AnchorFiles): AuditVerifyReport {
  const chain = verifyChain(events);
  if (!chain.ok) return { status: 1, json: { ok: false, events: chain.events, kind: 'broken-chain', firstBrokenEvent: chain.brokenAt, problem: chain.problem } };
  const anchored = checkAgainstAnchors(events, readAnchorLog(files), files.logFile);
  if (!anchored.ok) {
    const { kind, problem, firstBrokenEvent } = anchored;
    return { status: 1, json: { ok: false, events: chain.events, kind, ...(firstBrokenEvent !== undefined ? { firstBrokenEvent } : {}), problem } };
  }
  return { status: 0, json: { ok: true, events: chain.events, anchoredThrough: anchored.anchoredThrough, anchors: anchored.anchors } };
}
