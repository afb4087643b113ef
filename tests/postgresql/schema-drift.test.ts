// @vitest-environment node
/**
 * One source of truth, two migration histories. prisma/schema.prisma (SQLite) is the source;
 * prisma/postgresql/ is derived from it (scripts/postgres-schema.mjs). Both histories are applied by the
 * real Prisma CLI to real databases (a SQLite file; a database on the run's PostgreSQL server), and what
 * the two databases then hold is read back from their catalogues and compared: tables, columns (kind,
 * nullability, default present), primary keys, indexes and unique constraints (name and columns),
 * foreign keys (columns, target, on delete) and the audit table's append-only triggers. Any drift fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, runSql } from '../../scripts/postgres.mjs';
import { derivePostgresSchema } from '../../scripts/postgres-schema.mjs';
import { migrate } from '../integration/database';

const ROOT = path.resolve(__dirname, '../..');

interface SqliteDatabase {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  close(): void;
}
const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (file: string, options?: { readonly?: boolean }) => SqliteDatabase;

/** What a migrated database holds, in provider-neutral terms (sorted lines, easy to diff). */
interface Structure {
  tables: string[];
  columns: string[];
  primaryKeys: string[];
  indexes: string[];
  foreignKeys: string[];
  triggers: string[];
}

const SQLITE_KIND: Record<string, string> = { TEXT: 'text', INTEGER: 'int', BOOLEAN: 'bool', DATETIME: 'datetime', JSONB: 'json', BIGINT: 'bigint', REAL: 'float', DECIMAL: 'decimal' };
const PG_KIND: Record<string, string> = { json: 'json', text: 'text', integer: 'int', boolean: 'bool', 'timestamp without time zone': 'datetime', jsonb: 'json', bigint: 'bigint', 'double precision': 'float', numeric: 'decimal' };
const PG_ON_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const sorted = (xs: string[]) => [...xs].sort();

function sqliteStructure(file: string): Structure {
  const db = new Sqlite(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").all() as { name: string }[]).map((t) => t.name);
    const s: Structure = { tables: sorted(tables), columns: [], primaryKeys: [], indexes: [], foreignKeys: [], triggers: [] };
    for (const t of tables) {
      const cols = db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
      for (const c of cols) s.columns.push(`${t}.${c.name} ${SQLITE_KIND[c.type.toUpperCase()] ?? c.type} ${c.notnull || c.pk ? 'not null' : 'null'}${c.dflt_value !== null ? ' default' : ''}`);
      s.primaryKeys.push(`${t}(${cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name).join(',')})`);
      for (const ix of db.prepare(`PRAGMA index_list("${t}")`).all() as { name: string; unique: number; origin: string }[]) {
        if (ix.origin === 'pk') continue;
        const on = (db.prepare(`PRAGMA index_info("${ix.name}")`).all() as { seqno: number; name: string }[]).sort((a, b) => a.seqno - b.seqno).map((c) => c.name);
        s.indexes.push(`${t}.${ix.name} ${ix.unique ? 'unique ' : ''}(${on.join(',')})`);
      }
      const fks = db.prepare(`PRAGMA foreign_key_list("${t}")`).all() as { id: number; seq: number; table: string; from: string; to: string; on_delete: string }[];
      for (const id of new Set(fks.map((f) => f.id))) {
        const parts = fks.filter((f) => f.id === id).sort((a, b) => a.seq - b.seq);
        s.foreignKeys.push(`${t}(${parts.map((p) => p.from).join(',')}) -> ${parts[0]!.table}(${parts.map((p) => p.to).join(',')}) on delete ${parts[0]!.on_delete}`);
      }
    }
    s.triggers = (db.prepare("SELECT tbl_name || '.' || name AS t FROM sqlite_master WHERE type = 'trigger'").all() as { t: string }[]).map((r) => r.t);
    for (const k of Object.keys(s) as (keyof Structure)[]) s[k] = sorted(s[k]);
    return s;
  } finally {
    db.close();
  }
}

async function postgresStructure(url: string): Promise<Structure> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async <T,>(sql: string) => (await client.query(sql)).rows as T[];
    const tables = (await q<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'")).map((t) => t.name);
    const columns = (await q<{ t: string; c: string; type: string; nullable: string; dflt: string | null }>(
      "SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable, column_default AS dflt FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    )).map((r) => `${r.t}.${r.c} ${PG_KIND[r.type] ?? r.type} ${r.nullable === 'YES' ? 'null' : 'not null'}${r.dflt !== null ? ' default' : ''}`);
    const idx = await q<{ t: string; name: string; uniq: boolean; prim: boolean; cols: string[] }>(`
      SELECT c.relname AS t, i.relname AS name, ix.indisunique AS uniq, ix.indisprimary AS prim,
             array_agg(a.attname::text ORDER BY k.ord) AS cols
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_class c ON c.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE c.relname <> '_prisma_migrations'
      GROUP BY c.relname, i.relname, ix.indisunique, ix.indisprimary`);
    const fks = await q<{ t: string; cols: string[]; ref: string; refcols: string[]; del: string }>(`
      SELECT c.relname AS t, r.relname AS ref, con.confdeltype AS del,
             ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o) AS cols,
             ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o) AS refcols
      FROM pg_constraint con
      JOIN pg_class c ON c.oid = con.conrelid
      JOIN pg_class r ON r.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE con.contype = 'f'`);
    const triggers = (await q<{ t: string }>("SELECT event_object_table || '.' || trigger_name AS t FROM information_schema.triggers WHERE trigger_schema = 'public' GROUP BY 1")).map((r) => r.t);
    return {
      tables: sorted(tables),
      columns: sorted(columns),
      primaryKeys: sorted(idx.filter((i) => i.prim).map((i) => `${i.t}(${i.cols.join(',')})`)),
      indexes: sorted(idx.filter((i) => !i.prim).map((i) => `${i.t}.${i.name} ${i.uniq ? 'unique ' : ''}(${i.cols.join(',')})`)),
      foreignKeys: sorted(fks.map((f) => `${f.t}(${f.cols.join(',')}) -> ${f.ref}(${f.refcols.join(',')}) on delete ${PG_ON_DELETE[f.del] ?? f.del}`)),
      // TRUNCATE has no SQLite counterpart (SQLite has no TRUNCATE): compared separately below.
      triggers: sorted(triggers.filter((t) => t !== 'audit_events.audit_events_no_truncate')),
    };
  } finally {
    await client.end();
  }
}

let dir: string;
let sqliteFile: string;
let port: number;
const pgName = `drift_${process.pid}`;
let pgUrl: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'rls-drift-'));
  sqliteFile = path.join(dir, 'drift.db');
  migrate(`file:${sqliteFile}`);
  port = inject('postgresPort');
  pgUrl = createDatabase(port, pgName);
  migrate(pgUrl);
});
afterAll(() => {
  dropDatabase(port, pgName);
  dropDatabase(port, `${pgName}_changed`);
  rmSync(dir, { recursive: true, force: true });
});

describe('the SQLite and PostgreSQL migration histories', () => {
  it('prisma/postgresql/schema.prisma is the one derived from prisma/schema.prisma', () => {
    const source = readFileSync(path.join(ROOT, 'prisma/schema.prisma'), 'utf8');
    expect(readFileSync(path.join(ROOT, 'prisma/postgresql/schema.prisma'), 'utf8')).toBe(derivePostgresSchema(source));
  });

  it('build the same tables, columns, keys, indexes, unique constraints, foreign keys and audit triggers', async () => {
    const lite = sqliteStructure(sqliteFile);
    const post = await postgresStructure(pgUrl);
    expect(lite.tables.length).toBeGreaterThan(15);
    expect(lite.triggers).toEqual(['audit_events.audit_events_no_delete', 'audit_events.audit_events_no_update']);
    expect(post).toEqual(lite);
    expect(runSql(port, pgName, "SELECT count(*) FROM information_schema.triggers WHERE trigger_name = 'audit_events_no_truncate'").trim()).toBe('0');
  });

  it('the PostgreSQL history brings a database exactly to the derived schema (prisma migrate diff finds nothing)', () => {
    const r = execFileSync(process.execPath, [path.join(ROOT, 'scripts/prisma.mjs'), 'migrate', 'diff', '--from-config-datasource', '--to-schema', 'prisma/postgresql/schema.prisma', '--exit-code'], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: pgUrl }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r).toMatch(/No difference detected|empty/i);
  });

  it('a difference in one history is found (the comparison can fail)', async () => {
    const changedUrl = createDatabase(port, `${pgName}_changed`, { template: pgName });
    runSql(port, `${pgName}_changed`, 'ALTER TABLE patients ADD COLUMN nickname TEXT; DROP INDEX "patients_organisation_id_family_name_idx"');
    const post = await postgresStructure(changedUrl);
    const lite = sqliteStructure(sqliteFile);
    expect(post.columns.filter((c) => !lite.columns.includes(c))).toEqual(['patients.nickname text null']);
    expect(lite.indexes.filter((i) => !post.indexes.includes(i))).toEqual(['patients.patients_organisation_id_family_name_idx (organisation_id,family_name)']);
  });
});
