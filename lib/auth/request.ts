/**
 * Request facts the security checks need: the client address and whether a state-changing request
 * comes from this site (CSRF). Pure functions over headers, so they are tested directly.
 */

export interface HeaderReader {
  get(name: string): string | null;
}

/** The client address: the first X-Forwarded-For hop (set by Next.js or the TLS proxy), else X-Real-IP. */
export function clientAddressOf(h: HeaderReader): string | null {
  const forwarded = h.get('x-forwarded-for')?.split(',')[0]?.trim();
  const address = forwarded || h.get('x-real-ip')?.trim() || null;
  // Bounded: it is stored in the audit trail.
  return address ? address.slice(0, 64) : null;
}

export type OriginCheck = { ok: true } | { ok: false; reason: string };

/**
 * A state-changing request must come from this site: `Origin` must match the host (a `null` origin is
 * refused), and `Sec-Fetch-Site`, when the browser sends it, must be same-origin.
 */
export function checkSameOrigin(h: HeaderReader): OriginCheck {
  const site = h.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return { ok: false, reason: `Sec-Fetch-Site is ${site}` };
  const origin = h.get('origin');
  if (origin === null) return site ? { ok: true } : { ok: false, reason: 'no Origin header' };
  if (origin === 'null') return { ok: false, reason: 'Origin is null' };
  const host = h.get('x-forwarded-host') ?? h.get('host');
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return { ok: false, reason: 'Origin is not a URL' };
  }
  return host && originHost === host ? { ok: true } : { ok: false, reason: `Origin ${origin} does not match ${host ?? 'the host'}` };
}

const LOCAL_BASE = 'http://local.invalid';

/**
 * A path on this site to go back to (after signing in), or null. Browsers read `\` as `/` and drop
 * tabs and newlines, so `/\evil.example` and `/<tab>/evil.example` mean `//evil.example`, another
 * site: a plain "starts with / but not //" check lets them through (an open redirect).
 */
export function safeLocalPath(path: unknown): string | null {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.length > 2048) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return null;
  try {
    return new URL(path, LOCAL_BASE).origin === LOCAL_BASE ? path : null;
  } catch {
    return null;
  }
}
