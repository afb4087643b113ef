import { chromium } from 'playwright-core';
const BASE='http://127.0.0.1:4012';
const [,, path='/patients', w='1280', h='800', out='/tmp/shot.png', action=''] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: +w, height: +h } });
const page = await ctx.newPage();
await page.goto(BASE + '/sign-in');
await page.getByLabel('Email').fill('clinician@demo.test');
await page.getByLabel('Password').fill('demo-clinician-2026');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByRole('heading', { name: 'Patients', exact: true }).waitFor();
let url = path;
if (path.startsWith('ada')) {
  await page.getByRole('link', { name: /Iron, Ada/ }).click();
  await page.waitForURL(/patients\/c/);
  url = page.url().replace(BASE,'') + path.slice(3);
}
await page.goto(BASE + url);
if (action) { const f = new Function('page', `return (async () => { ${action} })()`); await f(page); }
console.log('url', page.url(), 'scrollWidth', await page.evaluate(() => document.documentElement.scrollWidth), 'height', await page.evaluate(() => document.documentElement.scrollHeight));
await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
await browser.close();
