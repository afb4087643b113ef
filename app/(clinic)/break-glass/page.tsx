import type { Metadata } from 'next';
import { BreakGlassForm } from '@/components/auth/break-glass-form';
import { requireActor } from '@/lib/auth/actor';
import { breakGlassOrganisations } from '@/lib/services/break-glass';
import { breakGlassAction } from './actions';

export const metadata: Metadata = { title: 'Emergency access · RLS Workup' };

export default async function BreakGlassPage() {
  const actor = await requireActor();
  const organisations = await breakGlassOrganisations(actor);
  return (
    <>
      <h1>Emergency access to another clinic&apos;s patient</h1>
      <p>
        For an urgent clinical need only. Access is read-only, ends after the time you choose, and is recorded with your reason in the
        audit trail of both clinics, where administrators review it.
      </p>
      <BreakGlassForm organisations={organisations} action={breakGlassAction} />
    </>
  );
}
