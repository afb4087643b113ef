// @vitest-environment node
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptToken, deriveTokenKey, encryptToken, parseTokenKey } from './token-crypto';

const key = deriveTokenKey('a-configured-session-secret-of-at-least-32-characters');
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.ehr-access-token_value';

describe('FHIR server token encryption (AES-256-GCM)', () => {
  it('round-trips, and the stored text does not contain the token', () => {
    const stored = encryptToken(TOKEN, 'org-1', key);
    expect(stored).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(Buffer.from(TOKEN).toString('base64url'));
    expect(decryptToken(stored, 'org-1', key)).toEqual({ ok: true, token: TOKEN });
  });

  it('uses a fresh IV each time: the same token encrypts differently', () => {
    expect(encryptToken(TOKEN, 'org-1', key)).not.toBe(encryptToken(TOKEN, 'org-1', key));
  });

  it('is bound to the clinic: another clinic id does not decrypt it', () => {
    expect(decryptToken(encryptToken(TOKEN, 'org-1', key), 'org-2', key)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('a changed ciphertext or tag is refused', () => {
    const stored = encryptToken(TOKEN, 'org-1', key);
    const parts = stored.split('.');
    const ct = Buffer.from(parts[4]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    expect(decryptToken([...parts.slice(0, 4), ct.toString('base64url')].join('.'), 'org-1', key)).toEqual({ ok: false, reason: 'tampered' });
    const tag = Buffer.from(parts[3]!, 'base64url');
    tag[15] = tag[15]! ^ 0x80;
    expect(decryptToken([...parts.slice(0, 3), tag.toString('base64url'), parts[4]].join('.'), 'org-1', key)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('a token stored under another key says so (the key changed), without trying to decrypt', () => {
    const other = deriveTokenKey('another-configured-session-secret-of-32-characters');
    expect(other.id).not.toBe(key.id);
    expect(decryptToken(encryptToken(TOKEN, 'org-1', other), 'org-1', key)).toEqual({ ok: false, reason: 'other-key' });
  });

  it('malformed stored values are refused', () => {
    for (const bad of ['', 'v1', 'v2.a.b.c.d', `v1.${key.id}.AAAA.AAAA.AAAA`, TOKEN]) expect(decryptToken(bad, 'org-1', key)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('FHIR_TOKEN_KEY: 32 bytes as hex, base64 or base64url; anything else is not a key', () => {
    const raw = randomBytes(32);
    const hex = parseTokenKey(raw.toString('hex'))!;
    expect(hex.key.equals(raw)).toBe(true);
    expect(parseTokenKey(raw.toString('base64'))!.id).toBe(hex.id);
    expect(parseTokenKey(raw.toString('base64url'))!.id).toBe(hex.id);
    for (const bad of ['', 'short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), 'x'.repeat(64)]) expect(parseTokenKey(bad)).toBeNull();
  });

  it('derivation is deterministic per secret (the same key after a restart)', () => {
    expect(deriveTokenKey('a-configured-session-secret-of-at-least-32-characters').key.equals(key.key)).toBe(true);
  });
});
