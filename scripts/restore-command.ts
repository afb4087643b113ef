/**
 * What `npm run restore -- FILE [--force]` does (scripts/restore.ts is the command): restores a backup
 * made by `npm run backup` into the database DATABASE_URL names, then checks what it restored: every
 * assessment against its digest, the audit chain link by link, and the chain against the anchor log
 * (AUDIT_ANCHOR_LOG).
 *
 * Into a new or empty database only (no rows in any table: a migrated, unseeded database counts as
 * empty). A database that holds data is refused unless --force is given; stop the app first then.
 *   SQLite      SQLite's backup API from the file into the database: one write transaction, so the
 *               database is the old one or the restored one, never a mix.
 *   PostgreSQL  `pg_restore --clean --if-exists --single-transaction --exit-on-error --no-owner`.
 * Exit 0: restored and verified; 1: refused, failed (nothing changed), or restored but a digest or
 * the chain does not verify (named).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AnchorFiles } from '../lib/integrity/audit-anchor';
import type { CommandOutput } from './backup-command';
import { backupKind, databaseTarget, parseArgs, printable, psql, runPg, type Target } from './backup-common';

class Refused extends Error {}

/** Rows per table of a database, or null when it does not exist yet. Only tables that hold rows are listed. */
function sqliteContents(file: string): Map<string, number> | null {
  if (!existsSync(file)) return null;
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").all() as { name: string }[];
    const rows = new Map<string, number>();
    for (const { name } of tables) {
      const n = (db.prepare(`SELECT COUNT(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n;
      if (n > 0) rows.set(name, n);
    }
    return rows;
  } finally {
    db.close();
  }
}

function postgresContents(url: string): Map<string, number> {
  const tables = psql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1").map((r) => r[0]!);
  const rows = new Map<string, number>();
  if (tables.length === 0) return rows;
  const sql = tables.map((t) => `SELECT '${t.replaceAll("'", "''")}', COUNT(*) FROM public."${t.replaceAll('"', '""')}"`).join(' UNION ALL ');
  for (const [name, n] of psql(url, sql)) if (Number(n) > 0) rows.set(name!, Number(n));
  return rows;
}

function refuseIfNotEmpty(target: Target, rows: Map<string, number> | null, force: boolean, out: CommandOutput): void {
  if (!rows || rows.size === 0) return;
  const held = ['organisations', 'patients', 'assessments', 'audit_events'].filter((t) => rows.has(t)).map((t) => `${rows.get(t)} ${t.replace('_', ' ')}`);
  const summary = held.length > 0 ? held.join(', ') : [...rows].map(([t, n]) => `${n} ${t}`).slice(0, 4).join(', ');
  const message = `the database ${printable(target)} is not empty (${summary}): restoring would replace its data`;
  if (!force) throw new Refused(`${message}.\n  Restore into a new database (set DATABASE_URL to one), or pass --force to replace it (stop the app first).`);
  out.log(`▶ --force: ${message}`);
}

async function restoreSqlite(file: string, target: Extract<Target, { provider: 'sqlite' }>, force: boolean, out: CommandOutput): Promise<void> {
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = source.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Refused(`${file} fails SQLite's integrity check (${String(check)}): not restored`);
    const has = (t: string) => source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
    if (!has('_prisma_migrations') || !has('audit_events')) throw new Refused(`${file} is not a backup of an RLS Workup database`);
    refuseIfNotEmpty(target, sqliteContents(target.file), force, out);
    await source.backup(target.file, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } finally {
    source.close();
  }
  const restored = new Database(target.file, { fileMustExist: true });
  try {
    restored.pragma('journal_mode = WAL');
  } finally {
    restored.close();
  }
}

function restorePostgres(file: string, target: Extract<Target, { provider: 'postgresql' }>, force: boolean, out: CommandOutput): void {
  // Readable and complete before anything is touched.
  const toc = runPg('pg_restore', ['--list', file]);
  if (!/TABLE DATA public audit_events /.test(toc)) throw new Refused(`${file} is not a backup of an RLS Workup database`);
  refuseIfNotEmpty(target, postgresContents(target.url), force, out);
  runPg('pg_restore', ['--clean', '--if-exists', '--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', '--no-password', `--dbname=${target.url}`, file]);
}

/** Checks the restored database through the app's own code: digests, the chain, the anchors. */
async function verifyRestored(target: Target, anchor: AnchorFiles | undefined, out: CommandOutput): Promise<boolean> {
  // Loaded only now: a refusal answers without the database client and the app's settings.
  const { createDbClient } = await import('../lib/db/client');
  const { listAllAuditEvents } = await import('../lib/db/audit');
  const { assessmentDigest } = await import('../lib/integrity/digest');
  const { verifyChain } = await import('../lib/integrity/audit-chain');
  const { anchorFiles, checkAgainstAnchors, readAnchorLog } = await import('../lib/integrity/audit-anchor');
  const files = anchor ?? anchorFiles();
  const db = createDbClient(target.provider === 'sqlite' ? `file:${target.file}` : target.url);
  let ok = true;
  try {
    let assessments = 0;
    const bad: string[] = [];
    for (let cursor: string | undefined; ;) {
      const page = await db.assessment.findMany({
        select: { id: true, input: true, evaluation: true, rulesVersion: true, digest: true }, orderBy: { id: 'asc' }, take: 500,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      for (const a of page) if (assessmentDigest(a) !== a.digest) bad.push(a.id);
      assessments += page.length;
      if (page.length < 500) break;
      cursor = page.at(-1)!.id;
    }
    if (bad.length > 0) {
      ok = false;
      out.log(`✖ ${bad.length} of ${assessments} assessments do not match their digest: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''}`);
    } else out.log(`✔ ${assessments} assessments, every digest verifies`);

    const events = await listAllAuditEvents(db);
    const chain = verifyChain(events);
    if (!chain.ok) {
      ok = false;
      out.log(`✖ audit chain broken at event ${chain.brokenAt}: ${chain.problem}`);
      return ok;
    }
    out.log(`✔ ${chain.events} audit events, the chain verifies`);
    const anchored = checkAgainstAnchors(events, readAnchorLog(files), files.logFile);
    if (anchored.ok) out.log(`✔ the anchor log (${files.logFile}) covers it through event ${anchored.anchoredThrough}`);
    else if (anchored.kind === 'missing-tail') {
      // Restoring a backup older than the newest anchor: the events after the backup are gone, and the log says so.
      out.log(`! ${anchored.problem}`);
      out.log(`  Expected when the backup is older than the newest anchor: the events after it are not in the backup. Keep that anchor log as the`);
      out.log('  record of what was lost, move it aside, and run `npm run audit:anchor` to start a new one (else audit:verify keeps failing).');
    } else if (anchored.kind === 'no-anchor') out.log(`! ${anchored.problem}`);
    else {
      ok = false;
      out.log(`✖ ${anchored.problem}`);
    }
    return ok;
  } finally {
    await db.$disconnect();
  }
}

/**
 * `npm run restore -- ARGS` into the database `url` (DATABASE_URL; the default SQLite file when unset),
 * checked against the anchor key and log `anchor` (AUDIT_ANCHOR_KEY / AUDIT_ANCHOR_LOG when not given):
 * answers the command's exit status. scripts/restore.ts runs it as the command; the tests also run it
 * in their own process.
 */
export async function restoreCommand(args: string[], url: string | undefined, out: CommandOutput, anchor?: AnchorFiles): Promise<0 | 1> {
  const { positional, flags } = parseArgs(args);
  const force = flags.has('force');
  try {
    const file = positional[0];
    if (!file) throw new Refused('usage: npm run restore -- FILE [--force]  (FILE: a backup made by npm run backup)');
    const backup = path.resolve(file);
    if (!existsSync(backup)) throw new Refused(`no such backup file: ${backup}`);
    const target = databaseTarget(url || undefined);
    const kind = backupKind(backup);
    if (kind === 'unknown') throw new Refused(`${backup} is neither a SQLite database nor a PostgreSQL custom-format dump`);
    if (kind !== target.provider) throw new Refused(`${backup} is a ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup, but DATABASE_URL selects ${target.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`);
    out.log(`▶ Restoring ${backup} into ${printable(target)}`);
    if (target.provider === 'sqlite') await restoreSqlite(backup, target, force, out);
    else restorePostgres(backup, target, force, out);
    out.log('▶ Restored; checking it');
    const ok = await verifyRestored(target, anchor, out);
    if (!ok) out.log('✖ restored, but the checks above failed');
    return ok ? 0 : 1;
  } catch (e) {
    out.error(`✖ restore ${e instanceof Refused ? 'refused' : 'failed'}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
