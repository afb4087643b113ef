import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getActiveSession } from '@/lib/auth/actor';
import { safeLocalPath } from '@/lib/auth/request';
import { signInAction, verifyTotpAction } from './actions';

export const metadata: Metadata = { title: 'Sign in · RLS Workup' };

const REASONS: Record<string, string> = {
  idle: 'You were signed out after a period without activity. Sign in to continue where you were.',
  expired: 'Your session reached its maximum length. Sign in to continue where you were.',
  'signed-out': 'You are signed out.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; reason?: string }> }) {
  const { next, reason } = await searchParams;
  const back = safeLocalPath(next) ?? '/patients';
  if (await getActiveSession(await headers(), { touch: false })) redirect(back.startsWith('/sign-in') ? '/patients' : back);
  return (
    <>
      <h1>Sign in to RLS Workup</h1>
      {reason && REASONS[reason] ? <p className="notices" role="status">{REASONS[reason]}</p> : null}
      <SignInForm next={back} signIn={signInAction} verifyTotp={verifyTotpAction} />
      <p className="meta">For clinicians. Accounts are created by your clinic&apos;s administrator.</p>
    </>
  );
}
