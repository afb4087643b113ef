import 'server-only';
/**
 * Sign-in: per-account and per-address limits on failures (counted from the audit trail, so they hold
 * across instances), Better Auth for the password check and the new session, optional TOTP, and an
 * audit event for every attempt.
 */
import { isAuthApiError } from '@/lib/auth/api-error';
import { getAuth } from '@/lib/auth/auth';
import { clientAddressOf } from '@/lib/auth/request';
import { countAuditEvents } from '@/lib/db/audit';
import { findUserByEmail } from '@/lib/db/users';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { ZSignInSchema, ZTotpSchema } from '@/lib/schemas/sign-in';
import { audit, auditAnonymous, type AuditActor } from './audit';
import { fieldErrorsOf, invalid, type ServiceResult } from './result';

export type SignInResult = ServiceResult<{ twoFactor: boolean }>;

/** Addresses are shared (clinic NAT): they get four times the per-account allowance. */
const ADDRESS_FACTOR = 4;

async function tooManyFailures(email: string, clientAddress: string | null): Promise<string | null> {
  const since = new Date(Date.now() - env.SIGN_IN_WINDOW_MINUTES * 60_000);
  const byAccount = await countAuditEvents({ action: 'auth.sign-in', outcome: 'failure', since, detail: `account:${email}` });
  if (byAccount >= env.SIGN_IN_MAX_FAILURES) return `Too many failed sign-ins for this account. Wait ${env.SIGN_IN_WINDOW_MINUTES} minutes and try again, or ask an admin.`;
  if (clientAddress) {
    const byAddress = await countAuditEvents({ action: 'auth.sign-in', outcome: 'failure', since, clientAddress });
    if (byAddress >= env.SIGN_IN_MAX_FAILURES * ADDRESS_FACTOR) return `Too many failed sign-ins from this network address. Wait ${env.SIGN_IN_WINDOW_MINUTES} minutes and try again.`;
  }
  return null;
}

export async function signIn(form: unknown, h: Headers): Promise<SignInResult> {
  const parsed = ZSignInSchema.safeParse(form);
  if (!parsed.success) return invalid('Check the highlighted fields', fieldErrorsOf(parsed.error.issues));
  const { email, password } = parsed.data;
  const clientAddress = clientAddressOf(h);
  const limited = await tooManyFailures(email, clientAddress);
  if (limited) {
    await auditAnonymous(clientAddress, { action: 'auth.sign-in', outcome: 'denied', detail: 'rate-limited' });
    return invalid(limited);
  }
  const user = await findUserByEmail(email);
  try {
    const result = await getAuth().api.signInEmail({ body: { email, password, rememberMe: false }, headers: h });
    const twoFactor = 'twoFactorRedirect' in result && result.twoFactorRedirect === true;
    await auditAnonymous(clientAddress, { action: twoFactor ? 'auth.sign-in.password' : 'auth.sign-in', outcome: 'success', userId: user?.id ?? null, organisationId: user?.organisationId ?? null });
    return { ok: true, data: { twoFactor } };
  } catch (e) {
    if (!isAuthApiError(e)) {
      logger.error({ err: (e as Error).message }, 'sign-in failed unexpectedly');
      return invalid('Sign-in is unavailable right now. Try again in a moment.');
    }
    await auditAnonymous(clientAddress, { action: 'auth.sign-in', outcome: 'failure', detail: `account:${email}`, userId: user?.id ?? null, organisationId: user?.organisationId ?? null });
    // One message for unknown account and wrong password: no account enumeration.
    return invalid('The email or password is not right.');
  }
}

export async function verifyTotp(form: unknown, h: Headers): Promise<ServiceResult<null>> {
  const parsed = ZTotpSchema.safeParse(form);
  if (!parsed.success) return invalid('Check the code', fieldErrorsOf(parsed.error.issues));
  const clientAddress = clientAddressOf(h);
  try {
    const result = await getAuth().api.verifyTOTP({ body: { code: parsed.data.code, trustDevice: false }, headers: h });
    const u = result.user as { id: string; organisationId?: string };
    await auditAnonymous(clientAddress, { action: 'auth.sign-in', outcome: 'success', detail: 'totp', userId: u.id, organisationId: u.organisationId ?? null });
    return { ok: true, data: null };
  } catch (e) {
    await auditAnonymous(clientAddress, { action: 'auth.sign-in.totp', outcome: 'failure', detail: isAuthApiError(e) ? 'wrong-code' : 'error' });
    return invalid('That code is not right, or it has expired. Sign in again if the problem persists.', { code: ['Code not accepted'] });
  }
}

export async function signOut(h: Headers, actor: AuditActor | null): Promise<void> {
  try {
    await getAuth().api.signOut({ headers: h });
  } finally {
    if (actor) await audit(actor, { action: 'auth.sign-out' });
  }
}
