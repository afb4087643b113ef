/**
 * What `npm run backup [-- --out FILE]` does (scripts/backup.ts is the command): a consistent copy of
 * the database DATABASE_URL names, taken while the app may keep running.
 *   SQLite      SQLite's online backup API (better-sqlite3 `.backup()`): a page-by-page copy under a
 *               read transaction, so concurrent saves neither wait long nor end up half in the copy.
 *               The copy is checked (`PRAGMA integrity_check`) and made a single file (no -wal).
 *   PostgreSQL  `pg_dump --format=custom` from Debian's binaries (one snapshot of the whole database).
 * Default file: data/backups/rls-workup-<UTC time>.sqlite | .pgdump, readable by its owner only
 * (it holds patient data). Written under a temporary name and renamed when complete: a file with the
 * final name is always a whole backup. The audit anchor key and log are not in the database: back
 * them up separately. Restore with `npm run restore -- FILE`.
 */
import { chmodSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, databaseTarget, parseArgs, printable, runPg, type Target } from './backup-common';

function defaultFile(target: Target): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return path.join(ROOT, 'data', 'backups', `rls-workup-${stamp}.${target.provider === 'sqlite' ? 'sqlite' : 'pgdump'}`);
}

async function backupSqlite(source: string, out: string): Promise<string> {
  let db: Database.Database;
  try {
    db = new Database(source, { fileMustExist: true });
  } catch {
    throw new Error(`no SQLite database at ${source} (DATABASE_URL)`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    const isApp = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!isApp) throw new Error(`${source} is not an RLS Workup database (no migration history)`);
    // After the first step, the rest in one step: a write by the app between steps would restart the copy.
    await db.backup(out, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } finally {
    db.close();
  }
  const copy = new Database(out, { fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed SQLite's integrity check: ${String(check)}`);
    copy.pragma('journal_mode = DELETE');
    const count = (table: string) => (copy.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const head = copy.prepare('SELECT MAX(seq) AS seq FROM audit_events').get() as { seq: number | null };
    return `${count('assessments')} assessments, ${count('audit_events')} audit events (chain head ${head.seq ?? 'none'})`;
  } finally {
    copy.close();
  }
}

function backupPostgres(url: string, out: string): string {
  runPg('pg_dump', ['--format=custom', '--no-password', `--file=${out}`, `--dbname=${url}`]);
  return 'PostgreSQL custom format';
}

/** Where `npm run backup` prints: standard output, and standard error for the failure. */
export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

/**
 * `npm run backup -- ARGS` against the database `url` (DATABASE_URL; the default SQLite file when
 * unset): answers the command's exit status. scripts/backup.ts runs it as the command; the tests also
 * run it in their own process.
 */
export async function backupCommand(args: string[], url: string | undefined, out: CommandOutput): Promise<0 | 1> {
  const { options, positional } = parseArgs(args);
  try {
    const target = databaseTarget(url || undefined);
    const file = path.resolve(options.get('out') || positional[0] || defaultFile(target));
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    rmSync(partial, { force: true });
    let summary: string;
    try {
      summary = target.provider === 'sqlite' ? await backupSqlite(target.file, partial) : backupPostgres(target.url, partial);
      chmodSync(partial, 0o600);
      renameSync(partial, file);
    } finally {
      rmSync(partial, { force: true });
      rmSync(`${partial}-journal`, { force: true });
    }
    out.log(`backup of ${printable(target)} written: ${file} (${(statSync(file).size / 1024).toFixed(0)} KiB; ${summary})`);
    out.log('The audit anchor key and log are not in it: keep copies of them separately.');
    return 0;
  } catch (e) {
    out.error(`✖ backup failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
