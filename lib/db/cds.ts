/** CDS Hooks clients (trusted EHRs), the JWT ids they used, and the cards returned to them. */
import { getDb, type Db } from './client';
import { isUniqueViolation } from './errors';

export interface CdsClientRow {
  id: string;
  organisationId: string;
  name: string;
  issuer: string;
  jwks: string;
  fhirServers: string;
}

export async function findCdsClientByIssuer(issuer: string): Promise<CdsClientRow | null> {
  return getDb().cdsClient.findUnique({ where: { issuer }, select: { id: true, organisationId: true, name: true, issuer: true, jwks: true, fhirServers: true } });
}

/** Registers or updates a client (seed and admin). */
export async function upsertCdsClient(data: { organisationId: string; name: string; issuer: string; jwks: string; fhirServers: string }, db: Db = getDb()) {
  return db.cdsClient.upsert({ where: { issuer: data.issuer }, create: data, update: { name: data.name, jwks: data.jwks, fhirServers: data.fhirServers }, select: { id: true } });
}

/**
 * Records a JWT id; false when the client already used it (a replay). Expired ids are pruned on
 * the way, so the table holds only ids whose tokens could still be presented.
 */
export async function recordJwtId(cdsClientId: string, jti: string, expiresAt: Date, now: Date): Promise<boolean> {
  const db = getDb();
  await db.cdsJwtId.deleteMany({ where: { expiresAt: { lt: now } } });
  try {
    await db.cdsJwtId.create({ data: { cdsClientId, jti, expiresAt } });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

export interface CdsCardRecord {
  id: string;
  organisationId: string;
  cdsClientId: string;
  hookInstance: string;
  topic: string;
  ruleIds: string;
  rulesVersion: string;
}

export async function insertCdsCards(cards: CdsCardRecord[], db: Db = getDb()): Promise<void> {
  if (cards.length > 0) await db.cdsCard.createMany({ data: cards });
}

export async function findCdsCard(organisationId: string, id: string) {
  return getDb().cdsCard.findFirst({ where: { id, organisationId } });
}

export interface CdsFeedbackRecord {
  organisationId: string;
  cardId: string;
  outcome: 'accepted' | 'overridden';
  acceptedSuggestions: string | null;
  reasonSystem: string | null;
  reasonCode: string | null;
  reasonDisplay: string | null;
  comment: string | null;
  outcomeAt: Date;
}

/** The ids among `ids` that are cards of this client. */
export async function cardIdsOfClient(cdsClientId: string, ids: string[], db: Db = getDb()): Promise<Set<string>> {
  const rows = await db.cdsCard.findMany({ where: { cdsClientId, id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

export async function insertCdsFeedback(rows: CdsFeedbackRecord[], db: Db = getDb()): Promise<void> {
  if (rows.length > 0) await db.cdsFeedback.createMany({ data: rows });
}

export async function insertCdsLaunch(data: { id: string; organisationId: string; cdsClientId: string; payload: string; expiresAt: Date }): Promise<void> {
  const db = getDb();
  await db.cdsLaunch.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db.cdsLaunch.create({ data });
}

/** A launch of the organisation that has not expired, or null. */
export async function findCdsLaunch(organisationId: string, id: string, now: Date) {
  return getDb().cdsLaunch.findFirst({ where: { id, organisationId, expiresAt: { gt: now } }, select: { id: true, payload: true, createdAt: true, expiresAt: true } });
}

/** Feedback, cards and in-app reviews of an organisation since a date, for the override-rate report. */
export async function overrideReportData(organisationId: string, since: Date) {
  const db = getDb();
  const [feedback, cards, reviews] = await Promise.all([
    db.cdsFeedback.findMany({ where: { organisationId, outcomeAt: { gte: since } }, select: { outcome: true, reasonCode: true, reasonDisplay: true, outcomeAt: true, card: { select: { ruleIds: true } } } }),
    db.cdsCard.findMany({ where: { organisationId, createdAt: { gte: since } }, select: { ruleIds: true } }),
    db.review.findMany({
      where: { organisationId, createdAt: { gte: since }, targetType: { in: ['contributor', 'workup'] }, decision: { in: ['accepted', 'dismissed'] } },
      select: { targetType: true, targetId: true, decision: true, reasonCode: true, createdAt: true, assessment: { select: { evaluation: true } } },
    }),
  ]);
  return { feedback, cards, reviews };
}
