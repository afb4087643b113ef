// @vitest-environment node
// A PostgreSQL server that accepts connections but never answers (hung, or a half-open network path)
// must not hold the health check or a request: /api/health answers 503 after its own time limit, and a
// query fails once the pool's connection timeout is over, instead of waiting for ever.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/health/route';
import { createDbClient, type PrismaClient } from '@/lib/db/client';

let silent: net.Server;
let port = 0;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  silent = net.createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  port = (silent.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('a PostgreSQL server that never answers', () => {
  it('/api/health answers 503 saying there was no answer; a query fails with a connection timeout', async () => {
    const client = createDbClient(`postgresql://postgres@127.0.0.1:${port}/stuck`);
    (globalThis as { rlsWorkupDb?: PrismaClient }).rlsWorkupDb = client;
    try {
      const res = await GET();
      expect(res.status).toBe(503);
      expect(((await res.json()) as { message: string }).message).toMatch(/not reachable: no answer within \d+ ms/);
      await expect(client.user.count()).rejects.toThrow(/timeout|timed out/i);
    } finally {
      await client.$disconnect().catch(() => {});
    }
  });
});
