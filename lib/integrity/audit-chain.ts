/**
 * The audit chain: each event's hash covers the previous hash and every field of the event, so an
 * edited, deleted, inserted or re-ordered row is detected by walking the chain from the start.
 */
import { canonicalJson, sha256Hex } from './hash';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: Date;
  userId: string | null;
  organisationId: string | null;
  action: string;
  patientId: string | null;
  recordType: string | null;
  recordId: string | null;
  outcome: string;
  clientAddress: string | null;
  detail: string | null;
  prevHash: string;
}

export function auditHash(e: AuditFields): string {
  // Exactly the chained fields: a row read back from the database also carries its own `hash` (and a
  // database may add columns), which must not enter the hash or no stored event would ever verify.
  const { seq, at, userId, organisationId, action, patientId, recordType, recordId, outcome, clientAddress, detail, prevHash } = e;
  return sha256Hex(canonicalJson({ seq, at: at.toISOString(), userId, organisationId, action, patientId, recordType, recordId, outcome, clientAddress, detail, prevHash }));
}

export type ChainCheck = { ok: true; events: number } | { ok: false; events: number; brokenAt: number; problem: string };

/** Walks events in sequence order; reports the first one that does not follow from the one before. */
export function verifyChain(events: readonly (AuditFields & { hash: string })[]): ChainCheck {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { ok: false, events: events.length, brokenAt: e.seq, problem: `event ${expectedSeq} is missing (next present is ${e.seq})` };
    if (e.prevHash !== prevHash) return { ok: false, events: events.length, brokenAt: e.seq, problem: `event ${e.seq} does not point at the hash of event ${e.seq - 1}` };
    if (auditHash(e) !== e.hash) return { ok: false, events: events.length, brokenAt: e.seq, problem: `event ${e.seq} was altered (its hash does not match its content)` };
    prevHash = e.hash;
    expectedSeq++;
  }
  return { ok: true, events: events.length };
}
