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
 * Database outages answer 503 at once. When a request ends in a 5xx (held until the verdict:
 * answerOutagesAs503), the app's own /api/health is asked whether the database is reachable; while it
 * says no (503), every request that needs the database is answered 503 with a clear message before it
 * reaches the app (nothing of it is saved), and the health check is repeated every second; once it
 * answers 200 requests go through again. The database's driver reconnects by itself: the server is
 * never restarted for it.
 */
const selfOrigin = globalThis[Symbol.for('rls-workup.internal-origin')];
const EXEMPT = /^\/(api\/health|api\/ping|_next\/static\/|favicon\.ico|icon\.svg)/;
let databaseDown = null;
let probing = false;
const logLine = (level, msg, extra = {}) => console.log(JSON.stringify({ level, msg, ...extra }));

/** Settles with the first verdict of the check watchDatabase is making (true: the database is down). */
let firstVerdict = null;

function watchDatabase() {
  if (!probing) {
    let settle;
    firstVerdict = new Promise((resolve) => { settle = resolve; });
    void probe(settle);
  }
  return firstVerdict;
}

async function probe(settle) {
  probing = true;
  try {
    for (;;) {
      let status = 0;
      let message = '';
      try {
        // The header is lib/db/health.ts's FRESH_CHECK_HEADER.
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
      settle(databaseDown !== null);
      if (!databaseDown) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    probing = false;
    settle(databaseDown !== null);
  }
}

/** `send` writes the head and the body: the response's own methods, or those under other wrappers. */
function refuseWhileDatabaseDown(req, res, send = { writeHead: res.writeHead, end: res.end }) {
  const text = 'The database is not reachable, so RLS Workup cannot answer this request right now. Nothing was saved by it. Try again in a moment.';
  const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
  const headers = { 'Retry-After': '5', 'Cache-Control': 'no-store' };
  const body = wantsHtml
    ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable - RLS Workup</title></head><body><h1>Temporarily unavailable</h1><p>${text}</p></body></html>`
    : JSON.stringify({ error: 'database-unavailable', message: text });
  if (wantsHtml) Object.assign(headers, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" });
  else headers['Content-Type'] = 'application/json';
  send.writeHead.call(res, 503, headers);
  send.end.call(res, body);
}

/**
 * The requests that meet an outage first fail inside the app (500) before the check above has
 * answered. A response about to go out with a 5xx status is therefore held until this server's
 * fresh check gives its verdict: if the database is down it is answered as the requests after it
 * will be (503, the reason, Retry-After), otherwise it goes out as the app wrote it. Every other
 * response passes through. Installed before the app's own wrappers (Next.js's compression wraps
 * these methods in turn): what is held is what would have gone to the socket, and it is replayed,
 * or replaced, below them.
 */
function answerOutagesAs503(req, res) {
  const raw = { writeHead: res.writeHead, write: res.write, end: res.end };
  let passThrough = false;
  let held = null;
  const wrap = (name) => function (...args) {
    if (passThrough) return raw[name].apply(res, args);
    const result = name === 'write' ? true : res;
    if (held) {
      held.push([name, args]);
      return result;
    }
    if ((name === 'writeHead' ? args[0] : res.statusCode) < 500) {
      passThrough = true;
      return raw[name].apply(res, args);
    }
    held = [[name, args]];
    void watchDatabase().then((down) => {
      passThrough = true;
      if (down) {
        for (const header of res.getHeaderNames()) res.removeHeader(header);
        refuseWhileDatabaseDown(req, res, raw);
        return;
      }
      // Node asks for the head again (writeHead) whenever it finds none written yet: the first one counts.
      for (const [n, a] of held) if (n !== 'writeHead' || !res.headersSent) raw[n].apply(res, a);
    });
    return result;
  };
  res.writeHead = wrap('writeHead');
  res.write = wrap('write');
  res.end = wrap('end');
}

const server = createServer((req, res) => {
  // Any header of that name from the client is replaced (names are case-insensitive, Node lowercases them).
  req.headers[peerHeader] = req.socket.remoteAddress ?? '';
  const exempt = EXEMPT.test(req.url ?? '');
  if (databaseDown && !exempt) return refuseWhileDatabaseDown(req, res);
  // Every 5xx passes through the hold, which starts the database check.
  if (!exempt) answerOutagesAs503(req, res);
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
