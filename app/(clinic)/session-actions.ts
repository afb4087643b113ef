'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getActiveSession } from '@/lib/auth/actor';
import { refusedCrossSite } from '@/lib/services/refusals';
import { signOut } from '@/lib/services/sign-in';

/** "Stay signed in": a request that counts as activity. Returns the new idle deadline. */
export async function keepAliveAction(): Promise<{ idleExpiresAt: string } | null> {
  const h = await headers();
  if (await refusedCrossSite(h, 'session.keep-alive')) return null;
  const active = await getActiveSession(h);
  return active ? { idleExpiresAt: active.times.idleExpiresAt.toISOString() } : null;
}

export async function signOutAction(): Promise<void> {
  const h = await headers();
  if (await refusedCrossSite(h, 'auth.sign-out')) throw new Error('Refused: cross-site request');
  const active = await getActiveSession(h, { touch: false });
  await signOut(h, active?.actor ?? null);
  redirect('/sign-in?reason=signed-out');
}
