'use server';
import { headers } from 'next/headers';
import { requireActionActor } from '@/lib/auth/actor';
import { confirmTotp, startTotpSetup } from '@/lib/services/account';

export type TotpSetupResult = { ok: true; totpURI?: string; secret?: string; backupCodes?: string[] } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

export async function startTotpAction(values: unknown): Promise<TotpSetupResult> {
  const actor = await requireActionActor('account.totp-setup');
  const r = await startTotpSetup(actor, values, await headers());
  return r.ok ? { ok: true, ...r.data } : r;
}

export async function confirmTotpAction(values: unknown): Promise<TotpSetupResult> {
  const actor = await requireActionActor('account.totp-confirm');
  const r = await confirmTotp(actor, values, await headers());
  return r.ok ? { ok: true } : r;
}
