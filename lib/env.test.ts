import { describe, expect, it } from 'vitest';
import { trustedProxiesOf } from './auth/trusted-proxies';
import { parseEnv } from './env';
import { parseTokenKey } from './fhir/token-crypto';

describe('parseEnv: the new hardening variables', () => {
  it('defaults: no trusted proxies, anchor files in data/, a bounded PDF queue', () => {
    expect(parseEnv({})).toMatchObject({
      AUDIT_ANCHOR_KEY: 'data/audit-anchor.key', AUDIT_ANCHOR_LOG: 'data/audit-anchor.log',
      PDF_CONCURRENCY: 2, PDF_QUEUE: 4, PDF_PER_USER: 1, PDF_TIMEOUT_SECONDS: 30,
    });
    expect(trustedProxiesOf(parseEnv({}).TRUSTED_PROXIES)).toEqual({ kind: 'none' });
    expect(trustedProxiesOf(parseEnv({ TRUSTED_PROXIES: '' }).TRUSTED_PROXIES)).toEqual({ kind: 'none' });
  });
  it('reads a list of proxies or a hop count', () => {
    expect(trustedProxiesOf(parseEnv({ TRUSTED_PROXIES: '10.0.0.0/8,192.0.2.1' }).TRUSTED_PROXIES)).toMatchObject({ kind: 'list', entries: [{ address: '10.0.0.0', prefix: 8 }, { address: '192.0.2.1', prefix: 32 }] });
    expect(trustedProxiesOf(parseEnv({ TRUSTED_PROXIES: '2' }).TRUSTED_PROXIES)).toEqual({ kind: 'hops', hops: 2 });
  });
  it('fails start-up with a readable message on a bad value', () => {
    expect(() => trustedProxiesOf(parseEnv({ TRUSTED_PROXIES: 'proxy.internal' }).TRUSTED_PROXIES)).toThrow(/TRUSTED_PROXIES: "proxy.internal" is not an IP address or CIDR range/);
    expect(() => parseEnv({ PDF_CONCURRENCY: '0' })).toThrow(/PDF_CONCURRENCY/);
  });
  it('FHIR_TOKEN_KEY: 32 bytes in base64 or hex, or unset (then derived from the session secret)', () => {
    expect(parseEnv({}).FHIR_TOKEN_KEY).toBeUndefined();
    const key = parseEnv({ FHIR_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64') }).FHIR_TOKEN_KEY!;
    expect(parseTokenKey(key)?.key.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(parseEnv({ FHIR_TOKEN_KEY: 'ab'.repeat(32) }).FHIR_TOKEN_KEY).toBe('ab'.repeat(32));
    expect(() => parseEnv({ FHIR_TOKEN_KEY: 'a-passphrase-that-is-not-a-key' })).toThrow(/FHIR_TOKEN_KEY must be 32 bytes in base64 or hex/);
  });
  it('API_TOKEN_CACHE_SECONDS: 5 by default, 0 to 60', () => {
    expect(parseEnv({}).API_TOKEN_CACHE_SECONDS).toBe(5);
    expect(parseEnv({ API_TOKEN_CACHE_SECONDS: '0' }).API_TOKEN_CACHE_SECONDS).toBe(0);
    expect(parseEnv({ API_TOKEN_CACHE_SECONDS: '60' }).API_TOKEN_CACHE_SECONDS).toBe(60);
    expect(() => parseEnv({ API_TOKEN_CACHE_SECONDS: '61' })).toThrow(/API_TOKEN_CACHE_SECONDS/);
    expect(() => parseEnv({ API_TOKEN_CACHE_SECONDS: '-1' })).toThrow(/API_TOKEN_CACHE_SECONDS/);
  });
});
