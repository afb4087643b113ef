import { expect, test, type APIResponse } from '@playwright/test';
import { stateFile } from './auth-state';
import { STACK_TRACE, callAction, serverActions } from './security-helpers';

// Hardening, round two, against the production server (scripts/server.mjs, no TRUSTED_PROXIES): the
// client address is the socket's whatever X-Forwarded-For says, X-Forwarded-Host cannot make a
// foreign Origin look local, every hostile server-action request is refused with its 4xx (never a
// 500), static assets carry the security headers, session tokens stay out of page scripts, a return
// path outside Latin-1 works, PDF requests are bounded, and a save whose answer was lost is not
// saved twice when retried. Default session: the demo clinician.

test.describe.configure({ mode: 'serial' });

const MRN = `HARD-${Date.now().toString(36).toUpperCase()}`;
const actions = serverActions();
const action = (name: string) => actions.find((a) => a.exportedName === name)!;

test('X-Forwarded-For from a client is not believed: the audit trail keeps the socket address', async ({ browser, baseURL }) => {
  const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const signIn = action('signInAction');
  const claimed = '203.0.113.77';
  const res = await callAction(anonymous.request, '/sign-in', signIn.id, [{ email: 'clinician@demo.test', password: 'not-the-password-9' }, '/patients'], { origin: baseURL!, 'x-forwarded-for': claimed, 'x-real-ip': claimed });
  expect(res.status()).toBe(200);
  await anonymous.close();
  const admin = await browser.newContext({ storageState: stateFile('admin') });
  const csv = await (await admin.request.get('/api/admin/audit')).text();
  const failed = csv.split('\n').filter((l) => l.includes('auth.sign-in') && l.includes('failure'));
  expect(failed.length).toBeGreaterThan(0);
  expect(failed.at(-1)).toContain('127.0.0.1');
  expect(csv).not.toContain(claimed);
  await admin.close();
});

test('Origin https://evil.example with X-Forwarded-Host: evil.example and a valid cookie writes nothing', async ({ request }) => {
  const forged = { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
  const patient = action('createPatientAction');
  const res = await callAction(request, patient.pages[0]!, patient.id, [{ mrn: `${MRN}-XFH`, givenName: 'Forwarded', familyName: 'Host', birthDate: '1970-01-01', sex: 'male' }], forged);
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ error: 'forbidden-origin' });
  const { patients } = (await (await request.get(`/api/patients?q=${MRN}-XFH`)).json()) as { patients: unknown[] };
  expect(patients).toEqual([]);
  // The evaluate API (cookie-authenticated) is refused the same way.
  const api = await request.post('/api/v1/evaluate', { headers: forged, data: { patient: { ageYears: 50, sex: 'male' }, labs: [] } });
  expect(api.status()).toBe(403);
});

test.describe('hostile server-action requests get their 4xx, never a 500', () => {
  const args = JSON.stringify(['inventory-dummy-id', { mrn: 'X' }]);
  const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
  // [name, extra headers, body, expected status]
  const corpus = (base: string): [string, Record<string, string>, string | Buffer, number][] => [
    ['a cross-site Origin', { origin: 'https://evil.example' }, args, 403],
    ['a null Origin', { origin: 'null' }, args, 403],
    ['no Origin', {}, args, 403],
    ['a cross-site Sec-Fetch-Site', { origin: base, 'sec-fetch-site': 'cross-site' }, args, 403],
    ['a same-site Sec-Fetch-Site', { 'sec-fetch-site': 'same-site' }, args, 403],
    ['a truncated body', { origin: base }, '[{"mrn":"X", "givenName":', 400],
    ['a body that is not JSON', { origin: base }, 'mrn=X&givenName=Y', 400],
    ['an empty body', { origin: base }, '', 400],
    ['a JSON object instead of the argument list', { origin: base }, '{"mrn":"X"}', 400],
    ['a deeply nested body', { origin: base }, deep, 400],
    ['a promise reference', { origin: base }, '["$@1"]', 400],
    ['a FormData reference', { origin: base }, '["$K1"]', 400],
    ['a server reference', { origin: base }, '[{"then":"$h1"}]', 400],
    ['a Map reference', { origin: base }, '["$Q0"]', 400],
    ['a body over 1 MB', { origin: base }, JSON.stringify(['x'.repeat(1_100_000)]), 413],
    ['multipart', { origin: base, 'content-type': 'multipart/form-data; boundary=x' }, '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]\r\n--x--\r\n', 415],
    ['a form-encoded body', { origin: base, 'content-type': 'application/x-www-form-urlencoded' }, '1_$ACTION_ID_x=', 415],
    ['declared JSON', { origin: base, 'content-type': 'application/json' }, args, 415],
  ];

  for (const a of actions) {
    test(`${a.exportedName}`, async ({ request, baseURL }) => {
      for (const [name, headers, body, status] of corpus(baseURL!)) {
        const res: APIResponse = await request.post(a.pages[0]!, {
          headers: { 'next-action': a.id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', ...headers },
          data: body, maxRedirects: 0,
        });
        const text = await res.text();
        expect(res.status(), `${a.exportedName}, ${name}: ${text.slice(0, 200)}`).toBe(status);
        expect(text).not.toMatch(STACK_TRACE);
        expect(res.headers()['x-content-type-options']).toBe('nosniff');
      }
    });
  }

  test('and nothing was written', async ({ request }) => {
    const { patients } = (await (await request.get('/api/patients?q=X')).json()) as { patients: { mrn: string }[] };
    expect(patients.filter((p) => p.mrn === 'X')).toEqual([]);
  });
});

test('static assets and the favicon carry the security headers', async ({ request }) => {
  const html = await (await request.get('/sign-in')).text();
  const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  for (const url of [asset!, '/favicon.ico']) {
    const h = (await request.get(url)).headers();
    expect(h['x-content-type-options'], url).toBe('nosniff');
    expect(h['referrer-policy'], url).toBe('no-referrer');
    expect(h['x-frame-options'], url).toBe('DENY');
    expect(h['content-security-policy'], url).toContain("frame-ancestors 'none'");
    expect(h['strict-transport-security'], url).toContain('max-age=');
  }
});

test('page scripts get no session token: get-session strips it, list-sessions is closed', async ({ page, context }) => {
  await page.goto('/patients');
  const token = decodeURIComponent((await context.cookies()).find((c) => c.name.includes('session_token'))!.value).split('.')[0]!;
  const answers = await page.evaluate(async () => {
    const get = await fetch('/api/auth/get-session');
    const list = await fetch('/api/auth/list-sessions');
    return { get: { status: get.status, body: await get.text() }, list: { status: list.status, body: await list.text() } };
  });
  expect(answers.get.status).toBe(200);
  expect(JSON.parse(answers.get.body)).toMatchObject({ user: { email: 'clinician@demo.test' } });
  expect(answers.get.body).not.toContain(token);
  expect(answers.list.status).toBe(404);
  expect(answers.list.body).not.toContain(token);
});

test('signing in with a return path outside Latin-1 lands there (404), never a 500 or a garbled Location', async ({ browser }) => {
  for (const [next, path] of [['/%E3%80%82x', '/%E3%80%82x'], ['/%C3%A9', '/%C3%A9']]) {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto(`/sign-in?next=${next}`);
    await page.getByLabel('Email').fill('clinician@demo.test');
    await page.getByLabel('Password').fill('demo-clinician-2026');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const res = await answer;
    expect(res.status(), next).toBeLessThan(500);
    expect((res.headers()['x-action-redirect'] ?? '').split(';')[0], next).toBe(path);
    await expect(page).toHaveURL((u) => u.pathname === path);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    // Already signed in: the sign-in page's own redirect.
    const again = await context.request.get(`/sign-in?next=${next}`, { maxRedirects: 0 });
    expect(again.status()).toBeLessThan(500);
    await context.close();
  }
});

test.describe('a patient for the remaining checks', () => {
  let patientId = '';
  let assessmentId = '';

  test('a save whose answer is lost is not saved twice when retried', async ({ page }) => {
    await page.goto('/patients/new');
    await page.getByLabel('MRN', { exact: true }).fill(MRN);
    await page.getByLabel('Family name').fill('Retry');
    await page.getByLabel('Given name').fill('Rita');
    await page.getByLabel('Date of birth').fill('1971-02-03');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByRole('button', { name: 'Create patient' }).click();
    await expect(page).toHaveURL(/\/patients\/c[a-z0-9]{20,}$/);
    patientId = page.url().split('/').pop()!;

    await page.goto(`/patients/${patientId}/assessments/new`);
    await page.getByLabel('Ferritin', { exact: true }).fill('30');
    // The first save reaches the server and is committed; its answer never reaches the page.
    let dropped = 0;
    await page.route((url) => url.pathname === `/patients/${patientId}/assessments/new`, async (route) => {
      if (route.request().method() !== 'POST' || dropped > 0) return route.fallback();
      dropped++;
      const answer = await route.fetch({ maxRedirects: 0 });
      expect(answer.status()).toBeLessThan(400);
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Save assessment' }).click();
    // One lab of 18: the form asks once before saving.
    await page.getByRole('button', { name: 'Save anyway' }).click();
    await expect(page.getByRole('alert').first()).toContainText('The save could not be confirmed');
    expect(dropped).toBe(1);
    // The clinician presses Save again: the server answers with the saved assessment.
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByRole('button', { name: 'Save anyway' }).click();
    await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
    assessmentId = page.url().split('/').pop()!;
    await page.goto(`/patients/${patientId}`);
    await expect(page.locator('ol.history > li')).toHaveCount(1);
  });

  test('simultaneous PDF requests of one clinician: bounded, answered 200 or 429 with Retry-After, never a 5xx', async ({ page }) => {
    expect(assessmentId).not.toBe('');
    const answers = await Promise.all(Array.from({ length: 12 }, () => page.request.get(`/api/assessments/${assessmentId}/pdf`)));
    const statuses = answers.map((r) => r.status());
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    for (const r of answers) {
      expect([200, 429]).toContain(r.status());
      if (r.status() === 429) {
        expect(Number(r.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(await r.json()).toMatchObject({ error: 'too-many-requests' });
      } else {
        expect(r.headers()['content-type']).toBe('application/pdf');
      }
    }
    // And the app still answers.
    expect((await page.request.get('/api/health')).status()).toBe(200);
  });
});
