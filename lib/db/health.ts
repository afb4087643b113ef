/** Database reachability for GET /api/health (a load balancer's health check). */
import { dbProvider, getDb } from './client';

export interface DatabaseHealth {
  reachable: boolean;
  provider: 'sqlite' | 'postgresql';
  /** Why it is not reachable (the driver's message, without the URL). */
  problem?: string;
}

/**
 * Runs `SELECT 1`; gives up after `timeoutMs` (a server that accepts connections but does not answer
 * must not hold the health check: the load balancer waits for it).
 */
export async function databaseHealth(timeoutMs = 2000): Promise<DatabaseHealth> {
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
