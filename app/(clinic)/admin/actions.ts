'use server';
import { revalidatePath } from 'next/cache';
import { requireActionActor } from '@/lib/auth/actor';
import { issueApiToken, revokeApiToken } from '@/lib/services/tokens';

export type TokenActionResult = { ok: true; secret?: string; name?: string } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

export async function issueTokenAction(values: unknown): Promise<TokenActionResult> {
  const result = await issueApiToken(await requireActionActor('api-token.create'), values);
  if (!result.ok) return result;
  revalidatePath('/admin');
  return { ok: true, secret: result.data.secret, name: result.data.name };
}

export async function revokeTokenAction(tokenId: string): Promise<TokenActionResult> {
  const result = await revokeApiToken(await requireActionActor('api-token.revoke'), String(tokenId));
  if (!result.ok) return result;
  revalidatePath('/admin');
  return { ok: true };
}
