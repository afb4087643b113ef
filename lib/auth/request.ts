/**
 * Request facts the security checks need: the client address and whether a state-changing request
 * comes from this site (CSRF). Pure functions over headers, so they are tested directly.
 */

import { BlockList, isIP } from 'node:net';
import { TRUSTED_PROXIES, type TTrustedProxies } from './trusted-proxies';

export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * The socket address reaches the app in a request header that only our server (scripts/server.mjs)
 * sets: its name carries a random per-process token, published here, so a client cannot send it.
 * Without that server (plain `next start`) the socket address is unknown.
 */
/** Set by the proxy for Better Auth (which reads a client address from a header it is told). */
export const CLIENT_ADDRESS_HEADER = 'x-rls-client-address';

const PEER_HEADER = Symbol.for('rls-workup.peer-address-header');

export function peerHeaderName(): string | null {
  const name = (globalThis as { [PEER_HEADER]?: unknown })[PEER_HEADER];
  return typeof name === 'string' && name.length > 0 ? name : null;
}

/** An address as written in a header: "[::1]:443", "203.0.113.7:5000", "::ffff:10.0.0.1" → plain IP, or null. */
export function normaliseAddress(raw: string | null | undefined): string | null {
  let a = (raw ?? '').trim();
  if (a.startsWith('[')) a = a.slice(1, a.indexOf(']') > 0 ? a.indexOf(']') : undefined);
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1]!;
  return isIP(a) ? a.toLowerCase() : null;
}

/** The address of the peer that opened the connection (a proxy, or the client itself). */
export function peerAddressOf(h: HeaderReader): string | null {
  const name = peerHeaderName();
  return name ? normaliseAddress(h.get(name)) : null;
}

const blockLists = new WeakMap<TTrustedProxies, BlockList>();

function isTrusted(address: string, trust: TTrustedProxies): boolean {
  if (trust.kind !== 'list') return false;
  let list = blockLists.get(trust);
  if (!list) {
    list = new BlockList();
    for (const e of trust.entries) list.addSubnet(e.address, e.prefix, e.family);
    blockLists.set(trust, list);
  }
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Whether the peer is a configured proxy, whose forwarding headers may be believed. */
export function peerIsTrustedProxy(h: HeaderReader, trust: TTrustedProxies = TRUSTED_PROXIES): boolean {
  if (trust.kind === 'none') return false;
  if (trust.kind === 'hops') return true;
  const peer = peerAddressOf(h);
  return peer !== null && isTrusted(peer, trust);
}

/**
 * The client address. X-Forwarded-For is believed only as far as configured proxies vouch for it:
 * walking from the socket address leftwards through the hops, the first one that is not a trusted
 * proxy is the client (with a hop count, the address that many hops back). Anything further left was
 * written by the client and is ignored. Without trusted proxies it is the socket address.
 */
export function clientAddressOf(h: HeaderReader, trust: TTrustedProxies = TRUSTED_PROXIES): string | null {
  const peer = peerAddressOf(h);
  if (!peer || trust.kind === 'none') return peer;
  const hops = (h.get('x-forwarded-for') ?? '').split(',').map((x) => x.trim()).filter(Boolean).slice(-32);
  const chain: (string | null)[] = [...hops.map(normaliseAddress), peer];
  let i = chain.length - 1;
  if (trust.kind === 'hops') {
    i = Math.max(0, chain.length - 1 - trust.hops);
  } else {
    while (i > 0 && isTrusted(chain[i]!, trust)) {
      if (chain[i - 1] === null) break; // an unreadable hop written by a trusted proxy: keep the proxy's own address
      i--;
    }
  }
  // With a hop count, a malformed hop is never believed: the nearest readable one to its right is used.
  while (chain[i] === null) i++;
  return chain[i]!;
}

/** The host the browser addressed: X-Forwarded-Host only from a trusted proxy, else Host. */
export function requestHostOf(h: HeaderReader, trust: TTrustedProxies = TRUSTED_PROXIES): string | null {
  const forwarded = peerIsTrustedProxy(h, trust) ? h.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return forwarded || h.get('host');
}

export type OriginCheck = { ok: true } | { ok: false; reason: string };

/**
 * A state-changing request must come from this site: `Origin` must match the host (a `null` origin is
 * refused), and `Sec-Fetch-Site`, when the browser sends it, must be same-origin.
 */
export function checkSameOrigin(h: HeaderReader, trust: TTrustedProxies = TRUSTED_PROXIES): OriginCheck {
  const site = h.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return { ok: false, reason: `Sec-Fetch-Site is ${site}` };
  const origin = h.get('origin');
  if (origin === null) return site ? { ok: true } : { ok: false, reason: 'no Origin header' };
  if (origin === 'null') return { ok: false, reason: 'Origin is null' };
  const host = requestHostOf(h, trust);
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
    const url = new URL(path, LOCAL_BASE);
    // As the URL parser writes it: percent-encoded ASCII, so it fits a Location header ("/é" → "/%C3%A9").
    return url.origin === LOCAL_BASE ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}
