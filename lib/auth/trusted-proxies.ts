/**
 * TRUSTED_PROXIES, parsed and checked with Node's own address parser (`node:net`). Node-only: kept
 * out of lib/env.ts, which the edge instrumentation bundle also loads. The value is read once, at
 * first import; instrumentation.ts imports this module at server start so a bad value stops the
 * server there, not at some later request.
 */
import { isIP } from 'node:net';
import { env } from '@/lib/env';

/**
 * Which peers may tell us the client's address (X-Forwarded-For) and the public host
 * (X-Forwarded-Host): none (the socket address is the client), a hop count (that many proxies in
 * front of the app), or a list of addresses and CIDR ranges.
 */
export type TTrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; entries: { address: string; prefix: number; family: 'ipv4' | 'ipv6' }[] };

/** The parsed value, or a message saying what is wrong with it. */
export function parseTrustedProxies(value: string | undefined): TTrustedProxies | string {
  const text = (value ?? '').trim();
  if (text === '' || text === 'none') return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 0 && hops <= 10 ? (hops === 0 ? { kind: 'none' } : { kind: 'hops', hops }) : 'a hop count must be 0 to 10';
  }
  const entries: { address: string; prefix: number; family: 'ipv4' | 'ipv6' }[] = [];
  for (const raw of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address = '', prefixText, extra] = raw.split('/');
    const version = isIP(address);
    const max = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (version === 0 || extra !== undefined || !(prefix >= 0 && prefix <= max)) return `"${raw}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, ::1)`;
    entries.push({ address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' });
  }
  return entries.length > 0 ? { kind: 'list', entries } : { kind: 'none' };
}

/** As parseTrustedProxies, but a bad value throws the same readable error as any other bad variable. */
export function trustedProxiesOf(value: string | undefined): TTrustedProxies {
  const parsed = parseTrustedProxies(value);
  if (typeof parsed === 'string') throw new Error(`Invalid environment variables:\n✖ TRUSTED_PROXIES: ${parsed}\n  → at TRUSTED_PROXIES`);
  return parsed;
}

/** The configured proxies (default: none). */
export const TRUSTED_PROXIES: TTrustedProxies = trustedProxiesOf(env.TRUSTED_PROXIES);
