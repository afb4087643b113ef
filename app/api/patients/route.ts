import { NextResponse } from 'next/server';
import { NO_STORE } from '@/lib/api/errors';
import { actorForRequest } from '@/lib/auth/actor';
import { searchPatients } from '@/lib/services/patients';

export const dynamic = 'force-dynamic';

/** GET /api/patients?q=: the patient search behind the list page (TanStack Query). */
export async function GET(request: Request): Promise<NextResponse> {
  const actor = await actorForRequest(request);
  if (!actor) return NextResponse.json({ error: 'unauthenticated' }, { status: 401, headers: NO_STORE });
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100);
  const patients = await searchPatients(actor, q);
  return NextResponse.json(
    { patients: patients.map((p) => ({ id: p.id, mrn: p.mrn, givenName: p.givenName, familyName: p.familyName, birthDate: p.birthDate, sex: p.sex })) },
    { headers: NO_STORE },
  );
}
