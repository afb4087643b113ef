import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCdsJwt, type TrustedClient, type VerifyDeps } from './jwt';

const AUD = 'http://127.0.0.1:3000/cds-services/rls-workup';
const ISS = 'https://ehr.example.org';
const NOW = new Date('2026-11-27T12:00:00Z');
const nowS = Math.floor(NOW.getTime() / 1000);

let es384: { privateKey: CryptoKey; jwk: JWK };
let rs256: { privateKey: CryptoKey; jwk: JWK };
let stranger: { privateKey: CryptoKey };
let client: TrustedClient;

async function pair(alg: string, kid: string) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg } };
}

beforeAll(async () => {
  es384 = await pair('ES384', 'k-es384');
  rs256 = await pair('RS256', 'k-rs256');
  stranger = await generateKeyPair('ES384');
  client = { id: 'client-1', organisationId: 'org-1', issuer: ISS, keys: [es384.jwk, rs256.jwk] };
});

function deps(seen = new Set<string>()): VerifyDeps {
  return {
    findClient: async (iss) => (iss === ISS ? client : null),
    recordJti: async (_c, jti) => {
      if (seen.has(jti)) return false;
      seen.add(jti);
      return true;
    },
    now: () => NOW,
  };
}

interface Opts { alg?: string; kid?: string; key?: CryptoKey; iss?: string; aud?: string | string[]; iat?: number; exp?: number; jti?: string | null }
async function token(o: Opts = {}): Promise<string> {
  const claims: Record<string, unknown> = { iss: o.iss ?? ISS, aud: o.aud ?? AUD, iat: o.iat ?? nowS, exp: o.exp ?? nowS + 300 };
  if (o.jti !== null) claims.jti = o.jti ?? randomUUID();
  return new SignJWT(claims).setProtectedHeader({ alg: o.alg ?? 'ES384', kid: o.kid ?? 'k-es384', typ: 'JWT' }).sign(o.key ?? es384.privateKey);
}
const bearer = (t: string) => `Bearer ${t}`;

describe('CDS Hooks JWT verification', () => {
  it('accepts ES384 and RS256 tokens signed with a pinned key, aud as a string or an array', async () => {
    expect(await verifyCdsJwt(bearer(await token()), AUD, deps())).toMatchObject({ ok: true, client: { id: 'client-1', organisationId: 'org-1' } });
    expect(await verifyCdsJwt(bearer(await token({ alg: 'RS256', kid: 'k-rs256', key: rs256.privateKey, aud: [AUD] })), AUD, deps())).toMatchObject({ ok: true });
  });

  it('refuses a missing or malformed Authorization header', async () => {
    expect(await verifyCdsJwt(null, AUD, deps())).toEqual({ ok: false, reason: 'missing-token' });
    expect(await verifyCdsJwt('Basic abc', AUD, deps())).toEqual({ ok: false, reason: 'malformed-token' });
    expect(await verifyCdsJwt('Bearer a.b.c', AUD, deps())).toEqual({ ok: false, reason: 'malformed-token' });
  });

  it('refuses alg none and HMAC, even with a known issuer and kid', async () => {
    const none = new UnsecuredJWT({ iss: ISS, aud: AUD, iat: nowS, exp: nowS + 300, jti: randomUUID() }).encode();
    expect(await verifyCdsJwt(bearer(none), AUD, deps())).toEqual({ ok: false, reason: 'algorithm-not-allowed' });
    const hs = await new SignJWT({ iss: ISS, aud: AUD, iat: nowS, exp: nowS + 300, jti: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', kid: 'k-es384' }).sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!!'));
    expect(await verifyCdsJwt(bearer(hs), AUD, deps())).toEqual({ ok: false, reason: 'algorithm-not-allowed' });
  });

  it('refuses an algorithm other than the pinned key\'s (ES256 header on the ES384 key)', async () => {
    const k = await pair('ES256', 'k-es384');
    expect(await verifyCdsJwt(bearer(await token({ alg: 'ES256', key: k.privateKey })), AUD, deps())).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('refuses a wrong audience (another service, or the discovery URL)', async () => {
    expect(await verifyCdsJwt(bearer(await token({ aud: 'http://127.0.0.1:3000/cds-services' })), AUD, deps())).toEqual({ ok: false, reason: 'wrong-audience' });
    expect(await verifyCdsJwt(bearer(await token({ aud: `${AUD}/` })), AUD, deps())).toEqual({ ok: false, reason: 'wrong-audience' });
  });

  it('refuses an expired token and one issued in the future', async () => {
    expect(await verifyCdsJwt(bearer(await token({ iat: nowS - 600, exp: nowS - 120 })), AUD, deps())).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyCdsJwt(bearer(await token({ iat: nowS + 600, exp: nowS + 900 })), AUD, deps())).toEqual({ ok: false, reason: 'issued-in-future' });
  });

  it('refuses a replayed jti, and a token without jti', async () => {
    const seen = new Set<string>();
    const t = await token();
    expect(await verifyCdsJwt(bearer(t), AUD, deps(seen))).toMatchObject({ ok: true });
    expect(await verifyCdsJwt(bearer(t), AUD, deps(seen))).toEqual({ ok: false, reason: 'replayed' });
    expect(await verifyCdsJwt(bearer(await token({ jti: null })), AUD, deps(seen))).toEqual({ ok: false, reason: 'missing-claim' });
  });

  it('refuses an unknown kid, an unknown issuer, and a signature by another key', async () => {
    expect(await verifyCdsJwt(bearer(await token({ kid: 'k-other' })), AUD, deps())).toEqual({ ok: false, reason: 'unknown-key' });
    expect(await verifyCdsJwt(bearer(await token({ iss: 'https://evil.example' })), AUD, deps())).toEqual({ ok: false, reason: 'unknown-issuer' });
    expect(await verifyCdsJwt(bearer(await token({ key: stranger.privateKey })), AUD, deps())).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token that claims to live longer than an hour', async () => {
    expect(await verifyCdsJwt(bearer(await token({ exp: nowS + 7200 })), AUD, deps())).toEqual({ ok: false, reason: 'lifetime-too-long' });
  });
});
