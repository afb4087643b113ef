// @vitest-environment node
// `npm run cluster` with 3 instances behind nginx on one PostgreSQL (Debian's binaries, a temporary
// folder), under faults, with clients saving through the intake form's server action via nginx:
//  - a session made through nginx works on every instance; nginx's X-Forwarded-For is the one believed;
//  - kill -9 of one instance: nginx keeps serving through the others, every acknowledged save is in
//    the database, nothing is partial, a lost save retried with its key is saved once;
//  - PostgreSQL stopped during load: requests answer 503 with a clear message at once (the first ones,
//    failing inside the app, too), and succeed
//    again once it is back, with the same app processes;
//  - SIGTERM stops nginx, the instances and PostgreSQL: no process is left.
// Afterwards audit:verify passes. Every wait polls a condition with a generous deadline.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbClient, type PrismaClient } from '@/lib/db/client';
import { assessmentDigest } from '@/lib/integrity/digest';
import { postgresInstalled, PG_BIN } from '../../scripts/postgres.mjs';
import { ROOT, actionHeaders, auditVerify, freePort, newSubmissionKey, requireBuild, saveAssessment, saveLoad, signIn, until, type Attempt } from './app';

interface ClusterState {
  pid: number;
  url: string;
  databaseUrl: string;
  postgres: { port: number; dataDir: string; log: string };
  nginx: { pid: number; port: number };
  instances: { name: string; port: number; pid: number }[];
}

const isRoot = process.getuid?.() === 0;
let dir: string;
let cluster: ChildProcess;
let output = '';
let base: string;
let databaseUrl: string;
let client: PrismaClient;
let cookie: string;
let patientId: string;
const allAttempts: Attempt[] = [];

const state = (): ClusterState => JSON.parse(readFileSync(path.join(dir, 'cluster.json'), 'utf8')) as ClusterState;
/** Running (a zombie waiting to be reaped by init holds nothing and counts as gone). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const anchorEnv = () => ({ DATABASE_URL: databaseUrl, AUDIT_ANCHOR_KEY: path.join(dir, 'audit-anchor.key'), AUDIT_ANCHOR_LOG: path.join(dir, 'audit-anchor.log') });

/** pg_ctl on the cluster's server, as the user PostgreSQL runs as. */
function pgCtl(args: string[]): void {
  const file = path.join(PG_BIN, 'pg_ctl');
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: tmpdir() });
  if (r.status !== 0) throw new Error(`pg_ctl ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
}

/** Every acknowledged save is stored with its key; every stored assessment has its digest and its audit event. */
async function checkNothingLostOrPartial(attempts: Attempt[]) {
  const rows = await client.assessment.findMany({ select: { id: true, submissionKey: true, input: true, evaluation: true, rulesVersion: true, digest: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const a of attempts) if (a.outcome.acknowledged) expect(byId.get(a.outcome.id)?.submissionKey, `acknowledged save ${a.outcome.id}`).toBe(a.key);
  for (const r of rows) expect(assessmentDigest(r), `digest of ${r.id}`).toBe(r.digest);
  const events = await client.auditEvent.findMany({ where: { action: 'assessment.create', outcome: 'success' }, select: { recordId: true } });
  expect(events).toHaveLength(rows.length);
  expect(new Set(events.map((e) => e.recordId))).toEqual(new Set(rows.map((r) => r.id)));
}

beforeAll(async () => {
  requireBuild();
  if (!postgresInstalled()) throw new Error(`PostgreSQL server binaries not found in ${PG_BIN}: install Debian's postgresql (.ci/run does)`);
  dir = mkdtempSync(path.join(tmpdir(), 'rls-fault-cluster-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as `postgres` under root: it must reach its folder
  const port = await freePort();
  cluster = spawn(process.execPath, [path.join(ROOT, 'scripts/cluster.mjs'), '--instances', '3', '--port', String(port), '--dir', dir, '--pool', '4'], {
    cwd: ROOT, env: { ...process.env, NEXT_DIST_DIR: '.next-test', BETTER_AUTH_SECRET: '' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  cluster.stdout!.on('data', (c) => { output += c; });
  cluster.stderr!.on('data', (c) => { output += c; });
  await until('the cluster to print ready', async () => {
    if (cluster.exitCode !== null) throw new Error(`cluster exited (${cluster.exitCode}): ${output}`);
    return output.includes(`ready http://127.0.0.1:${port}\n`) && /DATABASE_URL=postgresql:\/\/\S+\n/.test(output);
  }, 400_000, 500);
  base = `http://127.0.0.1:${port}`;
  databaseUrl = /DATABASE_URL=(postgresql:\/\/\S+)\n/.exec(output)![1]!;
  client = createDbClient(databaseUrl);
  patientId = (await client.patient.findFirstOrThrow({ where: { mrn: 'DEMO-001' } })).id;
  cookie = await signIn(base, 'clinician@demo.test', 'demo-clinician-2026');
}, 420_000);

afterAll(async () => {
  await client?.$disconnect();
  if (cluster && cluster.exitCode === null) {
    cluster.kill('SIGTERM');
    await new Promise((r) => cluster.once('exit', r));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run cluster: 3 instances behind nginx on PostgreSQL', () => {
  it('prints ready and the DATABASE_URL; a session made through nginx works on every instance; the proxy sets the client address', async () => {
    expect(output).toMatch(/^ready http:\/\/127\.0\.0\.1:\d+$/m);
    const { instances } = state();
    expect(instances).toHaveLength(3);
    for (const i of instances) {
      const res = await fetch(`http://127.0.0.1:${i.port}/patients`, { headers: { cookie } });
      expect(res.status, i.name).toBe(200);
      expect(await res.text()).toContain('DEMO-001');
    }
    // A client cannot choose its address: nginx overwrites X-Forwarded-For with the one it saw.
    await fetch(`${base}/sign-in`, { method: 'POST', headers: { ...actionHeaders(base, 'signInAction'), 'x-forwarded-for': '203.0.113.9' }, body: JSON.stringify([{ email: 'admin@demo.test', password: 'not-the-password' }, null]) });
    const failure = await until('the failed sign-in event', () => client.auditEvent.findFirst({ where: { action: 'auth.sign-in', outcome: 'failure', detail: 'account:admin@demo.test' } }));
    expect(failure.clientAddress).toBe('127.0.0.1');
  });

  it('kill -9 of one instance during concurrent saves: nginx serves through the others, no acknowledged save lost, nothing partial', async () => {
    const load = saveLoad({ clients: 6, base: () => base, cookie, patientId });
    try {
      await until('15 acknowledged saves', async () => load.acknowledged() >= 15);
      const victim = state().instances[1]!;
      process.kill(victim.pid, 'SIGKILL');
      const atKill = load.acknowledged();
      // Reads are repeated on another instance by nginx; saves keep being acknowledged by the others.
      for (let i = 0; i < 6; i++) expect((await fetch(`${base}/patients`, { headers: { cookie } })).status).toBe(200);
      await until('15 more acknowledged saves after the kill', async () => load.acknowledged() >= atKill + 15);
      await until('the cluster to report the exit', async () => output.includes(`${victim.name} (127.0.0.1:${victim.port}) exited (SIGKILL)`));
    } finally {
      await load.stop();
    }
    allAttempts.push(...load.attempts);
    await checkNothingLostOrPartial(load.attempts);
    // A save whose answer was lost is retried with its key, as the form does: one assessment each.
    for (const a of load.attempts.filter((x) => !x.outcome.acknowledged)) {
      const retried = await saveAssessment(base, cookie, patientId, a.key, a.ferritin);
      expect(retried.acknowledged, JSON.stringify(retried)).toBe(true);
      expect(await client.assessment.count({ where: { submissionKey: a.key } })).toBe(1);
    }
  });

  it('PostgreSQL stopped during load: 503 with a clear message at once, saves succeed again after it is back, same app processes', async () => {
    const before = state();
    // The killed instance has been started again by the cluster.
    await until('every instance healthy', async () => {
      for (const i of state().instances) if ((await fetch(`http://127.0.0.1:${i.port}/api/health`)).status !== 200) return false;
      return true;
    });
    const pids = state().instances.map((i) => i.pid);
    const load = saveLoad({ clients: 4, base: () => base, cookie, patientId });
    try {
      await until('10 acknowledged saves', async () => load.acknowledged() >= 10);
      const fromStop = load.attempts.length;
      pgCtl(['-D', before.postgres.dataDir, '-m', 'fast', '-w', '-t', '120', 'stop']);

      // Once an instance has seen the outage, it answers 503 at once, with the reason, without the app.
      const refused = await until('a save answered 503', async () => {
        const key = newSubmissionKey();
        const started = Date.now();
        const res = await fetch(`${base}/patients/${patientId}/assessments/new`, { method: 'POST', headers: actionHeaders(base, 'createAssessmentAction', cookie), body: JSON.stringify([patientId, null, {}, key]) });
        return res.status === 503 ? { body: await res.text(), ms: Date.now() - started, retryAfter: res.headers.get('retry-after') } : null;
      }, 120_000, 250);
      expect(JSON.parse(refused.body)).toEqual({ error: 'database-unavailable', message: expect.stringContaining('The database is not reachable') });
      expect(refused.retryAfter).toBe('5');
      // An instance reuses a successful database check for up to a second (lib/db/health.ts): the one
      // nginx picks may still report the check it made just before the stop.
      const healthMessage = await until('the health check through nginx answering 503', async () => {
        const health = await fetch(`${base}/api/health`);
        return health.status === 503 ? ((await health.json()) as { message: string }).message : null;
      }, 60_000, 250);
      expect(healthMessage).toContain('The database is not reachable');
      await until('every instance answering 503 for a page', async () => {
        for (const i of state().instances) {
          const res = await fetch(`http://127.0.0.1:${i.port}/patients`, { headers: { cookie, accept: 'text/html' } });
          if (res.status !== 503 || !(await res.text()).includes('The database is not reachable')) return false;
        }
        return true;
      }, 120_000, 250);
      // Fast: refused before the app runs (a generous bound on a loaded machine; the app's own
      // connection timeout to PostgreSQL is 5 s).
      expect(refused.ms).toBeLessThan(10_000);

      // Every save the outage refused, the first ones too (in flight when it began, failing inside
      // the app before the instance's check had answered), was answered 503 with the reason.
      const refusedWhileDown = load.attempts.slice(fromStop).filter((a) => !a.outcome.acknowledged);
      expect(refusedWhileDown.length).toBeGreaterThan(0);
      expect(refusedWhileDown.filter((a) => a.outcome.acknowledged || a.outcome.status !== 503 || !a.outcome.reason.includes('The database is not reachable')).map((a) => a.outcome)).toEqual([]);

      const acknowledgedWhileDown = load.acknowledged();
      pgCtl(['-D', before.postgres.dataDir, '-l', before.postgres.log, '-o', `-c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c port=${before.postgres.port} -c max_connections=100`, '-w', '-t', '120', 'start']);
      await until('saves acknowledged again', async () => load.acknowledged() >= acknowledgedWhileDown + 10, 180_000);
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
    } finally {
      await load.stop();
    }
    allAttempts.push(...load.attempts);
    // The same processes: the app was not restarted.
    expect(state().instances.map((i) => i.pid)).toEqual(pids);
    for (const pid of pids) expect(alive(pid)).toBe(true);
    await checkNothingLostOrPartial(allAttempts);
    const verify = auditVerify(anchorEnv());
    expect(verify.json, JSON.stringify(verify.json)).toMatchObject({ ok: true });
  });

  it('stops nginx, every instance and PostgreSQL on SIGTERM, leaving no process behind', async () => {
    const s = state();
    const postmaster = Number(readFileSync(path.join(s.postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const pids = [s.nginx.pid, postmaster, ...s.instances.map((i) => i.pid)];
    for (const pid of pids) expect(alive(pid), `process ${pid} runs before the stop`).toBe(true);
    await client.$disconnect();
    cluster.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => (cluster.exitCode !== null ? r(cluster.exitCode) : cluster.once('exit', (c) => r(c))));
    expect(code, output.slice(-2000)).toBe(0);
    expect(output).toContain('stopped');
    // The postmaster removes its pid file (which pg_ctl waits for) just before it exits: poll, generously.
    await until('every process to be gone', async () => pids.every((pid) => !alive(pid)), 60_000);
    // Nothing else started from the folder either (nginx workers, PostgreSQL's background processes).
    const fromFolder = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p) && alive(Number(p))).filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    });
    await until('no process started from the folder', async () => fromFolder().length === 0, 60_000);
    await expect(fetch(`${base}/api/ping`)).rejects.toThrow();
    expect(existsSync(path.join(dir, 'cluster.json'))).toBe(false);
  });
});
