// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and WASM database packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3'],
  // Browser tests build into their own folder so they never overwrite a running app's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  experimental: {
    // Turbopack's build cache (on by default) makes a rebuild faster; a fresh checkout (.ci/run sets
    // NEXT_BUILD_CACHE=off) only pays for writing it: 135 MB per build folder.
    turbopackFileSystemCacheForBuild: process.env.NEXT_BUILD_CACHE !== 'off',
  },
  // The proxy (proxy.ts) sets the security headers of pages and API answers; static assets skip it,
  // so they get a fixed set here (no nonce needed: they are not documents that run scripts).
  async headers() {
    const headers = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'no-referrer' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
      ...(process.env.NODE_ENV === 'production' ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
    ];
    return [
      { source: '/_next/static/:path*', headers },
      { source: '/_next/image', headers },
      { source: '/favicon.ico', headers },
    ];
  },
};

export default nextConfig;
