// @vitest-environment node
// Sessions (automatic logoff) and CSRF on a real database, through Better Auth and the real route
// handlers: the idle timeout and the absolute lifetime are enforced on the server at every check, and
// a cookie-authenticated state-changing request must come from this site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as patientsGET } from '@/app/api/patients/route';
import { GET as sessionGET } from '@/app/api/session/route';
import { POST as evaluatePOST } from '@/app/api/v1/evaluate/route';
import { getActiveSession } from '@/lib/auth/actor';
import { getAuth } from '@/lib/auth/auth';
import { env } from '@/lib/env';
import { issueApiToken } from '@/lib/services/tokens';
import { signOut } from '@/lib/services/sign-in';
import { actorFor, createTestDatabase, type TestDatabase } from './database';
import { fromPeer } from '../peer';

let db: TestDatabase;
beforeAll(() => {
  db = createTestDatabase();
  db.install();
});
afterAll(async () => db.dispose());

const ORIGIN = 'http://127.0.0.1:3000';
const base = { host: '127.0.0.1:3000', ...fromPeer('198.51.100.30') };

/** Signs in through Better Auth and returns the Cookie header and the session token. */
async function signedIn(email = 'clinician@demo.test', password = 'demo-clinician-2026') {
  const res = await getAuth().api.signInEmail({ body: { email, password }, headers: new Headers({ ...base, origin: ORIGIN }), asResponse: true });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const value = /session_token=([^;]+)/.exec(cookie)?.[1] ?? '';
  const token = decodeURIComponent(value).split('.')[0]!;
  expect(token).not.toBe('');
  return { cookie, token };
}

const headersWith = (cookie: string, extra: Record<string, string> = {}) => new Headers({ ...base, cookie, ...extra });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe('idle timeout and absolute lifetime', () => {
  it('gives a live session with its deadlines', async () => {
    const { cookie, token } = await signedIn();
    const active = await getActiveSession(headersWith(cookie));
    expect(active?.actor).toMatchObject({ email: 'clinician@demo.test', via: 'session', sessionToken: token, clientAddress: '198.51.100.30' });
    const row = await db.client.session.findUniqueOrThrow({ where: { token } });
    expect(active!.times.absoluteExpiresAt.getTime()).toBeLessThanOrEqual(row.createdAt.getTime() + env.SESSION_MAX_HOURS * 3_600_000);
    expect(active!.times.idleExpiresAt.getTime() - Date.now()).toBeGreaterThan((env.SESSION_IDLE_MINUTES - 1) * 60_000);
    expect(active!.times.idleExpiresAt.getTime() - Date.now()).toBeLessThanOrEqual(env.SESSION_IDLE_MINUTES * 60_000);
  });

  it(`keeps a session idle for ${env.SESSION_IDLE_MINUTES - 1} minutes, and counts the check as activity`, async () => {
    const { cookie, token } = await signedIn();
    await db.client.session.update({ where: { token }, data: { updatedAt: minutesAgo(env.SESSION_IDLE_MINUTES - 1) } });
    expect(await getActiveSession(headersWith(cookie))).not.toBeNull();
    const row = await db.client.session.findUniqueOrThrow({ where: { token } });
    expect(Date.now() - row.updatedAt.getTime()).toBeLessThan(60_000);
  });

  it(`ends a session idle for ${env.SESSION_IDLE_MINUTES + 1} minutes: null, and the row is deleted`, async () => {
    const { cookie, token } = await signedIn();
    await db.client.session.update({ where: { token }, data: { updatedAt: minutesAgo(env.SESSION_IDLE_MINUTES + 1) } });
    expect(await getActiveSession(headersWith(cookie))).toBeNull();
    expect(await db.client.session.findUnique({ where: { token } })).toBeNull();
    // And stays ended: the same cookie again, and through a route handler.
    expect(await getActiveSession(headersWith(cookie))).toBeNull();
    expect((await patientsGET(new Request(`${ORIGIN}/api/patients`, { headers: headersWith(cookie) }))).status).toBe(401);
  });

  it(`ends a session older than ${env.SESSION_MAX_HOURS} hours however active it is`, async () => {
    const { cookie, token } = await signedIn();
    await db.client.session.update({ where: { token }, data: { createdAt: minutesAgo((env.SESSION_MAX_HOURS + 1) * 60), updatedAt: new Date() } });
    expect(await getActiveSession(headersWith(cookie))).toBeNull();
    expect(await db.client.session.findUnique({ where: { token } })).toBeNull();
  });

  it(`keeps an active session that is just under ${env.SESSION_MAX_HOURS} hours old`, async () => {
    const { cookie, token } = await signedIn();
    await db.client.session.update({ where: { token }, data: { createdAt: minutesAgo(env.SESSION_MAX_HOURS * 60 - 2), updatedAt: new Date() } });
    const active = await getActiveSession(headersWith(cookie));
    expect(active).not.toBeNull();
    expect(active!.times.absoluteExpiresAt.getTime() - Date.now()).toBeLessThanOrEqual(2 * 60_000);
  });

  it('ends a session past the expiry Better Auth stored', async () => {
    const { cookie, token } = await signedIn();
    await db.client.session.update({ where: { token }, data: { expiresAt: minutesAgo(1), updatedAt: new Date() } });
    expect(await getActiveSession(headersWith(cookie))).toBeNull();
  });

  it('GET /api/session reports the deadlines without extending the session', async () => {
    const { cookie, token } = await signedIn();
    const before = minutesAgo(5);
    await db.client.session.update({ where: { token }, data: { updatedAt: before } });
    const res = await sessionGET(new Request(`${ORIGIN}/api/session`, { headers: headersWith(cookie) }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { idleExpiresAt: string };
    expect(new Date(body.idleExpiresAt).getTime()).toBe(before.getTime() + env.SESSION_IDLE_MINUTES * 60_000);
    expect((await db.client.session.findUniqueOrThrow({ where: { token } })).updatedAt.getTime()).toBe(before.getTime());
  });

  it('gives a new session token at every sign-in, and sign-out revokes it', async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect(a.token).not.toBe(b.token);
    const actor = (await getActiveSession(headersWith(a.cookie)))!.actor;
    await signOut(headersWith(a.cookie, { origin: ORIGIN }), actor);
    expect(await db.client.session.findUnique({ where: { token: a.token } })).toBeNull();
    expect(await getActiveSession(headersWith(a.cookie))).toBeNull();
    expect(await getActiveSession(headersWith(b.cookie))).not.toBeNull();
  });

  it('refuses a forged or tampered cookie', async () => {
    const { cookie, token } = await signedIn();
    expect(await getActiveSession(headersWith(cookie.replace(token, 'x'.repeat(token.length))))).toBeNull();
    expect(await getActiveSession(headersWith(`rls.session_token=${token}`))).toBeNull();
    expect(await getActiveSession(headersWith(''))).toBeNull();
  });
});

describe('CSRF on POST /api/v1/evaluate', () => {
  const body = JSON.stringify({ patient: { ageYears: 50, sex: 'male' }, labs: [{ analyte: 'ferritin', value: 40, unit: 'ng/mL' }] });
  const post = (headers: Record<string, string>) =>
    evaluatePOST(new Request(`${ORIGIN}/api/v1/evaluate`, { method: 'POST', headers: { ...base, 'content-type': 'application/json', ...headers }, body }));
  let cookie = '';
  beforeAll(async () => {
    cookie = (await signedIn()).cookie;
  });

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['a look-alike Origin', { origin: 'http://127.0.0.1:3000.evil.example' }],
    ['another port', { origin: 'http://127.0.0.1:4000' }],
    ['Origin: null', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['no Origin and no Sec-Fetch-Site', {}],
  ])('refuses a session request with %s (403, nothing evaluated; the refusal audited as denied)', async (_name, headers) => {
    const count = (outcome: string) => db.client.auditEvent.count({ where: { action: 'api.evaluate', outcome } });
    const [evaluated, denied] = [await count('success'), await count('denied')];
    const res = await post({ cookie, ...headers });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'forbidden-origin' });
    expect(await count('success')).toBe(evaluated);
    expect(await count('denied')).toBe(denied + 1);
  });

  it.each([
    ['the same Origin', { origin: ORIGIN }],
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
  ])('answers a session request with %s (200)', async (_name, headers) => {
    const res = await post({ cookie, ...headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toHaveProperty('contributors');
  });

  it('needs no Origin with a Bearer token (not sent by the browser on its own)', async () => {
    const issued = await issueApiToken(await actorFor(db.client, 'admin@demo.test'), { name: 'CSRF test' });
    if (!issued.ok) throw new Error('token setup failed');
    expect((await post({ authorization: `Bearer ${issued.data.secret}` })).status).toBe(200);
    expect((await post({ authorization: `Bearer ${issued.data.secret}`, origin: 'https://other-system.example' })).status).toBe(200);
  });

  it('answers 401, not 403, without any credentials', async () => {
    expect((await post({ origin: ORIGIN })).status).toBe(401);
  });
});
