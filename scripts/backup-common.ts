/**
 * What `npm run backup` and `npm run restore` share: which database DATABASE_URL names (the app's
 * rule: `file:` is SQLite, `postgres://` / `postgresql://` is PostgreSQL), where Debian's PostgreSQL
 * client programs are, and what a backup file is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, openSync, readSync, closeSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Must match lib/env.ts, prisma.config.ts and scripts/prisma.mjs. */
const DEFAULT_DATABASE_URL = 'file:./data/rls-workup.db';

export type Target = { provider: 'sqlite'; url: string; file: string } | { provider: 'postgresql'; url: string };

/** The database of DATABASE_URL (or the default SQLite file); relative SQLite paths resolve from the project root. */
export function databaseTarget(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): Target {
  if (url.startsWith('file:')) {
    const file = url.slice('file:'.length).split('?')[0]!;
    if (file === '' || file === ':memory:') throw new Error(`DATABASE_URL ${url} names no database file`);
    return { provider: 'sqlite', url, file: path.resolve(ROOT, file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: 'postgresql', url };
  throw new Error('DATABASE_URL must be a SQLite file: URL (file:./data/rls-workup.db) or a postgresql:// URL');
}

/** The URL without its password, for messages. */
export function printable(target: Target): string {
  if (target.provider === 'sqlite') return target.file;
  const u = new URL(target.url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** A PostgreSQL client program from Debian's packages (the newest installed major version), or PG_BIN. */
export function pgProgram(name: string): string {
  const dirs = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)).map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  for (const dir of dirs) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  throw new Error(`${name} not found: install Debian's postgresql-client (apt-get install postgresql-client) or set PG_BIN`);
}

/** Runs a PostgreSQL client program; its error output becomes the error message. */
export function runPg(name: string, args: string[]): string {
  const r = spawnSync(pgProgram(name), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status ?? r.signal}): ${r.stderr.trim()}`);
  return r.stdout;
}

/** Runs one query with psql and answers its rows (tab-separated fields). */
export function psql(url: string, sql: string): string[][] {
  const out = runPg('psql', ['-X', '-A', '-t', '-q', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql]);
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

/** What kind of backup a file is, from its first bytes. */
export function backupKind(file: string): 'sqlite' | 'postgresql' | 'unknown' {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n >= 16 && head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    if (n >= 5 && head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgresql';
    return 'unknown';
  } finally {
    closeSync(fd);
  }
}

/** The command-line options of both commands: positional arguments and --flags. */
export function parseArgs(argv: string[]): { positional: string[]; flags: Set<string>; options: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--') && a.includes('=')) options.set(a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    else if (a === '--out') options.set('out', argv[++i] ?? '');
    else if (a.startsWith('--')) flags.add(a.slice(2));
    else positional.push(a);
  }
  return { positional, flags, options };
}
