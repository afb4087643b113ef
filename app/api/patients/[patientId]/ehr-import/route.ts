import { NextResponse } from 'next/server';
import { NO_STORE, apiError, readJson } from '@/lib/api/errors';
import { actorForRequest } from '@/lib/auth/actor';
import { checkSameOrigin } from '@/lib/auth/request';
import { importFromEhr } from '@/lib/services/fhir-import';

export const dynamic = 'force-dynamic';

/**
 * POST /api/patients/:id/ehr-import `{ "ehrPatientId": "…" }`: "Import from EHR". The clinic's
 * configured FHIR server is asked for that patient; the answer is the same pre-filled intake form as
 * an upload's. Saves nothing (the import is audited). 502 when the FHIR server gave nothing usable.
 */
export async function POST(request: Request, { params }: { params: Promise<{ patientId: string }> }): Promise<NextResponse> {
  const actor = await actorForRequest(request);
  if (!actor) return apiError('unauthenticated');
  if (!checkSameOrigin(request.headers).ok) return apiError('forbidden-origin');
  const body = await readJson(request, 1024);
  if (!body.ok) return body.response;
  const raw = (body.value as { ehrPatientId?: unknown } | null)?.ehrPatientId;
  const { patientId } = await params;
  const result = await importFromEhr(actor, String(patientId).slice(0, 64), typeof raw === 'string' ? raw : '');
  if (!result.ok) {
    if (result.notFound) return NextResponse.json({ error: 'not-found', message: 'Patient not found', issues: [] }, { status: 404, headers: NO_STORE });
    const issues = Object.entries(result.fieldErrors).flatMap(([path, ms]) => ms.map((message) => ({ path, message })));
    return NextResponse.json({ error: result.upstream ? 'fhir-server' : 'invalid-input', message: result.message, issues }, { status: result.upstream ? 502 : 400, headers: NO_STORE });
  }
  return NextResponse.json(result.data, { headers: NO_STORE });
}
