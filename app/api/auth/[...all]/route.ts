import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/lib/auth/auth';
import { auditRefusal } from '@/lib/services/refusals';

export const dynamic = 'force-dynamic';

/** Removes every `token` property: a session token belongs in the HttpOnly cookie, never in a page script's reach. */
function withoutTokens(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTokens);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'token').map(([k, v]) => [k, withoutTokens(v)]));
}

async function stripped(response: Response): Promise<Response> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    return new Response(text, { status: response.status, headers: response.headers });
  }
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(withoutTokens(body)), { status: response.status, headers });
}

/** Better Auth's own endpoints (session, sign-out, two-factor set-up); its origin check applies. */
export async function GET(request: Request): Promise<Response> {
  return stripped(await toNextJsHandler(getAuth()).GET(request));
}

/**
 * A refused write here (a closed endpoint, another site's origin, no session, Better Auth's rate
 * limit…) is recorded as `denied`: the endpoint, the status and Better Auth's error code.
 */
export async function POST(request: Request): Promise<Response> {
  const response = await toNextJsHandler(getAuth()).POST(request);
  if (response.status >= 400 && response.status < 500) {
    const body = (await response.clone().json().catch(() => null)) as { code?: unknown } | null;
    const code = typeof body?.code === 'string' && /^[A-Z0-9_]{1,60}$/.test(body.code) ? body.code : response.status === 404 ? 'NOT_FOUND' : 'REFUSED';
    const endpoint = new URL(request.url).pathname.replace(/^\/api\/auth/, '') || '/';
    await auditRefusal(request.headers, { action: 'auth.endpoint', recordType: 'auth-endpoint', recordId: endpoint, detail: `${code}: ${response.status}` });
  }
  return stripped(response);
}
