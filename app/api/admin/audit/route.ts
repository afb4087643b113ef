import { NextResponse } from 'next/server';
import { actorForRequest } from '@/lib/auth/actor';
import { auditReport, parseAuditFilter, toCsv } from '@/lib/services/admin-audit';
import { audit } from '@/lib/services/audit';

export const dynamic = 'force-dynamic';

/** GET /api/admin/audit?from=&to=&userId=&patientId=: the audit report as CSV (admins only). */
export async function GET(request: Request): Promise<Response> {
  const actor = await actorForRequest(request);
  if (!actor) return NextResponse.json({ error: 'unauthenticated' }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  if (actor.role !== 'admin') {
    await audit(actor, { action: 'audit.export', outcome: 'denied', detail: 'not-admin' });
    return NextResponse.json({ error: 'forbidden' }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
  }
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const rows = await auditReport(actor, parseAuditFilter(params), 'export');
  return new Response(toCsv(rows), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="rls-workup-audit.csv"', 'Cache-Control': 'no-store' },
  });
}
