import 'server-only';
/**
 * Refusals decided before any service runs — by the proxy (a server-action request that fails its
 * checks), a route handler (no session or token, another site) or Better Auth's own endpoints — are
 * audit events with outcome `denied` like every other refused write: for the signed-in user when the
 * request carries a live session (always written), else for the client address alone (anonymous:
 * coalesced under a flood, lib/services/refusal-coalescer.ts).
 */
import { getActiveSession } from '@/lib/auth/actor';
import { checkSameOrigin, clientAddressOf } from '@/lib/auth/request';
import { logger } from '@/lib/logger';
import { audit, auditAnonymous, type AuditWhat } from './audit';

/** Records a refused request as `denied`, for the session's user if there is one. Details are cut to 200 characters. */
export async function auditRefusal(h: Headers, what: Omit<AuditWhat, 'outcome'>): Promise<void> {
  const event: AuditWhat = { ...what, recordId: what.recordId?.slice(0, 64) ?? null, detail: what.detail?.slice(0, 200) ?? null, outcome: 'denied' };
  let active: Awaited<ReturnType<typeof getActiveSession>> = null;
  try {
    // Looked up without counting as activity: a refused request does not keep a session alive.
    active = await getActiveSession(h, { touch: false });
  } catch (e) {
    logger.warn({ err: (e as Error).message }, 'session look-up for a refused request failed; recorded as anonymous');
  }
  if (active) await audit(active.actor, event);
  else await auditAnonymous(clientAddressOf(h), event);
}

/** A state-changing request from another site: refused and recorded (true), or from this site (false). */
export async function refusedCrossSite(h: Headers, action: string): Promise<boolean> {
  const origin = checkSameOrigin(h);
  if (origin.ok) return false;
  await auditRefusal(h, { action, detail: `cross-site: ${origin.reason}` });
  return true;
}
