import { expect, test } from '@playwright/test';

// The thin end-to-end slice: patient list → patient → new assessment → saved result, and it stays
// after a reload.
test('a clinician enters a low ferritin, sees the live flag, saves, and the flag survives a reload', async ({ page }) => {
  await page.goto('/patients');
  await expect(page.getByRole('heading', { name: 'Patients', exact: true })).toBeVisible();
  await page.getByRole('link', { name: /Iron, Ada/ }).click();
  await expect(page.getByRole('heading', { name: 'Iron, Ada', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'New assessment' }).click();

  await page.getByLabel('Ferritin', { exact: true }).fill('40');
  await page.getByLabel('Medication list (one per line; paste from the EHR)').fill('sertraline 50 mg daily\nlisinopril');
  const live = page.locator('aside.live [data-contributor="iron-deficiency"]');
  await expect(live).toHaveAttribute('data-status', 'flagged');

  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page.getByRole('group', { name: 'Save with 1 of 18 labs?' })).toBeFocused();
  await page.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
  const card = page.locator('article[data-contributor="iron-deficiency"]');
  await expect(card).toHaveAttribute('data-status', 'flagged');
  await expect(card).toContainText('Ferritin 40 ng/mL ≤ 75 ng/mL');
  await expect(card).toContainText('Winkelman JW et al. J Clin Sleep Med 2025 (AASM guideline) (2025)');
  await expect(page.locator('[data-integrity]')).toHaveAttribute('data-integrity', 'intact');

  await page.reload();
  await expect(page.locator('article[data-contributor="iron-deficiency"]')).toHaveAttribute('data-status', 'flagged');
  await expect(page.locator('article[data-contributor="medication"]')).toHaveAttribute('data-status', 'flagged');
});

test('an absurd ferritin is refused at the field and nothing is saved', async ({ page }) => {
  await page.goto('/patients');
  await page.getByRole('link', { name: /Kidney, Ben/ }).click();
  const before = await page.locator('ol.history > li').count();
  await page.getByRole('link', { name: 'New assessment' }).click();
  const ferritin = page.getByLabel('Ferritin', { exact: true });
  await ferritin.fill('abc');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page.locator('#labs-ferritin-error')).toHaveText('Ferritin must be a number, e.g. 45, 4.5 or <5');
  await expect(ferritin).toHaveAttribute('aria-invalid', 'true');
  await ferritin.fill('250000');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page.locator('#labs-ferritin-error')).toContainText('outside the accepted range');
  await expect(page).toHaveURL(/\/assessments\/new$/);
  await page.goBack();
  await page.reload();
  await expect(page.locator('ol.history > li')).toHaveCount(before);
});
