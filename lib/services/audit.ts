import 'server-only';
/**
 * Audit events for every read and write of patient data, sign-in and administration. A write and
 * its event share one transaction (`auditIn`); a read is recorded as its own event (`auditRead`).
 */
import type { Actor } from '@/lib/auth/actor';
import { appendAuditEvent, appendAuditEvents, type AuditInput } from '@/lib/db/audit';
import { withTransaction, type Tx } from '@/lib/db/transaction';

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

/** For events without a signed-in actor (a failed sign-in): who is known only by address. */
export async function auditAnonymous(clientAddress: string | null, what: AuditWhat & { userId?: string | null; organisationId?: string | null }): Promise<void> {
  await appendAlone({ ...eventOf(null, what), userId: what.userId ?? null, organisationId: what.organisationId ?? null, clientAddress });
}
