// @vitest-environment node
// GET /api/health reports whether this instance reaches its database: 200 when it does, 503 with a
// clear message when it does not (a load balancer takes the instance out of rotation).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/health/route';
import { createDbClient, type PrismaClient } from '@/lib/db/client';
import { FRESH_CHECK_HEADER, databaseHealth } from '@/lib/db/health';
import { freePort } from '../../scripts/postgres.mjs';
import { createTestDatabase, type TestDatabase } from './database';

let db: TestDatabase;
const install = (client: PrismaClient) => {
  (globalThis as { rlsWorkupDb?: PrismaClient }).rlsWorkupDb = client;
};

beforeAll(() => {
  db = createTestDatabase({ seeded: false });
});
afterAll(async () => db.dispose());

describe('GET /api/health', () => {
  it('200 with the provider when the database answers', async () => {
    install(db.client);
    // Connected first: on a loaded machine a new PostgreSQL connection can take longer than the check's
    // two seconds, and this case is about a database that answers.
    await db.client.$queryRawUnsafe('SELECT 1');
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { status: 'reachable', provider: db.provider } });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('503 with the reason when the database cannot be reached', async () => {
    // PostgreSQL: a port nothing listens on; SQLite: a file in a folder that does not exist.
    const url = db.provider === 'postgresql' ? `postgresql://postgres@127.0.0.1:${await freePort()}/nothing` : `file:${db.dir}/no-such-folder/x.db`;
    const unreachable = createDbClient(url);
    install(unreachable);
    try {
      const res = await GET();
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; database: unknown; message: string };
      expect(body).toMatchObject({ status: 'unavailable', database: { status: 'unreachable', provider: db.provider } });
      expect(body.message).toMatch(/^The database is not reachable: .+\. Requests that need it fail until it is back\.$/);
      expect(body.message).not.toContain('postgresql://');
    } finally {
      install(db.client);
      await unreachable.$disconnect();
    }
  });

  it('checks that arrive together share one query; a success is reused for a second, a failure never', async () => {
    const client = createDbClient(db.url);
    const queries = vi.spyOn(client, '$queryRawUnsafe');
    let t = 1_000_000;
    const now = () => t;
    install(client);
    try {
      const together = await Promise.all(Array.from({ length: 5 }, () => databaseHealth(30_000, now)));
      expect(together.every((h) => h.reachable)).toBe(true);
      expect(queries).toHaveBeenCalledTimes(1);
      t += 999;
      expect((await databaseHealth(30_000, now)).reachable).toBe(true);
      expect(queries).toHaveBeenCalledTimes(1);
      t += 1;
      expect((await databaseHealth(30_000, now)).reachable).toBe(true);
      expect(queries).toHaveBeenCalledTimes(2);
      // A fresh check (the server's own, after a failed request) runs the query within the second too.
      expect((await databaseHealth(30_000, now, { fresh: true })).reachable).toBe(true);
      expect(queries).toHaveBeenCalledTimes(3);

      const url = db.provider === 'postgresql' ? `postgresql://postgres@127.0.0.1:${await freePort()}/nothing` : `file:${db.dir}/no-such-folder/x.db`;
      const unreachable = createDbClient(url);
      const failing = vi.spyOn(unreachable, '$queryRawUnsafe');
      install(unreachable);
      expect((await databaseHealth(30_000, now)).reachable).toBe(false);
      expect((await databaseHealth(30_000, now)).reachable).toBe(false);
      expect(failing).toHaveBeenCalledTimes(2);
      await unreachable.$disconnect();
    } finally {
      install(db.client);
      await client.$disconnect();
    }
  });

  it("the server's own check (its per-process token in the header) is never answered from a reused success; anyone else's header is ignored", async () => {
    const client = createDbClient(db.url);
    const queries = vi.spyOn(client, '$queryRawUnsafe');
    const tokenKey = Symbol.for('rls-workup.health-fresh-token');
    const globals = globalThis as Record<symbol, string | undefined>;
    globals[tokenKey] = 'the-servers-token';
    install(client);
    // The clock stands still: every check below is within the second a success is reused for.
    vi.useFakeTimers({ toFake: ['Date'] });
    const check = (value?: string) => GET(new Request('http://127.0.0.1/api/health', { headers: value ? { [FRESH_CHECK_HEADER]: value } : {} }));
    try {
      expect((await check()).status).toBe(200);
      expect(queries).toHaveBeenCalledTimes(1);
      // Reused for a client, and for a wrong token.
      expect((await check()).status).toBe(200);
      expect((await check('a-guess')).status).toBe(200);
      expect(queries).toHaveBeenCalledTimes(1);
      expect((await check('the-servers-token')).status).toBe(200);
      expect(queries).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
      globals[tokenKey] = undefined;
      install(db.client);
      await client.$disconnect();
    }
  });
});
