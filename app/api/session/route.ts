import { NextResponse } from 'next/server';
import { getActiveSession } from '@/lib/auth/actor';

export const dynamic = 'force-dynamic';

/** GET /api/session: when the session ends. Reading it is not activity (it never extends the session). */
export async function GET(request: Request): Promise<NextResponse> {
  const active = await getActiveSession(request.headers, { touch: false });
  if (!active) return NextResponse.json({ error: 'unauthenticated' }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  return NextResponse.json(
    { idleExpiresAt: active.times.idleExpiresAt.toISOString(), absoluteExpiresAt: active.times.absoluteExpiresAt.toISOString() },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
