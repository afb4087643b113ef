import { headers } from 'next/headers';
import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { SessionTimer } from '@/components/auth/session-timer';
import { activeSessionOfRequest, returnPath } from '@/lib/auth/actor';
import { Providers } from '../providers';
import { keepAliveAction, signOutAction } from './session-actions';

// Every clinic page reads patient data per request: never prerendered, never cached.
export const dynamic = 'force-dynamic';

export default async function ClinicLayout({ children }: { children: ReactNode }) {
  const h = await headers();
  const active = await activeSessionOfRequest();
  // Each page checks again itself; this only shapes the shell.
  if (!active) redirect(`/sign-in?next=${encodeURIComponent(returnPath(h))}`);
  const { actor, times } = active;
  return (
    <>
      <header className="app-header">
        <nav aria-label="Main">
          <Link href="/patients" className="brand">RLS Workup</Link>
          <Link href="/patients">Patients</Link>
          <Link href="/rules">Rules and verification</Link>
          <Link href="/account">Account</Link>
          {actor.role === 'admin' ? <Link href="/admin">Admin</Link> : null}
        </nav>
        <div className="who">
          {actor.name} ({actor.role}){' '}
          <SignOutButton action={signOutAction} />
        </div>
      </header>
      <main id="main" className="page">
        <Providers>{children}</Providers>
      </main>
      <SessionTimer idleExpiresAt={times.idleExpiresAt.toISOString()} absoluteExpiresAt={times.absoluteExpiresAt.toISOString()} keepAlive={keepAliveAction} />
      <footer className="app-footer">
        Decision support for clinicians about adults with RLS. It suggests possible contributors and workup; it does not diagnose, order or prescribe.
      </footer>
    </>
  );
}
