'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';

type Result = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string[]> };
type Auth = 'none' | 'keep' | 'bearer';

export interface FhirServerFormProps {
  /** The current setting: the token itself never reaches the browser, only whether one is stored. */
  current: { baseUrl: string; auth: 'none' | 'bearer'; updatedAt: string } | null;
  save: (values: { baseUrl: string; auth: Auth; token: string }) => Promise<Result>;
  remove: () => Promise<Result>;
}

/** The clinic's EHR FHIR server: base URL, and no authentication, the stored bearer token, or a new one. */
export function FhirServerForm({ current, save, remove }: FhirServerFormProps) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Result | null>(null);
  const [auth, setAuth] = useState<Auth>(current?.auth === 'bearer' ? 'keep' : 'none');
  const errors = result && !result.ok ? result.fieldErrors : {};
  const err = (f: string) => errors[f]?.join('; ') ?? '';
  return (
    <form
      className="patient-form"
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        const values = { baseUrl: String(data.get('baseUrl') ?? ''), auth, token: auth === 'bearer' ? String(data.get('token') ?? '') : '' };
        startTransition(async () => {
          const r = await save(values);
          setResult(r);
          if (r.ok) {
            const token = form.elements.namedItem('token');
            if (token instanceof HTMLInputElement) token.value = '';
            if (auth === 'bearer') setAuth('keep');
            router.refresh();
          }
        });
      }}
    >
      <fieldset disabled={!hydrated || pending}>
        <legend>EHR FHIR server</legend>
        <div className="field">
          <label htmlFor="fhir-base-url">FHIR base URL</label>
          <input id="fhir-base-url" name="baseUrl" type="url" defaultValue={current?.baseUrl ?? ''} placeholder="https://ehr.example.org/fhir/R4" aria-describedby="fhir-base-url-error" />
          <span id="fhir-base-url-error" className="field-error" aria-live="polite">{err('baseUrl')}</span>
        </div>
        <fieldset className="radio-group" aria-describedby="fhir-auth-error">
          <legend>Authentication</legend>
          <label><input type="radio" name="auth" value="none" checked={auth === 'none'} onChange={() => setAuth('none')} /> None (an open server)</label>
          {current?.auth === 'bearer' ? <label><input type="radio" name="auth" value="keep" checked={auth === 'keep'} onChange={() => setAuth('keep')} /> Keep the stored bearer token</label> : null}
          <label><input type="radio" name="auth" value="bearer" checked={auth === 'bearer'} onChange={() => setAuth('bearer')} /> {current?.auth === 'bearer' ? 'A new bearer token' : 'Bearer token'}</label>
          <span id="fhir-auth-error" className="field-error" aria-live="polite">{err('auth')}</span>
        </fieldset>
        {auth === 'bearer' ? (
          <div className="field">
            <label htmlFor="fhir-token">Bearer token</label>
            <input id="fhir-token" name="token" type="password" autoComplete="new-password" spellCheck={false} aria-describedby="fhir-token-error" />
            <span id="fhir-token-error" className="field-error" aria-live="polite">{err('token')}</span>
          </div>
        ) : null}
        <button type="submit">Save FHIR server</button>{' '}
        {current ? (
          <button type="button" className="secondary" onClick={() => startTransition(async () => { const r = await remove(); setResult(r); if (r.ok) router.refresh(); })}>Remove FHIR server</button>
        ) : null}
      </fieldset>
      {result?.ok ? <p role="status" className="notices" data-fhir-saved>Saved.</p> : null}
      {result && !result.ok && Object.keys(result.fieldErrors).length === 0 ? <p role="alert" className="form-error">{result.message}</p> : null}
    </form>
  );
}
