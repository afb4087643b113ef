'use client';
/**
 * Sign out through the server action, called with no arguments (a plain-text body like every other
 * action): the proxy accepts no multipart action bodies.
 */
import { useTransition } from 'react';

export function SignOutButton({ action }: { action: () => Promise<void> }) {
  const [pending, startTransition] = useTransition();
  return (
    <button type="button" className="secondary" disabled={pending} onClick={() => startTransition(() => action())}>
      Sign out
    </button>
  );
}
