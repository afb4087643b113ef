import 'server-only';
/**
 * Accounts with Better Auth: email + password (scrypt), no self-service sign-up (accounts are
 * seeded or created by an admin), optional TOTP second factor, absolute session lifetime from
 * Better Auth and our own idle timeout (lib/auth/session.ts). Telemetry off.
 */
import { betterAuth } from 'better-auth';
import { nextCookies } from 'better-auth/next-js';
import { twoFactor } from 'better-auth/plugins/two-factor';
import { authDatabase, authRateLimitStorage } from '@/lib/db/auth-adapter';
import { env } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER } from './request';

/** Better Auth endpoints answered 404 over HTTP (see `disabledPaths` below). */
export const DISABLED_HTTP_PATHS = [
  '/sign-in/email', '/sign-up/email', '/verify-password', '/change-password', '/set-password', '/request-password-reset',
  '/reset-password', '/change-email', '/update-user', '/delete-user', '/send-verification-email', '/verify-email',
  '/two-factor/enable', '/two-factor/disable', '/two-factor/get-totp-uri', '/two-factor/verify-totp', '/two-factor/verify-backup-code',
  '/two-factor/generate-backup-codes', '/two-factor/send-otp', '/two-factor/verify-otp',
  // Lists every session of the user with its raw token: page scripts have no use for them.
  '/list-sessions',
];

/** Only for development and tests; production refuses to start without BETTER_AUTH_SECRET. */
export const DEVELOPMENT_SECRET = 'rls-workup-development-secret-not-for-production-use';

function createAuth() {
  const production = env.NODE_ENV === 'production';
  if (production && !env.BETTER_AUTH_SECRET) throw new Error('BETTER_AUTH_SECRET is required in production (npm start creates one in data/)');
  // Production cookies are __Host- (Secure, Path=/, no Domain): serve over https (browsers also accept
  // them on localhost). Development (next dev) uses plain cookies.
  const https = production || (env.BETTER_AUTH_URL?.startsWith('https://') ?? false);
  return betterAuth({
    appName: 'RLS Workup',
    ...(env.BETTER_AUTH_URL ? { baseURL: env.BETTER_AUTH_URL } : {}),
    secret: env.BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET,
    database: authDatabase(),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 128 },
    // Over HTTP (/api/auth/*) only the session and sign-out endpoints stay open (session tokens stripped). A
    // password is checked, and an account or its second factor changed, only through our services
    // (server actions), where the per-account and per-address limits and the audit trail apply;
    // POST /api/auth/sign-in/email was a password oracle that bypassed both. Server-side calls
    // (getAuth().api.*) are not affected by this list.
    disabledPaths: DISABLED_HTTP_PATHS,
    user: {
      additionalFields: {
        organisationId: { type: 'string', required: true, input: false },
        role: { type: 'string', required: false, defaultValue: 'clinician', input: false },
      },
    },
    session: { expiresIn: env.SESSION_MAX_HOURS * 3600, disableSessionRefresh: true, cookieCache: { enabled: false } },
    // Sign-in goes through our server action, where per-account and per-address limits apply (counted
    // from audit events in the database, so shared by every instance). Better Auth's own limiter only
    // sees requests to /api/auth/*, keyed by address: on PostgreSQL (several instances on one database)
    // it counts in the database (table rate_limits), so the limit is one across instances; SQLite
    // serves one instance, which counts in memory.
    rateLimit: { enabled: true, storage: authRateLimitStorage(), window: 60, max: 100 },
    advanced: {
      ...(https ? { useSecureCookies: false, cookiePrefix: '__Host-rls' } : { cookiePrefix: 'rls' }),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/', ...(https ? { secure: true } : {}) },
      // The client address as lib/auth/request.ts decides it (set by the proxy), never X-Forwarded-For as sent.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      disableOriginCheck: false,
    },
    telemetry: { enabled: false },
    plugins: [twoFactor({ issuer: 'RLS Workup' }), nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as typeof globalThis & { rlsWorkupAuth?: Auth };

/** One Better Auth instance per process, created on first use (not at build time). */
export function getAuth(): Auth {
  globalForAuth.rlsWorkupAuth ??= createAuth();
  return globalForAuth.rlsWorkupAuth;
}
