'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { SignInActionResult } from '@/components/auth/sign-in-form';
import { safeLocalPath } from '@/lib/auth/request';
import { refusedCrossSite } from '@/lib/services/refusals';
import { signIn, verifyTotp } from '@/lib/services/sign-in';

/** Only a path on this site is followed after sign-in (no open redirect), and never back to sign-in. */
function safeNext(next: unknown): string {
  const path = safeLocalPath(next);
  return path && !path.startsWith('/sign-in') ? path : '/patients';
}

export async function signInAction(values: unknown, next: unknown): Promise<SignInActionResult> {
  const h = await headers();
  if (await refusedCrossSite(h, 'auth.sign-in')) return { ok: false, message: 'Refused: the request did not come from this site.', fieldErrors: {} };
  const result = await signIn(values, h);
  if (!result.ok) return result;
  if (result.data.twoFactor) return { ok: true, twoFactor: true };
  redirect(safeNext(next));
}

export async function verifyTotpAction(values: unknown, next: unknown): Promise<SignInActionResult> {
  const h = await headers();
  if (await refusedCrossSite(h, 'auth.sign-in.totp')) return { ok: false, message: 'Refused: the request did not come from this site.', fieldErrors: {} };
  const result = await verifyTotp(values, h);
  if (!result.ok) return result;
  redirect(safeNext(next));
}
