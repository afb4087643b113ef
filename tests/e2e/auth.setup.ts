import { expect, test as setup } from '@playwright/test';

// Signs the demo accounts in once; the other tests start from these sessions.
for (const [file, email, password] of [
  ['tests/e2e/.auth/clinician.json', 'clinician@demo.test', 'demo-clinician-2026'],
  ['tests/e2e/.auth/admin.json', 'admin@demo.test', 'demo-admin-2026'],
  ['tests/e2e/.auth/other-clinician.json', 'clinician@northvalley.test', 'north-valley-2026'],
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
