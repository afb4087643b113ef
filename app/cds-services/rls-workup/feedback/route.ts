import type { NextResponse } from 'next/server';
import { readJson } from '@/lib/api/errors';
import { clientAddressOf } from '@/lib/auth/request';
import { audienceOf, cdsJson, preflight, unauthorized } from '@/lib/cds/http';
import { outcome } from '@/lib/cds/service';
import { authenticateCdsCall, storeFeedback } from '@/lib/services/cds';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 64 * 1024;

/** POST /cds-services/rls-workup/feedback: accepted / overridden outcomes of the cards. */
export async function POST(request: Request): Promise<NextResponse> {
  const auth = await authenticateCdsCall(request.headers.get('authorization'), audienceOf(request), clientAddressOf(request.headers));
  if (!auth.ok) return unauthorized(auth.reason);
  const body = await readJson(request, MAX_BODY_BYTES);
  if (!body.ok) return cdsJson(outcome('invalid', 'The body must be JSON (application/json) of at most 64 KB'), body.response.status);
  const answer = await storeFeedback(auth.caller, body.value);
  return cdsJson(answer.body, answer.status);
}

export function OPTIONS(): NextResponse {
  return preflight();
}
