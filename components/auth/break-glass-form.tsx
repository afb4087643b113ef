'use client';
import { useState, useTransition } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';

type Result = { ok: false; message: string; fieldErrors: Record<string, string[]> };

/** Emergency access request: organisation, MRN, reason and a time box. */
export function BreakGlassForm({ organisations, action }: { organisations: { slug: string; name: string }[]; action: (values: unknown) => Promise<Result> }) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Result | null>(null);
  const err = (f: string) => result?.fieldErrors[f]?.join('; ') ?? '';
  return (
    <form
      className="patient-form"
      onSubmit={(e) => {
        e.preventDefault();
        const data = Object.fromEntries(new FormData(e.currentTarget));
        startTransition(async () => setResult(await action(data)));
      }}
    >
      <fieldset disabled={!hydrated || pending}>
        <legend className="visually-hidden">Emergency access</legend>
        <p role="alert" className="form-error">{result?.message ?? ''}</p>
        <div className="field">
          <label htmlFor="bg-org">Organisation</label>
          <select id="bg-org" name="organisationSlug" aria-describedby="bg-org-error" defaultValue="">
            <option value="">Choose</option>
            {organisations.map((o) => <option key={o.slug} value={o.slug}>{o.name}</option>)}
          </select>
          <span id="bg-org-error" className="field-error" aria-live="polite">{err('organisationSlug')}</span>
        </div>
        <div className="field">
          <label htmlFor="bg-mrn">MRN</label>
          <input id="bg-mrn" name="mrn" aria-describedby="bg-mrn-error" />
          <span id="bg-mrn-error" className="field-error" aria-live="polite">{err('mrn')}</span>
        </div>
        <div className="field">
          <label htmlFor="bg-reason">Clinical reason</label>
          <textarea id="bg-reason" name="reason" rows={3} aria-describedby="bg-reason-error" />
          <span id="bg-reason-error" className="field-error" aria-live="polite">{err('reason')}</span>
        </div>
        <div className="field">
          <label htmlFor="bg-minutes">For</label>
          <select id="bg-minutes" name="minutes" defaultValue="15">
            <option value="15">15 minutes</option>
            <option value="30">30 minutes</option>
            <option value="60">60 minutes</option>
          </select>
        </div>
        <button type="submit">Open emergency access</button>
      </fieldset>
    </form>
  );
}
