'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';

type Result = { ok: true; secret?: string; name?: string } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/** Issue a token (its secret is shown once) or revoke one. */
export function IssueTokenForm({ action }: { action: (values: { name: string }) => Promise<Result> }) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Result | null>(null);
  return (
    <form
      className="patient-form"
      onSubmit={(e) => {
        e.preventDefault();
        const name = String(new FormData(e.currentTarget).get('name') ?? '');
        startTransition(async () => setResult(await action({ name })));
      }}
    >
      <fieldset disabled={!hydrated || pending}>
        <legend>Issue an API token</legend>
        <div className="field">
          <label htmlFor="token-name">Token name</label>
          <input id="token-name" name="name" aria-describedby="token-name-error" />
          <span id="token-name-error" className="field-error" aria-live="polite">{result && !result.ok ? result.fieldErrors.name?.join('; ') ?? result.message : ''}</span>
        </div>
        <button type="submit">Issue token</button>
      </fieldset>
      {result?.ok && result.secret ? (
        <p role="status" className="notices" data-token-secret>
          Token &ldquo;{result.name}&rdquo;: <code>{result.secret}</code>. Copy it now: it is stored only as a hash and cannot be shown again.
        </p>
      ) : null}
    </form>
  );
}

export function RevokeTokenButton({ tokenId, name, action }: { tokenId: string; name: string; action: (id: string) => Promise<Result> }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  return (
    <button type="button" className="secondary" disabled={!hydrated || pending} aria-label={`Revoke token ${name}`} onClick={() => startTransition(async () => { await action(tokenId); router.refresh(); })}>
      Revoke
    </button>
  );
}
