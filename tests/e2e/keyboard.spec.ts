import { expect, test, type Page } from '@playwright/test';

/**
 * Keyboard effort for the typical panel (ferritin, TSAT, Hb, fasting glucose, eGFR, TSH and three
 * medications), counted from page load to the saved result, keyboard only: Tab to each field, type
 * the value, Tab to "Save assessment", Enter. Counts are deterministic (no timing).
 */
const PANEL: [string, string][] = [
  ['labs-ferritin-value', '40'], ['labs-tsat-value', '18'], ['labs-hemoglobin-value', '12.9'],
  ['labs-glucose-fasting-value', '95'], ['labs-egfr-value', '85'], ['labs-tsh-value', '2.1'],
];
const MEDICATIONS = 'sertraline 50 mg\nmetoclopramide 10 mg\natorvastatin 20 mg';

/** Keyboard effort of the intake form before this work, measured by this test at that commit. */
const BEFORE = { keys: 144, tabs: 72 };

async function measure(page: Page) {
  let keys = 0;
  let tabs = 0;
  const focused = (selector: string) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
  const tabTo = async (selector: string) => {
    for (let i = 0; i < 200 && !(await focused(selector)); i++) {
      await page.keyboard.press('Tab');
      keys++;
      tabs++;
    }
    expect(await focused(selector)).toBe(true);
  };
  const type = async (text: string) => {
    await page.keyboard.type(text);
    keys += text.length;
  };
  for (const [id, value] of PANEL) {
    await tabTo(`#${id}`);
    await type(value);
  }
  await tabTo('#medicationsText');
  await type(MEDICATIONS);
  await tabTo('form.intake-form button[type="submit"], .intake > form > fieldset > button[type="submit"]');
  await page.keyboard.press('Enter');
  keys++;
  return { keys, tabs };
}

test('the typical panel takes at most half the Tab presses it took before', async ({ page }) => {
  await page.goto('/patients');
  await page.getByRole('link', { name: /Iron, Ada/ }).click();
  await page.getByRole('link', { name: 'New assessment' }).click();
  await expect(page.getByRole('heading', { name: /New assessment/ })).toBeVisible();
  const url = page.url();
  await page.goto(url); // counted from page load
  await expect(page.locator('#labs-ferritin-value')).toBeEnabled();
  const counted = await measure(page);
  console.log(`keyboard effort, typical panel: ${counted.keys} key presses, ${counted.tabs} of them Tab (before: ${BEFORE.keys}, ${BEFORE.tabs})`);
  await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
  await expect(page.locator('article[data-contributor="iron-deficiency"]')).toHaveAttribute('data-status', 'flagged');
  expect(counted.tabs).toBeLessThanOrEqual(BEFORE.tabs / 2);
  expect(counted.keys).toBeLessThan(BEFORE.keys);
});
