// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and WASM database packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3'],
  // Browser tests build into their own folder so they never overwrite a running app's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
