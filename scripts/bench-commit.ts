/**
 * npm run bench:commit: what a SQLite commit's disk sync costs the requests around it, in one process
 * on a temporary database (migrated by the real CLI), through the app's own writer and audit service.
 *
 * A closed loop of C clients, each making an audited read (`audit()`: the writer commits every waiting
 * event together) again as soon as the last one is acknowledged; beside them, other work on the event
 * loop in slices of 0.1 ms (what other requests — a page, the engine, the health check — would do
 * meanwhile). Two ways, rounds alternating so that drift of the machine hits both:
 *  - the app: synchronous=NORMAL, and the writer syncs the write-ahead log in the thread pool before it
 *    acknowledges (lib/db/client `makeDurable`);
 *  - the baseline: the same connection switched to synchronous=FULL, as the app was before: the COMMIT
 *    syncs the log on the event loop (the writer's own sync then finds nothing left to write).
 * Reported: audited requests per second, commits (groups) per second, and the other work done per
 * second (while a COMMIT syncs on the event loop, none is).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { machineLine } from './machine.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'rls-bench-commit-'));
const url = `file:${path.join(dir, 'bench.db')}`;
process.env.DATABASE_URL = url;
execFileSync(process.execPath, [path.join(ROOT, 'scripts/prisma.mjs'), 'migrate', 'deploy'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });

const { getDb } = await import('../lib/db/client');
const { ensureAnchorKey, readAnchorLog, useAnchorFiles } = await import('../lib/integrity/audit-anchor');
const { audit } = await import('../lib/services/audit');

// Anchoring on, as in production.
const anchor = { keyFile: path.join(dir, 'anchor.key'), logFile: path.join(dir, 'anchor.log') };
ensureAnchorKey(anchor.keyFile);
useAnchorFiles(anchor);

const actor = { userId: 'cbenchuser000000000000000', organisationId: 'cbenchorg0000000000000000', clientAddress: '127.0.0.1' };
const SLICE_MS = 0.1;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);

function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* a request's own work */ }
}

async function setSync(mode: 'NORMAL' | 'FULL'): Promise<void> {
  await getDb().$queryRawUnsafe(`PRAGMA synchronous = ${mode}`);
}

async function auditEvents(): Promise<number> {
  return Number((await getDb().$queryRawUnsafe<{ n: bigint }[]>('SELECT COUNT(*) AS n FROM audit_events'))[0]!.n);
}

interface Result { rps: number; commitsPerSecond: number; otherWorkMs: number }

async function round(mode: 'NORMAL' | 'FULL', clients: number): Promise<Result> {
  await setSync(mode);
  const anchorsBefore = readAnchorLog(anchor)?.anchors.length ?? 0;
  const until = performance.now() + SECONDS * 1000;
  let done = 0;
  let slices = 0;
  const other = (async () => {
    while (performance.now() < until) {
      work(SLICE_MS);
      slices++;
      await new Promise((r) => setImmediate(r));
    }
  })();
  await Promise.all([other, ...Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      await audit(actor, { action: 'api.evaluate', detail: 'bench' });
      done++;
    }
  })]);
  const commits = (readAnchorLog(anchor)?.anchors.length ?? 0) - anchorsBefore;
  return { rps: done / SECONDS, commitsPerSecond: commits / SECONDS, otherWorkMs: (slices * SLICE_MS) / SECONDS };
}

try {
  console.log(`${machineLine()}\nAudited requests through the writer, SQLite, with other work on the event loop in ${SLICE_MS} ms slices; ${SECONDS} s per round, 3 alternating rounds per way, medians\n`);
  await round('NORMAL', 10);
  await round('FULL', 10);
  const ways = [['the app: NORMAL, log synced in the thread pool', 'NORMAL'], ['baseline: FULL, COMMIT syncs on the event loop', 'FULL']] as const;
  console.log('| Clients | Way | Audited requests/s | Commits/s | Other work done (ms per s) |');
  console.log('|---|---|---|---|---|');
  for (const clients of [1, 10, 50]) {
    const results = new Map<string, Result[]>();
    for (let r = 0; r < 3; r++) for (const [name, mode] of ways) results.set(name, [...(results.get(name) ?? []), await round(mode, clients)]);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    for (const [name] of ways) {
      const rs = results.get(name)!;
      console.log(`| ${clients} | ${name} | ${median(rs.map((x) => x.rps)).toFixed(0)} | ${median(rs.map((x) => x.commitsPerSecond)).toFixed(0)} | ${median(rs.map((x) => x.otherWorkMs)).toFixed(0)} |`);
    }
  }
  console.log(`\n${await auditEvents()} audit events written; load average at the end: ${machineLine().split('load average ')[1] ?? ''}`);
} finally {
  await getDb().$disconnect();
  rmSync(dir, { recursive: true, force: true });
}
