import { NextResponse } from 'next/server';
import { FRESH_CHECK_HEADER, databaseHealth, freshCheckToken } from '@/lib/db/health';
import { RULES_VERSION } from '@/lib/rules';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health: 200 when this instance can reach its database, 503 (within about two seconds)
 * when it cannot, with the reason. A load balancer takes an instance out of rotation on 503.
 */
export async function GET(request?: Request): Promise<NextResponse> {
  // The server's own check after a failed request (scripts/server.mjs) is never answered from a reused success.
  const token = freshCheckToken();
  const fresh = token !== undefined && request?.headers.get(FRESH_CHECK_HEADER) === token;
  const database = await databaseHealth(2000, Date.now, { fresh });
  const headers = { 'Cache-Control': 'no-store' };
  if (database.reachable) {
    return NextResponse.json({ status: 'ok', rulesVersion: RULES_VERSION, database: { status: 'reachable', provider: database.provider } }, { headers });
  }
  return NextResponse.json(
    {
      status: 'unavailable',
      rulesVersion: RULES_VERSION,
      database: { status: 'unreachable', provider: database.provider },
      message: `The database is not reachable: ${database.problem ?? 'no answer'}. Requests that need it fail until it is back.`,
    },
    { status: 503, headers },
  );
}
