import { expect, test } from '@playwright/test';
import { stateFile } from './auth-state';
import { expectNoAxeViolations } from './axe';

test.describe.configure({ mode: 'serial' });

test.describe('emergency access (North Valley clinician)', () => {
  test.use({ storageState: stateFile('other-clinician') });

  test('opens a time-boxed, reasoned, audited read of another clinic\'s patient', async ({ page }) => {
    await page.goto('/break-glass');
    await expect(page.getByRole('heading', { name: /Emergency access/ })).toBeVisible();
    await page.getByLabel('Organisation').selectOption('demo');
    await page.getByLabel('MRN').fill('DEMO-002');
    await page.getByLabel('Clinical reason').fill('short');
    await page.getByRole('button', { name: 'Open emergency access' }).click();
    await expect(page.getByLabel('Clinical reason')).toHaveAccessibleDescription(/at least 20 characters/);
    await page.getByLabel('Clinical reason').fill('Seen in emergency overnight; own clinic records unavailable');
    await page.getByRole('button', { name: 'Open emergency access' }).click();
    await expect(page.getByRole('heading', { name: 'Kidney, Ben', exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('admin', () => {
  test.use({ storageState: stateFile('admin') });

  test('reviews the audit trail, exports CSV, lists break-glass access, issues and revokes a token', async ({ page }) => {
    await page.goto('/admin');
    await expect(page.getByRole('heading', { name: 'Admin', exact: true })).toBeVisible();
    await expect(page.locator('[data-break-glass-rows]')).toContainText('Dr North Valley');
    await expect(page.locator('[data-break-glass-rows]')).toContainText('Seen in emergency overnight');
    const rows = Number(await page.locator('[data-audit-rows]').getAttribute('data-audit-rows'));
    expect(rows).toBeGreaterThan(0);
    await page.getByLabel('User').selectOption({ label: 'Dr North Valley (other clinic)' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/userId=/);
    await expect(page.locator('table[data-audit-rows] tbody tr').first()).toContainText('Dr North Valley');

    const csv = await page.request.get('/api/admin/audit');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[0]).toBe('seq,time_utc,user,action,patient,record,outcome,client_address,detail');

    await page.getByLabel('Token name').fill('EHR bridge');
    await page.getByRole('button', { name: 'Issue token' }).click();
    const secret = (await page.locator('[data-token-secret] code').textContent()) ?? '';
    expect(secret).toMatch(/^rlsw_/);
    const ok = await page.request.post('/api/v1/evaluate', { headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, data: { patient: { ageYears: 50, sex: 'male' }, labs: [] } });
    expect(ok.status()).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Revoke token EHR bridge' }).click();
    await expect(page.getByText(/revoked \d{4}-/)).toBeVisible();
    const refused = await page.request.post('/api/v1/evaluate', { headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', cookie: '' }, data: { patient: { ageYears: 50, sex: 'male' }, labs: [] } });
    expect(refused.status()).toBe(401);

    await expectNoAxeViolations(page);
  });

  test('a clinician cannot open the admin page or the CSV', async ({ browser }) => {
    const context = await browser.newContext({ storageState: stateFile('clinician') });
    const page = await context.newPage();
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/patients$/);
    expect((await page.request.get('/api/admin/audit')).status()).toBe(403);
    await context.close();
  });
});
