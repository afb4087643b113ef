import 'server-only';
/** API tokens for POST /api/v1/evaluate: issued and revoked by an admin, stored hashed, audited. */
import { randomBytes } from 'node:crypto';
import { forgetCachedApiTokens, type Actor } from '@/lib/auth/actor';
import { insertToken, listTokens, revokeToken } from '@/lib/db/api-tokens';
import { withTransaction } from '@/lib/db/transaction';
import { sha256Hex } from '@/lib/integrity/hash';
import { ZApiTokenFormSchema } from '@/lib/schemas/admin';
import { audit, auditIn } from './audit';
import { fieldErrorsOf, invalid, type ServiceResult } from './result';

/** A refusal that is also recorded: who tried to manage tokens without being an admin. */
async function notAdmin(actor: Actor, action: string, recordId: string | null = null) {
  await audit(actor, { action, recordType: 'api-token', recordId: recordId?.slice(0, 64) ?? null, outcome: 'denied', detail: 'not-admin' });
  return invalid('Only an admin can manage API tokens');
}

/** Issues a token; the secret is returned once and never stored. */
export async function issueApiToken(actor: Actor, form: unknown): Promise<ServiceResult<{ id: string; name: string; secret: string }>> {
  if (actor.role !== 'admin') return notAdmin(actor, 'api-token.create');
  const parsed = ZApiTokenFormSchema.safeParse(form);
  if (!parsed.success) return invalid('Check the token name', fieldErrorsOf(parsed.error.issues));
  const secret = `rlsw_${randomBytes(32).toString('base64url')}`;
  const token = await withTransaction(async (tx) => {
    const row = await insertToken({ organisationId: actor.organisationId, name: parsed.data.name, tokenHash: sha256Hex(secret), createdById: actor.userId }, tx);
    await auditIn(tx, actor, { action: 'api-token.create', recordType: 'api-token', recordId: row.id });
    return row;
  });
  return { ok: true, data: { ...token, secret } };
}

export async function revokeApiToken(actor: Actor, tokenId: string): Promise<ServiceResult<null>> {
  if (actor.role !== 'admin') return notAdmin(actor, 'api-token.revoke', tokenId);
  const revoked = await withTransaction(async (tx) => {
    const done = await revokeToken({ organisationId: actor.organisationId, id: tokenId, at: new Date() }, tx);
    await auditIn(tx, actor, { action: 'api-token.revoke', recordType: 'api-token', recordId: tokenId.slice(0, 64), outcome: done ? 'success' : 'denied' });
    return done;
  });
  if (revoked) forgetCachedApiTokens();
  return revoked ? { ok: true, data: null } : invalid('No active token with that id in this organisation');
}

export async function listApiTokens(actor: Actor) {
  if (actor.role !== 'admin') return [];
  return listTokens(actor.organisationId);
}
