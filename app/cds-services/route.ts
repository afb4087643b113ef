import type { NextResponse } from 'next/server';
import { clientAddressOf } from '@/lib/auth/request';
import { audienceOf, cdsJson, preflight, unauthorized } from '@/lib/cds/http';
import { discovery } from '@/lib/cds/service';
import { auditDiscovery, authenticateCdsCall } from '@/lib/services/cds';

export const dynamic = 'force-dynamic';

/** GET /cds-services: CDS Hooks discovery, for a client that signs its call with a trusted key. */
export async function GET(request: Request): Promise<NextResponse> {
  const auth = await authenticateCdsCall(request.headers.get('authorization'), audienceOf(request), clientAddressOf(request.headers));
  if (!auth.ok) return unauthorized(auth.reason);
  await auditDiscovery(auth.caller);
  return cdsJson(discovery());
}

export function OPTIONS(): NextResponse {
  return preflight();
}
