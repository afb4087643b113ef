'use server';
import { redirect } from 'next/navigation';
import { requireActionActor } from '@/lib/auth/actor';
import { breakGlass } from '@/lib/services/break-glass';

export type BreakGlassResult = { ok: false; message: string; fieldErrors: Record<string, string[]> };

export async function breakGlassAction(values: unknown): Promise<BreakGlassResult> {
  const result = await breakGlass(await requireActionActor('break-glass.grant'), values);
  if (!result.ok) return result;
  redirect(`/patients/${result.data.patientId}`);
}
