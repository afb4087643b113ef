/**
 * Real app processes for the fault tests: production servers (scripts/server.mjs on the .next-test
 * build that `npm test` makes before this stage), signed in and saving through the same server action
 * the intake form calls. Every wait polls a condition up to a generous deadline; nothing is timed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyAssessmentForm } from '@/lib/schemas/assessment';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = '.next-test';

/** The build this stage runs on: made by `npm test` (or `npm run build:e2e`) just before. */
export function requireBuild(): void {
  if (!existsSync(path.join(ROOT, DIST, 'BUILD_ID'))) throw new Error(`no production build in ${DIST}: run \`npm run build:e2e\` first (npm test builds it before this stage)`);
}

/** A port nothing listens on right now (the kernel's choice), on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, deadlineMs = 120_000, everyMs = 200): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface Instance {
  port: number;
  base: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const started = new Set<ChildProcess>();

/** Starts a production server on `port` with `env` (DATABASE_URL, secrets…) and waits until it answers. */
export async function startInstance(port: number, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/server.mjs'), '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: DIST, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let text = '';
  child.stdout!.on('data', (c) => { text = (text + c).slice(-20_000); });
  child.stderr!.on('data', (c) => { text = (text + c).slice(-20_000); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { started.delete(child); resolve(code); }));
  const base = `http://127.0.0.1:${port}`;
  await until(`the server on ${base}`, async () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}): ${text}`);
    return (await fetch(`${base}/api/ping`)).ok;
  });
  return { port, base, child, output: () => text, exited };
}

/** SIGKILL: no handler runs, nothing is flushed. Resolves once the process is gone. */
export async function killHard(instance: Instance): Promise<void> {
  instance.child.kill('SIGKILL');
  await instance.exited;
}

/** Stops every server this module started (tests' afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((c) => new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
    setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
  })));
}

/** Migrates and seeds a database and makes the audit anchor key, as `npm start` does. */
export function prepareDatabase(env: Record<string, string>): void {
  const run = (args: string[]) => {
    const r = spawnSync(args[0]!, args.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  };
  run([process.execPath, 'scripts/prisma.mjs', 'migrate', 'deploy']);
  run([path.join(ROOT, 'node_modules/.bin/tsx'), 'prisma/seed.ts']);
  run([path.join(ROOT, 'node_modules/.bin/tsx'), 'scripts/audit-anchor.ts']);
}

export function auditVerify(env: Record<string, string>): { status: number | null; json: { ok: boolean; events?: number; kind?: string; problem?: string } } {
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/audit-verify.ts'], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, json: JSON.parse(r.stdout.trim().split('\n').pop() || '{}') };
}

export const newSecret = () => randomBytes(32).toString('base64url');

/** The id Next.js gave a server action in this build (what the browser sends in `Next-Action`). */
export function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, DIST, 'server', 'server-reference-manifest.json'), 'utf8')) as { node: Record<string, { exportedName: string }> };
  const id = Object.entries(manifest.node).find(([, e]) => e.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`${exportedName} is not in the build`);
  return id;
}

/** The headers the browser sends with a server action. */
export function actionHeaders(base: string, action: string, cookie?: string): Record<string, string> {
  return { origin: base, 'next-action': actionId(action), 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', ...(cookie ? { cookie } : {}) };
}

/** Signs in through the sign-in page's server action (as the browser does); answers the session cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/sign-in`, { method: 'POST', redirect: 'manual', headers: actionHeaders(base, 'signInAction'), body: JSON.stringify([{ email, password }, null]) });
  await res.text();
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => /session_token=/.test(c));
  if (cookies.length === 0) throw new Error(`sign-in of ${email} gave no session (${res.status})`);
  return cookies.join('; ');
}

/** The intake form a clinician submits: a few labs and a medication list. */
export function intakeForm(ferritin: string) {
  const f = emptyAssessmentForm();
  f.labs.ferritin.value = ferritin;
  f.labs.tsat.value = '18';
  f.labs.hemoglobin.value = '12.9';
  f.labs.tsh.value = '2.1';
  f.pregnant = 'no';
  f.medicationsText = 'sertraline 50 mg daily';
  return f;
}

export type SaveOutcome = { acknowledged: true; id: string; status: number } | { acknowledged: false; status: number | null; reason: string };

/** One save through the intake form's server action, with its submission key; acknowledged only when it answers with the saved id. */
export async function saveAssessment(base: string, cookie: string, patientId: string, submissionKey: string, ferritin = '40'): Promise<SaveOutcome> {
  try {
    const res = await fetch(`${base}/patients/${patientId}/assessments/new`, {
      method: 'POST', redirect: 'manual', headers: actionHeaders(base, 'createAssessmentAction', cookie),
      body: JSON.stringify([patientId, null, intakeForm(ferritin), submissionKey]),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    const id = /"ok":true,"assessmentId":"([a-z0-9]{20,})"/.exec(text)?.[1];
    return id && res.status === 200 ? { acknowledged: true, id, status: res.status } : { acknowledged: false, status: res.status, reason: text.slice(0, 300) };
  } catch (e) {
    return { acknowledged: false, status: null, reason: (e as Error).message };
  }
}

export const newSubmissionKey = () => randomBytes(18).toString('base64url');

export interface Attempt {
  key: string;
  /** The finding that varies between saves: a retry sends the same form. */
  ferritin: string;
  outcome: SaveOutcome;
}

/**
 * Concurrent clients saving in a loop, each save with its own submission key, until stopped. Every
 * attempt is recorded with its outcome; `acknowledged()` counts the saves answered with an id.
 */
export function saveLoad(options: { clients: number; base: () => string; cookie: string; patientId: string }) {
  const attempts: Attempt[] = [];
  let running = true;
  const workers = Array.from({ length: options.clients }, async (_, w) => {
    for (let i = 0; running; i++) {
      const key = newSubmissionKey();
      const ferritin = String(20 + ((w * 7 + i) % 200));
      const outcome = await saveAssessment(options.base(), options.cookie, options.patientId, key, ferritin);
      attempts.push({ key, ferritin, outcome });
      // A refused connection answers at once: do not spin while a server is down.
      if (!outcome.acknowledged && outcome.status === null) await new Promise((r) => setTimeout(r, 50));
    }
  });
  return {
    attempts,
    acknowledged: () => attempts.filter((a) => a.outcome.acknowledged).length,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}
