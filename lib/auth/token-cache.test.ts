import { describe, expect, it } from 'vitest';
import { TokenLookupCache, type ActiveToken } from './token-cache';

const TOKEN: ActiveToken = { id: 't1', organisationId: 'o1', name: 'EHR' };

function setUp(ttlMs: number) {
  let now = 1_000;
  let stored: ActiveToken | null = TOKEN;
  const loads: string[] = [];
  let gate: Promise<void> | null = null;
  const cache = new TokenLookupCache(async (hash) => {
    loads.push(hash);
    const answer = stored;
    if (gate) await gate;
    return answer;
  }, { ttlMs, now: () => now });
  return {
    cache, loads,
    advance: (ms: number) => { now += ms; },
    revokeInDatabase: () => { stored = null; },
    hold: () => { let release!: () => void; gate = new Promise<void>((r) => { release = r; }); return () => { gate = null; release(); }; },
  };
}

describe('TokenLookupCache', () => {
  it('answers from the cache up to the TTL and looks up again once it has passed', async () => {
    const t = setUp(5_000);
    expect(await t.cache.find('h')).toEqual(TOKEN);
    t.advance(5_000);
    expect(await t.cache.find('h')).toEqual(TOKEN);
    expect(t.loads).toEqual(['h']);
    t.revokeInDatabase();
    t.advance(1);
    expect(await t.cache.find('h')).toBeNull();
    expect(t.loads).toEqual(['h', 'h']);
  });

  it('never keeps an unknown or revoked token', async () => {
    const t = setUp(5_000);
    t.revokeInDatabase();
    expect(await t.cache.find('h')).toBeNull();
    expect(await t.cache.find('h')).toBeNull();
    expect(t.loads).toEqual(['h', 'h']);
  });

  it('looks up again at once after clear (a revocation through this process)', async () => {
    const t = setUp(5_000);
    await t.cache.find('h');
    t.revokeInDatabase();
    t.cache.clear();
    expect(await t.cache.find('h')).toBeNull();
  });

  it('does not put back an answer read before a clear', async () => {
    const t = setUp(5_000);
    const release = t.hold();
    const inFlight = t.cache.find('h'); // reads "active" before the revocation commits
    t.revokeInDatabase();
    t.cache.clear();
    release();
    expect(await inFlight).toEqual(TOKEN);
    expect(await t.cache.find('h')).toBeNull();
    expect(t.loads).toEqual(['h', 'h']);
  });

  it('with a TTL of 0 looks up every time', async () => {
    const t = setUp(0);
    await t.cache.find('h');
    await t.cache.find('h');
    expect(t.loads).toEqual(['h', 'h']);
  });
});
