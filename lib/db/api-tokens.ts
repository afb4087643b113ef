/** API tokens: only a SHA-256 of the secret is stored. */
import { getDb, type Db } from './client';
import { withTransaction } from './transaction';

export async function findActiveTokenByHash(tokenHash: string) {
  return getDb().apiToken.findFirst({ where: { tokenHash, revokedAt: null }, select: { id: true, organisationId: true, name: true } });
}

export async function markTokenUsed(id: string, at: Date): Promise<void> {
  await withTransaction((tx) => tx.apiToken.update({ where: { id }, data: { lastUsedAt: at } }));
}

export async function listTokens(organisationId: string) {
  return getDb().apiToken.findMany({ where: { organisationId }, orderBy: { createdAt: 'desc' }, select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdById: true } });
}

export async function insertToken(data: { organisationId: string; name: string; tokenHash: string; createdById: string }, db: Db = getDb()) {
  return db.apiToken.create({ data, select: { id: true, name: true } });
}

/** Revokes a token of the organisation; false when there is none to revoke. */
export async function revokeToken({ organisationId, id, at }: { organisationId: string; id: string; at: Date }, db: Db = getDb()): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({ where: { id, organisationId, revokedAt: null }, data: { revokedAt: at } });
  return count > 0;
}
