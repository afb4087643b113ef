import { expect, test as setup } from '@playwright/test';
import { E2E_WORKERS, serverPort, stateFile } from './auth-state';

// Signs the demo accounts in once on each server of the run; the other tests start from these sessions.
for (let i = 0; i < E2E_WORKERS; i++) {
  const port = serverPort(i);
  for (const [who, email, password] of [
    ['clinician', 'clinician@demo.test', 'demo-clinician-2026'],
    ['admin', 'admin@demo.test', 'demo-admin-2026'],
    ['other-clinician', 'clinician@northvalley.test', 'north-valley-2026'],
  ] as const) {
    setup(`sign in ${email} (server ${i + 1}, port ${port})`, async ({ page }) => {
      await page.goto(`http://127.0.0.1:${port}/sign-in`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { name: 'Patients', exact: true })).toBeVisible();
      await page.context().storageState({ path: stateFile(who, port) });
    });
  }
}
