import { NextResponse } from 'next/server';
import { NO_STORE, apiError, readTextUpTo } from '@/lib/api/errors';
import { actorForRequest } from '@/lib/auth/actor';
import { checkSameOrigin, clientAddressOf } from '@/lib/auth/request';
import { MAX_IMPORT_BYTES } from '@/lib/fhir/parse';
import { audit, auditAnonymous } from '@/lib/services/audit';
import { importFhirForPatient } from '@/lib/services/fhir-import';

export const dynamic = 'force-dynamic';

const TYPES = ['application/fhir+json', 'application/json', 'application/fhir+ndjson', 'application/x-ndjson', 'application/ndjson'];

/**
 * POST /api/patients/:id/fhir-import: a FHIR R4 Bundle or NDJSON export as the body; answers the
 * pre-filled intake form with the provenance of every value. Saves nothing (the import is audited).
 * A route handler rather than a server action so that a whole export fits under its own limit.
 */
export async function POST(request: Request, { params }: { params: Promise<{ patientId: string }> }): Promise<NextResponse> {
  const { patientId } = await params;
  const target = { action: 'fhir.import', recordType: 'patient', recordId: String(patientId).slice(0, 64), outcome: 'denied' } as const;
  const actor = await actorForRequest(request);
  if (!actor) {
    await auditAnonymous(clientAddressOf(request.headers), { ...target, detail: 'unauthenticated' });
    return apiError('unauthenticated');
  }
  const origin = checkSameOrigin(request.headers);
  if (!origin.ok) {
    await audit(actor, { ...target, detail: `cross-site: ${origin.reason}`.slice(0, 200) });
    return apiError('forbidden-origin');
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!TYPES.includes(type)) return NextResponse.json({ error: 'unsupported-media-type', message: `Send the file as ${TYPES.join(', ')}`, issues: [] }, { status: 415, headers: NO_STORE });
  const declared = Number(request.headers.get('content-length') ?? '0');
  const text = declared > MAX_IMPORT_BYTES ? null : await readTextUpTo(request, MAX_IMPORT_BYTES);
  if (text === null) return apiError('payload-too-large', [{ path: '', message: `At most ${MAX_IMPORT_BYTES / 1024 / 1024} MB` }]);
  const result = await importFhirForPatient(actor, String(patientId).slice(0, 64), text);
  if (!result.ok) {
    if (result.notFound) return NextResponse.json({ error: 'not-found', message: 'Patient not found', issues: [] }, { status: 404, headers: NO_STORE });
    return NextResponse.json({ error: 'invalid-input', message: result.message, issues: [] }, { status: 400, headers: NO_STORE });
  }
  return NextResponse.json(result.data, { headers: NO_STORE });
}
