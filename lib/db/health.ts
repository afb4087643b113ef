/** Database reachability for GET /api/health (a load balancer's health check). */
import { dbProvider, getDb } from './client';

export interface DatabaseHealth {
  reachable: boolean;
  provider: 'sqlite' | 'postgresql';
  /** Why it is not reachable (the driver's message, without the URL). */
  problem?: string;
}

/** The header scripts/server.mjs sends with its own check (the same name is written there). */
export const FRESH_CHECK_HEADER = 'x-rls-health-fresh';
/** The value of that header the server (scripts/server.mjs) sends with its own check: set per process, never sent to clients. */
export function freshCheckToken(): string | undefined {
  return (globalThis as Record<symbol, string | undefined>)[Symbol.for('rls-workup.health-fresh-token')];
}

/** How long a "reachable" answer is reused: a load balancer polling every few seconds still sees an outage within this. */
const REACHABLE_FOR_MS = 1000;

/** Per client (a test or script may swap the process-wide client): the check running now, and the last success. */
const checks = new WeakMap<object, { running?: Promise<DatabaseHealth>; reachableAt?: number }>();

/**
 * The database's reachability for GET /api/health. Checks that arrive together share one `SELECT 1`,
 * and a success is reused for a second (the health check is polled, and under load it ran one query per
 * request); a failure is never reused, so a database that is back is seen at the next check. `fresh`:
 * no success reused (the server asks after a request failed: an outage must be seen at once).
 */
export async function databaseHealth(timeoutMs = 2000, now: () => number = Date.now, { fresh = false }: { fresh?: boolean } = {}): Promise<DatabaseHealth> {
  const client = getDb();
  const state = checks.get(client) ?? {};
  checks.set(client, state);
  if (!fresh && state.reachableAt !== undefined && now() - state.reachableAt < REACHABLE_FOR_MS) return { reachable: true, provider: dbProvider() };
  state.running ??= checkOnce(timeoutMs).then((health) => {
    state.running = undefined;
    state.reachableAt = health.reachable ? now() : undefined;
    return health;
  });
  return state.running;
}

/**
 * Runs `SELECT 1`; gives up after `timeoutMs` (a server that accepts connections but does not answer
 * must not hold the health check: the load balancer waits for it).
 */
async function checkOnce(timeoutMs: number): Promise<DatabaseHealth> {
  const provider = dbProvider();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      getDb().$queryRawUnsafe('SELECT 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { reachable: true, provider };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { reachable: false, provider, problem: message.replace(/postgres(ql)?:\/\/\S+/g, '(database URL)').split('\n').filter(Boolean).slice(-1)[0]?.slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}
