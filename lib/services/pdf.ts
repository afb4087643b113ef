import 'server-only';
/**
 * Renders a page of this app to PDF with Debian's Chromium (playwright-core drives it; no browser is
 * downloaded). The PDF is the printed page itself, so screen print and download never differ.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { env } from '@/lib/env';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class PdfUnavailableError extends Error {}

export interface RenderPdfOptions {
  url: string;
  /** Cookies of the requesting session, so the page renders as that user sees it. */
  cookies: { name: string; value: string }[];
}

export async function renderPdf({ url, cookies }: RenderPdfOptions): Promise<Uint8Array> {
  if (!existsSync(env.CHROMIUM_PATH)) throw new PdfUnavailableError(`Chromium not found at ${env.CHROMIUM_PATH}`);
  const browser = await chromium.launch({ executablePath: env.CHROMIUM_PATH, args: ARGS });
  try {
    const context = await browser.newContext();
    const { hostname } = new URL(url);
    // Prefixed cookies (__Host-, __Secure-) must be set as Secure with an exact path and no url.
    if (cookies.length > 0) await context.addCookies(cookies.map((c) => ({ ...c, domain: hostname, path: '/', secure: c.name.startsWith('__'), httpOnly: true, sameSite: 'Lax' as const })));
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'networkidle' });
    if (!response || !response.ok()) throw new Error(`The print page answered ${response?.status() ?? 'nothing'}`);
    await page.emulateMedia({ media: 'print' });
    // A4 width with Letter height fits both papers; the page's own @page margins apply.
    return await page.pdf({ width: '210mm', height: '279mm', printBackground: true, preferCSSPageSize: false, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  } finally {
    await browser.close();
  }
}
