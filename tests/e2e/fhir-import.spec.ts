import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

// Upload a Synthea FHIR R4 Bundle on the patient page → the intake form opens pre-filled with the
// provenance of each value → the clinician saves as usual.
const RENATO = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/fhir/Renato_Dare_f07e9b1d-9cc7-465e-8abc-94e84793d1fb.json');

test('a clinician imports a FHIR Bundle, reviews the pre-filled form with provenance, and saves', async ({ page }) => {
  await page.goto('/patients');
  await page.getByRole('link', { name: /Kidney, Ben/ }).click();
  await expect(page.getByRole('heading', { name: 'Kidney, Ben', exact: true })).toBeVisible();
  const before = await page.locator('ol.history > li').count();

  await page.getByLabel('Import FHIR data', { exact: true }).setInputFiles(RENATO);
  await expect(page.getByRole('status').filter({ hasText: 'Imported Renato_Dare' })).toContainText('7 lab results, 2 active medications');
  // The EHR's patient is not this record's: the clinician is told.
  await expect(page.getByRole('alert').filter({ hasText: 'Check that this export' })).toContainText('Birth date in the file is 1976-06-14');

  await expect(page.getByLabel('HbA1c', { exact: true })).toHaveValue('6.109457325824228');
  await expect(page.getByLabel('HbA1c collected on (if not the panel date)')).toHaveValue('2020-09-07');
  await expect(page.locator('#labs-hba1c-provenance')).toContainText(/Imported: Observation [0-9a-f-]{36} · 2020-09-07 · LOINC 4548-4 .* · sent 6\.109457325824228 %/);
  await expect(page.locator('#labs-egfr-provenance')).toContainText('LOINC 33914-3');
  await expect(page.locator('#labs-egfr-provenance')).toContainText('sent 101.59547593082448 mL/min/{1.73_m2}');
  await expect(page.getByLabel('Ferritin', { exact: true })).toHaveValue('');
  await expect(page.locator('#knownDiabetes')).toHaveValue('yes');
  await expect(page.locator('#knownDiabetes-provenance')).toContainText('SNOMED CT 44054006');
  await expect(page.locator('#neuropathy')).toHaveValue('present');
  await expect(page.locator('#dialysis')).toHaveValue('unknown');
  await expect(page.locator('#medicationsText')).toHaveValue('diphenhydrAMINE Hydrochloride 25 MG Oral Tablet\n24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet');
  await expect(page.locator('#medicationsText-provenance')).toContainText('RxNorm 1049630');
  await expect(page.locator('aside.live [data-contributor="medication"]')).toHaveAttribute('data-status', 'flagged');

  // The clinician changes a value before saving, as usual.
  await page.locator('#dialysis').selectOption('none');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
  await expect(page.locator('article[data-contributor="medication"]')).toHaveAttribute('data-status', 'flagged');
  await page.goBack();
  await page.reload();
  await expect(page.locator('ol.history > li')).toHaveCount(before + 1);
});

test('a file that is not FHIR is refused with its reason and nothing opens', async ({ page }) => {
  await page.goto('/patients');
  await page.getByRole('link', { name: /Kidney, Ben/ }).click();
  await page.getByLabel('Import FHIR data', { exact: true }).setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":"world"}') });
  await expect(page.getByRole('alert').filter({ hasText: 'FHIR' })).toHaveText('The file is not a FHIR resource (no resourceType)');
  await expect(page.getByRole('button', { name: 'Save assessment' })).toHaveCount(0);
});
