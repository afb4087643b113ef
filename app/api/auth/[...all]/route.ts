import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/lib/auth/auth';

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

export async function POST(request: Request): Promise<Response> {
  return stripped(await toNextJsHandler(getAuth()).POST(request));
}
