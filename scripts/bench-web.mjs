#!/usr/bin/env node
/**
 * Web benchmarks (second half of npm run bench). Measures, never asserts:
 *  - First Load JS of the intake route: every script the page loads on a first visit, raw and gzip;
 *  - Lighthouse 12.8.2 (desktop preset, Debian Chromium) performance and accessibility scores of the
 *    intake and print pages.
 * Builds into .next-test (as the browser tests do) and serves it on a temporary SQLite database, so a running app is untouched.
 */
import { spawn, spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium } from 'playwright-core';
import { machineLine } from './machine.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT ?? 3931);
console.log(machineLine());
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: '.next-test' };

console.log('\nBuilding into .next-test …');
const build = spawnSync(path.join(root, 'node_modules/.bin/next'), ['build'], { cwd: root, env, encoding: 'utf8' });
if (build.status !== 0) { console.error(build.stdout, build.stderr); process.exit(1); }

const server = spawn(process.execPath, [path.join(root, 'scripts/e2e-server.mjs'), String(PORT)], { cwd: root, env, stdio: 'ignore' });
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try { if ((await fetch(`${BASE}/api/health`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start');
}

/** Sum of the scripts a first visit loads (what Next.js calls First Load JS), raw and gzip. */
async function firstLoadJs(url, cookie) {
  const html = await (await fetch(url, { headers: { cookie } })).text();
  // noModule scripts are polyfills only legacy browsers download.
  const srcs = [...new Set([...html.matchAll(/<script([^>]*)src="([^"]+)"([^>]*)>/g)].filter((m) => !/noModule/i.test(m[1] + m[3])).map((m) => m[2]))];
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, BASE))).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return { scripts: srcs.length, raw, gz };
}

try {
  await waitForServer();
  // A saved assessment, so the print page has content.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel('Email').fill('clinician@demo.test');
  await page.getByLabel('Password').fill('demo-clinician-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Patients', exact: true }).waitFor();
  await page.getByRole('link', { name: /Iron, Ada/ }).click();
  await page.getByRole('link', { name: 'New assessment' }).click();
  await page.getByRole('heading', { name: /New assessment/ }).waitFor();
  const intakeUrl = page.url();
  await page.getByLabel('Ferritin', { exact: true }).fill('40');
  await page.getByLabel('Medication list (one per line; paste from the EHR)').fill('sertraline 50 mg');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  // One lab: the form asks once before saving.
  await page.getByRole('button', { name: 'Save anyway' }).click();
  await page.waitForURL(/\/assessments\/c[a-z0-9]{20,}$/);
  const printUrl = `${page.url()}/print`;
  // The signed-in session, for the measurements below (pages answer sign-in otherwise).
  const cookieHeader = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  await browser.close();

  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  const intake = await firstLoadJs(intakeUrl, cookieHeader);
  const print = await firstLoadJs(printUrl, cookieHeader);
  console.log(`\nFirst Load JS, intake route: ${kb(intake.gz)} gzip (${kb(intake.raw)} raw, ${intake.scripts} scripts)`);
  console.log(`First Load JS, print route:  ${kb(print.gz)} gzip (${kb(print.raw)} raw, ${print.scripts} scripts)`);
  console.log(`  measured on ${machineLine()}`);

  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    for (const [name, url] of [['intake', intakeUrl], ['print', printUrl]]) {
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], extraHeaders: { cookie: cookieHeader } }, desktopConfig);
      const c = result.lhr.categories;
      const a = result.lhr.audits;
      console.log(`Lighthouse ${result.lhr.lighthouseVersion} (desktop), ${name} page: performance ${Math.round(c.performance.score * 100)}, accessibility ${Math.round(c.accessibility.score * 100)} (FCP ${a['first-contentful-paint'].displayValue}, LCP ${a['largest-contentful-paint'].displayValue}, TBT ${a['total-blocking-time'].displayValue}, CLS ${a['cumulative-layout-shift'].displayValue})`);
      console.log(`  measured on ${machineLine()}`);
    }
  } finally {
    await chrome.kill();
  }
} finally {
  stop();
}
