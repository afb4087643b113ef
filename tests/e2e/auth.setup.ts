import { expect, test as setup } from '@playwright/test';
import { stateFile } from './auth-state';

// Signs the demo accounts in once; the other tests start from these sessions.
for (const [file, email, password] of [
  [stateFile('clinician'), 'clinician@demo.test', 'demo-clinician-2026'],
  [stateFile('admin'), 'admin@demo.test', 'demo-admin-2026'],
  [stateFile('other-clinician'), 'clinician@northvalley.test', 'north-valley-2026'],
] as const) {
  setup(`sign in ${email}`, async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Patients', exact: true })).toBeVisible();
    await page.context().storageState({ path: file });
  });
}
