import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { stateFile } from './auth-state';
import { STACK_TRACE, actionResult, callAction, serverActions } from './security-helpers';

// Security checks against the production build (`next start`), as a browser sees it: organisation
// scoping through the real routes, free text rendered as text, response headers and cookies, CSRF,
// sign-in limits and session end with return to the page. Default session: the demo clinician.

test.describe.configure({ mode: 'serial' });

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const MRN = `SEC-${Date.now().toString(36).toUpperCase()}`;

let patientId = '';
let assessmentId = '';

/** Any alert, confirm or prompt means markup was run: fail the test. */
function failOnDialog(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  return dialogs;
}

async function signInFresh(browser: Browser, email: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Patients', exact: true })).toBeVisible();
  return { context, page };
}

test('free text is rendered as text: a patient named with markup, a review comment with markup', async ({ page }) => {
  const dialogs = failOnDialog(page);
  await page.goto('/patients/new');
  await page.getByLabel('MRN', { exact: true }).fill(MRN);
  await page.getByLabel('Family name').fill(SCRIPT);
  await page.getByLabel('Given name').fill(IMG);
  await page.getByLabel('Date of birth').fill('1970-05-06');
  await page.getByLabel('Sex').selectOption('female');
  await page.getByRole('button', { name: 'Create patient' }).click();
  await expect(page).toHaveURL(/\/patients\/c[a-z0-9]{20,}$/);
  patientId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${SCRIPT}, ${IMG}`);
  expect(await page.locator('main img').count()).toBe(0);

  await page.getByRole('link', { name: 'New assessment' }).click();
  await page.getByLabel('Ferritin', { exact: true }).fill('40');
  await page.getByLabel('Medication list (one per line; paste from the EHR)').fill(`${SCRIPT}\n${IMG}`);
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
  assessmentId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Assessment: ${SCRIPT}, ${IMG}`);

  const comment = `Seen ${SCRIPT} and ${IMG}`;
  await page.getByRole('button', { name: 'Dismiss: Iron deficiency', exact: true }).click();
  const form = page.getByRole('form', { name: 'Dismiss: Iron deficiency', exact: true });
  await form.getByLabel('Reason').selectOption('other');
  await form.getByLabel('Comment').fill(comment);
  await form.getByRole('button', { name: 'Save dismissal' }).click();
  await expect(page.locator('[data-review-target="contributor:iron-deficiency"]')).toContainText(comment);
  await page.reload();
  await expect(page.locator('.review-history')).toContainText(comment);

  // The same on the patient list (client-rendered search), the patient page and the print page.
  await page.goto(`/patients/${patientId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${SCRIPT}, ${IMG}`);
  await page.goto('/patients');
  await expect(page.getByText(`${SCRIPT}, ${IMG}`).first()).toBeVisible();
  await page.goto(`/assessments/${assessmentId}/print`);
  await expect(page.locator('article.checklist header')).toContainText(`${SCRIPT}, ${IMG}`);
  expect(await page.locator('img[src="x"], main img').count()).toBe(0);
  // Nothing of the patient is left in the browser's storage (only the HttpOnly cookie).
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(MRN);
  expect(dialogs).toEqual([]);
});

test.describe('organisation scoping (North Valley clinician opening a Demo clinic record)', () => {
  test.use({ storageState: stateFile('other-clinician') });

  test('every page of the record answers "not found", never the data', async ({ page }) => {
    const dialogs = failOnDialog(page);
    for (const url of [
      `/patients/${patientId}`, `/patients/${patientId}/edit`, `/patients/${patientId}/assessments/new`,
      `/patients/${patientId}/assessments/new?corrects=${assessmentId}`,
      `/assessments/${assessmentId}`, `/assessments/${assessmentId}/print`, `/assessments/${assessmentId}/rerun`,
    ]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
      await expect(page.getByRole('heading', { name: 'Not found' }), url).toBeVisible();
      const html = await page.content();
      expect(html, url).not.toContain(MRN);
      expect(html, url).not.toContain('alert(1)');
    }
    expect(dialogs).toEqual([]);
  });

  test('the PDF and the patient search answer 404 and no Demo patients', async ({ page }) => {
    const pdf = await page.request.get(`/api/assessments/${assessmentId}/pdf`);
    expect(pdf.status()).toBe(404);
    expect(pdf.headers()['content-type']).toContain('application/json');
    for (const q of ['DEMO', MRN, 'Iron', '']) {
      const res = await page.request.get(`/api/patients?q=${encodeURIComponent(q)}`);
      expect(res.status()).toBe(200);
      const { patients } = (await res.json()) as { patients: { mrn: string }[] };
      expect(patients.every((p) => p.mrn.startsWith('NV-')), q).toBe(true);
    }
    await page.goto('/patients');
    await expect(page.getByText('Valley, Noor')).toBeVisible();
    await expect(page.getByText(/Iron, Ada|DEMO-00/)).toHaveCount(0);
  });

  test('server actions on the record are refused and change nothing', async ({ page, baseURL }) => {
    const actions = serverActions();
    const find = (name: string) => actions.find((a) => a.exportedName === name)!;
    const call = (name: string, args: unknown[]) => {
      const a = find(name);
      return callAction(page.request, a.pages[0]!, a.id, args, { origin: baseURL! });
    };
    const valid = { mrn: MRN, givenName: 'Taken', familyName: 'Over', birthDate: '1970-05-06', sex: 'female' };
    const results = [
      await call('editPatientAction', [patientId, valid]),
      await call('reviewAction', [assessmentId, { targetType: 'contributor', targetId: 'iron-deficiency', decision: 'accepted', reasonCode: '', comment: 'North Valley was here' }]),
      await call('createAssessmentAction', [patientId, null, { labs: {} }]),
      await call('createAssessmentAction', [patientId, assessmentId, { labs: {} }]),
    ];
    for (const res of results) {
      const body = await res.text();
      expect(res.headers()['x-action-redirect'], body).toBeUndefined();
      expect(actionResult(body), body).toMatchObject({ ok: false });
      expect(body).not.toContain(MRN);
    }
  });
});

test('and the Demo clinic record is unchanged', async ({ page }) => {
  await page.goto(`/patients/${patientId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${SCRIPT}, ${IMG}`);
  await expect(page.locator('ol.history > li')).toHaveCount(1);
  await page.goto(`/assessments/${assessmentId}`);
  await expect(page.locator('[data-review-target="contributor:iron-deficiency"]')).toHaveAttribute('data-review-decision', 'dismissed');
  await expect(page.getByText('North Valley was here')).toHaveCount(0);
});

test.describe('response headers', () => {
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];

  test('a nonce-based Content-Security-Policy, new for every response, on every script', async ({ request }) => {
    const first = await request.get('/patients');
    const second = await request.get('/patients');
    const csp = first.headers()['content-security-policy'] ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toContain("'strict-dynamic'");
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
    expect(directives.get('default-src')).toEqual(["'self'"]);
    const a = nonceOf(csp);
    const b = nonceOf(second.headers()['content-security-policy'] ?? '');
    expect(a).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(b).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(a).not.toBe(b);
    // Every script the page sends carries this response's nonce.
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${a}"`);
    // A different nonce on every page, API and error response too.
    const seen = new Set<string>();
    for (const url of ['/patients', '/rules', '/api/patients', '/sign-in', '/no-such-page']) {
      const n = nonceOf((await request.get(url)).headers()['content-security-policy'] ?? '');
      expect(n, url).toBeTruthy();
      seen.add(n!);
    }
    expect(seen.size).toBe(5);
  });

  test('nosniff, a strict Referrer-Policy, HSTS and no framing on pages, API answers and errors', async ({ request }) => {
    for (const url of ['/patients', `/patients/${patientId}`, '/sign-in', '/api/health', '/api/ping', '/api/patients', '/no-such-page']) {
      const h = (await request.get(url, { maxRedirects: 0 })).headers();
      expect(h['x-content-type-options'], url).toBe('nosniff');
      expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'], url).toContain(h['referrer-policy']);
      const hsts = /max-age=(\d+)/.exec(h['strict-transport-security'] ?? '');
      expect(Number(hsts?.[1]), url).toBeGreaterThanOrEqual(31_536_000);
      expect(h['strict-transport-security'], url).toContain('includeSubDomains');
      expect(h['x-frame-options'], url).toBe('DENY');
      expect(h['content-security-policy'], url).toContain("frame-ancestors 'none'");
    }
  });

  test('Cache-Control: no-store on patient pages and API answers', async ({ request, baseURL }) => {
    const urls = [
      '/patients', `/patients/${patientId}`, `/patients/${patientId}/edit`, `/assessments/${assessmentId}`, `/assessments/${assessmentId}/print`,
      `/assessments/${assessmentId}/rerun`, '/api/patients', `/api/patients?q=${MRN}`, '/api/session', '/api/health', '/api/ping',
    ];
    for (const url of urls) {
      const res = await request.get(url, { maxRedirects: 0 });
      expect(res.status(), url).toBe(200);
      expect(res.headers()['cache-control'], url).toContain('no-store');
    }
    const data = { patient: { ageYears: 50, sex: 'male' }, labs: [] };
    for (const [headers, status] of [[{ origin: baseURL! }, 200], [{ origin: 'https://evil.example' }, 403], [{ origin: baseURL!, 'content-type': 'text/plain' }, 415]] as const) {
      const res = await request.post('/api/v1/evaluate', { headers, data: headers['content-type'] ? 'x' : data });
      expect(res.status()).toBe(status);
      expect(res.headers()['cache-control']).toContain('no-store');
    }
  });

  test('the session cookie is __Host-, Secure, HttpOnly, SameSite=Lax (and no cookie is readable by scripts)', async ({ browser }) => {
    const { context } = await signInFresh(browser, 'clinician@demo.test', 'demo-clinician-2026');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.includes('session_token'));
    expect(session?.name.startsWith('__Host-'), session?.name).toBe(true);
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/', domain: '127.0.0.1' });
    for (const c of cookies) expect(c.httpOnly, c.name).toBe(true);
    await context.close();
  });
});

test.describe('CSRF: POST /api/v1/evaluate with the session cookie', () => {
  const body = { patient: { ageYears: 50, sex: 'male' }, labs: [{ analyte: 'ferritin', value: 40, unit: 'ng/mL' }] };

  test('is refused from another site, from a null origin, or cross-site by Sec-Fetch-Site; answered from this site', async ({ request, baseURL }) => {
    const post = (headers: Record<string, string>) => request.post('/api/v1/evaluate', { headers, data: body });
    const refused: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: baseURL!, 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      {},
    ];
    for (const headers of refused) {
      const res = await post(headers);
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ error: 'forbidden-origin' });
      expect(text).not.toMatch(STACK_TRACE);
    }
    const ok = await post({ origin: baseURL! });
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toHaveProperty('contributors');
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status()).toBe(200);
  });

  test('a cross-site call of a server action is refused too, and writes nothing', async ({ request }) => {
    const create = serverActions().find((a) => a.exportedName === 'createPatientAction')!;
    const mrn = `${MRN}-CSRF`;
    const crossSite: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, {}];
    for (const headers of crossSite) {
      const res = await callAction(request, create.pages[0]!, create.id, [{ mrn, givenName: 'Cross', familyName: 'Site', birthDate: '1970-01-01', sex: 'male' }], headers);
      expect(res.headers()['x-action-redirect'] ?? '').not.toMatch(/^\/patients\//);
      expect(res.status(), JSON.stringify(headers)).toBeGreaterThanOrEqual(400);
    }
    const { patients } = (await (await request.get(`/api/patients?q=${mrn}`)).json()) as { patients: unknown[] };
    expect(patients).toEqual([]);
  });
});

test('sign-in is refused after too many failures for one account, with a clear message', async ({ browser }) => {
  // An unknown account: failures count per account all the same, and no real account is locked.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  const alert = page.locator('form.sign-in [role="alert"]');
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Email').fill('nobody@demo.test');
    await page.getByLabel('Password').fill(`wrong-password-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(alert).toHaveText('The email or password is not right.');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  }
  await page.getByLabel('Password').fill('wrong-password-last');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(alert).toContainText('Too many failed sign-ins for this account');
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await context.cookies()).filter((c) => c.name.includes('session_token'))).toEqual([]);
  await context.close();
});

test('after the session ends, the page asks to sign in and signing in returns to it', async ({ browser }) => {
  const { context, page } = await signInFresh(browser, 'clinician@demo.test', 'demo-clinician-2026');
  const target = `/assessments/${assessmentId}`;
  await page.goto(target);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Assessment:');

  // Signed out in another tab: the session row is gone.
  const other = await context.newPage();
  await other.goto('/patients');
  await other.getByRole('button', { name: 'Sign out' }).click();
  await expect(other).toHaveURL(/\/sign-in\?reason=signed-out/);
  expect((await context.request.get('/api/session')).status()).toBe(401);

  await page.goto(target);
  await expect(page).toHaveURL(`/sign-in?next=${encodeURIComponent(target)}`);
  await expect(page.getByRole('heading', { name: 'Sign in to RLS Workup' })).toBeVisible();
  await expect(page.getByText(/Iron deficiency|alert\(1\)/)).toHaveCount(0);
  await page.getByLabel('Email').fill('clinician@demo.test');
  await page.getByLabel('Password').fill('demo-clinician-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(target);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Assessment:');
  await context.close();
});

test('signing in never sends the user to another site (no open redirect through ?next=)', async ({ browser, baseURL }) => {
  // Browsers read "/\evil.example" and "/<tab>/evil.example" as "//evil.example": sign-in must not follow them.
  for (const next of ['/%5Cevil.example/phish', '/%09/evil.example/phish']) {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await context.route((url) => url.hostname === 'evil.example', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Phishing page</h1>' }));
    const page = await context.newPage();
    await page.goto(`/sign-in?next=${next}`);
    await page.getByLabel('Email').fill('clinician@demo.test');
    await page.getByLabel('Password').fill('demo-clinician-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.hostname === 'evil.example' || url.pathname !== '/sign-in');
    expect(new URL(page.url()).origin, next).toBe(new URL(baseURL!).origin);
    // Already signed in, the sign-in page's own redirect.
    await page.goto(`/sign-in?next=${next}`).catch(() => undefined);
    expect(new URL(page.url()).origin, next).toBe(new URL(baseURL!).origin);
    await context.close();
  }
});
