import { expect, test } from '@playwright/test';
import { startFhirServer, type TestFhirServer } from '../fhir-server';
import { stateFile } from './auth-state';
import { expectNoAxeViolations } from './axe';

// "Import from EHR": the admin sets the clinic's FHIR server (a real FHIR server over the Synthea
// samples, started here, that wants a bearer token); a clinician imports a patient by the EHR's id;
// the intake form opens pre-filled with provenance, exactly as an upload's; the clinician saves.
const RENATO = 'ffd502c9-23e1-4f8f-bc8a-87373acad280';
const TOKEN = 'e2e-ehr-token.Kx7Qm2Lp9Rz4';

let fhir: TestFhirServer;
test.beforeAll(async () => {
  fhir = await startFhirServer({ token: TOKEN });
});
test.afterAll(async () => {
  await fhir.close();
});
test.describe.configure({ mode: 'serial' });

test.describe('admin', () => {
  test.use({ storageState: stateFile('admin') });

  test('sets the clinic FHIR server with a bearer token, which is never shown again', async ({ page }) => {
    await page.goto('/admin');
    await expect(page.locator('[data-fhir-server]')).toHaveAttribute('data-fhir-server', 'none-configured');
    await page.getByLabel('FHIR base URL').fill('http://ehr.example.org/fhir');
    await page.getByLabel('Bearer token', { exact: true }).check();
    await page.locator('#fhir-token').fill(TOKEN);
    await page.getByRole('button', { name: 'Save FHIR server' }).click();
    await expect(page.getByLabel('FHIR base URL')).toHaveAccessibleDescription('A bearer token is sent only over https (plain http only to this machine)');

    await page.getByLabel('FHIR base URL').fill(fhir.base);
    await page.getByRole('button', { name: 'Save FHIR server' }).click();
    await expect(page.locator('[data-fhir-saved]')).toHaveText('Saved.');
    await expect(page.locator('[data-fhir-server]')).toHaveAttribute('data-fhir-server', 'bearer');
    await expect(page.locator('[data-fhir-server]')).toContainText(`Configured: ${fhir.base}, bearer token stored (encrypted)`);
    await expect(page.getByLabel('Keep the stored bearer token')).toBeChecked();
    // The token is not in the page, nor in a fresh load of it.
    expect(await page.content()).not.toContain(TOKEN);
    const html = await (await page.request.get('/admin')).text();
    expect(html).toContain(fhir.base);
    expect(html).not.toContain(TOKEN);
    await expect(page.locator('table[data-audit-rows]')).toContainText('fhir-server.update');
    await expectNoAxeViolations(page);
  });
});

test.describe('clinician', () => {
  test('imports a patient from the EHR by id: the form is pre-filled with provenance, and saves', async ({ page }) => {
    await page.goto('/patients');
    await page.getByRole('link', { name: /Kidney, Ben/ }).click();
    await expect(page.getByRole('heading', { name: 'Kidney, Ben', exact: true })).toBeVisible();
    const before = await page.locator('ol.history > li').count();
    const ehr = page.getByRole('form', { name: 'Import from EHR' });
    await expect(ehr).toContainText(fhir.base);

    // An id that is not on the EHR's server: said so, nothing opens.
    await ehr.getByLabel('EHR patient id').fill('no-such-patient');
    await ehr.getByRole('button', { name: 'Import from EHR' }).click();
    await expect(ehr.getByRole('alert')).toHaveText("Patient/no-such-patient is not on the EHR's FHIR server (404)");
    await expect(page.getByRole('button', { name: 'Save assessment' })).toHaveCount(0);

    const served = fhir.requests.length;
    await ehr.getByLabel('EHR patient id').fill(RENATO);
    await ehr.getByRole('button', { name: 'Import from EHR' }).click();
    await expect(ehr.getByRole('status')).toHaveText(`Imported EHR patient ${RENATO}: 7 lab results, 2 active medications. Review and save below.`);
    // The app called the FHIR server with the stored token (decrypted on the server only).
    expect(fhir.requests.slice(served).map((r) => r.authorization)).toEqual(Array(5).fill(`Bearer ${TOKEN}`));
    await expect(page.getByRole('alert').filter({ hasText: 'Check that this EHR record' })).toContainText('Birth date in the EHR is 1976-06-14');

    // The same pre-filled form, with provenance, as an uploaded file gives.
    await expect(page.getByLabel('HbA1c', { exact: true })).toHaveValue('6.109457325824228');
    await expect(page.locator('#labs-hba1c-provenance')).toContainText(/Imported: Observation [0-9a-f-]{36} · 2020-09-07 · LOINC 4548-4 .* · sent 6\.109457325824228 %/);
    await expect(page.locator('#labs-egfr-provenance')).toContainText('sent 101.59547593082448 mL/min/{1.73_m2}');
    await expect(page.locator('#knownDiabetes')).toHaveValue('yes');
    await expect(page.locator('#knownDiabetes-provenance')).toContainText('SNOMED CT 44054006');
    await expect(page.locator('#medicationsText')).toHaveValue('diphenhydrAMINE Hydrochloride 25 MG Oral Tablet\n24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet');
    await expect(page.locator('#medicationsText-provenance')).toContainText('RxNorm 1049630');
    expect(await page.content()).not.toContain(TOKEN);

    await page.locator('#dialysis').selectOption('none');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
    await expect(page.locator('article[data-contributor="medication"]')).toHaveAttribute('data-status', 'flagged');
    await page.goBack();
    await page.reload();
    await expect(page.locator('ol.history > li')).toHaveCount(before + 1);
  });

  test('a clinician of another clinic is not offered this clinic\'s server', async ({ browser }) => {
    const context = await browser.newContext({ storageState: stateFile('other-clinician') });
    const page = await context.newPage();
    await page.goto('/patients');
    await page.getByRole('link', { name: /Valley, Noor/ }).click();
    await expect(page.getByLabel('Import FHIR data', { exact: true })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Import from EHR' })).toHaveCount(0);
    await context.close();
  });
});

test.describe('admin again', () => {
  test.use({ storageState: stateFile('admin') });

  test('removes the server: Import from EHR is no longer offered', async ({ page, browser }) => {
    await page.goto('/admin');
    await page.getByRole('button', { name: 'Remove FHIR server' }).click();
    await expect(page.locator('[data-fhir-server]')).toHaveAttribute('data-fhir-server', 'none-configured');
    const context = await browser.newContext({ storageState: stateFile('clinician') });
    const clinician = await context.newPage();
    await clinician.goto('/patients');
    await clinician.getByRole('link', { name: /Kidney, Ben/ }).click();
    await expect(clinician.getByLabel('Import FHIR data', { exact: true })).toBeVisible();
    await expect(clinician.getByRole('form', { name: 'Import from EHR' })).toHaveCount(0);
    await context.close();
  });
});
