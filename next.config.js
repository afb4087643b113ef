// @ts-check
const production = process.env.NODE_ENV === 'production';

/**
 * Security headers of every API answer, static (computed at build time). The proxy (proxy.ts) does not
 * run for /api: it exists for pages, which need a fresh CSP nonce per request; a JSON answer needs none,
 * and the framework applies these without running any code per request.
 */
const API_HEADERS = [
  { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  ...(production ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
  // Patient data must not stay in any cache.
  { key: 'Cache-Control', value: 'no-store' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and WASM database packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3'],
  // Browser tests build into their own folder so they never overwrite a running app's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  async headers() {
    return [{ source: '/api/:path*', headers: API_HEADERS }];
  },
};

export default nextConfig;
