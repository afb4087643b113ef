import { NextResponse } from 'next/server';
import { databaseHealth } from '@/lib/db/health';
import { RULES_VERSION } from '@/lib/rules';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health: 200 when this instance can reach its database, 503 (within about two seconds)
 * when it cannot, with the reason. A load balancer takes an instance out of rotation on 503.
 */
export async function GET(): Promise<NextResponse> {
  const database = await databaseHealth();
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
