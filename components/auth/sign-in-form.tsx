'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { ZSignInSchema, ZTotpSchema, type TSignInForm } from '@/lib/schemas/sign-in';
import { useHydrated } from '@/components/ui/use-hydrated';

export type SignInActionResult = { ok: true; twoFactor: boolean } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

interface SignInFormProps {
  next: string;
  signIn: (values: TSignInForm, next: string) => Promise<SignInActionResult>;
  verifyTotp: (values: { code: string }, next: string) => Promise<SignInActionResult>;
}

/** Email and password, then (when the account has one) the TOTP code. */
export function SignInForm({ next, signIn, verifyTotp }: SignInFormProps) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const passwordForm = useForm<TSignInForm>({ resolver: zodResolver(ZSignInSchema), defaultValues: { email: '', password: '' } });
  const totpForm = useForm<{ code: string }>({ resolver: zodResolver(ZTotpSchema), defaultValues: { code: '' } });

  const run = (action: () => Promise<SignInActionResult>, onError: (r: Extract<SignInActionResult, { ok: false }>) => void) =>
    new Promise<void>((resolve) => startTransition(async () => {
      const r = await action();
      if (!r.ok) onError(r);
      else if (r.twoFactor) setStep('totp');
      resolve();
    }));

  if (step === 'totp') {
    const { register, handleSubmit, setError, formState } = totpForm;
    return (
      <form onSubmit={handleSubmit((v) => run(() => verifyTotp(v, next), (r) => setError('code', { message: r.message })))} noValidate>
        <fieldset disabled={!hydrated || pending}>
          <legend>Second factor</legend>
          <label htmlFor="code">6-digit code from your authenticator app</label>
          <input id="code" inputMode="numeric" autoComplete="one-time-code" aria-describedby="code-error" aria-invalid={formState.errors.code ? true : undefined} {...register('code')} />
          <span id="code-error" className="field-error" aria-live="polite">{formState.errors.code?.message ?? ''}</span>
          <button type="submit">Verify</button>
        </fieldset>
      </form>
    );
  }
  const { register, handleSubmit, setError, formState } = passwordForm;
  const e = formState.errors;
  return (
    <form
      className="sign-in"
      noValidate
      onSubmit={handleSubmit((v) => run(() => signIn(v, next), (r) => {
        for (const [path, messages] of Object.entries(r.fieldErrors)) setError(path as keyof TSignInForm, { message: messages.join('; ') });
        setError('root', { message: r.message });
      }))}
    >
      <fieldset disabled={!hydrated || pending}>
        <legend className="visually-hidden">Sign in</legend>
        <p role="alert" className="form-error">{e.root?.message ?? ''}</p>
        <label htmlFor="email">Email</label>
        <input id="email" type="email" autoComplete="username" aria-describedby="email-error" aria-invalid={e.email ? true : undefined} {...register('email')} />
        <span id="email-error" className="field-error" aria-live="polite">{e.email?.message ?? ''}</span>
        <label htmlFor="password">Password</label>
        <input id="password" type="password" autoComplete="current-password" aria-describedby="password-error" aria-invalid={e.password ? true : undefined} {...register('password')} />
        <span id="password-error" className="field-error" aria-live="polite">{e.password?.message ?? ''}</span>
        <button type="submit">{pending ? 'Signing in…' : 'Sign in'}</button>
      </fieldset>
    </form>
  );
}
