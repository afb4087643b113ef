// @vitest-environment node
// PDF rendering in Debian's Chromium, bounded: one shared browser for every render, at most
// PDF_CONCURRENCY renders at once behind a bounded queue, a time limit per render, and a new browser
// when the old one died (killed with SIGKILL here). Pages come from a small local server.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { env } from '@/lib/env';
import { QueueBusyError, RenderQueue } from '@/lib/services/render-queue';
import { PdfTimeoutError, renderPdf, sharedBrowser } from '@/lib/services/pdf';

// Chromium starts slowly on a loaded machine; nothing here races a clock but the render time limit.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// A free port of the system's choosing: other test runs on this machine use theirs.
let BASE = '';
let server: Server;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('finish', () => inFlight--);
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>Checklist</title><h1>Workup checklist</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  BASE = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await (await sharedBrowser()).close();
  await new Promise((resolve) => server.close(resolve));
});

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString() === '%PDF-';

/** Chromium processes started by this test process (its direct children), by pid. */
function chromiumChildren(): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out.split('\n').map((l) => l.trim().split(/\s+/)).filter(([, comm]) => /chrom/i.test(comm ?? '')).map(([pid]) => Number(pid));
}

describe('PDF rendering', () => {
  it('renders in one shared browser, however many renders', async () => {
    const first = await sharedBrowser();
    const pdfs = await Promise.all([1, 2, 3].map(() => renderPdf({ url: `${BASE}/print`, cookies: [] })));
    expect(pdfs.every(isPdf)).toBe(true);
    expect(await sharedBrowser()).toBe(first);
    expect(chromiumChildren()).toHaveLength(1);
  });

  it('twelve simultaneous requests through the queue: at most PDF_CONCURRENCY render, the rest wait or are refused', async () => {
    const queue = new RenderQueue({ concurrency: env.PDF_CONCURRENCY, maxWaiting: env.PDF_QUEUE, perUser: env.PDF_PER_USER, secondsPerTask: 5 });
    maxInFlight = 0;
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => queue.run(`clinician-${i}`, () => renderPdf({ url: `${BASE}/print`, cookies: [] }))));
    const done = results.filter((r): r is PromiseFulfilledResult<Uint8Array> => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(done).toHaveLength(env.PDF_CONCURRENCY + env.PDF_QUEUE);
    expect(done.every((r) => isPdf(r.value))).toBe(true);
    expect(refused.every((r) => r.reason instanceof QueueBusyError)).toBe(true);
    expect(maxInFlight).toBeLessThanOrEqual(env.PDF_CONCURRENCY);
    expect(chromiumChildren()).toHaveLength(1);
  });

  it('stops a render that takes too long, and the next one still works', async () => {
    await expect(renderPdf({ url: `${BASE}/hang`, cookies: [], timeoutSeconds: 1 })).rejects.toBeInstanceOf(PdfTimeoutError);
    expect(isPdf(await renderPdf({ url: `${BASE}/print`, cookies: [] }))).toBe(true);
  });

  it('recovers when the browser dies (SIGKILL): the next render starts a new one', async () => {
    const old = await sharedBrowser();
    const [pid] = chromiumChildren();
    expect(pid).toBeGreaterThan(0);
    const gone = new Promise<void>((resolve) => old.once('disconnected', () => resolve()));
    process.kill(pid!, 'SIGKILL');
    await gone;
    const pdf = await renderPdf({ url: `${BASE}/print`, cookies: [] });
    expect(isPdf(pdf)).toBe(true);
    const now = await sharedBrowser();
    expect(now).not.toBe(old);
    expect(now.isConnected()).toBe(true);
  });
});
