#!/usr/bin/env node
/**
 * The production server (npm start, npm run serve, the browser tests): Next.js's request handler
 * behind a plain Node HTTP server, so that the app knows the socket address of every request.
 * Next.js itself only fills X-Forwarded-For when the client did not send one, which lets a client
 * choose its own address. Here the socket address travels in a header whose name holds a random
 * token of this process (published on globalThis for lib/auth/request.ts): a client cannot forge it.
 *
 *   node scripts/server.mjs [--port 3000] [--host 127.0.0.1]
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const port = Number(arg('port', process.env.PORT || '3000'));
const hostname = arg('host', process.env.HOST || '127.0.0.1');

// A production build is served (next start does the same).
process.env.NODE_ENV = 'production';

const peerHeader = `x-rls-peer-${randomBytes(16).toString('hex')}`;
// This server's own health checks (below) ask for a fresh database check (lib/db/health.ts).
const freshToken = randomBytes(16).toString('hex');
globalThis[Symbol.for('rls-workup.health-fresh-token')] = freshToken;
globalThis[Symbol.for('rls-workup.peer-address-header')] = peerHeader;

// Where the server reaches itself (the PDF renderer loads the print page from here, never from an
// address taken from the request's Host header).
const selfHost = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname.includes(':') ? `[${hostname}]` : hostname;
globalThis[Symbol.for('rls-workup.internal-origin')] = `http://${selfHost}:${port}`;

const app = next({ dev: false, dir: root, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

/**
 * Database outages answer 503 at once. When a request ends in a 5xx, the app's own /api/health is
 * asked whether the database is reachable; while it says no (503), every request that needs the
 * database is answered 503 with a clear message before it reaches the app (nothing of it is saved),
 * and the health check is repeated every second; once it answers 200 requests go through again. The
 * database's driver reconnects by itself: the server is never restarted for it.
 */
const selfOrigin = globalThis[Symbol.for('rls-workup.internal-origin')];
const EXEMPT = /^\/(api\/health|api\/ping|_next\/static\/|favicon\.ico|icon\.svg)/;
let databaseDown = null;
let probing = false;
const logLine = (level, msg, extra = {}) => console.log(JSON.stringify({ level, msg, ...extra }));

async function watchDatabase() {
  if (probing) return;
  probing = true;
  try {
    for (;;) {
      let status = 0;
      let message = '';
      try {
        const res = await fetch(`${selfOrigin}/api/health`, { headers: { 'x-rls-health-fresh': freshToken }, signal: AbortSignal.timeout(5000) });
        status = res.status;
        message = (await res.json().catch(() => ({}))).message ?? '';
      } catch {
        // This server did not answer itself: not a database verdict.
      }
      if (status === 200) {
        if (databaseDown) logLine('info', 'database reachable again: requests go through', { downSeconds: Math.round((Date.now() - databaseDown.since) / 1000) });
        databaseDown = null;
        return;
      }
      if (status === 503 && !databaseDown) {
        databaseDown = { since: Date.now(), message };
        logLine('error', 'database unreachable: answering 503 until it is back', { problem: message });
      }
      if (!databaseDown) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    probing = false;
  }
}

function refuseWhileDatabaseDown(req, res) {
  const text = 'The database is not reachable, so RLS Workup cannot answer this request right now. Nothing was saved by it. Try again in a moment.';
  res.statusCode = 503;
  res.setHeader('Retry-After', '5');
  res.setHeader('Cache-Control', 'no-store');
  const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
  if (wantsHtml) {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', "default-src 'none'");
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable - RLS Workup</title></head><body><h1>Temporarily unavailable</h1><p>${text}</p></body></html>`);
  } else {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ error: 'database-unavailable', message: text }));
  }
}

const server = createServer((req, res) => {
  // Any header of that name from the client is replaced (names are case-insensitive, Node lowercases them).
  req.headers[peerHeader] = req.socket.remoteAddress ?? '';
  const exempt = EXEMPT.test(req.url ?? '');
  if (databaseDown && !exempt) return refuseWhileDatabaseDown(req, res);
  if (!exempt) res.once('finish', () => { if (res.statusCode >= 500) void watchDatabase(); });
  handle(req, res).catch((err) => {
    console.error(JSON.stringify({ level: 'error', msg: 'request failed', error: err instanceof Error ? err.message : String(err) }));
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end();
    }
  });
});
server.listen(port, hostname, () => {
  console.log(JSON.stringify({ level: 'info', msg: 'listening', url: `http://${hostname}:${port}` }));
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
