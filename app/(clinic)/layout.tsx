import Link from 'next/link';
import type { ReactNode } from 'react';
import { currentActor } from '@/lib/auth/actor';
import { Providers } from '../providers';

// Every clinic page reads patient data per request: never prerendered, never cached.
export const dynamic = 'force-dynamic';

export default async function ClinicLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  return (
    <>
      <header className="app-header">
        <nav aria-label="Main">
          <Link href="/patients" className="brand">RLS Workup</Link>
          <Link href="/patients">Patients</Link>
          <Link href="/rules">Rules and verification</Link>
        </nav>
        <p className="who">{actor.name} · demo mode</p>
      </header>
      <main id="main" className="page">
        <Providers>{children}</Providers>
      </main>
      <footer className="app-footer">
        Decision support for clinicians about adults with RLS. It suggests possible contributors and workup; it does not diagnose, order or prescribe.
      </footer>
    </>
  );
}
