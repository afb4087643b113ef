import type { Metadata } from 'next';
import { TotpSetup } from '@/components/auth/totp-setup';
import { requireActor } from '@/lib/auth/actor';
import { hasTwoFactor } from '@/lib/services/account';
import { confirmTotpAction, startTotpAction } from './actions';

export const metadata: Metadata = { title: 'Account · RLS Workup' };

export default async function AccountPage() {
  const actor = await requireActor();
  const enabled = await hasTwoFactor(actor);
  return (
    <>
      <h1>Your account</h1>
      <p>{actor.name} · {actor.email} · {actor.role}</p>
      <h2>Two-factor sign-in</h2>
      {enabled ? <p data-two-factor="on">On: signing in asks for a code from your authenticator app.</p> : (
        <>
          <p data-two-factor="off">Off. Turning it on is recommended: signing in will also ask for a 6-digit code from an authenticator app.</p>
          <TotpSetup start={startTotpAction} confirm={confirmTotpAction} />
        </>
      )}
      <p><a href="/break-glass">Emergency access to another clinic&apos;s patient</a></p>
    </>
  );
}
