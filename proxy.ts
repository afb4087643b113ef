/**
 * Runs before every request (Next.js 16 "proxy", formerly middleware): a fresh CSP nonce and the
 * security headers on every response, the client address for Better Auth, and the first check of
 * server-action requests (refused with a 4xx before Next.js decodes them, and recorded in the audit
 * trail as `denied`). Authorisation is NOT
 * decided here — every page, server action, route handler and service checks the session itself (a
 * header once bypassed middleware entirely, CVE-2025-29927).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { MAX_ACTION_BODY_BYTES, checkActionBody, checkActionHeaders, readBodyUpTo, type ActionRefusal } from '@/lib/api/action-guard';
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from '@/lib/auth/request';

function securityHeaders(response: NextResponse, csp: string, dev: boolean): NextResponse {
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', 'no-referrer');
  response.headers.set('X-Frame-Options', 'DENY');
  response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (!dev) response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  // Patient data must not stay in any cache: every page and API response is no-store.
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

/** A server-action request that fails a check, or null. */
async function refusedAction(request: NextRequest): Promise<ActionRefusal | null> {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return null;
  const early = checkActionHeaders(request.headers);
  if (early) return early;
  // A body sent without (or with a false) Content-Length is cut off at the limit, never buffered whole.
  const text = await readBodyUpTo(request.body, MAX_ACTION_BODY_BYTES);
  if (text === null) return { status: 413, error: 'payload-too-large', message: `At most ${MAX_ACTION_BODY_BYTES} bytes` };
  return checkActionBody(text);
}

/**
 * A refused server-action request is an audit event like any refused write: the session's user when
 * the cookie resolves to one, else the client address (anonymous refusals are coalesced under a flood).
 * Loaded only on this path, so the database and auth modules cost a normal request nothing.
 */
async function recordRefusal(request: NextRequest, refusal: ActionRefusal): Promise<void> {
  const actionId = request.headers.get('next-action') ?? '';
  try {
    const { auditRefusal } = await import('@/lib/services/refusals');
    await auditRefusal(request.headers, {
      action: 'server-action', recordType: 'server-action', recordId: /^[0-9a-f]{1,64}$/i.test(actionId) ? actionId : 'malformed-id',
      detail: `${refusal.error}: ${refusal.status} ${refusal.message}`,
    });
  } catch (e) {
    // The refusal stands even when it cannot be recorded; the failure is logged for the operator.
    const { logger } = await import('@/lib/logger');
    logger.error({ err: (e as Error).message, status: refusal.status }, 'a refused server-action request could not be audited');
  }
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const nonce = btoa(crypto.randomUUID());
  // NODE_ENV is inlined by Next.js at build time.
  const dev = process.env.NODE_ENV !== 'production';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // React and Recharts set style attributes; attributes cannot carry a nonce.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const refusal = await refusedAction(request);
  if (refusal) {
    await recordRefusal(request, refusal);
    return securityHeaders(NextResponse.json({ error: refusal.error, message: refusal.message }, { status: refusal.status }), csp, dev);
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  // Where to return after signing in, read by the session check in pages and actions.
  requestHeaders.set('x-pathname', `${request.nextUrl.pathname}${request.nextUrl.search}`.slice(0, 512));
  // Better Auth records this as the session's address; whatever the client sent under the name is replaced.
  requestHeaders.set(CLIENT_ADDRESS_HEADER, clientAddressOf(request.headers) ?? '');
  return securityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, dev);
}

export const config = {
  // Static build assets keep their own immutable caching (their headers come from next.config.js).
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
