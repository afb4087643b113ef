import { expect, test, type APIResponse } from '@playwright/test';
import { stateFile } from './auth-state';
import { DUMMY_ID, STACK_TRACE, actionResult, appRoutes, callAction, serverActionExports, serverActions } from './security-helpers';

// The route inventory: every page, route handler and server action of the app, found from the file
// system and the build, must refuse an anonymous request (checked inside each, not by the proxy) —
// so a new route without a check fails here. Only these answer without a session:
const PUBLIC_PAGES = new Set(['/sign-in']);
const PUBLIC_ROUTES = (pattern: string) => pattern === '/api/health' || pattern === '/api/ping' || pattern.startsWith('/api/auth/');
/** Pages that only redirect to another page of the inventory (which refuses in turn). */
const REDIRECT_ONLY: Record<string, string> = { '/': '/patients' };
/** Route handlers allowed to send an anonymous visitor to sign in instead of answering 401: none. */
const SIGN_IN_REDIRECT_ROUTES = new Set<string>();
/** Server actions the sign-in page itself calls: reachable without a session, and they return no data. */
const PUBLIC_ACTIONS = new Set(['signInAction', 'verifyTotpAction']);
/** Actions that answer an anonymous call with nothing at all (null), not with a redirect. */
const NULL_FOR_ANONYMOUS = new Set(['keepAliveAction']);

test.use({ storageState: { cookies: [], origins: [] } });

const routes = appRoutes();
const pages = routes.filter((r) => r.kind === 'page');
const handlers = routes.filter((r) => r.kind === 'route');

/** The CVE-2025-29927 header that once skipped Next.js middleware: irrelevant when every route checks itself. */
const MIDDLEWARE_BYPASS = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware', 'x-middleware-subrequest-id': 'x' };
/** Forwarding headers from a client that is no trusted proxy: they must change nothing. */
const FORWARDED_SPOOF = { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
const FORGED_COOKIE = { cookie: '__Host-rls.session_token=forged-token.forged-signature; rls.session_token=forged-token.forged-signature' };

function signInRedirect(res: APIResponse, url: string) {
  expect([302, 303, 307, 308], `${url} answered ${res.status()}`).toContain(res.status());
  const location = new URL(res.headers().location ?? '', 'http://x.invalid');
  expect(location.pathname, `${url} redirected to ${res.headers().location}`).toBe('/sign-in');
  expect(location.searchParams.get('next')).toBe(url);
}

test('the inventory finds the app\'s routes', () => {
  // A guard against an empty or broken walk: these exist today.
  expect(pages.map((p) => p.pattern)).toEqual(expect.arrayContaining(['/sign-in', '/patients', '/patients/[patientId]', '/assessments/[assessmentId]', '/assessments/[assessmentId]/print']));
  expect(handlers.map((p) => p.pattern)).toEqual(expect.arrayContaining(['/api/health', '/api/ping', '/api/patients', '/api/v1/evaluate', '/api/auth/[...all]']));
  expect(handlers.every((h) => h.methods.length > 0)).toBe(true);
  expect(pages.find((p) => p.pattern === '/patients/[patientId]')?.url).toBe(`/patients/${DUMMY_ID}`);
  expect(handlers.find((p) => p.pattern === '/api/auth/[...all]')?.url).toBe('/api/auth/inventory/dummy/path');
});

for (const route of pages) {
  const expected = PUBLIC_PAGES.has(route.pattern) ? 'is public (allowlisted)' : REDIRECT_ONLY[route.pattern] ? `only redirects to ${REDIRECT_ONLY[route.pattern]}` : 'sends an anonymous visitor to sign in';
  test(`page ${route.pattern} (${route.file}) ${expected}`, async ({ request }) => {
    for (const headers of [{}, MIDDLEWARE_BYPASS, FORGED_COOKIE, FORWARDED_SPOOF]) {
      const res = await request.get(route.url, { maxRedirects: 0, headers });
      if (PUBLIC_PAGES.has(route.pattern)) {
        expect(res.status()).toBe(200);
        continue;
      }
      if (REDIRECT_ONLY[route.pattern]) {
        expect([302, 303, 307, 308]).toContain(res.status());
        expect(new URL(res.headers().location ?? '', 'http://x.invalid').pathname).toBe(REDIRECT_ONLY[route.pattern]);
        continue;
      }
      signInRedirect(res, route.url);
    }
    // Followed to the end, it is the sign-in page, with nothing of a patient on it.
    const followed = await request.get(route.url);
    expect(new URL(followed.url()).pathname).toBe('/sign-in');
    const html = await followed.text();
    expect(html).not.toMatch(/DEMO-00\d|NV-001|Iron, Ada|Valley, Noor/);
  });
}

for (const route of handlers) {
  const expected = PUBLIC_ROUTES(route.pattern) ? 'is public (allowlisted), and shows no patient data' : 'answers an anonymous GET and POST with 401 (or 405)';
  test(`route ${route.pattern} (${route.file}) ${expected}`, async ({ request, baseURL }) => {
    for (const method of ['GET', 'POST'] as const) {
      for (const headers of [{}, MIDDLEWARE_BYPASS, FORGED_COOKIE, FORWARDED_SPOOF]) {
        const res = method === 'GET'
          ? await request.get(route.url, { maxRedirects: 0, headers })
          : await request.post(route.url, { maxRedirects: 0, headers: { ...headers, 'content-type': 'application/json', origin: baseURL! }, data: '{}' });
        const label = `${method} ${route.url} ${JSON.stringify(headers)}`;
        if (PUBLIC_ROUTES(route.pattern)) {
          // Public, but still nothing of a patient.
          expect(await res.text(), label).not.toMatch(/DEMO-00\d|NV-001/);
          continue;
        }
        if (!route.methods.includes(method)) {
          expect(res.status(), label).toBe(405);
          continue;
        }
        if (SIGN_IN_REDIRECT_ROUTES.has(route.pattern) && method === 'GET') {
          signInRedirect(res, route.url);
          continue;
        }
        expect(res.status(), label).toBe(401);
        const body = await res.text();
        expect(body).not.toMatch(STACK_TRACE);
        expect(body).not.toMatch(/DEMO-00\d|NV-001/);
      }
    }
  });
}

test.describe('server actions', () => {
  const actions = serverActions();
  const PROBE = 'ANONPROBE';
  // One object that fits every action's form well enough to get past validation (so that only the
  // session check can stop it); the password is wrong, so even the public sign-in action refuses it.
  const form = {
    mrn: `${PROBE}-1`, givenName: 'Anon', familyName: PROBE, birthDate: '1970-01-01', sex: 'female', name: `${PROBE} token`,
    email: 'anon-probe@demo.test', password: 'not-the-password-1', code: '123456',
    targetType: 'contributor', targetId: 'iron-deficiency', decision: 'accepted', reasonCode: '', comment: PROBE,
    organisationSlug: 'demo', reason: `${PROBE}: an anonymous request must never open access`, minutes: 15,
  };

  // Server actions live in 'use server' modules (actions.ts): an inline 'use server' function inside a
  // page shows up in the manifest without a matching export and fails this check, on purpose.
  test('the manifest lists every exported server action of the source, and a page for each', () => {
    const listed = actions.map((a) => `${a.filename}#${a.exportedName}`).sort();
    const exported = serverActionExports().map((a) => `${a.filename}#${a.exportedName}`).sort();
    expect(listed).toEqual(exported);
    expect(actions.length).toBeGreaterThanOrEqual(10);
    for (const a of actions) expect(a.pages.length, a.exportedName).toBeGreaterThan(0);
  });

  let patientsBefore = -1;
  test.beforeAll(async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: stateFile('clinician') });
    patientsBefore = ((await (await ctx.request.get('/api/patients')).json()) as { patients: unknown[] }).patients.length;
    await ctx.close();
  });

  for (const action of actions) {
    test(`${action.exportedName} (${action.filename}) refuses an anonymous call`, async ({ request, baseURL }) => {
      const page = action.pages[0]!;
      const variants: [string, unknown[], Record<string, string>][] = [
        ['same origin, no arguments', [], { origin: baseURL! }],
        ['same origin, plausible arguments', [DUMMY_ID, form, form], { origin: baseURL! }],
        ['same origin, form first', [form, '/patients'], { origin: baseURL! }],
        ['no Origin', [DUMMY_ID, form, form], {}],
        ['a foreign Origin', [form, form], { origin: 'https://evil.example' }],
        ['the middleware-bypass header', [DUMMY_ID, form, form], { origin: baseURL!, ...MIDDLEWARE_BYPASS }],
        ['a foreign Origin with a matching X-Forwarded-Host', [DUMMY_ID, form, form], { origin: 'https://evil.example', ...FORWARDED_SPOOF }],
      ];
      for (const [name, args, headers] of variants) {
        const res = await callAction(request, page, action.id, args, headers);
        const body = await res.text();
        const label = `${action.exportedName} at ${page}, ${name}: ${res.status()} ${body.slice(0, 300)}`;
        expect(body, label).not.toMatch(STACK_TRACE);
        expect(body, label).not.toMatch(/DEMO-00\d|NV-001|rlsw_/);
        if (res.status() >= 400) continue; // refused
        expect(res.status(), label).toBeLessThan(300);
        const redirect = res.headers()['x-action-redirect'];
        if (redirect) {
          expect(redirect, label).toMatch(/^\/sign-in(\?|;|$)/);
          continue;
        }
        const result = actionResult(body);
        if (NULL_FOR_ANONYMOUS.has(action.exportedName)) {
          expect(result, label).toBeNull();
          continue;
        }
        expect(PUBLIC_ACTIONS.has(action.exportedName), `${label}\n→ a 2xx answer without a redirect to sign-in`).toBe(true);
        expect(result, label).toMatchObject({ ok: false });
      }
    });
  }

  test('and nothing was written', async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: stateFile('clinician') });
    const all = (await (await ctx.request.get('/api/patients')).json()) as { patients: unknown[] };
    expect(all.patients).toHaveLength(patientsBefore);
    const probe = (await (await ctx.request.get(`/api/patients?q=${PROBE}`)).json()) as { patients: unknown[] };
    expect(probe.patients).toEqual([]);
    await ctx.close();
  });
});

test('Better Auth\'s own sign-in endpoint is closed: the limits and the audit trail cannot be bypassed', async ({ request, baseURL }) => {
  const variants: Record<string, string>[] = [{}, { origin: baseURL! }, { 'x-forwarded-for': '203.0.113.250' }];
  for (const headers of variants) {
    const res = await request.post('/api/auth/sign-in/email', { headers, data: { email: 'clinician@demo.test', password: 'demo-clinician-2026' }, maxRedirects: 0 });
    expect(res.status()).toBe(404);
    expect(res.headers()['set-cookie'] ?? '').not.toContain('session_token=');
  }
  expect((await request.post('/api/auth/sign-up/email', { data: { email: 'new@demo.test', password: 'a-long-password-1', name: 'New' } })).status()).toBe(404);
});

test('error answers carry no stack trace', async ({ request, baseURL }) => {
  const answers: APIResponse[] = [
    await request.get(`/patients/${DUMMY_ID}`),
    await request.get('/api/patients'),
    await request.get('/api/session'),
    await request.post('/api/v1/evaluate', { data: '{"patient":' }),
    await request.post('/api/v1/evaluate', { headers: { 'content-type': 'text/plain' }, data: 'x' }),
    await request.get('/this/route/does/not/exist'),
    await callAction(request, '/patients', '0'.repeat(42), [], { origin: baseURL! }),
    await request.post('/patients', { headers: { 'Next-Action': 'not-an-action', 'Content-Type': 'text/plain;charset=UTF-8', origin: baseURL! }, data: '[' }),
  ];
  for (const res of answers) {
    const body = await res.text();
    expect(body, `${res.url()} ${res.status()}`).not.toMatch(STACK_TRACE);
    expect(body).not.toContain('node_modules');
  }
});
