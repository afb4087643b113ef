// @vitest-environment node
// Sign-in hardening on a real database: per-account and per-address failure limits (counted from the
// audit trail), one message for unknown accounts and wrong passwords, and no way round the limits
// through Better Auth's own HTTP endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as authGET, POST as authPOST } from '@/app/api/auth/[...all]/route';
import { DISABLED_HTTP_PATHS, getAuth } from '@/lib/auth/auth';
import { env } from '@/lib/env';
import { signIn } from '@/lib/services/sign-in';
import { createTestDatabase, type TestDatabase, DROP_TRIGGERS } from './database';
import { fromPeer } from '../peer';

let db: TestDatabase;
beforeAll(() => {
  db = createTestDatabase();
  db.install();
});
afterAll(async () => db.dispose());

const HOST = '127.0.0.1';
const from = (address: string) => new Headers({ ...fromPeer(address), host: HOST });
const WRONG = 'definitely-not-the-password';
const ACCOUNT_LIMIT = 'Too many failed sign-ins for this account';
const ADDRESS_LIMIT = 'Too many failed sign-ins from this network address';

const sessionsOf = async (email: string) => db.client.session.count({ where: { user: { email } } });

describe('per-account limit', () => {
  it(`refuses the right password after ${env.SIGN_IN_MAX_FAILURES} failures for the account, from any address`, async () => {
    const email = 'clinician@northvalley.test';
    // Each failure from another address, and in another spelling: the limit follows the account.
    for (let i = 0; i < env.SIGN_IN_MAX_FAILURES; i++) {
      const spelled = i % 2 === 0 ? email : `  ${email.toUpperCase()} `;
      const r = await signIn({ email: spelled, password: WRONG }, from(`203.0.113.${100 + i}`));
      expect(r).toEqual({ ok: false, message: 'The email or password is not right.', fieldErrors: {} });
    }
    const sessionsBefore = await sessionsOf(email);
    const refused = await signIn({ email, password: 'north-valley-2026' }, from('198.51.100.200'));
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.message).toContain(ACCOUNT_LIMIT);
      expect(refused.message).toContain(`Wait ${env.SIGN_IN_WINDOW_MINUTES} minutes`);
    }
    expect(await sessionsOf(email)).toBe(sessionsBefore);
    const denied = await db.client.auditEvent.findFirst({ where: { action: 'auth.sign-in', outcome: 'denied' }, orderBy: { seq: 'desc' } });
    expect(denied).toMatchObject({ detail: 'rate-limited', clientAddress: '198.51.100.200' });

    // Other accounts, from the same addresses, are not affected.
    expect(await signIn({ email: 'admin@demo.test', password: 'demo-admin-2026' }, from('203.0.113.100'))).toMatchObject({ ok: true });
  });

  it('counts unknown accounts the same way, with the same message (no account enumeration)', async () => {
    const email = 'nobody@demo.test';
    for (let i = 0; i < env.SIGN_IN_MAX_FAILURES; i++) {
      expect(await signIn({ email, password: WRONG }, from(`203.0.113.${150 + i}`))).toMatchObject({ ok: false, message: 'The email or password is not right.' });
    }
    const r = await signIn({ email, password: WRONG }, from('203.0.113.199'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(ACCOUNT_LIMIT);
  });

  it('counts only failures inside the window', async () => {
    const email = 'clinician@northvalley.test';
    const windowStart = new Date(Date.now() - env.SIGN_IN_WINDOW_MINUTES * 60_000 - 60_000);
    // Age this account's failures past the window: audit events are append-only, so this throwaway
    // database's triggers are dropped first (its chain then breaks; no matter here).
    for (const sql of DROP_TRIGGERS[db.provider]) await db.client.$executeRawUnsafe(sql);
    await db.client.auditEvent.updateMany({ where: { action: 'auth.sign-in', outcome: 'failure', detail: `account:${email}` }, data: { at: windowStart } });
    expect(await signIn({ email, password: 'north-valley-2026' }, from('198.51.100.201'))).toMatchObject({ ok: true });
  });
});

describe('per-address limit', () => {
  const address = '203.0.113.9';
  const perAddress = env.SIGN_IN_MAX_FAILURES * 4;

  it(`refuses every account from an address after ${env.SIGN_IN_MAX_FAILURES * 4} failures there, and only there`, async () => {
    // Failures spread over many unknown accounts, so that no single account reaches its own limit.
    for (let i = 0; i < perAddress - 1; i++) {
      expect(await signIn({ email: `spray-${i}@demo.test`, password: WRONG }, from(address))).toMatchObject({ ok: false, message: 'The email or password is not right.' });
    }
    // One below the limit: the right password still works.
    expect(await signIn({ email: 'clinician@demo.test', password: 'demo-clinician-2026' }, from(address))).toMatchObject({ ok: true });
    expect(await signIn({ email: `spray-last@demo.test`, password: WRONG }, from(address))).toMatchObject({ ok: false });
    const sessionsBefore = await sessionsOf('clinician@demo.test');
    const refused = await signIn({ email: 'clinician@demo.test', password: 'demo-clinician-2026' }, from(address));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain(ADDRESS_LIMIT);
    expect(await sessionsOf('clinician@demo.test')).toBe(sessionsBefore);
    // A forwarded-for header from an untrusted peer changes nothing: the socket address counts.
    const viaProxy = await signIn({ email: 'clinician@demo.test', password: 'demo-clinician-2026' }, new Headers({ ...fromPeer(address), 'x-forwarded-for': '10.0.0.1', host: HOST }));
    expect(viaProxy.ok).toBe(false);
    // Another address is not affected.
    expect(await signIn({ email: 'clinician@demo.test', password: 'demo-clinician-2026' }, from('203.0.113.10'))).toMatchObject({ ok: true });
  });

  it('records every attempt in the audit trail with the client address', async () => {
    const events = await db.client.auditEvent.findMany({ where: { action: 'auth.sign-in', clientAddress: address }, orderBy: { seq: 'asc' } });
    expect(events.filter((e) => e.outcome === 'failure')).toHaveLength(perAddress);
    expect(events.filter((e) => e.outcome === 'success')).toHaveLength(1);
    expect(events.filter((e) => e.outcome === 'denied')).toHaveLength(2);
    // A failure names the account tried (for the per-account count) but never the password.
    expect(events.every((e) => !(e.detail ?? '').includes(WRONG))).toBe(true);
  });
});

describe('X-Forwarded-For from a client that is not a trusted proxy', () => {
  const address = '203.0.113.60';
  const perAddress = env.SIGN_IN_MAX_FAILURES * 4;

  it('a new X-Forwarded-For on every attempt does not escape the per-address limit', async () => {
    for (let i = 0; i < perAddress + 5; i++) {
      await signIn({ email: `xff-${i}@demo.test`, password: WRONG }, new Headers({ ...fromPeer(address), 'x-forwarded-for': `198.18.${i}.1`, 'x-real-ip': `198.19.${i}.1`, host: HOST }));
    }
    const refused = await signIn({ email: 'admin@demo.test', password: 'demo-admin-2026' }, new Headers({ ...fromPeer(address), 'x-forwarded-for': '198.18.250.1', host: HOST }));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain(ADDRESS_LIMIT);
  });

  it('the audit trail records the socket address, never the claimed one', async () => {
    const events = await db.client.auditEvent.findMany({ where: { action: 'auth.sign-in', detail: { startsWith: 'account:xff-' } } });
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.clientAddress))).toEqual(new Set([address]));
    expect(await db.client.auditEvent.count({ where: { clientAddress: { startsWith: '198.18.' } } })).toBe(0);
  });
});

describe('malformed sign-in input', () => {
  it.each([
    ['null', null, '_form'],
    ['an array', [], '_form'],
    ['missing fields', {}, 'email'],
    ['an email that is a number', { email: 12345, password: 'x' }, 'email'],
    ['an overlong email', { email: `${'a'.repeat(10_000)}@demo.test`, password: 'x' }, 'email'],
    ['HTML as the email', { email: '<script>alert(1)</script>', password: 'x' }, 'email'],
    ['an overlong password', { email: 'clinician@demo.test', password: 'p'.repeat(10_000) }, 'password'],
    ['an empty password', { email: 'clinician@demo.test', password: '' }, 'password'],
    ['a password that is an object', { email: 'clinician@demo.test', password: { $ne: null } }, 'password'],
  ])('refuses %s at the field, without counting an attempt or making a session', async (_name, form, field) => {
    const [events, sessions] = [await db.client.auditEvent.count(), await db.client.session.count()];
    const r = await signIn(form, from('198.51.100.99'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors)).toContain(field);
    expect(await db.client.auditEvent.count()).toBe(events);
    expect(await db.client.session.count()).toBe(sessions);
  });
});

describe("Better Auth's HTTP endpoints", () => {
  const authRequest = (p: string, body: unknown, headers: Record<string, string> = {}) =>
    new Request(`http://${HOST}:3000/api/auth${p}`, { method: 'POST', headers: { 'content-type': 'application/json', host: `${HOST}:3000`, ...fromPeer('198.51.100.150'), ...headers }, body: JSON.stringify(body) });

  it.each([
    '/sign-in/email', '/sign-in/email/', '/sign-in/email?x=1', '/sign-in/email//', '/SIGN-IN/EMAIL', '/sign-in//email', '//sign-in/email',
  ])('POST /api/auth%s does not sign anyone in (the limits and the audit trail cannot be bypassed)', async (p) => {
    const sessions = await db.client.session.count();
    const variants: Record<string, string>[] = [{}, { origin: `http://${HOST}:3000` }];
    for (const headers of variants) {
      const res = await authPOST(authRequest(p, { email: 'admin@demo.test', password: 'demo-admin-2026' }, headers));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.getSetCookie().join(';')).not.toMatch(/session_token=[^;]/);
      expect(await res.text()).not.toContain('"token"');
    }
    expect(await db.client.session.count()).toBe(sessions);
  });

  it.each(DISABLED_HTTP_PATHS)('answers 404 at %s', async (p) => {
    const res = await authPOST(authRequest(p, {}, { origin: `http://${HOST}:3000` }));
    expect(res.status).toBe(404);
  });

  it('hands no session token to page scripts: get-session strips it, list-sessions is closed', async () => {
    const signedIn = await signIn({ email: 'admin@demo.test', password: 'demo-admin-2026' }, from('198.51.100.170'));
    expect(signedIn.ok).toBe(true);
    const session = await db.client.session.findFirstOrThrow({ where: { user: { email: 'admin@demo.test' } }, orderBy: { createdAt: 'desc' } });
    const signed = await getAuth().api.signInEmail({ body: { email: 'admin@demo.test', password: 'demo-admin-2026' }, headers: new Headers({ host: `${HOST}:3000`, origin: `http://${HOST}:3000` }), asResponse: true });
    const cookie = signed.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const token = decodeURIComponent(/session_token=([^;.]+)/.exec(cookie)?.[1] ?? '');
    expect(token.length).toBeGreaterThan(10);
    const get = await authGET(new Request(`http://${HOST}:3000/api/auth/get-session`, { headers: { host: `${HOST}:3000`, cookie } }));
    expect(get.status).toBe(200);
    const text = await get.text();
    expect(JSON.parse(text)).toMatchObject({ session: { userId: session.userId }, user: { email: 'admin@demo.test' } });
    expect(text).not.toContain(token);
    expect(text).not.toContain('"token"');
    const list = await authGET(new Request(`http://${HOST}:3000/api/auth/list-sessions`, { headers: { host: `${HOST}:3000`, cookie } }));
    expect(list.status).toBe(404);
    expect(await list.text()).not.toContain(token);
  });

  it('still answers the session endpoint (anonymous → no session)', async () => {
    const res = await authGET(new Request(`http://${HOST}:3000/api/auth/get-session`, { headers: { host: `${HOST}:3000` } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toBeNull();
  });
});
