import { describe, expect, it } from 'vitest';
import { parseTrustedProxies, type TTrustedProxies } from './trusted-proxies';
import { fromPeer } from '@/tests/peer';
import { checkSameOrigin, clientAddressOf, normaliseAddress, requestHostOf, safeLocalPath } from './request';

const h = (o: Record<string, string>) => new Headers(o);

describe('checkSameOrigin', () => {
  it.each([
    [{ host: 'app.test', origin: 'https://app.test' }, true],
    [{ host: 'app.test', origin: 'https://app.test', 'sec-fetch-site': 'same-origin' }, true],
    [{ host: 'app.test', origin: 'https://evil.test' }, false],
    [{ host: 'app.test', origin: 'null' }, false],
    [{ host: 'app.test', origin: 'https://app.test', 'sec-fetch-site': 'cross-site' }, false],
    [{ host: 'app.test', 'sec-fetch-site': 'same-site' }, false],
    [{ host: 'app.test' }, false],
    [{ host: 'app.test', 'sec-fetch-site': 'same-origin' }, true],
    [{ host: 'app.test', origin: 'not a url' }, false],
  ])('%o → %s', (headers, ok) => expect(checkSameOrigin(h(headers)).ok).toBe(ok));
});

const trust = (value: string): TTrustedProxies => {
  const t = parseTrustedProxies(value);
  if (typeof t === 'string') throw new Error(t);
  return t;
};
const NONE = trust('');

describe('parseTrustedProxies', () => {
  it('reads none, a hop count, addresses and CIDR ranges', () => {
    expect(parseTrustedProxies(undefined)).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('0')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustedProxies('10.0.0.0/8, ::1 ,192.0.2.7')).toEqual({ kind: 'list', entries: [
      { address: '10.0.0.0', prefix: 8, family: 'ipv4' }, { address: '::1', prefix: 128, family: 'ipv6' }, { address: '192.0.2.7', prefix: 32, family: 'ipv4' },
    ] });
  });
  it.each(['10.0.0.0/33', 'proxy.example', '10.0.0.1/8/8', '99', '::1/129', '10.0.0.0/x'])('refuses %j with a message', (v) => {
    expect(typeof parseTrustedProxies(v)).toBe('string');
  });
});

describe('clientAddressOf', () => {
  it('without trusted proxies: the socket address, whatever the forwarding headers claim', () => {
    expect(clientAddressOf(h({ ...fromPeer('198.51.100.9'), 'x-forwarded-for': '203.0.113.7, 10.0.0.1', 'x-real-ip': '198.51.100.2' }), NONE)).toBe('198.51.100.9');
    expect(clientAddressOf(h({ 'x-forwarded-for': '203.0.113.7' }), NONE)).toBeNull();
    expect(clientAddressOf(h({ ...fromPeer('::ffff:127.0.0.1') }), NONE)).toBe('127.0.0.1');
  });

  it('with trusted addresses: the right-most hop that is not a trusted proxy', () => {
    const t = trust('10.0.0.0/8, 192.0.2.1');
    // Client claims 1.1.1.1; the trusted proxy appended the address it saw.
    expect(clientAddressOf(h({ ...fromPeer('10.0.0.5'), 'x-forwarded-for': '1.1.1.1, 203.0.113.7' }), t)).toBe('203.0.113.7');
    // Two trusted proxies in a row.
    expect(clientAddressOf(h({ ...fromPeer('10.0.0.5'), 'x-forwarded-for': '1.1.1.1, 203.0.113.7, 192.0.2.1' }), t)).toBe('203.0.113.7');
    // An untrusted peer: its headers are ignored.
    expect(clientAddressOf(h({ ...fromPeer('203.0.113.99'), 'x-forwarded-for': '10.0.0.1' }), t)).toBe('203.0.113.99');
    // A trusted proxy that forwarded garbage: its own address.
    expect(clientAddressOf(h({ ...fromPeer('10.0.0.5'), 'x-forwarded-for': 'not-an-address' }), t)).toBe('10.0.0.5');
    expect(clientAddressOf(h({ ...fromPeer('10.0.0.5'), 'x-forwarded-for': '[2001:db8::1]:4711' }), t)).toBe('2001:db8::1');
  });

  it('with a hop count: the address that many hops back, never further', () => {
    const t = trust('1');
    expect(clientAddressOf(h({ ...fromPeer('10.0.0.5'), 'x-forwarded-for': '1.1.1.1, 203.0.113.7' }), t)).toBe('203.0.113.7');
    expect(clientAddressOf(h({ ...fromPeer('10.0.0.5') }), t)).toBe('10.0.0.5');
    expect(clientAddressOf(h({ ...fromPeer('10.0.0.5'), 'x-forwarded-for': '1.1.1.1, 203.0.113.7, 10.0.0.4' }), trust('2'))).toBe('203.0.113.7');
  });

  it('normalises what it reads', () => {
    expect(normaliseAddress('203.0.113.7:5000')).toBe('203.0.113.7');
    expect(normaliseAddress('[::1]:80')).toBe('::1');
    expect(normaliseAddress('<script>')).toBeNull();
    expect(normaliseAddress('2001:DB8::1')).toBe('2001:db8::1');
  });
});

describe('requestHostOf and the Origin check behind a proxy', () => {
  const forged = { host: 'app.test', origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'sec-fetch-site': 'same-origin' };
  it('ignores X-Forwarded-Host from an untrusted peer', () => {
    expect(requestHostOf(h({ ...fromPeer('203.0.113.7'), ...forged }), NONE)).toBe('app.test');
    expect(checkSameOrigin(h({ ...fromPeer('203.0.113.7'), ...forged }), NONE).ok).toBe(false);
    expect(checkSameOrigin(h({ ...fromPeer('203.0.113.7'), ...forged }), trust('10.0.0.0/8')).ok).toBe(false);
  });
  it('believes it from a trusted proxy', () => {
    const viaProxy = { ...fromPeer('10.0.0.5'), host: 'app:3000', origin: 'https://rls.example.org', 'x-forwarded-host': 'rls.example.org' };
    expect(requestHostOf(h(viaProxy), trust('10.0.0.0/8'))).toBe('rls.example.org');
    expect(checkSameOrigin(h(viaProxy), trust('10.0.0.0/8')).ok).toBe(true);
    expect(checkSameOrigin(h(viaProxy), NONE).ok).toBe(false);
  });
});

describe('safeLocalPath', () => {
  it.each(['/patients', '/assessments/c123?tab=notes', '/patients/%5Cx', '/'])('keeps the local path %s', (p) => expect(safeLocalPath(p)).toBe(p));
  it.each([
    '//evil.example', '/\\evil.example', '/\\/evil.example', '\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r//evil.example',
    'https://evil.example', 'javascript:alert(1)', 'patients', '', `/${'a'.repeat(3000)}`,
  ])('refuses %j', (p) => expect(safeLocalPath(p)).toBeNull());
  it.each([
    ['/é', '/%C3%A9'], ['/\u3002x', '/%E3%80%82x'], ['/patients?q=Müller', '/patients?q=M%C3%BCller'], ['/a/../patients', '/patients'],
  ])('writes %j as ASCII for a Location header: %s', (p, expected) => {
    const safe = safeLocalPath(p);
    expect(safe).toBe(expected);
    expect(() => new Headers({ location: safe! })).not.toThrow();
  });
  it.each([null, undefined, 42, ['/patients'], { toString: () => '/patients' }])('refuses a non-string %j', (p) => expect(safeLocalPath(p)).toBeNull());
});
