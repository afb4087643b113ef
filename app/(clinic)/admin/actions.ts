'use server';
import { revalidatePath } from 'next/cache';
import { requireActionActor } from '@/lib/auth/actor';
import { removeFhirServer, saveFhirServer } from '@/lib/services/fhir-server';
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

export type FhirServerActionResult = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/** Sets the clinic's FHIR server. The token goes to the service, which stores it encrypted; nothing sends it back. */
export async function saveFhirServerAction(values: unknown): Promise<FhirServerActionResult> {
  const result = await saveFhirServer(await requireActionActor('fhir-server.update'), values);
  if (!result.ok) return result;
  revalidatePath('/admin');
  return { ok: true };
}

export async function removeFhirServerAction(): Promise<FhirServerActionResult> {
  const result = await removeFhirServer(await requireActionActor('fhir-server.remove'));
  if (!result.ok) return result;
  revalidatePath('/admin');
  return { ok: true };
}
