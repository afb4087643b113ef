// @vitest-environment node
/**
 * Three instances of the app (the production build in .next-test, served by scripts/server.mjs, each
 * its own process and port) on one PostgreSQL database, as behind a load balancer:
 *  - a session signed in through one instance is the session of every instance;
 *  - concurrent saves and audited reads through all three: every acknowledged save is stored with its
 *    audit event, and the audit chain is one chain (`npm run --silent audit:verify` exits 0);
 *  - sign-in limits count failures made through any instance; Better Auth's limiter counts in the
 *    database, so its count is one across instances.
 * `npm test` builds .next-test before Vitest runs; run alone, this test builds it when missing.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureAnchorKey } from '@/lib/integrity/audit-anchor';
import { emptyAssessmentForm } from '@/lib/schemas/assessment';
import { createDatabase, dropDatabase, freePort } from '../../scripts/postgres.mjs';

const ROOT = path.resolve(__dirname, '../..');
const DIST = '.next-test';
const INSTANCES = 3;

interface Instance { base: string; process: ChildProcess; output: string[] }

let dir: string;
let port: number;
const dbName = `instances_${process.pid}`;
let url: string;
let env: Record<string, string>;
const instances: Instance[] = [];
let actions: { signIn: string; save: string; signOut: string };
let sql: pg.Client;

function actionIds() {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, DIST, 'server', 'server-reference-manifest.json'), 'utf8')) as { node: Record<string, { exportedName?: string }> };
  const id = (name: string) => {
    const found = Object.entries(manifest.node).find(([, e]) => e.exportedName === name)?.[0];
    if (!found) throw new Error(`${name} is not in the build in ${DIST}`);
    return found;
  };
  return { signIn: id('signInAction'), save: id('createAssessmentAction'), signOut: id('signOutAction') };
}

async function startInstance(): Promise<Instance> {
  const p = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/server.mjs'), '--host', '127.0.0.1', '--port', String(p)], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  return { base: `http://127.0.0.1:${p}`, process: child, output };
}

/** Until the instance answers its health check with the database reachable (bounded; not a timing assertion). */
async function ready(instance: Instance) {
  const until = Date.now() + 120_000;
  for (;;) {
    if (instance.process.exitCode !== null) throw new Error(`instance ${instance.base} exited: ${instance.output.join('').slice(-2000)}`);
    try {
      if ((await get(instance, '/api/health')).status === 200) return;
    } catch { /* not listening yet */ }
    if (Date.now() > until) throw new Error(`instance ${instance.base} not ready: ${instance.output.join('').slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, DIST, 'BUILD_ID'))) {
    execFileSync(path.join(ROOT, 'node_modules/.bin/next'), ['build'], { cwd: ROOT, env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }, stdio: 'inherit' });
  }
  actions = actionIds();
  dir = mkdtempSync(path.join(tmpdir(), 'rls-instances-'));
  port = inject('postgresPort');
  url = createDatabase(port, dbName, { template: 'template_seeded' });
  const keyFile = path.join(dir, 'audit-anchor.key');
  ensureAnchorKey(keyFile);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !k.startsWith('VITEST') && k !== 'TEST_DATABASE' && k !== 'NODE_ENV')) as Record<string, string>;
  // What an operator sets for several instances: one database, one session secret, one anchor key and log.
  env = {
    ...inherited, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: DIST, DATABASE_URL: url, BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
    AUDIT_ANCHOR_KEY: keyFile, AUDIT_ANCHOR_LOG: path.join(dir, 'audit-anchor.log'), DB_POOL_SIZE: '4',
  };
  for (let i = 0; i < INSTANCES; i++) instances.push(await startInstance());
  await Promise.all(instances.map(ready));
  sql = new pg.Client({ connectionString: url });
  await sql.connect();
}, 600_000);

afterAll(async () => {
  await sql?.end();
  await Promise.all(instances.map((i) => new Promise<void>((resolve) => {
    if (i.process.exitCode !== null) return resolve();
    i.process.once('exit', () => resolve());
    i.process.kill('SIGTERM');
  })));
  if (port) dropDatabase(port, dbName);
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

interface Answer { status: number; setCookie: string[]; text: string }

/**
 * One HTTP request on its own connection (no keep-alive: a pooled connection the server closed after
 * its idle timeout would fail a request that was never received), redirects not followed.
 */
function request(instance: Instance, pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${instance.base}${pathname}`, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [], text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const get = (instance: Instance, pathname: string, cookie = '') => request(instance, pathname, { headers: cookie ? { cookie } : {} });

/** Calls a server action over HTTP as the browser does (JSON arguments). */
function callAction(instance: Instance, pathname: string, action: string, args: unknown[], cookie = '') {
  return request(instance, pathname, {
    method: 'POST',
    headers: { origin: instance.base, 'next-action': action, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(args),
  });
}

async function signIn(instance: Instance, email: string, password: string): Promise<{ cookie: string; text: string }> {
  const res = await callAction(instance, '/sign-in', actions.signIn, [{ email, password }, '/patients']);
  const cookie = res.setCookie.map((c) => c.split(';')[0] ?? '').filter((c) => c !== '' && !c.endsWith('=')).join('; ');
  return { cookie, text: res.text };
}

const demoPatient = async () => (await sql.query<{ id: string }>("SELECT id FROM patients WHERE mrn = 'DEMO-001'")).rows[0]!.id;

describe('three instances on one PostgreSQL database', () => {
  it('a session signed in through one instance continues through the others, and ends on all when signed out', async () => {
    const [a, b, c] = instances as [Instance, Instance, Instance];
    const { cookie } = await signIn(a, 'clinician@demo.test', 'demo-clinician-2026');
    expect(cookie).toMatch(/session_token=/);
    for (const i of [a, b, c]) expect((await get(i, '/api/session', cookie)).status).toBe(200);
    const page = await get(c, '/patients', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('DEMO-001');
    // Signed out through another instance: refused by every instance.
    expect((await callAction(b, '/patients', actions.signOut, [], cookie)).status).toBeLessThan(400);
    for (const i of [a, b, c]) expect((await get(i, '/api/session', cookie)).status).toBe(401);
  });

  it('concurrent saves and audited reads through all three: every acknowledged save stored and audited, one audit chain (audit:verify exits 0)', async () => {
    const sessions = await Promise.all(instances.map((i) => signIn(i, 'clinician@demo.test', 'demo-clinician-2026')));
    const patientId = await demoPatient();
    const form = emptyAssessmentForm();
    form.labs.ferritin.value = '40';
    form.labs.tsat.value = '18';
    form.labs.egfr.value = '72';
    form.collectedOn = '2026-11-20';
    form.medicationsText = 'sertraline 50 mg daily';
    const eventsBefore = Number((await sql.query('SELECT count(*) AS n FROM audit_events')).rows[0].n);

    const SAVES = 30;
    const READS = 15;
    // Each request through another instance than the session was signed in with.
    const saves = Array.from({ length: SAVES }, async (_, k) => {
      const res = await callAction(instances[k % INSTANCES]!, `/patients/${patientId}/assessments/new`, actions.save, [patientId, null, form], sessions[(k + 1) % INSTANCES]!.cookie);
      return res.status === 200 ? /"ok":true,"assessmentId":"(c[a-z0-9]{20,})"/.exec(res.text)?.[1] ?? null : null;
    });
    const reads = Array.from({ length: READS }, async (_, k) => (await get(instances[k % INSTANCES]!, `/patients/${patientId}`, sessions[(k + 2) % INSTANCES]!.cookie)).status);
    const [ids, statuses] = await Promise.all([Promise.all(saves), Promise.all(reads)]);

    const acknowledged = ids.filter((id): id is string => id !== null);
    expect(acknowledged).toHaveLength(SAVES);
    expect(statuses).toEqual(Array(READS).fill(200));
    const stored = await sql.query<{ id: string }>('SELECT id FROM assessments WHERE id = ANY($1)', [acknowledged]);
    expect(stored.rows.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
    const audited = await sql.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE action = 'assessment.create' AND record_id = ANY($1)", [acknowledged]);
    expect(Number(audited.rows[0]!.n)).toBe(SAVES);
    const reads_ = await sql.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE action = 'patient.read' AND patient_id = $1", [patientId]);
    expect(Number(reads_.rows[0]!.n)).toBeGreaterThanOrEqual(READS);
    // One chain: sequence numbers 1..n without a gap, each event's prev_hash the hash of the one before.
    const chain = await sql.query<{ seq: number; prev_hash: string; hash: string }>('SELECT seq, prev_hash, hash FROM audit_events ORDER BY seq');
    expect(chain.rows.length).toBeGreaterThan(eventsBefore + SAVES);
    chain.rows.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      if (i > 0) expect(e.prev_hash).toBe(chain.rows[i - 1]!.hash);
    });

    const verify = spawnSync('npm', ['run', '--silent', 'audit:verify'], { cwd: ROOT, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 120_000 });
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, events: chain.rows.length });
    expect(JSON.parse(verify.stdout).anchors).toBeGreaterThan(0);
  });

  it('sign-in limits count failures made through any instance; Better Auth counts its requests in the database', async () => {
    const email = 'clinician@northvalley.test';
    for (let k = 0; k < 5; k++) {
      const { text } = await signIn(instances[k % INSTANCES]!, email, `wrong-password-${k}`);
      expect(text).toContain('The email or password is not right.');
    }
    // The right password, through an instance that saw only some of the failures: refused.
    const refused = await signIn(instances[2]!, email, 'north-valley-2026');
    expect(refused.cookie).not.toMatch(/session_token=/);
    expect(refused.text).toContain('Too many failed sign-ins for this account');

    // Better Auth's own limiter (requests to /api/auth/*): one count in the database for all instances.
    await sql.query('DELETE FROM rate_limits');
    for (const i of instances) await get(i, '/api/auth/get-session');
    const rows = await sql.query<{ key: string; count: number }>('SELECT key, count FROM rate_limits');
    expect(rows.rows).toEqual([expect.objectContaining({ key: expect.stringContaining('/get-session'), count: INSTANCES })]);
  });
});
