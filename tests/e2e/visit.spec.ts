import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

/**
 * The visit as a clinician works it: keyboard, phone and tablet, unit sense, a results page read in
 * seconds. One saved assessment (made by the first test) serves the page checks that follow.
 */
test.describe.configure({ mode: 'serial' });

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };
const NARROW = { width: 360, height: 740 };
const mrn = `VISIT-${Date.now().toString(36).toUpperCase()}`;
let patientId = '';
let assessmentId = '';

const newAssessment = () => `/patients/${patientId}/assessments/new`;
const historyCount = async (page: Page) => {
  await page.goto(`/patients/${patientId}`);
  return page.locator('ol.history > li').count();
};

async function createPatient(page: Page) {
  await page.goto('/patients/new');
  await page.getByLabel('MRN', { exact: true }).fill(mrn);
  await page.getByLabel('Family name').fill('Visit');
  await page.getByLabel('Given name').fill('Vera');
  await page.getByLabel('Date of birth').fill('1968-02-10');
  await page.getByLabel('Sex').selectOption('female');
  await page.getByRole('button', { name: 'Create patient' }).click();
  await expect(page.getByRole('heading', { name: 'Visit, Vera', exact: true })).toBeVisible();
  patientId = page.url().split('/').pop()!;
}

async function openIntake(page: Page) {
  await page.goto(newAssessment());
  await expect(page.locator('#labs-ferritin-value')).toBeEnabled();
}

test('1. Enter in a lab field moves on and never saves; a sparse save asks once', async ({ page }) => {
  await createPatient(page);
  await openIntake(page);
  const ferritin = page.getByLabel('Ferritin', { exact: true });
  await ferritin.fill('45');
  await ferritin.press('Enter');
  await expect(page.getByLabel('Transferrin saturation', { exact: true })).toBeFocused();
  await page.getByLabel('Labs collected on').press('Enter');
  await expect(page).toHaveURL(/\/assessments\/new$/);

  await page.getByRole('button', { name: 'Save assessment' }).click();
  const ask = page.getByRole('group', { name: 'Save with 1 of 18 labs?' });
  await expect(ask).toBeFocused();
  await expect(ask).toContainText('Only 1 of 18 labs are entered');
  await expect(ask).toContainText('the medication list stays unknown');
  await ask.getByRole('button', { name: 'Back to the form' }).click();
  await expect(ask).toHaveCount(0);
  await expect(ferritin).toBeFocused();
  expect(await historyCount(page)).toBe(0);

  await openIntake(page);
  await page.getByLabel('Ferritin', { exact: true }).fill('45');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
  expect(await historyCount(page)).toBe(1);
});

test('2. unit sense: implausible in the chosen unit, plausible in another: said, and switched only on request', async ({ page }) => {
  await openIntake(page);
  await page.getByLabel('Ferritin', { exact: true }).fill('40');
  const cases: [string, string, string, string, string][] = [
    ['Transferrin saturation', '0.18', '%', 'fraction', 'Transferrin saturation 0.18% is implausible as a percentage; as a fraction it is 18%.'],
    ['Hemoglobin', '129', 'g/dL', 'g/L', 'Hemoglobin 129 g/dL is outside the accepted range; as 129 g/L it is 12.9 g/dL.'],
    ['HbA1c', '48', '%', 'mmol/mol', 'HbA1c 48% is outside the accepted range; as 48 mmol/mol it is 6.54%.'],
    ['Creatinine', '88', 'mg/dL', 'µmol/L', 'Creatinine 88 mg/dL is outside the accepted range; as 88 µmol/L it is 1 mg/dL.'],
  ];
  for (const [label, value, , , message] of cases) {
    await page.getByLabel(label, { exact: true }).fill(value);
    await expect(page.locator('.unit-hint').filter({ hasText: message })).toBeVisible();
  }
  // Never silently: every unit is still the one chosen, and TSAT 0.18 % is what the live result uses.
  for (const [label, , unit] of cases) await expect(page.getByLabel(`${label} unit`)).toHaveValue(unit);
  await expect(page.locator('aside.live [data-contributor="iron-deficiency"]')).toContainText('0.18%');
  for (const [label, , , suggested] of cases) {
    await page.getByRole('button', { name: `Switch ${label} to ${suggested}` }).click();
    await expect(page.getByLabel(`${label} unit`)).toHaveValue(suggested);
  }
  await expect(page.locator('.unit-hint:not(:empty)')).toHaveCount(0);
  await page.getByLabel('Medication list (one per line; paste from the EHR)').fill('sertraline 50 mg\nBenadril 25 mg\nlisinopril 10 mg');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
  assessmentId = page.url().split('/').pop()!;
  const inputs = page.locator('section[aria-labelledby="inputs-h"]');
  for (const text of ['0.18 fraction', '18%', '129 g/L', '12.9 g/dL', '48 mmol/mol', '88 µmol/L']) await expect(inputs).toContainText(text);
});

test('4. the results lead with a compact summary: flagged (band on its own line), indeterminate, not assessed, not flagged collapsed', async ({ page }) => {
  await page.goto(`/assessments/${assessmentId}`);
  const groups = page.locator('section[aria-labelledby="contributors-h"] > .group');
  const order = await groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
  expect(order).toEqual(['flagged', 'indeterminate', 'not-assessed', 'not-flagged']);
  await expect(page.locator('details[data-group="not-flagged"]')).not.toHaveAttribute('open');
  await expect(page.locator('details[data-group="not-flagged"] article').first()).toBeHidden();

  const iron = page.locator('article[data-contributor="iron-deficiency"]');
  await expect(iron.locator('.band')).toHaveText('Iron therapy band: oral or IV iron may be considered');
  // The basis, trace and sources are one click away.
  const basis = iron.locator('table.basis');
  await expect(basis).toBeHidden();
  await iron.getByText('Basis, rules and sources').click();
  await expect(basis).toBeVisible();
  await expect(iron.locator('.trace')).toContainText('I-1');
  await expect(iron.getByRole('link', { name: /^S1: Winkelman JW et al/ })).toBeVisible();

  // The live panel uses the same order.
  await openIntake(page);
  await page.getByLabel('Ferritin', { exact: true }).fill('40');
  const live = page.locator('aside.live .group');
  await expect(live.first()).toHaveAttribute('data-group', 'flagged');
  expect(await live.evaluateAll((els) => els.map((e) => e.getAttribute('data-group')))).toEqual(['flagged', 'indeterminate', 'not-assessed', 'not-flagged']);
  await expect(page.locator('aside.live details[data-group="not-flagged"]')).not.toHaveAttribute('open');
  // Ferritin alone: flagged, and the band waits for a TSAT (KB 1.1, I-6).
  await expect(page.locator('aside.live [data-contributor="iron-deficiency"] .band')).toHaveText('Iron therapy band: band pending: a current ferritin and TSAT are needed');
});

test('4. the saved results page opens on the flagged contributors and is shorter than the 6,400 px it was', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/assessments/${assessmentId}`);
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('[data-group="flagged"] article h4').first()).toBeInViewport();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`results page height at 1280 px: ${height} px`);
  expect(height).toBeLessThan(5000);
});

test('5. say what was found: drugs named, statuses in words, no identity matches, analyte names, notices once, "not read"', async ({ page }) => {
  await page.goto(`/assessments/${assessmentId}`);
  const meds = page.locator('article[data-contributor="medication"]');
  await expect(meds.locator('.flagged-meds')).toHaveText('Flagged medications: sertraline; Benadryl → diphenhydramine (needs confirmation)');
  const table = page.locator('section[aria-labelledby="meds-h"] table');
  await expect(table.locator('tr[data-medication-status="flagged"]').first().locator('td').nth(1)).toHaveText('on the list');
  await expect(table.locator('tr[data-medication-status="not-flagged"] td').nth(1)).toHaveText('not on the list');
  await expect(table.locator('tr[data-medication-status="flagged"]').nth(1).locator('td').nth(1)).toHaveText('on the list, needs confirmation');
  await expect(table).not.toContainText('sertraline → sertraline');
  await expect(table).not.toContainText('not-flagged');
  await expect(table.locator('tr[data-medication-status="not-flagged"] td').nth(2)).toHaveText('lisinopril');

  const basisCells = await page.locator('table.basis tbody tr td:first-child').allTextContents();
  expect(basisCells).toContain('Transferrin saturation');
  expect(basisCells.filter((t) => /^[a-z0-9-]+$/.test(t))).toEqual([]);

  const notices = await page.locator('section[aria-labelledby="notices-h"] li').allTextContents();
  expect(new Set(notices).size).toBe(notices.length);
  for (const n of notices) {
    const [head, rest] = [n.slice(0, n.indexOf(': ')), n.slice(n.indexOf(': ') + 2)];
    expect(rest.toLowerCase().startsWith(head.toLowerCase()), n).toBe(false);
  }
  await expect(page.getByRole('heading', { name: 'Read first' })).toHaveCount(0);

  await page.goto(`/assessments/${assessmentId}/print`);
  await expect(page.locator('.checklist [data-contributor="medication"]')).toContainText('Flagged medications: sertraline; Benadryl → diphenhydramine (needs confirmation)');

  await openIntake(page);
  await page.getByLabel('Ferritin', { exact: true }).fill('abc');
  await expect(page.locator('aside.live [data-not-read]')).toHaveText('Ferritin not read: “abc”');
});

test('6. after a failed save focus moves to an error summary that links to each field', async ({ page }) => {
  await openIntake(page);
  await page.getByLabel('Ferritin', { exact: true }).fill('abc');
  await page.getByLabel('Medication list (one per line; paste from the EHR)').fill('sertraline');
  await page.getByLabel(/No medications/).check();
  await page.getByRole('button', { name: 'Save assessment' }).click();
  const summary = page.locator('[data-error-summary]');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await summary.getByRole('link', { name: 'Ferritin must be a number, e.g. 45, 4.5 or <5' }).click();
  await expect(page.getByLabel('Ferritin', { exact: true })).toBeFocused();
  await summary.getByRole('link', { name: '"No medications" is ticked but medications are listed' }).click();
  await expect(page.getByLabel(/No medications/)).toBeFocused();
  await expect(page).toHaveURL(/\/assessments\/new$/);
});

test('7. the printed checklist names the band, separates tests from other tasks, and its headings give no orders', async ({ page }) => {
  await page.goto(`/assessments/${assessmentId}/print`);
  const tests = page.locator('[data-checklist="tests"]');
  const tasks = page.locator('[data-checklist="tasks"]');
  await expect(tests.getByRole('heading')).toHaveText('Suggested tests');
  await expect(tasks.getByRole('heading')).toHaveText('Other suggested workup');
  await expect(tests.locator('[data-workup="iron-panel"]')).toBeVisible();
  await expect(tasks.locator('[data-workup="iron-therapy-discussion"]')).toContainText('iron therapy band: oral or IV iron may be considered');
  for (const li of await tests.locator('li').all()) await expect(li).toContainText('LOINC');
  for (const li of await tasks.locator('li').all()) await expect(li).not.toContainText('LOINC');
  const headings = await page.locator('h1, h2, h3').allTextContents();
  for (const h of headings) expect(h, h).not.toMatch(/\b(order|start|give|stop|check|repeat|confirm|discuss|review|refer)\b/i);
});

test('8. a favicon (no 404 on any page); no future collection or assessment date; eGFR unit whole on tablet; assessment date settable', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (r) => { if (r.status() === 404) missing.push(r.url()); });
  for (const url of ['/patients', `/patients/${patientId}`, newAssessment(), `/assessments/${assessmentId}`, `/assessments/${assessmentId}/print`]) {
    await page.goto(url);
    await expect(page.locator('h1').first()).toBeVisible();
  }
  expect(missing).toEqual([]);
  expect(await page.locator('head link[rel="icon"]').count()).toBeGreaterThan(0);
  const ico = await page.request.get('/favicon.ico');
  expect(ico.status()).toBe(200);
  expect(ico.headers()['content-type']).toMatch(/image\//);

  await page.setViewportSize(TABLET);
  await openIntake(page);
  const egfr = page.locator('#labs-egfr-unit-text');
  await expect(egfr).toHaveText('mL/min/1.73 m²');
  expect(await egfr.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);

  const today = new Date().toISOString().slice(0, 10);
  const assessed = page.getByLabel('Assessment date');
  await expect(assessed).toHaveValue(today);
  await page.getByLabel('Labs collected on').fill('2099-01-01');
  await page.getByLabel('Assessment date').fill('2099-01-02');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page.locator('#collectedOn-error')).toContainText('Collection date 2099-01-01 is in the future');
  await expect(page.locator('#assessedOn-error')).toContainText('The assessment date 2099-01-02 is in the future');

  await assessed.fill('2026-01-15');
  await page.getByLabel('Labs collected on').fill('2026-01-14');
  await page.getByLabel('Ferritin', { exact: true }).fill('40');
  await page.getByLabel(/No medications/).check();
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
  await expect(page.locator('main')).toContainText('Assessed as of 2026-01-15');
});

test('3. on tablet and phone the live result is one tap away while typing', async ({ page }) => {
  for (const size of [PHONE, TABLET]) {
    await page.setViewportSize(size);
    await openIntake(page);
    await page.getByLabel('Ferritin', { exact: true }).fill('40');
    const bar = page.locator('[data-live-bar]');
    await expect(bar).toBeInViewport();
    await expect(bar).toContainText('1 flagged');
    await expect(page.locator('aside.live')).toBeHidden();
    await bar.click();
    await expect(bar).toHaveAttribute('aria-expanded', 'true');
    const flagged = page.locator('aside.live [data-contributor="iron-deficiency"]');
    await expect(flagged).toBeInViewport();
    await expect(flagged).toHaveAttribute('data-status', 'flagged');
    await bar.click();
    await expect(page.locator('aside.live')).toBeHidden();
  }
});

const pages = () => [
  '/patients', '/patients/new', `/patients/${patientId}`, `/patients/${patientId}/edit`, newAssessment(),
  `/assessments/${assessmentId}`, `/assessments/${assessmentId}/print`, `/assessments/${assessmentId}/rerun`, '/rules', '/account', '/break-glass',
];

test('3. every page fits 360 px with no horizontal scroll; touch targets at least 44 px on a phone', async ({ page }) => {
  test.setTimeout(180_000);
  for (const size of [NARROW, PHONE]) {
    await page.setViewportSize(size);
    for (const url of pages()) {
      await page.goto(url);
      await expect(page.locator('h1').first()).toBeVisible();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${url} at ${size.width} px`).toBeLessThanOrEqual(size.width);
      const small = await page.evaluate(() => {
        const out: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, a.button, nav a, .actions a')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
          const checkbox = el instanceof HTMLInputElement && el.type === 'checkbox';
          const minimum = checkbox ? 24 : 44;
          if (r.height < minimum - 0.5 || r.width < 24) out.push(`${el.tagName.toLowerCase()}#${el.id || el.textContent?.trim().slice(0, 30)} ${Math.round(r.width)}×${Math.round(r.height)}`);
        }
        return out;
      });
      expect(small, `${url} at ${size.width} px`).toEqual([]);
    }
  }
});

for (const [name, size] of [['tablet 768×1024', TABLET], ['phone 390×844', PHONE]] as const) {
  test(`9. axe: no WCAG 2 A/AA violations on every page on a ${name}`, async ({ page }) => {
    test.setTimeout(600_000);
    await page.setViewportSize(size);
    for (const url of [...pages(), '/patients/no-such-patient']) {
      await page.goto(url);
      await expect(page.locator('h1').first()).toBeVisible();
      await test.step(url, () => expectNoAxeViolations(page, url));
    }
    // The intake with its live panel open, the error summary and the save question showing.
    await openIntake(page);
    await page.getByLabel('Ferritin', { exact: true }).fill('abc');
    await page.locator('[data-live-bar]').click();
    await expect(page.locator('aside.live')).toBeVisible();
    await expectNoAxeViolations(page, 'intake with the live panel open');
    await page.locator('[data-live-bar]').click();
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect(page.locator('[data-error-summary]')).toBeFocused();
    await expectNoAxeViolations(page, 'intake with errors');
    await page.getByLabel('Ferritin', { exact: true }).fill('0.18');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await expect(page.locator('[data-confirm-save]')).toBeFocused();
    await expectNoAxeViolations(page, 'intake asking before saving');
  });
}
