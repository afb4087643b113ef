/**
 * npm run bench:audit: the CPU an audit event costs to append, in one process on a temporary SQLite
 * database (migrated by the real CLI). Every audited read and write appends one, so this is on the
 * request path of every route.
 *
 * Measured: the repository's append (lib/db/audit.ts: one multi-row INSERT of bound parameters) and, as
 * the baseline in the same run, Prisma's `createMany` of the same rows (what the repository used
 * before). Groups of 1, 8 and 32 events (the single writer appends every waiting read's event together),
 * each inside a transaction, rounds alternating so that drift of the machine hits both. CPU time of this
 * process (process.cpuUsage), not wall time: a commit's wait for the disk is not counted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appendAuditEvents, type AuditInput } from '../lib/db/audit';
import { createDbClient } from '../lib/db/client';
import { auditHash, GENESIS_HASH, type AuditFields } from '../lib/integrity/audit-chain';
import { machineLine } from './machine.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'rls-bench-audit-'));
const url = `file:${path.join(dir, 'bench.db')}`;
execFileSync(process.execPath, [path.join(ROOT, 'scripts/prisma.mjs'), 'migrate', 'deploy'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });
const db = createDbClient(url);

const event = (i: number): AuditInput => ({
  userId: 'cbenchuser000000000000000', organisationId: 'cbenchorg0000000000000000', action: 'api.evaluate', outcome: 'success',
  clientAddress: '127.0.0.1', detail: 'token', recordType: null, recordId: `bench-${i}`, patientId: null,
});

let next = 0;
/** Prisma's createMany of the same chained rows (the baseline): the head read as the repository reads it. */
async function createManyBaseline(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], inputs: AuditInput[]): Promise<void> {
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = inputs.map((input) => {
    const fields: AuditFields = {
      seq: ++seq, at, userId: input.userId, organisationId: input.organisationId, action: input.action, patientId: null, recordType: null,
      recordId: input.recordId ?? null, outcome: input.outcome, clientAddress: input.clientAddress ?? null, detail: input.detail ?? null, prevHash,
    };
    prevHash = auditHash(fields);
    return { ...fields, hash: prevHash };
  });
  await tx.auditEvent.createMany({ data: rows });
}

const ways = {
  'repository append (multi-row INSERT)': (tx: never, inputs: AuditInput[]) => appendAuditEvents(tx, inputs),
  'baseline: Prisma createMany': (tx: never, inputs: AuditInput[]) => createManyBaseline(tx, inputs),
} as const;

/** CPU ms per event over `groups` transactions of `size` events each. */
async function cpuPerEvent(way: keyof typeof ways, size: number, groups: number): Promise<number> {
  const before = process.cpuUsage();
  for (let g = 0; g < groups; g++) {
    const inputs = Array.from({ length: size }, () => event(next++));
    await db.$transaction((tx) => ways[way](tx as never, inputs));
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / (size * groups);
}

try {
  console.log(`${machineLine()}\nAudit append, CPU per event (this process), SQLite, inside a transaction per group\n`);
  // Warm-up: JIT and Prisma's query caches.
  for (const way of Object.keys(ways) as (keyof typeof ways)[]) for (const size of [1, 8, 32]) await cpuPerEvent(way, size, 20);
  const ROUNDS = 5;
  for (const size of [1, 8, 32]) {
    const results = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const way of Object.keys(ways) as (keyof typeof ways)[]) {
        const r = await cpuPerEvent(way, size, Math.max(10, Math.round(400 / size)));
        results.set(way, [...(results.get(way) ?? []), r]);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [ours, baseline] = [...results.values()].map(median) as [number, number];
    for (const [way, xs] of results) console.log(`groups of ${String(size).padStart(2)}  ${way.padEnd(38)} ${median(xs).toFixed(3)} ms CPU per event (median of ${ROUNDS} rounds)`);
    console.log(`groups of ${String(size).padStart(2)}  the repository's append costs ${((ours / baseline) * 100).toFixed(0)} % of the baseline's CPU`);
  }
  console.log(`  measured on ${machineLine()}`);
} finally {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}
