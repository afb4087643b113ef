// @vitest-environment node
// The audit chain anchored outside the database: every committed audit write appends a signed anchor
// (sequence, hash, time) to the anchor log, and `npm run --silent audit:verify` checks the chain
// against it. Whoever can write the database can cut the chain short or rewrite its tail with fresh
// hashes (the chain alone then still verifies); each such case exits 1 and names what is wrong. The
// command runs as its own process for an intact chain and for a tampered one (a deleted anchor log, and
// a missing tail); the other checks run its report (scripts/audit-verify-report.ts) in this process, on
// the events as the command reads them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, sign } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { listAllAuditEvents } from '@/lib/db/audit';
import type { PrismaClient } from '@/lib/db/client';
import { useAnchorFiles } from '@/lib/integrity/audit-anchor';
import { GENESIS_HASH, auditHash, verifyChain, type AuditFields } from '@/lib/integrity/audit-chain';
import { canonicalJson } from '@/lib/integrity/hash';
import { audit } from '@/lib/services/audit';
import { auditVerifyReport, type AuditVerifyReport } from '../../scripts/audit-verify-report';
import { actorFor, createTestDatabase, type TestDatabase } from './database';

const ROOT = path.resolve(__dirname, '../..');

// A check through `npm run audit:verify` runs a separate process: slow on a loaded machine, never a race.
vi.setConfig({ testTimeout: 180_000 });
const EVENTS = 520;

let db: TestDatabase;
let actor: Actor;

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  actor = await actorFor(db.client, 'clinician@demo.test');
  const existing = await db.client.auditEvent.count();
  for (let i = existing; i < EVENTS; i++) await audit(actor, { action: 'patient.search', detail: `query-length=${i % 7}; results=0` });
}, 120_000);
afterAll(async () => db.dispose());

interface Verify {
  status: number | null;
  json: AuditVerifyReport['json'];
}

function auditVerify(env: Record<string, string>): Verify {
  const r = spawnSync('npm', ['run', '--silent', 'audit:verify'], { cwd: ROOT, env: { ...process.env, ...db.scriptEnv, ...env }, encoding: 'utf8', timeout: 60_000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return { status: r.status, json: JSON.parse(line) as Verify['json'] };
  } catch {
    throw new Error(`audit:verify printed no JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
}

/** What `npm run audit:verify` reports for the database behind `client` and anchor log `logFile`, computed in this process. */
async function auditReport(client: PrismaClient = db.client, logFile = db.anchor.logFile): Promise<Verify> {
  // The command's own read of the events (the process-wide client).
  (globalThis as { rlsWorkupDb?: PrismaClient }).rlsWorkupDb = client;
  try {
    return auditVerifyReport(await listAllAuditEvents(), { keyFile: db.anchor.keyFile, logFile });
  } finally {
    db.install();
  }
}

let n = 0;

/** A consistent copy of the database and of its anchor log, with the append-only triggers dropped. */
async function copy(): Promise<{ url: string; client: PrismaClient; logFile: string; env: Record<string, string> }> {
  const logFile = path.join(db.dir, `anchor-tamper-${++n}.log`);
  const { url, client } = await db.unprotectedCopy();
  copyFileSync(db.anchor.logFile, logFile);
  return { url, client, logFile, env: { DATABASE_URL: url, AUDIT_ANCHOR_LOG: logFile } };
}

const head = async (c: PrismaClient) => c.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });

/** Edits event `k` and recomputes its hash and every later one (in one transaction): the chain alone still verifies. */
async function rewriteFrom(c: PrismaClient, k: number, change: Partial<AuditFields>) {
  const events = await c.auditEvent.findMany({ where: { seq: { gte: k } }, orderBy: { seq: 'asc' } });
  let prevHash = k === 1 ? GENESIS_HASH : (await c.auditEvent.findUniqueOrThrow({ where: { seq: k - 1 } })).hash;
  const updates = events.map((e) => {
    const fields: AuditFields = { ...e, ...(e.seq === k ? change : {}), prevHash };
    const hash = auditHash(fields);
    prevHash = hash;
    return c.auditEvent.update({ where: { seq: e.seq }, data: { ...(e.seq === k ? change : {}), prevHash: fields.prevHash, hash } });
  });
  await c.$transaction(updates);
}

/** Appends events that chain correctly (as someone with the database and our code could), without anchoring them. */
async function appendUnanchored(c: PrismaClient, count: number) {
  for (let i = 0; i < count; i++) {
    const last = await head(c);
    const fields: AuditFields = {
      seq: last.seq + 1, at: new Date(Math.max(Date.now(), last.at.getTime() + 1)), userId: actor.userId, organisationId: actor.organisationId, action: 'patient.search',
      patientId: null, recordType: null, recordId: null, outcome: 'success', clientAddress: '127.0.0.1', detail: 'appended', prevHash: last.hash,
    };
    await c.auditEvent.create({ data: { ...fields, hash: auditHash(fields) } });
  }
}

describe('anchors are written by the app', () => {
  it('one signed anchor per committed audit write, covering the newest event', async () => {
    const lines = readFileSync(db.anchor.logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; hash: string; sig: string });
    const last = await head(db.client);
    expect(lines.length).toBeGreaterThanOrEqual(EVENTS - 10);
    expect(lines.at(-1)).toMatchObject({ seq: last.seq, hash: last.hash, sig: expect.any(String) });
  });

  it('the untouched chain verifies against the newest anchor', async () => {
    const events = await db.client.auditEvent.count();
    expect(auditVerify({})).toEqual({ status: 0, json: { ok: true, events, anchoredThrough: events, anchors: expect.any(Number) } });
  });

  it('an event written after the newest anchor (not yet anchored) does not fail the check', async () => {
    const c = await copy();
    await appendUnanchored(c.client, 2);
    const events = await c.client.auditEvent.count();
    expect(await auditReport(c.client, c.logFile)).toMatchObject({ status: 0, json: { ok: true, events, anchoredThrough: events - 2 } });
  });
});

describe('tampering the chain alone cannot hide', () => {
  it.each([3, 500])('deleting the newest %i events: "missing tail"', async (count) => {
    const c = await copy();
    const last = (await head(c.client)).seq;
    await c.client.auditEvent.deleteMany({ where: { seq: { gt: last - count } } });
    // The chain that is left is intact on its own: only the anchor shows the loss.
    expect(verifyChain(await c.client.auditEvent.findMany({ orderBy: { seq: 'asc' } }))).toMatchObject({ ok: true });
    // The command itself for one cut, its report in this process for the other.
    const r = count === 3 ? auditVerify(c.env) : await auditReport(c.client, c.logFile);
    expect(r.status).toBe(1);
    expect(r.json).toMatchObject({ ok: false, kind: 'missing-tail', firstBrokenEvent: last - count + 1, problem: expect.stringContaining(`events ${last - count + 1} to ${last} are gone`) });
  });

  it('editing one event and recomputing every later hash: "rewritten history"', async () => {
    const c = await copy();
    const k = (await head(c.client)).seq - 40;
    await rewriteFrom(c.client, k, { outcome: 'denied', userId: 'someone-else' });
    expect(verifyChain(await c.client.auditEvent.findMany({ orderBy: { seq: 'asc' } }))).toMatchObject({ ok: true });
    const r = await auditReport(c.client, c.logFile);
    expect(r.status).toBe(1);
    expect(r.json).toMatchObject({ ok: false, kind: 'rewritten-history', firstBrokenEvent: k, problem: expect.stringContaining('rewritten history') });
  }, 120_000);

  it('rewriting only the newest event: "rewritten history"', async () => {
    const c = await copy();
    const last = (await head(c.client)).seq;
    await rewriteFrom(c.client, last, { detail: 'rewritten' });
    expect(await auditReport(c.client, c.logFile)).toMatchObject({ status: 1, json: { ok: false, kind: 'rewritten-history', firstBrokenEvent: last } });
  });

  it('cutting the chain back and letting the app write on: "reused sequence numbers"', async () => {
    const c = await copy();
    const last = (await head(c.client)).seq;
    await c.client.auditEvent.deleteMany({ where: { seq: { gt: last - 3 } } });
    // The app, now on the cut-back database (and still anchoring into its log), records new events.
    (globalThis as { rlsWorkupDb?: PrismaClient }).rlsWorkupDb = c.client;
    useAnchorFiles({ keyFile: db.anchor.keyFile, logFile: c.logFile });
    try {
      for (let i = 0; i < 5; i++) await audit(actor, { action: 'patient.search', detail: 'after the cut' });
    } finally {
      db.install();
    }
    expect((await head(c.client)).seq).toBe(last + 2);
    const r = await auditReport(c.client, c.logFile);
    expect(r.status).toBe(1);
    expect(r.json).toMatchObject({ ok: false, kind: 'reused-sequence', firstBrokenEvent: last - 2, problem: expect.stringContaining(`sequence number ${last - 2} was reused`) });
  });

  it('cutting the chain back and appending events without anchors: "reused sequence numbers"', async () => {
    const c = await copy();
    const last = (await head(c.client)).seq;
    await c.client.auditEvent.deleteMany({ where: { seq: { gt: last - 3 } } });
    await appendUnanchored(c.client, 4);
    expect(verifyChain(await c.client.auditEvent.findMany({ orderBy: { seq: 'asc' } }))).toMatchObject({ ok: true });
    const r = await auditReport(c.client, c.logFile);
    expect(r.status).toBe(1);
    expect(r.json).toMatchObject({ ok: false, kind: 'reused-sequence', firstBrokenEvent: last - 2 });
  });
});

describe('the anchor log itself', () => {
  it('deleted: exit 1, "no anchor"', async () => {
    const c = await copy();
    rmSync(c.logFile);
    expect(existsSync(c.logFile)).toBe(false);
    expect(auditVerify(c.env)).toMatchObject({ status: 1, json: { ok: false, kind: 'no-anchor', problem: expect.stringContaining('no anchor in') } });
  });

  it('an anchor edited to match a rewritten tail, or signed with another key: "bad anchor"', async () => {
    const c = await copy();
    const lines = readFileSync(c.logFile, 'utf8').trim().split('\n');
    const edited = JSON.parse(lines.at(-1)!) as { v: 1; seq: number; hash: string; at: string; sig: string };
    writeFileSync(c.logFile, [...lines.slice(0, -1), JSON.stringify({ ...edited, hash: 'a'.repeat(64) })].join('\n') + '\n');
    expect(await auditReport(c.client, c.logFile)).toMatchObject({ status: 1, json: { ok: false, kind: 'bad-anchor', problem: expect.stringContaining(`line ${lines.length}`) } });

    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = { v: 1 as const, seq: edited.seq + 100, hash: 'b'.repeat(64), at: new Date().toISOString() };
    const sig = sign(null, Buffer.from(canonicalJson(forged)), privateKey).toString('base64');
    writeFileSync(c.logFile, [...lines, JSON.stringify({ ...forged, sig })].join('\n') + '\n');
    expect(await auditReport(c.client, c.logFile)).toMatchObject({ status: 1, json: { ok: false, kind: 'bad-anchor' } });
  });

  it('the original still verifies', async () => {
    expect(await auditReport()).toMatchObject({ status: 0, json: { ok: true } });
  });
});
