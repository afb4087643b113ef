/**
 * CDS Hooks client authentication (CDS Hooks 2.0 "Trusting CDS Clients"): every call carries a JWT
 * signed with the client's private key. Verified with `jose` against keys pinned per client (never
 * fetched from `jku`): asymmetric algorithms only, allow-listed issuer, `aud` equal to the URL
 * called, `exp`, `iat` not in the future, and a `jti` that is never accepted twice.
 */
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';

export const ALLOWED_ALGS = ['ES384', 'RS384', 'ES256', 'RS256'] as const;
type Alg = (typeof ALLOWED_ALGS)[number];

/** Seconds of clock difference tolerated between the EHR and this server. */
export const CLOCK_TOLERANCE_S = 60;
/** A token may not claim to live longer than this (a replay store must not grow without bound). */
export const MAX_LIFETIME_S = 60 * 60;

export interface TrustedClient {
  id: string;
  organisationId: string;
  issuer: string;
  keys: JWK[];
}

export type JwtFailure =
  | 'missing-token' | 'malformed-token' | 'algorithm-not-allowed' | 'unknown-issuer' | 'unknown-key'
  | 'bad-signature' | 'wrong-audience' | 'expired' | 'issued-in-future' | 'missing-claim' | 'lifetime-too-long' | 'replayed';

export type JwtResult = { ok: true; client: TrustedClient; jti: string; exp: number } | { ok: false; reason: JwtFailure };

export interface VerifyDeps {
  findClient(issuer: string): Promise<TrustedClient | null>;
  /** Records the jti; false when it was seen before. */
  recordJti(client: TrustedClient, jti: string, expiresAt: Date): Promise<boolean>;
  now?: () => Date;
}

/** Reads "Bearer <jwt>" from an Authorization header. */
export function bearerOf(header: string | null): string | null {
  const m = header ? /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/.exec(header) : null;
  return m ? m[1]! : null;
}

export async function verifyCdsJwt(authorization: string | null, audience: string, deps: VerifyDeps): Promise<JwtResult> {
  const token = bearerOf(authorization);
  if (!token) return { ok: false, reason: authorization ? 'malformed-token' : 'missing-token' };
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    return { ok: false, reason: 'malformed-token' };
  }
  const alg = header.alg;
  if (typeof alg !== 'string' || !(ALLOWED_ALGS as readonly string[]).includes(alg)) return { ok: false, reason: 'algorithm-not-allowed' };
  if (typeof claims.iss !== 'string' || claims.iss === '') return { ok: false, reason: 'missing-claim' };
  const client = await deps.findClient(claims.iss);
  if (!client) return { ok: false, reason: 'unknown-issuer' };
  const jwk = typeof header.kid === 'string' ? client.keys.find((k) => k.kid === header.kid) : undefined;
  // The pinned key decides the algorithm when it names one: a token cannot pick another.
  if (!jwk || (jwk.alg !== undefined && jwk.alg !== alg) || jwk.d !== undefined) return { ok: false, reason: 'unknown-key' };
  const now = (deps.now ?? (() => new Date()))();
  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
  try {
    const key = await importJWK(jwk, alg as Alg);
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [alg], issuer: client.issuer, audience, currentDate: now, clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
    }));
  } catch (e) {
    const code = (e as { code?: string }).code;
    const claim = (e as { claim?: string }).claim;
    if (code === 'ERR_JWT_EXPIRED') return { ok: false, reason: 'expired' };
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
      if (claim === 'aud') return { ok: false, reason: 'wrong-audience' };
      if (claim === 'iat') return { ok: false, reason: 'issued-in-future' };
      return { ok: false, reason: 'missing-claim' };
    }
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return { ok: false, reason: 'bad-signature' };
    return { ok: false, reason: 'malformed-token' };
  }
  const nowS = Math.floor(now.getTime() / 1000);
  const iat = payload.iat!, exp = payload.exp!;
  if (iat > nowS + CLOCK_TOLERANCE_S) return { ok: false, reason: 'issued-in-future' };
  if (exp - iat > MAX_LIFETIME_S) return { ok: false, reason: 'lifetime-too-long' };
  if (typeof payload.jti !== 'string' || payload.jti === '' || payload.jti.length > 200) return { ok: false, reason: 'missing-claim' };
  if (!(await deps.recordJti(client, payload.jti, new Date((exp + CLOCK_TOLERANCE_S) * 1000)))) return { ok: false, reason: 'replayed' };
  return { ok: true, client, jti: payload.jti, exp };
}
