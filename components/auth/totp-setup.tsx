'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';

type Result = { ok: true; totpURI?: string; secret?: string; backupCodes?: string[] } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/** Two steps: confirm the password to get a secret for the authenticator app, then enter a first code. */
export function TotpSetup({ start, confirm }: { start: (v: { password: string }) => Promise<Result>; confirm: (v: { code: string }) => Promise<Result> }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [setup, setSetup] = useState<{ totpURI: string; secret: string; backupCodes: string[] } | null>(null);
  const [error, setError] = useState('');
  if (!setup) {
    return (
      <form className="patient-form" onSubmit={(e) => {
        e.preventDefault();
        const password = String(new FormData(e.currentTarget).get('password') ?? '');
        startTransition(async () => {
          const r = await start({ password });
          if (r.ok && r.totpURI && r.secret) { setSetup({ totpURI: r.totpURI, secret: r.secret, backupCodes: r.backupCodes ?? [] }); setError(''); } else if (!r.ok) setError(r.message);
        });
      }}>
        <fieldset disabled={!hydrated || pending}>
          <legend>Set up a second factor (TOTP)</legend>
          <div className="field">
            <label htmlFor="totp-password">Your password</label>
            <input id="totp-password" name="password" type="password" autoComplete="current-password" aria-describedby="totp-password-error" />
            <span id="totp-password-error" className="field-error" aria-live="polite">{error}</span>
          </div>
          <button type="submit">Continue</button>
        </fieldset>
      </form>
    );
  }
  return (
    <form className="patient-form" onSubmit={(e) => {
      e.preventDefault();
      const code = String(new FormData(e.currentTarget).get('code') ?? '');
      startTransition(async () => {
        const r = await confirm({ code });
        if (r.ok) router.refresh(); else setError(r.message);
      });
    }}>
      <fieldset disabled={!hydrated || pending}>
        <legend>Add the account to your authenticator app</legend>
        <p>Enter this key in the app (or open the link on the device that has it): <code data-totp-secret>{setup.secret}</code></p>
        <p className="meta"><a href={setup.totpURI}>otpauth link</a>. Keep these one-time backup codes somewhere safe: {setup.backupCodes.join(' ')}</p>
        <div className="field">
          <label htmlFor="totp-code">6-digit code</label>
          <input id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" aria-describedby="totp-code-error" />
          <span id="totp-code-error" className="field-error" aria-live="polite">{error}</span>
        </div>
        <button type="submit">Turn on two-factor sign-in</button>
      </fieldset>
    </form>
  );
}
