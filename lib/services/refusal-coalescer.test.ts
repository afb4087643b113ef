import { describe, expect, it } from 'vitest';
import { RefusalCoalescer, summaryDetail, type RefusalLimits } from './refusal-coalescer';

const LIMITS: RefusalLimits = { windowMs: 60_000, perAddress: 3, perWindow: 10, summaries: 2, trackedAddresses: 20 };
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

/** Admits `n` refusals from `address` at time `at`; returns how many are written one by one. */
const flood = (c: RefusalCoalescer, address: string | null, n: number, at = T0, reason = 'server-action:forbidden-origin') =>
  Array.from({ length: n }, () => c.admit(address, reason, at)).filter(Boolean).length;

describe('RefusalCoalescer', () => {
  it('writes the first few refusals of an address one by one and counts the rest for one summary', () => {
    const c = new RefusalCoalescer(LIMITS);
    expect(flood(c, '203.0.113.1', 1_000)).toBe(3);
    expect(c.pendingUntil()).toBe(T0 + 60_000);
    expect(c.drain(T0 + 59_999)).toEqual([]);
    const [summary, ...rest] = c.drain(T0 + 60_000);
    expect(rest).toEqual([]);
    expect(summary).toMatchObject({ scope: 'address', clientAddress: '203.0.113.1', suppressed: 997, addresses: 1, reasons: [['server-action:forbidden-origin', 997]] });
    expect(summaryDetail(summary!)).toBe('997 more anonymous refusals from this address in 60 s from 2026-11-27T12:00:00.000Z: server-action:forbidden-origin=997');
    // Handed out once; the next window starts afresh.
    expect(c.drain(T0 + 120_000)).toEqual([]);
    expect(c.pendingUntil()).toBeNull();
    expect(flood(c, '203.0.113.1', 5, T0 + 120_000)).toBe(3);
  });

  it('bounds what is written per window however many addresses flood: perWindow events plus summaries + 1', () => {
    const c = new RefusalCoalescer(LIMITS);
    let written = 0;
    for (let i = 0; i < 10_000; i++) written += c.admit(`2001:db8::${i.toString(16)}`, i % 2 ? 'api.evaluate:unauthenticated' : 'cds.auth:bad-signature', T0 + i) ? 1 : 0;
    expect(written).toBe(LIMITS.perWindow);
    const summaries = c.drain(T0 + 60_000);
    expect(summaries.length).toBeLessThanOrEqual(LIMITS.summaries + 1);
    // Nothing lost: every refusal is either its own event or counted in a summary.
    expect(written + summaries.reduce((n, s) => n + s.suppressed, 0)).toBe(10_000);
    const others = summaries.find((s) => s.scope === 'others')!;
    expect(others.clientAddress).toBeNull();
    expect(others.reasons.map(([r]) => r).sort()).toEqual(['api.evaluate:unauthenticated', 'cds.auth:bad-signature']);
  });

  it('summarises the addresses with most refusals one by one, the others together', () => {
    const c = new RefusalCoalescer(LIMITS);
    flood(c, '198.51.100.1', 50);
    flood(c, '198.51.100.2', 40);
    flood(c, '198.51.100.3', 4);
    flood(c, null, 4, T0, 'auth.endpoint:NOT_FOUND');
    const summaries = c.drain(T0, true);
    expect(summaries.map((s) => [s.scope, s.clientAddress, s.suppressed])).toEqual([
      ['address', '198.51.100.1', 47], ['address', '198.51.100.2', 37], ['others', null, 4],
    ]);
    expect(summaryDetail(summaries[2]!)).toContain('from 2+ other addresses');
  });

  it('a refusal after the window ended starts a new window; the ended one is kept for the next drain', () => {
    const c = new RefusalCoalescer(LIMITS);
    flood(c, '192.0.2.9', 4);
    expect(c.admit('192.0.2.9', 'x:y', T0 + 61_000)).toBe(true);
    expect(c.drain(T0 + 61_000)).toMatchObject([{ clientAddress: '192.0.2.9', suppressed: 1 }]);
  });
});

describe('RefusalCoalescer memory bound', () => {
  it('counts refusals from more addresses than it tracks together, and still loses none', () => {
    const c = new RefusalCoalescer({ ...LIMITS, perWindow: 1_000, trackedAddresses: 4 });
    let written = 0;
    for (let i = 0; i < 100; i++) written += c.admit(`10.0.0.${i}`, 'cds.auth:unknown-issuer', T0) ? 1 : 0;
    expect(written).toBe(4);
    const summaries = c.drain(T0, true);
    expect(summaries).toMatchObject([{ scope: 'others', suppressed: 96 }]);
  });
});
