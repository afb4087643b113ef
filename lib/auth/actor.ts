import 'server-only';
/**
 * Who is acting. Every page, server action, route handler and service asks here; the proxy decides
 * nothing. A page or action without a live session is sent to sign-in (and back afterwards); an API
 * request gets 401. The idle timeout and the absolute lifetime are enforced on every check.
 */
import { headers } from 'next/headers';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { findActiveTokenByHash, markTokenUsed } from '@/lib/db/api-tokens';
import { revokeSession, touchSession } from '@/lib/db/sessions';
import { env } from '@/lib/env';
import { audit, auditAnonymous } from '@/lib/services/audit';
import { sha256Hex } from '@/lib/integrity/hash';
import { getAuth } from './auth';
import { TokenLookupCache } from './token-cache';
import { checkSameOrigin, clientAddressOf, safeLocalPath, type HeaderReader } from './request';

export interface Actor {
  userId: string;
  name: string;
  email: string;
  organisationId: string;
  role: 'clinician' | 'admin';
  clientAddress: string | null;
  /** Session token (for revocation) when signed in through the browser. */
  sessionToken: string | null;
  via: 'session' | 'token';
}

export interface SessionTimes {
  /** When the session ends without further activity. */
  idleExpiresAt: Date;
  /** When it ends regardless of activity. */
  absoluteExpiresAt: Date;
}

const TOUCH_EVERY_MS = 60_000;

/** When this process last recorded each API token's use: `lastUsedAt` is kept to the minute, like session activity. */
const tokenMarkedAt = new Map<string, number>();

/** One cache per process (on globalThis: every route bundle of the server shares it, so a revocation clears it for all). */
const globalForTokens = globalThis as typeof globalThis & { rlsWorkupTokens?: TokenLookupCache };
function tokenCache(): TokenLookupCache {
  globalForTokens.rlsWorkupTokens ??= new TokenLookupCache(findActiveTokenByHash, { ttlMs: env.API_TOKEN_CACHE_SECONDS * 1000 });
  return globalForTokens.rlsWorkupTokens;
}

/** Call once a token revocation has committed: the next call with any token looks it up again. */
export function forgetCachedApiTokens(): void {
  tokenCache().clear();
}

export interface ActiveSession {
  actor: Actor;
  times: SessionTimes;
}

/** The live session behind these headers, or null. `touch: false` reads without counting as activity. */
export async function getActiveSession(h: Headers, { touch = true }: { touch?: boolean } = {}): Promise<ActiveSession | null> {
  const result = await getAuth().api.getSession({ headers: h });
  if (!result) return null;
  const { session, user } = result;
  const now = Date.now();
  const idleMs = env.SESSION_IDLE_MINUTES * 60_000;
  const absoluteMs = env.SESSION_MAX_HOURS * 3_600_000;
  const lastActivity = new Date(session.updatedAt).getTime();
  const started = new Date(session.createdAt).getTime();
  if (now - lastActivity > idleMs || now - started > absoluteMs || now > new Date(session.expiresAt).getTime()) {
    await revokeSession(session.token);
    return null;
  }
  let activity = lastActivity;
  if (touch && now - lastActivity > TOUCH_EVERY_MS) {
    await touchSession(session.token, new Date(now));
    activity = now;
  }
  const u = user as typeof user & { organisationId: string; role?: string | null };
  return {
    actor: {
      userId: u.id, name: u.name, email: u.email, organisationId: u.organisationId, role: u.role === 'admin' ? 'admin' : 'clinician',
      clientAddress: clientAddressOf(h), sessionToken: session.token, via: 'session',
    },
    times: { idleExpiresAt: new Date(activity + idleMs), absoluteExpiresAt: new Date(Math.min(started + absoluteMs, new Date(session.expiresAt).getTime())) },
  };
}

/** The path to come back to after signing in (set by the proxy), only ever a local path. */
export function returnPath(h: HeaderReader): string {
  return safeLocalPath(h.get('x-pathname')) ?? '/patients';
}

/**
 * The session of the request being rendered, looked up once however many components ask (the clinic
 * layout and the page both do).
 */
export const activeSessionOfRequest = cache(async (): Promise<ActiveSession | null> => getActiveSession(await headers()));

/** For pages and server actions: the signed-in user, or a redirect to sign-in. */
export async function requireActor(): Promise<Actor> {
  const h = await headers();
  const active = await activeSessionOfRequest();
  if (!active) toSignIn(h);
  return active.actor;
}

function toSignIn(h: HeaderReader): never {
  redirect(`/sign-in?next=${encodeURIComponent(returnPath(h))}`);
}

/** As requireActor, and the user must be an admin (others get the not-found page). */
export async function requireAdmin(): Promise<Actor> {
  const actor = await requireActor();
  if (actor.role !== 'admin') redirect('/patients');
  return actor;
}

/** For route handlers: a session, or (when `allowToken`) an organisation's API token; null means 401. */
export async function actorForRequest(request: Request, { allowToken = false }: { allowToken?: boolean } = {}): Promise<Actor | null> {
  const bearer = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(request.headers.get('authorization') ?? '')?.[1];
  if (allowToken && bearer) {
    const token = await tokenCache().find(sha256Hex(bearer));
    if (!token) return null;
    // A write (and a wait for the disk) on every call only to move a timestamp by milliseconds: once a minute is enough.
    const now = Date.now();
    if (now - (tokenMarkedAt.get(token.id) ?? 0) > TOUCH_EVERY_MS) {
      tokenMarkedAt.set(token.id, now);
      await markTokenUsed(token.id, new Date(now));
    }
    return { userId: `token:${token.id}`, name: `API token "${token.name}"`, email: '', organisationId: token.organisationId, role: 'clinician', clientAddress: clientAddressOf(request.headers), sessionToken: null, via: 'token' };
  }
  return (await getActiveSession(request.headers))?.actor ?? null;
}

/**
 * For server actions: a signed-in user and a same-site request. The proxy already refuses a
 * cross-site action request with 403; this makes the rule hold in the action itself too (a null
 * Origin is refused), and records the refused write (`action`) in the audit trail. An anonymous call
 * is recorded as denied, then sent to sign in.
 */
export async function requireActionActor(action: string): Promise<Actor> {
  const h = await headers();
  const origin = checkSameOrigin(h);
  const active = await activeSessionOfRequest();
  if (!origin.ok) {
    await recordDenied(active?.actor ?? null, clientAddressOf(h), action, 'cross-site');
    throw new Error(`Refused: cross-site request (${origin.reason})`);
  }
  if (!active) {
    await recordDenied(null, clientAddressOf(h), action, 'unauthenticated');
    toSignIn(h);
  }
  // The session already looked up (React's cache does not dedupe inside a server action).
  return active.actor;
}

async function recordDenied(actor: Actor | null, clientAddress: string | null, action: string, detail: string): Promise<void> {
  if (actor) await audit(actor, { action, outcome: 'denied', detail });
  else await auditAnonymous(clientAddress, { action, outcome: 'denied', detail });
}
