'use client';
/**
 * Warns before the session ends and, when it has ended, sends the clinician to sign in with a way
 * back to the same page. It polls the server (without extending the session) so another tab's
 * activity is taken into account.
 */
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';

const WARN_BEFORE_MS = 2 * 60_000;

export function SessionTimer({ idleExpiresAt, absoluteExpiresAt, keepAlive }: { idleExpiresAt: string; absoluteExpiresAt: string; keepAlive: () => Promise<{ idleExpiresAt: string } | null> }) {
  const pathname = usePathname();
  const [deadline, setDeadline] = useState(() => Math.min(Date.parse(idleExpiresAt), Date.parse(absoluteExpiresAt)));
  const [now, setNow] = useState(() => Date.now());

  const refresh = useCallback(async () => {
    const res = await fetch('/api/session', { cache: 'no-store' });
    if (res.status === 401) {
      window.location.assign(`/sign-in?reason=idle&next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
      return;
    }
    if (res.ok) {
      const t = (await res.json()) as { idleExpiresAt: string; absoluteExpiresAt: string };
      setDeadline(Math.min(Date.parse(t.idleExpiresAt), Date.parse(t.absoluteExpiresAt)));
    }
  }, []);

  useEffect(() => { void refresh(); }, [pathname, refresh]);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 5_000);
    const poll = setInterval(() => void refresh(), 60_000);
    return () => { clearInterval(tick); clearInterval(poll); };
  }, [refresh]);
  useEffect(() => { if (now >= deadline) void refresh(); }, [now, deadline, refresh]);

  const left = deadline - now;
  if (left > WARN_BEFORE_MS) return null;
  const stay = async () => {
    const r = await keepAlive();
    if (r) setDeadline(Math.min(Date.parse(r.idleExpiresAt), Date.parse(absoluteExpiresAt)));
    else void refresh();
  };
  return (
    <div className="session-warning" role="alertdialog" aria-labelledby="session-warning-h" aria-live="assertive">
      <p id="session-warning-h"><strong>Your session ends in {Math.max(0, Math.ceil(left / 60_000))} minute{left > 60_000 ? 's' : ''}.</strong> Unsaved entries will be lost.</p>
      <button type="button" onClick={stay}>Stay signed in</button>
    </div>
  );
}
