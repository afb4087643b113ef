import 'server-only';
/**
 * The clinic's EHR FHIR server, set by an admin: base URL and an optional bearer token, stored
 * encrypted (AES-256-GCM, lib/fhir/token-crypto.ts) and never returned to a browser or written to a
 * log or the audit trail. Changes are audited; a non-admin's attempt is recorded as denied.
 */
import type { Actor } from '@/lib/auth/actor';
import { DEVELOPMENT_SECRET } from '@/lib/auth/auth';
import { deleteFhirServer, findFhirServer, upsertFhirServer, type FhirServerRow } from '@/lib/db/fhir-servers';
import { withTransaction } from '@/lib/db/transaction';
import { env } from '@/lib/env';
import { decryptToken, deriveTokenKey, encryptToken, parseTokenKey, type TokenKey } from '@/lib/fhir/token-crypto';
import { ZFhirServerFormSchema } from '@/lib/schemas/admin';
import { audit, auditIn } from './audit';
import { fieldErrorsOf, invalid, type ServiceResult } from './result';

/** FHIR_TOKEN_KEY, or a key derived from the session secret. */
export function fhirTokenKey(): TokenKey {
  const given = env.FHIR_TOKEN_KEY ? parseTokenKey(env.FHIR_TOKEN_KEY) : null;
  return given ?? deriveTokenKey(env.BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET);
}

/** What the admin page shows: never the token, only whether one is stored. */
export interface FhirServerView {
  baseUrl: string;
  auth: 'none' | 'bearer';
  updatedAt: Date;
}

const viewOf = (row: FhirServerRow): FhirServerView => ({ baseUrl: row.baseUrl, auth: row.tokenCiphertext ? 'bearer' : 'none', updatedAt: row.updatedAt });

export async function getFhirServerView(actor: Actor): Promise<FhirServerView | null> {
  const row = await findFhirServer(actor.organisationId);
  return row ? viewOf(row) : null;
}

async function notAdmin(actor: Actor, action: string) {
  await audit(actor, { action, recordType: 'fhir-server', outcome: 'denied', detail: 'not-admin' });
  return invalid('Only an admin can configure the FHIR server');
}

export async function saveFhirServer(actor: Actor, form: unknown): Promise<ServiceResult<FhirServerView>> {
  if (actor.role !== 'admin') return notAdmin(actor, 'fhir-server.update');
  const parsed = ZFhirServerFormSchema.safeParse(form);
  if (!parsed.success) return invalid('Check the FHIR server settings', fieldErrorsOf(parsed.error.issues));
  const { baseUrl, auth, token } = parsed.data;
  const existing = await findFhirServer(actor.organisationId);
  let tokenCiphertext: string | null = null;
  if (auth === 'bearer') tokenCiphertext = encryptToken(token, actor.organisationId, fhirTokenKey());
  if (auth === 'keep') {
    if (!existing?.tokenCiphertext) return invalid('Check the FHIR server settings', { auth: ['No bearer token is stored: enter one, or choose no authentication'] });
    // A stored token goes only to the server it was entered for.
    if (new URL(existing.baseUrl).origin !== new URL(baseUrl).origin) return invalid('Check the FHIR server settings', { token: ['The server moved to another address: enter its bearer token again'] });
    tokenCiphertext = existing.tokenCiphertext;
  }
  const row = await withTransaction(async (tx) => {
    const saved = await upsertFhirServer({ organisationId: actor.organisationId, baseUrl, tokenCiphertext, updatedById: actor.userId }, tx);
    await auditIn(tx, actor, { action: 'fhir-server.update', recordType: 'fhir-server', recordId: saved.id, detail: `auth=${auth}; base=${baseUrl}`.slice(0, 200) });
    return saved;
  });
  return { ok: true, data: viewOf(row) };
}

export async function removeFhirServer(actor: Actor): Promise<ServiceResult<null>> {
  if (actor.role !== 'admin') return notAdmin(actor, 'fhir-server.remove');
  const removed = await withTransaction(async (tx) => {
    const existing = await findFhirServer(actor.organisationId, tx);
    const done = await deleteFhirServer(actor.organisationId, tx);
    await auditIn(tx, actor, { action: 'fhir-server.remove', recordType: 'fhir-server', recordId: existing?.id ?? null, outcome: done ? 'success' : 'failure', detail: done ? null : 'none configured' });
    return done;
  });
  return removed ? { ok: true, data: null } : invalid('This clinic has no FHIR server to remove');
}

/** The server to call for the actor's clinic, with the Authorization header; a message when it cannot be used. */
export async function fhirServerForImport(organisationId: string): Promise<{ ok: true; baseUrl: string; authorization: string | null } | { ok: false; message: string; kind: string }> {
  const row = await findFhirServer(organisationId);
  if (!row) return { ok: false, kind: 'no-server', message: 'This clinic has no FHIR server: an admin configures it on the Admin page' };
  if (!row.tokenCiphertext) return { ok: true, baseUrl: row.baseUrl, authorization: null };
  const token = decryptToken(row.tokenCiphertext, organisationId, fhirTokenKey());
  if (!token.ok) {
    return { ok: false, kind: `token-${token.reason}`, message: token.reason === 'other-key'
      ? 'The FHIR server\'s token was stored under another key (FHIR_TOKEN_KEY or BETTER_AUTH_SECRET changed): an admin must enter it again'
      : 'The FHIR server\'s stored token cannot be read: an admin must enter it again' };
  }
  return { ok: true, baseUrl: row.baseUrl, authorization: `Bearer ${token.token}` };
}
