import 'server-only';
/** The optional TOTP second factor: set up with the password, confirmed with a first code. Audited. */
import { isAuthApiError } from '@/lib/auth/api-error';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getAuth } from '@/lib/auth/auth';
import { twoFactorEnabled } from '@/lib/db/users';
import { ZTotpSchema } from '@/lib/schemas/sign-in';
import { audit } from './audit';
import { fieldErrorsOf, invalid, type ServiceResult } from './result';

const ZPasswordSchema = z.object({ password: z.string().min(1, 'Enter your password').max(128, 'At most 128 characters') });

export async function startTotpSetup(actor: Actor, form: unknown, h: Headers): Promise<ServiceResult<{ totpURI: string; secret: string; backupCodes: string[] }>> {
  const parsed = ZPasswordSchema.safeParse(form);
  if (!parsed.success) return invalid('Enter your password', fieldErrorsOf(parsed.error.issues));
  try {
    const r = await getAuth().api.enableTwoFactor({ headers: h, body: { password: parsed.data.password } });
    if (r.method !== 'totp') return invalid('Two-factor set-up is not available');
    await audit(actor, { action: 'auth.totp.setup', detail: 'started' });
    const secret = new URL(r.totpURI).searchParams.get('secret') ?? '';
    return { ok: true, data: { totpURI: r.totpURI, secret, backupCodes: r.backupCodes } };
  } catch (e) {
    await audit(actor, { action: 'auth.totp.setup', outcome: 'failure', detail: isAuthApiError(e) ? 'wrong-password' : 'error' });
    return invalid('The password is not right', { password: ['Password not accepted'] });
  }
}

export async function confirmTotp(actor: Actor, form: unknown, h: Headers): Promise<ServiceResult<null>> {
  const parsed = ZTotpSchema.safeParse(form);
  if (!parsed.success) return invalid('Check the code', fieldErrorsOf(parsed.error.issues));
  try {
    await getAuth().api.verifyTOTP({ headers: h, body: { code: parsed.data.code } });
    await audit(actor, { action: 'auth.totp.setup', detail: 'enabled' });
    return { ok: true, data: null };
  } catch {
    await audit(actor, { action: 'auth.totp.setup', outcome: 'failure', detail: 'wrong-code' });
    return invalid('That code is not right', { code: ['Code not accepted'] });
  }
}

export async function hasTwoFactor(actor: Actor): Promise<boolean> {
  return twoFactorEnabled(actor.userId);
}
