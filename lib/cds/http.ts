import 'server-only';
/** HTTP plumbing shared by the CDS Hooks routes: CORS (the sandbox runs in a browser), the audience, JSON answers. */
import { NextResponse } from 'next/server';
import { env } from '@/lib/env';

/** Bearer-token calls, no cookies: any origin may call; the JWT decides who is trusted. */
export const CORS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'authorization, content-type',
  'Access-Control-Max-Age': '600',
  'Cache-Control': 'no-store',
};

export function preflight(): NextResponse {
  return new NextResponse(null, { status: 204, headers: CORS });
}

export function cdsJson(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: CORS });
}

/**
 * The exact URL called, which the JWT's `aud` must equal: the configured public URL (production,
 * behind the TLS proxy); otherwise the Host the client called (the server's own request.url says
 * "localhost" whatever address was used).
 */
export function audienceOf(request: Request): string {
  const url = new URL(request.url);
  if (env.BETTER_AUTH_URL) return `${new URL(env.BETTER_AUTH_URL).origin}${url.pathname}`;
  const host = request.headers.get('host');
  return `${url.protocol}//${host && /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(host) ? host : url.host}${url.pathname}`;
}

export function unauthorized(reason: string): NextResponse {
  return cdsJson({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'security', diagnostics: `Authentication failed: ${reason}` }] }, 401);
}
