/**
 * Server start (register) and requests that end in a 500 (onRequestError).
 */
import type { Instrumentation } from 'next';

/**
 * At server start, on Node: every environment variable is read and checked (TRUSTED_PROXIES with
 * Node's address parser), so a bad value stops the server instead of failing every request (Next.js
 * only logs an error thrown here and serves on).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    try {
      await import('@/lib/auth/trusted-proxies');
    } catch (e) {
      console.error((e as Error).message);
      process.exit(1);
    }
  }
}

/**
 * A request that ends in a 500 is a bug: every refusal has its own 4xx. Next.js calls this for each
 * such error; it is logged as an error (structured, no stack trace to the browser).
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  const { logger } = await import('@/lib/logger');
  const e = error as Error & { digest?: string };
  logger.error({ bug: true, err: e.message, digest: e.digest, method: request.method, path: request.path.slice(0, 200), routeType: context.routeType }, 'request failed with 500 (a bug: refusals answer 4xx)');
};
