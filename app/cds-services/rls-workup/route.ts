import type { NextResponse } from 'next/server';
import { readJson } from '@/lib/api/errors';
import { clientAddressOf } from '@/lib/auth/request';
import { audienceOf, cdsJson, preflight, unauthorized } from '@/lib/cds/http';
import { outcome } from '@/lib/cds/service';
import { logger } from '@/lib/logger';
import { authenticateCdsCall, patientView } from '@/lib/services/cds';

export const dynamic = 'force-dynamic';

/** A whole patient's prefetch (observations, medications, conditions) stays well under this. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** POST /cds-services/rls-workup: the patient-view hook. */
export async function POST(request: Request): Promise<NextResponse> {
  const auth = await authenticateCdsCall(request.headers.get('authorization'), audienceOf(request), clientAddressOf(request.headers));
  if (!auth.ok) return unauthorized(auth.reason);
  const body = await readJson(request, MAX_BODY_BYTES);
  if (!body.ok) return cdsJson(outcome('invalid', 'The body must be JSON (application/json) of at most 8 MB'), body.response.status);
  try {
    const answer = await patientView(auth.caller, body.value, new URL(audienceOf(request)).origin);
    return cdsJson(answer.body, answer.status);
  } catch (e) {
    logger.error({ err: (e as Error).message }, 'patient-view failed');
    return cdsJson(outcome('exception', 'The service could not complete the evaluation; no cards were returned'), 500);
  }
}

export function OPTIONS(): NextResponse {
  return preflight();
}
