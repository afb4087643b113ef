/**
 * The one validated view of environment variables (create-t3-app's `env.js`).
 * Nothing else in the app reads `process.env`. Not `server-only`: tsx scripts
 * (seed, CLI) import it too.
 */
import { z } from 'zod';

/** Must match scripts/prisma.mjs and prisma.config.ts. Relative to the working directory (project root). */
export const DEFAULT_DATABASE_URL = 'file:./data/rls-workup.db';

/** An empty variable (`FOO=`) counts as unset, so defaults apply. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema);

export const ZEnvSchema = z.object({
  DATABASE_URL: optional(
    z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, { error: 'DATABASE_URL must be a SQLite file: URL (file:./data/rls-workup.db) or a PostgreSQL URL (postgresql://user:password@host:5432/database)' })
      .default(DEFAULT_DATABASE_URL),
  ),
  PORT: optional(z.coerce.number().int().min(1).max(65_535).default(3000)),
  NODE_ENV: optional(z.enum(['development', 'test', 'production']).default('development')),
  /** Debian's Chromium, used to render the checklist PDF on the server. */
  CHROMIUM_PATH: optional(z.string().default('/usr/bin/chromium')),
  /** Signs session data and encrypts TOTP secrets. Required (≥ 32 characters) in production. */
  BETTER_AUTH_SECRET: optional(z.string().min(32, 'BETTER_AUTH_SECRET must be at least 32 characters').optional()),
  /**
   * Encrypts the clinic FHIR servers' bearer tokens at rest (AES-256-GCM): 32 bytes, base64 or hex.
   * Unset: a key derived from BETTER_AUTH_SECRET (HKDF-SHA256). Changing it makes stored tokens unreadable.
   */
  FHIR_TOKEN_KEY: optional(z.string().trim().regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, 'FHIR_TOKEN_KEY must be 32 bytes in base64 or hex (e.g. openssl rand -base64 32)').optional()),
  /** The public URL, e.g. https://rls.example.org (https turns on Secure, __Host- cookies and HSTS). */
  BETTER_AUTH_URL: optional(z.url().optional()),
  /** Sign out after this many minutes without a request. */
  SESSION_IDLE_MINUTES: optional(z.coerce.number().int().min(1).max(24 * 60).default(15)),
  /** Sign out this many hours after sign-in, whatever the activity. */
  SESSION_MAX_HOURS: optional(z.coerce.number().int().min(1).max(24 * 7).default(8)),
  /** Failed sign-ins allowed per account, and per client address, within the window. */
  SIGN_IN_MAX_FAILURES: optional(z.coerce.number().int().min(1).max(100).default(5)),
  SIGN_IN_WINDOW_MINUTES: optional(z.coerce.number().int().min(1).max(24 * 60).default(15)),
  /**
   * Proxies allowed to set X-Forwarded-For / X-Forwarded-Host: addresses/CIDRs, or a hop count. Default:
   * none. Kept as written here; parsed and checked by lib/auth/trusted-proxies.ts (Node-only: it needs
   * node:net, and this module is also loaded by the edge instrumentation bundle).
   */
  TRUSTED_PROXIES: optional(z.string().optional()),
  /** Ed25519 private key (PEM) that signs audit anchors; keep it outside the database. */
  AUDIT_ANCHOR_KEY: optional(z.string().default('data/audit-anchor.key')),
  /** Append-only log of signed audit anchors (sequence, hash, time); keep a copy off the database host. */
  AUDIT_ANCHOR_LOG: optional(z.string().default('data/audit-anchor.log')),
  /** PDF rendering: renders at once, waiting requests, renders per user (running or waiting), seconds per render. */
  PDF_CONCURRENCY: optional(z.coerce.number().int().min(1).max(8).default(2)),
  PDF_QUEUE: optional(z.coerce.number().int().min(0).max(100).default(4)),
  PDF_PER_USER: optional(z.coerce.number().int().min(1).max(10).default(1)),
  PDF_TIMEOUT_SECONDS: optional(z.coerce.number().int().min(1).max(300).default(30)),
  /**
   * Seconds an API token's look-up is kept (0: look it up on every call). A token revoked through this
   * instance stops at once; revoked through another instance, within this time.
   */
  API_TOKEN_CACHE_SECONDS: optional(z.coerce.number().int().min(0).max(60).default(5)),
  /** PostgreSQL only: connections per instance (several instances share the server's max_connections). */
  DB_POOL_SIZE: optional(z.coerce.number().int().min(1).max(200).default(10)),
  /** PostgreSQL only: seconds to wait for a connection, and the longest a statement may run, before failing (503). */
  DB_CONNECT_TIMEOUT_SECONDS: optional(z.coerce.number().min(0.1).max(120).default(5)),
  DB_STATEMENT_TIMEOUT_SECONDS: optional(z.coerce.number().min(0.1).max(600).default(15)),
  /** 1: every database query and its duration to stderr (profiling only). */
  DB_QUERY_LOG: optional(z.enum(['0', '1']).default('0').transform((v) => v === '1')),
});

export type TEnv = z.infer<typeof ZEnvSchema>;

/** Validates a set of variables; throws one readable error listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const result = ZEnvSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid environment variables:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Parsed once, at first import: a bad variable fails start-up, not a request. */
export const env: TEnv = parseEnv(process.env);
