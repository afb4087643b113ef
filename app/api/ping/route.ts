export const dynamic = 'force-dynamic';

/**
 * GET /api/ping: answers "ok" and touches nothing (no session, database or rules). The load test
 * measures it as the framework's own floor, in the same run as the real paths.
 */
export function GET(): Response {
  return new Response('ok', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
