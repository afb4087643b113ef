// @vitest-environment node
// kill -9 of a single production instance on SQLite while clients save assessments through the intake
// form's server action: after a restart every save the clients saw acknowledged is in the database,
// nothing is partial (each assessment has its digest and its audit event, each key one assessment), a
// save whose answer was lost can be retried with its key without saving twice, and audit:verify passes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbClient, type PrismaClient } from '@/lib/db/client';
import { assessmentDigest } from '@/lib/integrity/digest';
import {
  auditVerify, freePort, killHard, newSecret, newSubmissionKey, prepareDatabase, requireBuild, saveAssessment, saveLoad, signIn, startInstance, stopAll, until,
} from './app';

let dir: string;
let env: Record<string, string>;
let client: PrismaClient;

beforeAll(() => {
  requireBuild();
  dir = mkdtempSync(path.join(tmpdir(), 'rls-fault-sqlite-'));
  env = {
    DATABASE_URL: `file:${path.join(dir, 'app.db')}`, BETTER_AUTH_SECRET: newSecret(),
    AUDIT_ANCHOR_KEY: path.join(dir, 'audit-anchor.key'), AUDIT_ANCHOR_LOG: path.join(dir, 'audit-anchor.log'),
    // No PDF renderer: its route answers 503 of its own while the database is reachable (below).
    CHROMIUM_PATH: path.join(dir, 'no-chromium'),
  };
  prepareDatabase(env);
  client = createDbClient(env.DATABASE_URL!);
});
afterAll(async () => {
  await stopAll();
  await client?.$disconnect();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 of a SQLite instance during concurrent saves', () => {
  it('loses no acknowledged save, leaves nothing partial, and the audit chain verifies', async () => {
    const port = await freePort();
    const first = await startInstance(port, env);
    const cookie = await signIn(first.base, 'clinician@demo.test', 'demo-clinician-2026');
    const patientId = (await client.patient.findFirstOrThrow({ where: { mrn: 'DEMO-001' } })).id;

    const load = saveLoad({ clients: 8, base: () => first.base, cookie, patientId });
    // Mid-load: once saves are being acknowledged, with requests in flight.
    await until('25 acknowledged saves', async () => load.acknowledged() >= 25);
    await killHard(first);
    await load.stop();
    const acknowledged = load.attempts.filter((a) => a.outcome.acknowledged);
    const lost = load.attempts.filter((a) => !a.outcome.acknowledged);
    expect(lost.every((a) => a.outcome.status === null), 'before the kill every save was acknowledged').toBe(true);

    // The same database, the same port: the session survives the restart too.
    const second = await startInstance(port, env);

    const rows = await client.assessment.findMany({ select: { id: true, submissionKey: true, input: true, evaluation: true, rulesVersion: true, digest: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of acknowledged) {
      if (!a.outcome.acknowledged) continue;
      expect(byId.get(a.outcome.id)?.submissionKey, `acknowledged save ${a.outcome.id}`).toBe(a.key);
    }
    for (const r of rows) expect(assessmentDigest(r), `digest of ${r.id}`).toBe(r.digest);
    // Nothing partial: each stored assessment has its audit event and each such event its assessment.
    const events = await client.auditEvent.findMany({ where: { action: 'assessment.create', outcome: 'success' }, select: { recordId: true } });
    expect(new Set(events.map((e) => e.recordId))).toEqual(new Set(rows.map((r) => r.id)));
    expect(events).toHaveLength(rows.length);

    // The saves whose answer was lost are retried with their keys, as the form does: each ends with
    // exactly one assessment, whether it had been committed before the kill or not.
    for (const a of [...lost, { key: newSubmissionKey(), ferritin: '41' }]) {
      const retried = await saveAssessment(second.base, cookie, patientId, a.key, a.ferritin);
      expect(retried.acknowledged, JSON.stringify(retried)).toBe(true);
      expect(await client.assessment.count({ where: { submissionKey: a.key } })).toBe(1);
    }

    // A 5xx of the app's own while the database is reachable is held for the server's database check
    // (scripts/server.mjs) and then goes out as the app wrote it: not turned into the outage's 503.
    const saved = acknowledged.find((a) => a.outcome.acknowledged)!.outcome as { id: string };
    const pdf = await fetch(`${second.base}/api/assessments/${saved.id}/pdf`, { headers: { cookie } });
    expect(pdf.status).toBe(503);
    expect(await pdf.json()).toEqual({ error: 'pdf-unavailable', message: expect.stringContaining('PDF rendering needs Chromium') });
    expect((await fetch(`${second.base}/api/health`)).status).toBe(200);

    second.child.kill('SIGTERM');
    await second.exited;
    const verify = auditVerify(env);
    expect(verify.json, JSON.stringify(verify.json)).toMatchObject({ ok: true });
    expect(verify.status).toBe(0);
    console.log(`kill -9 on SQLite: ${acknowledged.length} saves acknowledged before the kill, ${lost.length} lost in flight and retried; ${verify.json.events} audit events verify`);
  });
});
