import 'server-only';
/**
 * Renders a page of this app to PDF with Debian's Chromium (playwright-core drives it; no browser is
 * downloaded). The PDF is the printed page itself, so screen print and download never differ.
 *
 * One Chromium per server process, shared by all renders (each in its own browser context), behind a
 * bounded queue (PDF_CONCURRENCY at once, PDF_QUEUE waiting, PDF_PER_USER per user); every render has
 * a time limit (PDF_TIMEOUT_SECONDS). A browser that died is replaced at the next render.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { env } from '@/lib/env';
import { RenderQueue } from './render-queue';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class PdfUnavailableError extends Error {}
export class PdfTimeoutError extends Error {}
export { QueueBusyError as PdfBusyError } from './render-queue';

export interface RenderPdfOptions {
  url: string;
  /** Cookies of the requesting session, so the page renders as that user sees it. */
  cookies: { name: string; value: string }[];
  /** Defaults to PDF_TIMEOUT_SECONDS. */
  timeoutSeconds?: number;
}

const shared = globalThis as typeof globalThis & { rlsWorkupPdf?: { browser: Promise<Browser> | null; queue: RenderQueue } };

function state() {
  shared.rlsWorkupPdf ??= {
    browser: null,
    queue: new RenderQueue({ concurrency: env.PDF_CONCURRENCY, maxWaiting: env.PDF_QUEUE, perUser: env.PDF_PER_USER, secondsPerTask: 5 }),
  };
  return shared.rlsWorkupPdf;
}

/**
 * Where this server reaches itself (published by scripts/server.mjs): the print page is loaded from
 * there, never from the request's Host, which a client chooses (the server's browser would otherwise
 * open any address, with the user's cookies, and hand back a PDF of it).
 */
export function internalOrigin(): string {
  const published = (globalThis as Record<symbol, unknown>)[Symbol.for('rls-workup.internal-origin')];
  return typeof published === 'string' ? published : `http://127.0.0.1:${env.PORT}`;
}

/** The queue every PDF request goes through. */
export function pdfQueue(): RenderQueue {
  return state().queue;
}

/** The shared browser, launched on first use and again after it died or was closed. */
export async function sharedBrowser(): Promise<Browser> {
  const s = state();
  const current = s.browser ? await s.browser.catch(() => null) : null;
  if (current?.isConnected()) return current;
  if (!existsSync(env.CHROMIUM_PATH)) throw new PdfUnavailableError(`Chromium not found at ${env.CHROMIUM_PATH}`);
  const launching = chromium.launch({ executablePath: env.CHROMIUM_PATH, args: ARGS });
  s.browser = launching;
  try {
    const browser = await launching;
    browser.on('disconnected', () => {
      if (s.browser === launching) s.browser = null;
    });
    return browser;
  } catch (e) {
    if (s.browser === launching) s.browser = null;
    throw new PdfUnavailableError(`Chromium did not start: ${(e as Error).message}`);
  }
}

async function renderOnce(browser: Browser, { url, cookies }: RenderPdfOptions, timeoutMs: number): Promise<Uint8Array> {
  const context = await browser.newContext();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfTimeoutError(`The PDF took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  const work = (async () => {
    const { hostname } = new URL(url);
    // Prefixed cookies (__Host-, __Secure-) must be set as Secure with an exact path and no url.
    if (cookies.length > 0) await context.addCookies(cookies.map((c) => ({ ...c, domain: hostname, path: '/', secure: c.name.startsWith('__'), httpOnly: true, sameSite: 'Lax' as const })));
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'networkidle', timeout: timeoutMs });
    if (!response || !response.ok()) throw new Error(`The print page answered ${response?.status() ?? 'nothing'}`);
    await page.emulateMedia({ media: 'print' });
    // A4 width with Letter height fits both papers; the page's own @page margins apply.
    return page.pdf({ width: '210mm', height: '279mm', printBackground: true, preferCSSPageSize: false, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  })();
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
    // Closing the context ends a render that is still going (after a timeout) and frees its memory.
    await context.close().catch(() => undefined);
    work.catch(() => undefined);
  }
}

/** Renders one page to PDF in the shared browser; one retry with a new browser if the old one died. */
export async function renderPdf(options: RenderPdfOptions): Promise<Uint8Array> {
  const timeoutMs = (options.timeoutSeconds ?? env.PDF_TIMEOUT_SECONDS) * 1000;
  const browser = await sharedBrowser();
  try {
    return await renderOnce(browser, options, timeoutMs);
  } catch (e) {
    if (e instanceof PdfTimeoutError) throw e;
    const died = !browser.isConnected() || /has been closed|crash|disconnected/i.test((e as Error).message);
    if (!died) throw e;
    await browser.close().catch(() => undefined); // marks it gone, so a new one is launched
    return renderOnce(await sharedBrowser(), options, timeoutMs);
  }
}
