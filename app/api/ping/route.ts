export const dynamic = 'force-dynamic';

const MAX_BYTES = 64 * 1024;

/**
 * GET /api/ping: answers "ok" and touches nothing (no session, database or rules). The load test
 * measures it as the framework's own floor, in the same run as the real paths. `?bytes=N` (up to
 * 64 KB) answers a JSON string of that size instead: the floor for an answer as large as an
 * evaluation's, so the load test can tell the framework's cost of a large answer from ours.
 */
export function GET(request: Request): Response {
  const bytes = Number(new URL(request.url).searchParams.get('bytes') ?? 0);
  if (Number.isInteger(bytes) && bytes > 2 && bytes <= MAX_BYTES) {
    return new Response(JSON.stringify('x'.repeat(bytes - 2)), { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
  }
  return new Response('ok', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
