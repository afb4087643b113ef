// @vitest-environment node
// The optional second factor end to end through Better Auth on a real database: set up with the
// password, confirm with a code, then sign-in asks for a code.
import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuth } from '@/lib/auth/auth';
import { confirmTotp, hasTwoFactor, startTotpSetup } from '@/lib/services/account';
import { signIn, verifyTotp } from '@/lib/services/sign-in';
import { actorFor, createTestDatabase, type TestDatabase } from './database';
import { fromPeer } from '../peer';

let db: TestDatabase;
beforeAll(() => {
  db = createTestDatabase();
  db.install();
});
afterAll(async () => db.dispose());

const headersFor = (cookie = '') => new Headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', ...fromPeer('198.51.100.20'), ...(cookie ? { cookie } : {}) });
const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

describe('two-factor sign-in (TOTP)', () => {
  it('is set up with the password, confirmed with a first code, then required at sign-in', async () => {
    const email = 'admin@demo.test';
    const password = 'demo-admin-2026';
    const actor = await actorFor(db.client, email);
    const res = await getAuth().api.signInEmail({ body: { email, password }, headers: headersFor(), asResponse: true });
    const cookie = cookieOf(res);
    expect(await startTotpSetup(actor, { password: 'wrong-password-123' }, headersFor(cookie))).toMatchObject({ ok: false });
    const started = await startTotpSetup(actor, { password }, headersFor(cookie));
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const totp = createOTP(base32.decode(started.data.secret));
    expect(await confirmTotp(actor, { code: '000000' }, headersFor(cookie))).toMatchObject({ ok: false });
    expect(await hasTwoFactor(actor)).toBe(false);
    expect((await confirmTotp(actor, { code: await totp.totp() }, headersFor(cookie))).ok).toBe(true);
    expect(await hasTwoFactor(actor)).toBe(true);

    // Sign-in now stops after the password and asks for the code.
    const first = await signIn({ email, password }, headersFor());
    expect(first).toMatchObject({ ok: true, data: { twoFactor: true } });
    const events = await db.client.auditEvent.findMany({ where: { action: { startsWith: 'auth.' } }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.totp.setup', 'auth.sign-in.password']));
  });

  it('refuses a malformed code at the field', async () => {
    expect(await verifyTotp({ code: '12ab' }, headersFor())).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringContaining('6-digit')] } });
  });
});
