import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { importPKCS8, SignJWT } from 'jose';
import { WORKER_PORT, stateFile } from './auth-state';
import { expectNoAxeViolations } from './axe';

// A card's link opens the pre-filled assessment in the app (/cds/open/[token]); EHR feedback on the
// cards shows on the admin's override-rate page (/admin/overrides). The EHR is played by signing as
// the HL7 sandbox (its published key; the seed pins its public half for the Demo clinic).
const here = path.dirname(fileURLToPath(import.meta.url));
const SANDBOX = JSON.parse(readFileSync(path.join(here, '../fixtures/cds-hooks-sandbox-key.json'), 'utf8')) as { iss: string; kid: string; alg: string; pkcs8: string };
const bundle = JSON.parse(readFileSync(path.join(here, '../fixtures/fhir/Renato_Dare_f07e9b1d-9cc7-465e-8abc-94e84793d1fb.json'), 'utf8')) as { entry: { resource: { resourceType: string; id: string } }[] };
const resources = bundle.entry.map((e) => e.resource);
const RENATO = 'ffd502c9-23e1-4f8f-bc8a-87373acad280';
const ORIGIN = `http://127.0.0.1:${WORKER_PORT}`;
const HOOK = `${ORIGIN}/cds-services/rls-workup`;

interface Card { uuid: string; summary: string; detail?: string; overrideReasons?: { system: string; code: string; display: string }[]; suggestions?: { uuid: string }[]; links?: { label: string; url: string }[]; source: { topic?: { code: string } } }

async function signedCall(url: string, body: unknown): Promise<Response> {
  const key = await importPKCS8(SANDBOX.pkcs8, SANDBOX.alg);
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ iss: SANDBOX.iss, aud: url, iat: now, exp: now + 300, jti: randomUUID() }).setProtectedHeader({ alg: SANDBOX.alg, kid: SANDBOX.kid, typ: 'JWT' }).sign(key);
  return fetch(url, { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const searchset = (type: string) => ({ resourceType: 'Bundle', type: 'searchset', entry: resources.filter((r) => r.resourceType === type).map((resource) => ({ resource })) });

async function patientView(): Promise<Card[]> {
  const res = await signedCall(HOOK, {
    hook: 'patient-view', hookInstance: randomUUID(), context: { userId: 'Practitioner/COREPRACTITIONER1', patientId: RENATO },
    prefetch: {
      patient: resources.find((r) => r.resourceType === 'Patient'), observations: searchset('Observation'),
      medicationRequests: searchset('MedicationRequest'), medicationStatements: searchset('MedicationStatement'), conditions: searchset('Condition'),
    },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { cards: Card[] }).cards;
}

/** The rule ids a card states in its detail ("Rules A, B · evidence grade …"). */
const rulesOf = (c: Card) => (/Rules (.+?) · evidence grade/.exec(c.detail ?? '')?.[1] ?? '').replace(/\\(.)/g, '$1').split(', ').filter(Boolean);

test.describe.configure({ mode: 'serial' });

test('a card\'s link opens the EHR data as a pre-filled assessment of a chosen patient, which saves', async ({ page }) => {
  const cards = await patientView();
  const card = cards.find((c) => c.links?.some((l) => l.url.includes('/cds/open/')));
  expect(card).toBeDefined();
  const link = new URL(card!.links!.find((l) => l.url.includes('/cds/open/'))!.url);
  expect(link.origin).toBe(ORIGIN);

  // No patient of the clinic has the EHR patient's birth date and sex yet: the page says so.
  await page.goto(link.pathname);
  await expect(page.getByRole('heading', { name: 'Open from the EHR' })).toBeVisible();
  await expect(page.getByText(`EHR patient ${RENATO}: born 1976-06-14, male.`)).toBeVisible();
  await expect(page.getByText('No patient of this clinic has this birth date and sex.')).toBeVisible();
  await page.getByRole('link', { name: 'Create the patient' }).click();
  await page.getByLabel('MRN', { exact: true }).fill('EHR-RD-1');
  await page.getByLabel('Family name').fill('Dare');
  await page.getByLabel('Given name').fill('Renato');
  await page.getByLabel('Date of birth').fill('1976-06-14');
  await page.getByLabel('Sex').selectOption('male');
  await page.getByRole('button', { name: 'Create patient' }).click();
  await expect(page.getByRole('heading', { name: 'Dare, Renato', exact: true })).toBeVisible();

  await page.goto(link.pathname);
  await expect(page.getByText(/^HbA1c: Observation [0-9a-f-]{36} · 2020-09-07/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Dare, Renato (MRN EHR-RD-1)' }).click();
  await expect(page.getByText(`Pre-filled from the EHR (patient ${RENATO}, born 1976-06-14)`)).toBeVisible();
  await expect(page.getByLabel('HbA1c', { exact: true })).toHaveValue('6.109457325824228');
  await expect(page.locator('#labs-hba1c-provenance')).toContainText('LOINC 4548-4');
  await expect(page.locator('#knownDiabetes')).toHaveValue('yes');
  await page.locator('#dialysis').selectOption('none');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await expect(page).toHaveURL(/\/assessments\/c[a-z0-9]{20,}$/);
  await expect(page.locator('article[data-contributor="medication"]')).toHaveAttribute('data-status', 'flagged');

  // A made-up or another clinic's link opens nothing.
  await page.goto('/cds/open/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await expect(page.getByRole('heading', { name: 'Open from the EHR' })).toHaveCount(0);
  const other = await page.context().browser()!.newContext({ storageState: stateFile('other-clinician') });
  const otherPage = await other.newPage();
  await otherPage.goto(link.pathname);
  await expect(otherPage.getByRole('heading', { name: 'Open from the EHR' })).toHaveCount(0);
  await other.close();
});

test.describe('admin', () => {
  test.use({ storageState: stateFile('admin') });

  test('the override-rate page counts EHR feedback per rule: overridden with its reason, and accepted', async ({ page }) => {
    const cards = await patientView();
    const overridden = cards.find((c) => rulesOf(c).length > 0 && c.overrideReasons?.some((r) => r.code === 'patient-declined'));
    const accepted = cards.find((c) => c !== overridden && rulesOf(c).length > 0 && (c.suggestions?.length ?? 0) > 0);
    expect(overridden).toBeDefined();
    expect(accepted).toBeDefined();
    const rule = rulesOf(overridden!)[0]!;
    const acceptedRule = rulesOf(accepted!).find((r) => !rulesOf(overridden!).includes(r)) ?? rulesOf(accepted!)[0]!;

    const counts = async (ruleId: string) => {
      await page.goto('/admin/overrides');
      await expect(page.getByRole('heading', { name: 'Override rates per rule' })).toBeVisible();
      const row = page.locator(`tr[data-rule="${ruleId}"]`);
      const cells = await row.locator('td').allTextContents();
      return { shown: Number(cells[0]), accepted: Number(cells[1]), overridden: Number(cells[2]), rate: cells[3] ?? '', ehr: cells[4] ?? '', reasons: cells[5] ?? '' };
    };
    const before = await counts(rule);
    const beforeAccepted = await counts(acceptedRule);
    expect(before.shown).toBeGreaterThan(0);

    const reason = overridden!.overrideReasons!.find((r) => r.code === 'patient-declined')!;
    const now = new Date().toISOString();
    const res = await signedCall(`${HOOK}/feedback`, {
      feedback: [
        { card: overridden!.uuid, outcome: 'overridden', overrideReason: { reason, userComment: 'Prefers to wait' }, outcomeTimestamp: now },
        { card: accepted!.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: accepted!.suggestions![0]!.uuid }], outcomeTimestamp: now },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stored: 2 });

    const after = await counts(rule);
    expect(after.overridden).toBe(before.overridden + 1);
    expect(after.reasons).toContain('Patient declined');
    expect(after.rate).toMatch(/^\d+%$/);
    expect(after.rate).toBe(`${Math.round((after.overridden / (after.accepted + after.overridden)) * 100)}%`);
    const [ehrOverridden] = after.ehr.split(' · ')[0]!.split('/').map(Number);
    expect(ehrOverridden).toBe(Number(before.ehr.split(' · ')[0]!.split('/')[0]) + 1);
    await expect(page.locator(`tr[data-rule="${rule}"] svg[role="img"]`)).toHaveAttribute('aria-label', new RegExp(`Weekly override rate of ${rule}: .*\\d+%`));
    const afterAccepted = await counts(acceptedRule);
    expect(afterAccepted.accepted).toBe(beforeAccepted.accepted + 1);
    await expectNoAxeViolations(page);
  });
});
