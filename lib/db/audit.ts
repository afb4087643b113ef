/** Audit repository: append inside the caller's transaction; read for the report and the chain check. */
import { GENESIS_HASH, auditHash, type AuditFields } from '@/lib/integrity/audit-chain';
import { getDb, Prisma, type PrismaClient } from './client';
import type { Tx } from './transaction';

export interface AuditInput {
  userId: string | null;
  organisationId: string | null;
  action: string;
  patientId?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  outcome: 'success' | 'failure' | 'denied';
  clientAddress?: string | null;
  detail?: string | null;
}

/** The newest event each open transaction appended: anchored once the transaction has committed. */
const appended = new WeakMap<object, { seq: number; hash: string }>();

export function takeAppendedHead(tx: object): { seq: number; hash: string } | undefined {
  const head = appended.get(tx);
  appended.delete(tx);
  return head;
}

/**
 * The chain's head as this transaction sees it: what it appended last, else read. A transaction is never
 * partly undone (no savepoints: lib/db/transaction.ts undoes a whole group), so its own last append is
 * the head while it holds the write lock.
 */
async function headIn(tx: Tx): Promise<{ seq: number; hash: string } | null> {
  return appended.get(tx) ?? readHead(tx);
}

/** The newest event, by raw SQL: a third of `findFirst`'s CPU, read once per transaction that appends. */
async function readHead(client: Tx): Promise<{ seq: number; hash: string } | null> {
  const [row] = await client.$queryRaw<{ seq: number | bigint; hash: string }[]>`SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`;
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

type AuditRow = AuditFields & { hash: string };

/** Rows per INSERT: 13 bound parameters each, well under SQLite's (32,766) and PostgreSQL's (65,535) limits. */
const ROWS_PER_INSERT = 500;

/**
 * Inserts chained rows with one multi-row INSERT of bound parameters rather than Prisma's `create` /
 * `createMany`: every audited read and write comes through here, and this costs 37–54 % of the CPU
 * (`npm run bench:audit`, docs/BENCHMARKS.md). Dates are bound as
 * Prisma binds them for the model, so rows read back the same. Column names are the schema's `@map`
 * names (prisma/schema.prisma); every integration test that audits fails if they drift.
 */
async function insertAuditRows(tx: Tx, rows: readonly AuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((r) => Prisma.sql`(${r.seq}, ${r.at}, ${r.userId}, ${r.organisationId}, ${r.action}, ${r.patientId}, ${r.recordType}, ${r.recordId}, ${r.outcome}, ${r.clientAddress}, ${r.detail}, ${r.prevHash}, ${r.hash})`);
    await tx.$executeRaw`INSERT INTO audit_events (seq, at, user_id, organisation_id, action, patient_id, record_type, record_id, outcome, client_address, detail, prev_hash, hash) VALUES ${Prisma.join(values)}`;
  }
}

export async function appendAuditEvent(tx: Tx, input: AuditInput, at: Date = new Date()): Promise<number> {
  const last = await headIn(tx);
  const fields: AuditFields = {
    seq: (last?.seq ?? 0) + 1, at, userId: input.userId, organisationId: input.organisationId, action: input.action,
    patientId: input.patientId ?? null, recordType: input.recordType ?? null, recordId: input.recordId ?? null,
    outcome: input.outcome, clientAddress: input.clientAddress ?? null, detail: input.detail ?? null, prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = auditHash(fields);
  await insertAuditRows(tx, [{ ...fields, hash }]);
  appended.set(tx, { seq: fields.seq, hash });
  return fields.seq;
}

/** The newest event (the chain head), for an anchor on demand. */
export async function auditHead(): Promise<{ seq: number; hash: string } | null> {
  return readHead(getDb());
}

/**
 * Appends several events in order, chained, with one look-up of the chain's head and one insert (the
 * audited reads that waited for the same commit).
 */
export async function appendAuditEvents(tx: Tx, inputs: readonly AuditInput[], at: Date = new Date()): Promise<void> {
  if (inputs.length === 0) return;
  const last = await headIn(tx);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = inputs.map((input): AuditRow => {
    const fields: AuditFields = {
      seq: ++seq, at, userId: input.userId, organisationId: input.organisationId, action: input.action,
      patientId: input.patientId ?? null, recordType: input.recordType ?? null, recordId: input.recordId ?? null,
      outcome: input.outcome, clientAddress: input.clientAddress ?? null, detail: input.detail ?? null, prevHash,
    };
    prevHash = auditHash(fields);
    return { ...fields, hash: prevHash };
  });
  await insertAuditRows(tx, rows);
  appended.set(tx, { seq, hash: prevHash });
}

/** Every event in sequence order, for the chain check (of the app's database, or of the client given). */
export async function listAllAuditEvents(client: PrismaClient = getDb()): Promise<(AuditFields & { hash: string })[]> {
  return client.auditEvent.findMany({ orderBy: { seq: 'asc' } });
}

export interface AuditQuery {
  organisationId: string;
  from?: Date;
  to?: Date;
  userId?: string;
  patientId?: string;
  take?: number;
}

/** Events of the organisation's users, and events of anyone on its patients (break-glass reads). */
export async function queryAuditEvents(q: AuditQuery) {
  const own = await getDb().patient.findMany({ where: { organisationId: q.organisationId }, select: { id: true } });
  return getDb().auditEvent.findMany({
    where: {
      OR: [{ organisationId: q.organisationId }, { patientId: { in: own.map((p) => p.id) } }],
      ...(q.from || q.to ? { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
      ...(q.userId ? { userId: q.userId } : {}),
      ...(q.patientId ? { patientId: q.patientId } : {}),
    },
    orderBy: { seq: 'desc' },
    take: q.take ?? 500,
  });
}

/** Events matching a filter since a time (for sign-in rate limits). */
export async function countAuditEvents(q: { action: string; outcome: string; since: Date; detail?: string; clientAddress?: string }): Promise<number> {
  return getDb().auditEvent.count({
    where: { action: q.action, outcome: q.outcome, at: { gte: q.since }, ...(q.detail ? { detail: q.detail } : {}), ...(q.clientAddress ? { clientAddress: q.clientAddress } : {}) },
  });
}
