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
globalThis[Symbol.for('rls-workup.peer-address-header')] = peerHeader;

// Where the server reaches itself (the PDF renderer loads the print page from here, never from an
// address taken from the request's Host header).
const selfHost = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname.includes(':') ? `[${hostname}]` : hostname;
globalThis[Symbol.for('rls-workup.internal-origin')] = `http://${selfHost}:${port}`;

const app = next({ dev: false, dir: root, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  // Any header of that name from the client is replaced (names are case-insensitive, Node lowercases them).
  req.headers[peerHeader] = req.socket.remoteAddress ?? '';
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
