// @vitest-environment node
// npm run backup / npm run restore on a real database (SQLite; PostgreSQL in the postgresql project,
// with pg_dump / pg_restore): a backup taken while saves go on
// restores into a fresh database in which every assessment digest and the audit chain verify; a
// database that holds data is never overwritten without --force; a backup older than the newest
// anchor is restored with the gap named, and audit:verify then reports the missing tail.
// The first case runs the commands as processes (npm run backup while this process saves, npm run
// restore, npm run audit:verify), and so does one refusal; the other cases run what the commands run
// (scripts/backup-command.ts, scripts/restore-command.ts, scripts/audit-verify-report.ts) in this process.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { listAllAuditEvents } from '@/lib/db/audit';
import { createDbClient } from '@/lib/db/client';
import { createAssessment, getAssessment } from '@/lib/services/assessments';
import { assessmentDigest } from '@/lib/services/digest';
import { searchPatients } from '@/lib/services/patients';
import { addReview } from '@/lib/services/reviews';
import { auditVerifyReport } from '../../scripts/audit-verify-report';
import { backupCommand } from '../../scripts/backup-command';
import { createDatabase, dropDatabase } from '../../scripts/postgres.mjs';
import { restoreCommand } from '../../scripts/restore-command';
import { TEST_PROVIDER, actorFor, createTestDatabase, migratedSqliteDatabase, type TestDatabase } from './database';
import { assessmentForm as form } from '../factories';

const ROOT = path.resolve(__dirname, '../..');
// The commands run as processes (tsx) take seconds each on a loaded machine: never a race.
vi.setConfig({ testTimeout: 180_000 });

let db: TestDatabase;
let actor: Actor;
let patientId: string;
const dir = () => db.dir;
const created: string[] = [];

/** A new database of this run's provider: with no tables at all, or migrated and without rows. */
function newDatabase(name: string, kind: 'fresh' | 'migrated'): string {
  if (TEST_PROVIDER === 'postgresql') {
    const unique = `${name.replace(/[^a-z0-9]/g, '_')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    created.push(unique);
    return createDatabase(inject('postgresPort'), unique, kind === 'migrated' ? { template: 'template_migrated' } : {});
  }
  const file = path.join(dir(), `${name}.db`);
  return kind === 'migrated' ? migratedSqliteDatabase(file, { seeded: false }) : `file:${file}`;
}

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SCRIPTS: Record<string, string> = { backup: 'scripts/backup.ts', restore: 'scripts/restore.ts', 'audit:verify': 'scripts/audit-verify.ts' };

/** What `npm run --silent SCRIPT -- ARGS` runs (tsx on the script), without npm's own start-up. */
function npmRun(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(TSX, [SCRIPTS[script]!, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** What the command prints (standard output and error, in order) and its exit status. */
async function captured(run: (out: { log(line: string): void; error(line: string): void }) => Promise<number>) {
  let out = '';
  const write = (line: string) => { out += `${line}\n`; };
  const status = await run({ log: write, error: write });
  return { status, out };
}
/** What `npm run backup -- ARGS` does, run in this process, against this file's database. */
const backup = (args: string[]) => captured((out) => backupCommand(args, db.url, out));
/** What `npm run restore -- ARGS` does, run in this process, into `url`, checked against this file's anchor log. */
const restore = (args: string[], url: string) => captured((out) => restoreCommand(args, url, out, db.anchor));
/** What `npm run audit:verify` answers for the database `url`, run in this process. */
async function auditVerifyHere(url: string) {
  const client = createDbClient(url);
  try {
    return auditVerifyReport(await listAllAuditEvents(client), db.anchor);
  } finally {
    await client.$disconnect();
  }
}

/** npm run backup as its own process, while this process keeps saving: resolves with its exit and output. */
function backupWhileSaving(out: string, anchorLogCopy: string): Promise<{ status: number | null; out: string; savedDuring: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [SCRIPTS.backup!, '--out', out], { cwd: ROOT, env: { ...process.env, ...db.scriptEnv, AUDIT_ANCHOR_LOG: anchorLogCopy } });
    let text = '';
    child.stdout.on('data', (c) => { text += c; });
    child.stderr.on('data', (c) => { text += c; });
    let running = true;
    let savedDuring = 0;
    const saving = (async () => {
      for (let i = 0; running; i++) {
        const r = await save(`${50 + (i % 40)}`);
        if (r) savedDuring++;
      }
    })();
    child.on('error', reject);
    child.on('exit', (status) => {
      running = false;
      saving.then(() => resolve({ status, out: text, savedDuring }), reject);
    });
  });
}

async function save(ferritin: string): Promise<string | null> {
  const r = await createAssessment(actor, { patientId, asOf: '2026-11-23', form: form((f) => { f.labs.ferritin.value = ferritin; f.labs.tsat.value = '18'; f.pregnant = 'no'; f.medicationsText = 'sertraline 50 mg'; }) });
  return r.ok ? r.data.id : null;
}

function auditVerify(url: string, anchorLog = db.anchor.logFile) {
  const r = npmRun('audit:verify', [], { ...db.scriptEnv, DATABASE_URL: url, AUDIT_ANCHOR_LOG: anchorLog });
  return { status: r.status, json: JSON.parse(r.out.trim().split('\n').pop() ?? '{}') as { ok: boolean; events: number; kind?: string } };
}

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  actor = await actorFor(db.client, 'clinician@demo.test');
  patientId = (await searchPatients(actor, 'DEMO-001'))[0]!.id;
  // Assessments, a correction and reviews: what a clinic's database holds.
  const first = (await save('40'))!;
  await save('120');
  const corrected = await createAssessment(actor, { patientId, asOf: '2026-11-24', supersedesId: first, form: form((f) => { f.labs.ferritin.value = '45'; f.labs.tsat.value = '18'; f.pregnant = 'no'; f.medicationsText = 'sertraline 50 mg'; }) });
  expect(corrected.ok).toBe(true);
  expect((await addReview(actor, first, { targetType: 'contributor', targetId: 'iron-deficiency', decision: 'accepted', reasonCode: '', comment: '' })).ok).toBe(true);
  await getAssessment(actor, first);
}, 120_000);
afterAll(async () => {
  await db.dispose();
  for (const name of created) dropDatabase(inject('postgresPort'), name);
});

describe(`backup and restore (${TEST_PROVIDER})`, () => {
  it('backs up while saves go on, and restores into a fresh database where every digest and the audit chain verify', async () => {
    const backupFile = path.join(dir(), 'online.backup');
    // The anchor log is kept beside the backup, copied first: the saves during the backup are anchored
    // in the live log only, and a copy taken after the database's would name them as a missing tail.
    const anchorLogCopy = path.join(dir(), 'online-anchor.log');
    copyFileSync(db.anchor.logFile, anchorLogCopy);
    const backup = await backupWhileSaving(backupFile, anchorLogCopy);
    expect(backup.status, backup.out).toBe(0);
    expect(backup.out).toContain(`written: ${backupFile}`);
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(existsSync(`${backupFile}.partial`)).toBe(false);

    const restoredUrl = newDatabase('restored', 'fresh');
    const restore = npmRun('restore', [backupFile], { ...db.scriptEnv, DATABASE_URL: restoredUrl, AUDIT_ANCHOR_LOG: anchorLogCopy });
    expect(restore.status, restore.out).toBe(0);
    expect(restore.out).toMatch(/✔ \d+ assessments, every digest verifies/);
    expect(restore.out).toMatch(/✔ \d+ audit events, the chain verifies/);
    expect(restore.out).toContain(`✔ the anchor log (${anchorLogCopy}) covers it`);

    // Checked again here, independently of the restore command's own report.
    const restored = createDbClient(restoredUrl);
    try {
      const rows = await restored.assessment.findMany();
      const sourceCount = await db.client.assessment.count();
      // A consistent copy of some moment during the backup: at least what was saved before it, at most everything.
      expect(rows.length).toBeGreaterThanOrEqual(sourceCount - backup.savedDuring);
      expect(rows.length).toBeLessThanOrEqual(sourceCount);
      for (const a of rows) expect(assessmentDigest(a), a.id).toBe(a.digest);
      // Every restored assessment is the source's, byte for byte, and has its audit event.
      const source = new Map((await db.client.assessment.findMany({ where: { id: { in: rows.map((r) => r.id) } } })).map((a) => [a.id, a]));
      for (const a of rows) expect(a).toEqual(source.get(a.id));
      const created = await restored.auditEvent.findMany({ where: { action: { in: ['assessment.create', 'assessment.correct'] } }, select: { recordId: true } });
      expect(new Set(created.map((e) => e.recordId))).toEqual(new Set(rows.map((r) => r.id)));
      expect(await restored.review.count()).toBe(1);
      expect(await restored.user.count()).toBe(await db.client.user.count());
    } finally {
      await restored.$disconnect();
    }
    const verify = auditVerify(restoredUrl, anchorLogCopy);
    expect(verify.json.ok, JSON.stringify(verify.json)).toBe(true);
    expect(verify.status).toBe(0);
  });

  it('refuses to overwrite a database that holds data unless --force is given', async () => {
    const backupFile = path.join(dir(), 'plain.backup');
    expect((await backup(['--out', backupFile])).status).toBe(0);
    const before = await db.client.assessment.count();
    // The command itself: exit 1, the reason on its output.
    const refused = npmRun('restore', [backupFile], db.scriptEnv);
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(/restore refused: the database .* is not empty \(\d+ organisations, \d+ patients, \d+ assessments, \d+ audit events\)/);
    expect(refused.out).toContain('--force');
    expect(await db.client.assessment.count()).toBe(before);

    // A migrated database with no rows is a fresh one.
    const emptyUrl = newDatabase('migrated_empty', 'migrated');
    expect((await restore([backupFile], emptyUrl)).status).toBe(0);
    // Then it holds data: --force replaces it.
    const forced = await restore([backupFile, '--force'], emptyUrl);
    expect(forced.status, forced.out).toBe(0);
    expect(forced.out).toContain('--force: the database');
  });

  it('refuses a file that is not a backup, a missing file, and a backup of the other provider, with a clear message', async () => {
    const fresh = `file:${path.join(dir(), 'never.db')}`;
    const notBackup = await restore([path.join(ROOT, 'package.json')], fresh);
    expect(notBackup.status).toBe(1);
    expect(notBackup.out).toContain('is neither a SQLite database nor a PostgreSQL custom-format dump');
    const missing = await restore([path.join(dir(), 'no-such.sqlite')], fresh);
    expect(missing.status).toBe(1);
    expect(missing.out).toContain('no such backup file');
    const usage = await restore([], fresh);
    expect(usage.status).toBe(1);
    expect(usage.out).toContain('usage: npm run restore -- FILE');
    // A backup is restored by its own provider only (checked before anything is opened).
    const backupFile = path.join(dir(), 'plain.backup');
    const other = TEST_PROVIDER === 'sqlite' ? { url: 'postgresql://nobody@127.0.0.1:1/none', message: 'is a SQLite backup, but DATABASE_URL selects PostgreSQL' } : { url: fresh, message: 'is a PostgreSQL backup, but DATABASE_URL selects SQLite' };
    const mismatch = await restore([backupFile], other.url);
    expect(mismatch.status).toBe(1);
    expect(mismatch.out).toContain(other.message);
    expect(existsSync(path.join(dir(), 'never.db'))).toBe(false);
  });

  it('restores a backup older than the newest anchor and names the events it lacks', async () => {
    const backupFile = path.join(dir(), 'older.backup');
    expect((await backup(['--out', backupFile])).status).toBe(0);
    expect(await save('33')).not.toBeNull(); // after the backup, anchored
    const url = newDatabase('older_restored', 'fresh');
    const restored = await restore([backupFile], url);
    expect(restored.status, restored.out).toBe(0);
    expect(restored.out).toContain('missing tail');
    expect(restored.out).toContain('npm run audit:anchor');
    const verify = await auditVerifyHere(url);
    expect(verify.status).toBe(1);
    expect(verify.json.kind).toBe('missing-tail');
  });
});
