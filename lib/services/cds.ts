import 'server-only';
/**
 * CDS Hooks calls: the calling EHR is authenticated by its JWT against the keys its clinic pinned,
 * and acts for that clinic only. Every call is audited (who: the client; never patient text).
 */
import type { JWK } from 'jose';
import { verifyCdsJwt, type JwtFailure, type TrustedClient } from '@/lib/cds/jwt';
import { answerPatientView, type HookAnswer } from '@/lib/cds/service';
import { ZFeedbackRequest } from '@/lib/cds/feedback';
import { randomBytes } from 'node:crypto';
import { cardIdsOfClient, findCdsClientByIssuer, insertCdsCards, insertCdsFeedback, insertCdsLaunch, recordJwtId } from '@/lib/db/cds';
import { RULES_VERSION } from '@/lib/rules';
import { appendAuditEvent } from '@/lib/db/audit';
import { withTransaction } from '@/lib/db/transaction';
import { auditAnonymous } from './audit';
import { todayIso } from './clock';

export interface CdsCaller {
  client: TrustedClient & { name: string; fhirServers: string[] };
  clientAddress: string | null;
}

function parseJsonArray<T>(text: string): T[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** Verifies the call's JWT; audits a refusal. */
export async function authenticateCdsCall(authorization: string | null, audience: string, clientAddress: string | null): Promise<{ ok: true; caller: CdsCaller } | { ok: false; reason: JwtFailure }> {
  const rows = new Map<string, CdsCaller['client']>();
  const result = await verifyCdsJwt(authorization, audience, {
    findClient: async (issuer) => {
      const row = await findCdsClientByIssuer(issuer);
      if (!row) return null;
      const jwks = (() => {
        try {
          return (JSON.parse(row.jwks) as { keys?: JWK[] }).keys ?? [];
        } catch {
          return [];
        }
      })();
      const client = { id: row.id, organisationId: row.organisationId, issuer: row.issuer, keys: jwks, name: row.name, fhirServers: parseJsonArray<string>(row.fhirServers) };
      rows.set(issuer, client);
      return client;
    },
    recordJti: (client, jti, expiresAt) => recordJwtId(client.id, jti, expiresAt, new Date()),
  });
  if (!result.ok) {
    await auditAnonymous(clientAddress, { action: 'cds.auth', outcome: 'denied', recordType: 'cds-call', recordId: audience.slice(-64), detail: result.reason });
    return result;
  }
  return { ok: true, caller: { client: rows.get(result.client.issuer)!, clientAddress } };
}

/** How long a card's "open the pre-filled assessment" link works. */
export const LAUNCH_MINUTES = 60;

/** The patient-view hook for an authenticated client: answer, remember the cards, audit. `appOrigin` builds the cards' link. */
export async function patientView(caller: CdsCaller, body: unknown, appOrigin: string): Promise<HookAnswer> {
  const answer = await answerPatientView(body, {
    asOf: todayIso(), fhirServers: caller.client.fhirServers,
    openUrl: async (imp) => {
      const id = randomBytes(24).toString('base64url');
      await insertCdsLaunch({ id, organisationId: caller.client.organisationId, cdsClientId: caller.client.id, payload: JSON.stringify(imp), expiresAt: new Date(Date.now() + LAUNCH_MINUTES * 60_000) });
      return `${appOrigin}/cds/open/${id}`;
    },
  });
  const who = { organisationId: caller.client.organisationId, userId: null };
  const hookInstance = typeof (body as { hookInstance?: unknown })?.hookInstance === 'string' ? ((body as { hookInstance: string }).hookInstance).slice(0, 200) : 'unknown';
  if (answer.status !== 200) {
    await auditAnonymous(caller.clientAddress, { ...who, action: 'cds.patient-view', outcome: 'failure', recordType: 'cds-client', recordId: caller.client.id, detail: `status=${answer.status}` });
    return answer;
  }
  // The cards and their audit event commit together.
  await withTransaction(async (tx) => {
    await insertCdsCards(answer.meta.map((m) => ({ id: m.uuid, organisationId: caller.client.organisationId, cdsClientId: caller.client.id, hookInstance, topic: m.topic, ruleIds: m.ruleIds.join(','), rulesVersion: RULES_VERSION })), tx);
    await appendAuditEvent(tx, {
      ...who, clientAddress: caller.clientAddress, action: 'cds.patient-view', patientId: null, recordType: 'cds-client', recordId: caller.client.id, outcome: 'success',
      detail: `cards=${answer.meta.length}; topics=${answer.meta.map((m) => m.topic).join(',') || 'none'}; fetched=${answer.fetched.join(',') || 'none'}`.slice(0, 200),
    });
  });
  return answer;
}

export async function auditDiscovery(caller: CdsCaller): Promise<void> {
  await auditAnonymous(caller.clientAddress, { organisationId: caller.client.organisationId, userId: null, action: 'cds.discovery', recordType: 'cds-client', recordId: caller.client.id });
}

export type FeedbackAnswer = { status: 200; body: { stored: number } } | { status: 400; body: { resourceType: 'OperationOutcome'; issue: { severity: 'error'; code: string; diagnostics: string }[] } };

/** Stores feedback on this client's cards (all or nothing), with its audit event. */
export async function storeFeedback(caller: CdsCaller, raw: unknown): Promise<FeedbackAnswer> {
  const bad = (diagnostics: string): FeedbackAnswer => ({ status: 400, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics }] } });
  const parsed = ZFeedbackRequest.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return bad(`${i.path.join('.')}: ${i.message}`);
  }
  const items = parsed.data.feedback;
  const organisationId = caller.client.organisationId;
  return withTransaction(async (tx) => {
    const known = await cardIdsOfClient(caller.client.id, items.map((f) => f.card), tx);
    const unknown = items.find((f) => !known.has(f.card));
    // Feedback on a card this client was never given (another client's, or none): refused and recorded, nothing stored.
    if (unknown) {
      await appendAuditEvent(tx, { organisationId, userId: null, clientAddress: caller.clientAddress, action: 'cds.feedback', patientId: null, recordType: 'cds-client', recordId: caller.client.id, outcome: 'denied', detail: 'card-not-returned-to-this-client' });
      return bad(`card ${unknown.card.slice(0, 100)} is not a card this service returned to this client`);
    }
    await insertCdsFeedback(items.map((f) => ({
      organisationId, cardId: f.card, outcome: f.outcome,
      acceptedSuggestions: f.acceptedSuggestions?.map((s) => s.id).join(',') || null,
      reasonSystem: f.overrideReason?.reason?.system ?? null, reasonCode: f.overrideReason?.reason?.code ?? null,
      reasonDisplay: f.overrideReason?.reason?.display ?? null, comment: f.overrideReason?.userComment?.trim() || null,
      outcomeAt: new Date(f.outcomeTimestamp),
    })), tx);
    await appendAuditEvent(tx, {
      organisationId, userId: null, clientAddress: caller.clientAddress, action: 'cds.feedback', patientId: null, recordType: 'cds-client', recordId: caller.client.id, outcome: 'success',
      detail: `items=${items.length}; accepted=${items.filter((f) => f.outcome === 'accepted').length}; overridden=${items.filter((f) => f.outcome === 'overridden').length}`,
    });
    return { status: 200, body: { stored: items.length } };
  });
}
