import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expectNoAxeViolations } from './axe';

const pdfText = (pdf: Buffer) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rls-pdf-'));
  const file = path.join(dir, 'page.pdf');
  writeFileSync(file, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);
  return { text: execFileSync('pdftotext', ['-layout', file, '-']).toString(), pages };
};

test.describe.configure({ mode: 'serial' });

let patientUrl = '';
let assessmentUrl = '';
const mrn = `E2E-${Date.now().toString(36).toUpperCase()}`;

test('create a patient → enter labs → live flags → save → dismiss a flag with a reason → print the PDF', async ({ page }) => {
  await page.goto('/patients');
  await page.getByRole('link', { name: 'New patient' }).click();
  await expect(page.getByRole('heading', { name: 'New patient' })).toBeVisible();
  await page.getByLabel('MRN', { exact: true }).fill(mrn);
  await page.getByLabel('Family name').fill('Walker');
  await page.getByLabel('Given name').fill('Rena');
  await page.getByLabel('Date of birth').fill('1972-06-15');
  await page.getByLabel('Sex').selectOption('female');
  await page.getByRole('button', { name: 'Create patient' }).click();
  await expect(page.getByRole('heading', { name: 'Walker, Rena', exact: true })).toBeVisible();
  patientUrl = page.url();

  await page.getByRole('link', { name: 'New assessment' }).click();
  await expect(page.getByRole('heading', { name: 'New assessment: Walker, Rena' })).toBeVisible();
  await page.getByLabel('Ferritin', { exact: true }).fill('40');
  await page.getByLabel('Transferrin saturation', { exact: true }).fill('18');
  await page.getByLabel('Fasting glucose', { exact: true }).fill('7.2');
  await page.getByLabel('Fasting glucose unit').selectOption('mmol/L');
  await page.getByLabel('eGFR', { exact: true }).fill('85');
  await page.getByLabel('TSH', { exact: true }).fill('2.1');
  await page.getByLabel('Pregnant').selectOption('no');
  const meds = page.getByLabel('Medication list (one per line; paste from the EHR)');
  await meds.fill('Benadril 25 mg qhs');
  await meds.press('Enter');
  await meds.pressSequentially('sertraline 50 mg');
  const live = page.locator('aside.live');
  await expect(live.locator('[data-contributor="iron-deficiency"]')).toHaveAttribute('data-status', 'flagged');
  await expect(live.locator('[data-contributor="glycemia"]')).toHaveAttribute('data-status', 'flagged');
  await expect(live.locator('[data-contributor="medication"]')).toHaveAttribute('data-status', 'flagged');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
  assessmentUrl = page.url();

  // Dismiss the glycemia flag with a coded reason; accept the iron-therapy discussion.
  await page.getByRole('button', { name: 'Dismiss: Diabetes / hyperglycaemia' }).click();
  const dismissForm = page.getByRole('form', { name: 'Dismiss: Diabetes / hyperglycaemia' });
  await dismissForm.getByRole('button', { name: 'Save dismissal' }).click();
  await expect(dismissForm.getByLabel('Reason')).toHaveAccessibleDescription('Choose a reason');
  await dismissForm.getByLabel('Reason').selectOption('already-done');
  await dismissForm.getByLabel('Comment').fill('Diabetes already under endocrinology <script>alert(1)</script>');
  await dismissForm.getByRole('button', { name: 'Save dismissal' }).click();
  const glycemiaReview = page.locator('[data-review-target="contributor:glycemia"]');
  await expect(glycemiaReview).toHaveAttribute('data-review-decision', 'dismissed');
  await expect(glycemiaReview).toContainText('Dismissed (Already done): “Diabetes already under endocrinology <script>alert(1)</script>” by Dr Demo Clinician');
  await page.getByRole('button', { name: /^Accept: Iron therapy within the band the rule gives may be considered/ }).click();
  await expect(page.locator('[data-review-target="workup:iron-therapy-discussion"]')).toHaveAttribute('data-review-decision', 'accepted');
  await page.getByRole('button', { name: 'Confirm: Benadril 25 mg qhs as Benadryl' }).click();
  await expect(page.locator('[data-review-target="medication:0"]')).toHaveAttribute('data-review-decision', 'confirmed');

  // The note carries the decision.
  await expect(page.getByLabel('Plain-text summary')).toContainText('[dismissed: Already done');

  // Printed by the browser: the one-page checklist.
  await page.goto(`${assessmentUrl}/print`);
  await page.emulateMedia({ media: 'print' });
  const printed = pdfText(await page.pdf({ format: 'A4' }));
  expect(printed.pages).toBe(1);
  for (const text of ['RLS workup checklist', 'Walker, Rena', mrn, 'Dr Demo Clinician', 'Ferritin [Mass/volume] in Serum or Plasma', 'LOINC 2276-4', 'Iron deficiency', 'before your blood test', 'at least 24 hours']) {
    expect(printed.text).toContain(text);
  }
  expect(printed.text).not.toContain('Diabetes / hyperglycaemia (grade');

  // "Download PDF": the same page rendered on the server, on Letter paper too.
  const res = await page.request.get(`${assessmentUrl.replace('/assessments/', '/api/assessments/')}/pdf`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  const downloaded = pdfText(await res.body());
  expect(downloaded.pages).toBe(1);
  expect(downloaded.text).toContain('Walker, Rena');
  expect(downloaded.text).toContain('LOINC 2276-4');
  await page.emulateMedia({ media: 'print' });
  expect(pdfText(await page.pdf({ format: 'Letter' })).pages).toBe(1);

  // History: the chart and the recheck date set by the accepted iron-therapy discussion.
  await page.goto(patientUrl);
  await expect(page.locator('[data-trend="ferritin"]')).toBeVisible();
  await expect(page.locator('[data-recheck]')).toContainText('12 weeks after iron therapy was discussed');
});

test('a correction is a new version; the original stays readable; re-run shows no change under the same rules', async ({ page }) => {
  await page.goto(assessmentUrl);
  await page.getByRole('link', { name: 'Correct this assessment' }).click();
  await expect(page.getByLabel('Ferritin', { exact: true })).toHaveValue('40');
  await page.getByLabel('Ferritin', { exact: true }).fill('140');
  await page.getByLabel('Transferrin saturation', { exact: true }).fill('30');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
  await expect(page.locator('article[data-contributor="iron-deficiency"]')).toHaveAttribute('data-status', 'not-flagged');
  await expect(page.getByText('This is a correction of')).toBeVisible();
  await page.goto(assessmentUrl);
  await expect(page.locator('[data-superseded]')).toBeVisible();
  await expect(page.locator('article[data-contributor="iron-deficiency"]')).toHaveAttribute('data-status', 'flagged');
  await page.goto(`${assessmentUrl}/rerun`);
  await expect(page.locator('[data-rerun="unchanged"]')).toBeVisible();
});

test('the verification page evaluates every clinical case in the running app', async ({ page }) => {
  await page.goto('/rules');
  const summary = page.locator('[data-cases-passed]');
  await expect(summary).toHaveAttribute('data-cases-passed', '15');
  await expect(summary).toHaveAttribute('data-cases-total', '15');
  await expect(page.locator('[data-rule="I-1"]')).toContainText('Winkelman JW et al. J Clin Sleep Med 2025 (AASM guideline) (2025)');
});

test('every page has no WCAG 2 A/AA violations (axe)', async ({ page }) => {
  // Twelve full axe runs: on the shared, loaded machine they take minutes, not seconds.
  test.setTimeout(300_000);
  const patientId = patientUrl.split('/').pop();
  const assessment = assessmentUrl.split('/').pop();
  const pages = [
    '/patients', '/patients/new', `/patients/${patientId}`, `/patients/${patientId}/edit`, `/patients/${patientId}/assessments/new`,
    `/assessments/${assessment}`, `/assessments/${assessment}/print`, `/assessments/${assessment}/rerun`, '/rules', '/patients/no-such-patient',
    '/account', '/break-glass',
  ];
  for (const url of pages) {
    await page.goto(url);
    await expect(page.locator('h1').first()).toBeVisible();
    await test.step(url, () => expectNoAxeViolations(page));
  }
});
