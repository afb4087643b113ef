import 'server-only';
/**
 * Audit events for every read and write of patient data, sign-in and administration. A write and
 * its event share one transaction (`auditIn`); a read is recorded as its own event (`auditRead`).
 */
import type { Actor } from '@/lib/auth/actor';
import { appendAuditEvent, appendAuditEvents, type AuditInput } from '@/lib/db/audit';
import { withTransaction, type Tx } from '@/lib/db/transaction';
import { logger } from '@/lib/logger';
import { RefusalCoalescer, summaryDetail } from './refusal-coalescer';

export interface AuditWhat {
  action: string;
  patientId?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  outcome?: AuditInput['outcome'];
  detail?: string | null;
}

/** Who acted and from where: all an audit event needs of the actor. */
export type AuditActor = Pick<Actor, 'userId' | 'organisationId' | 'clientAddress'>;

function eventOf(actor: AuditActor | null, what: AuditWhat): AuditInput {
  return {
    userId: actor?.userId ?? null, organisationId: actor?.organisationId ?? null, clientAddress: actor?.clientAddress ?? null,
    action: what.action, patientId: what.patientId ?? null, recordType: what.recordType ?? null, recordId: what.recordId ?? null,
    outcome: what.outcome ?? 'success', detail: what.detail ?? null,
  };
}

/** Records an event inside the caller's transaction (the change and its event commit together). */
export async function auditIn(tx: Tx, actor: AuditActor | null, what: AuditWhat): Promise<void> {
  await appendAuditEvent(tx, eventOf(actor, what));
}

interface Waiting {
  input: AuditInput;
  resolve: () => void;
  reject: (reason: unknown) => void;
}

/** Events on their own waiting for the writer; one queued transaction appends all that wait when it runs. */
let waiting: Waiting[] = [];
let appendQueued = false;

/**
 * Appends an event in its own turn of the writer, together with every other such event waiting then
 * (one head look-up, one insert, one commit). Settles after the commit: the caller answers only once
 * its event is stored. Nothing is dropped: a failed commit fails every caller of the group.
 */
function appendAlone(input: AuditInput): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    waiting.push({ input, resolve, reject });
    if (appendQueued) return;
    appendQueued = true;
    let taken: Waiting[] = [];
    withTransaction(async (tx) => {
      // Taken once: a retry (another process appended at the same time) appends the same events.
      if (taken.length === 0) {
        taken = waiting;
        waiting = [];
        appendQueued = false;
      }
      await appendAuditEvents(tx, taken.map((w) => w.input));
    }).then(
      () => { for (const w of taken) w.resolve(); },
      (error: unknown) => { for (const w of taken) w.reject(error); },
    );
  });
}

/** Records an event on its own (reads, refusals, sign-in). */
export async function audit(actor: AuditActor | null, what: AuditWhat): Promise<void> {
  await appendAlone(eventOf(actor, what));
}

/**
 * For events without a signed-in actor (a failed sign-in, a refused anonymous call): who is known
 * only by address. An anonymous refusal (`denied`, no user) goes through the coalescer: a flood of
 * them is written as a few events of its own plus summary events (lib/services/refusal-coalescer.ts).
 */
export async function auditAnonymous(clientAddress: string | null, what: AuditWhat & { userId?: string | null; organisationId?: string | null }): Promise<void> {
  const input: AuditInput = { ...eventOf(null, what), userId: what.userId ?? null, organisationId: what.organisationId ?? null, clientAddress };
  if (input.outcome === 'denied' && input.userId === null) {
    const state = coalescerState();
    if (!state.coalescer.admit(clientAddress, `${what.action}:${reasonOf(what.detail)}`, Date.now())) {
      scheduleSummaries(state);
      return;
    }
  }
  await appendAlone(input);
}

/** The kind of a refusal for its summary: the detail up to its first ":" or ";" ("cross-site", "unauthenticated"). */
function reasonOf(detail: string | null | undefined): string {
  return (detail ?? '').split(/[:;]/)[0]!.trim().slice(0, 40) || 'refused';
}

interface CoalescerState {
  coalescer: RefusalCoalescer;
  timer: ReturnType<typeof setTimeout> | null;
}

// On globalThis: the proxy and the routes may be separate bundles of one process; they share one budget.
const COALESCER = Symbol.for('rls-workup.refusal-coalescer');

function coalescerState(): CoalescerState {
  const g = globalThis as { [COALESCER]?: CoalescerState };
  g[COALESCER] ??= { coalescer: new RefusalCoalescer(), timer: null };
  return g[COALESCER];
}

/** Writes the summaries once the window with counted refusals has ended (the timer does not keep the process alive). */
function scheduleSummaries(state: CoalescerState): void {
  if (state.timer) return;
  const until = state.coalescer.pendingUntil();
  if (until === null) return;
  state.timer = setTimeout(() => {
    state.timer = null;
    flushRefusalSummaries({ force: false }).catch((e: unknown) => logger.error({ err: (e as Error).message }, 'writing the summary of anonymous refusals failed'));
  }, Math.max(0, until - Date.now()) + 100);
  state.timer.unref?.();
}

/**
 * Writes the summary events of anonymous refusals that were counted, not written one by one: of the
 * windows that have ended, or (`force`, the default: shutdown, tests) of the current one too.
 * Returns how many summary events were written.
 */
export async function flushRefusalSummaries({ force = true }: { force?: boolean } = {}): Promise<number> {
  const state = coalescerState();
  if (force && state.timer) {
    clearTimeout(state.timer);
    state.timer = null;
  }
  const summaries = state.coalescer.drain(Date.now(), force);
  await Promise.all(summaries.map((s) => appendAlone({
    userId: null, organisationId: null, clientAddress: s.clientAddress, action: 'audit.refusals-coalesced', outcome: 'denied',
    recordType: null, recordId: null, patientId: null, detail: summaryDetail(s),
  })));
  scheduleSummaries(state);
  return summaries.length;
}
