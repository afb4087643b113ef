/**
 * Runs before every request (Next.js 16 "proxy", formerly middleware): a fresh CSP nonce and the
 * security headers on every response. Authorisation is NOT decided here — every page, server action,
 * route handler and service checks the session itself (a header once bypassed middleware entirely,
 * CVE-2025-29927).
 */
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(request: NextRequest): NextResponse {
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
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  // Where to return after signing in, read by the session check in pages and actions.
  requestHeaders.set('x-pathname', `${request.nextUrl.pathname}${request.nextUrl.search}`.slice(0, 512));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
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

export const config = {
  // Static build assets keep their own immutable caching.
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
