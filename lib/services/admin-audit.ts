import 'server-only';
/** The admin's audit report, its CSV export, and the break-glass review list. Admins only; audited. */
import type { Actor } from '@/lib/auth/actor';
import { queryAuditEvents } from '@/lib/db/audit';
import { listGrantsForReview } from '@/lib/db/break-glass';
import { patientLabels } from '@/lib/db/patients';
import { listOrganisationUsers, namesOfUsers } from '@/lib/db/users';
import { ZAuditFilterSchema, type TAuditFilter } from '@/lib/schemas/admin';
import { audit } from './audit';

export interface AuditRow {
  seq: number;
  at: string;
  user: string;
  action: string;
  patient: string;
  record: string;
  outcome: string;
  clientAddress: string;
  detail: string;
}

export class ForbiddenError extends Error {}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('admins only');
}

export function parseAuditFilter(params: Record<string, string | string[] | undefined>): TAuditFilter {
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');
  const parsed = ZAuditFilterSchema.safeParse({ from: one(params.from), to: one(params.to), userId: one(params.userId), patientId: one(params.patientId) });
  return parsed.success ? parsed.data : { from: '', to: '', userId: '', patientId: '' };
}

export async function auditReport(actor: Actor, filter: TAuditFilter, purpose: 'read' | 'export' = 'read'): Promise<AuditRow[]> {
  assertAdmin(actor);
  const events = await queryAuditEvents({
    organisationId: actor.organisationId,
    ...(filter.from ? { from: new Date(`${filter.from}T00:00:00.000Z`) } : {}),
    ...(filter.to ? { to: new Date(`${filter.to}T23:59:59.999Z`) } : {}),
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.patientId ? { patientId: filter.patientId } : {}),
    take: purpose === 'export' ? 10_000 : 500,
  });
  await audit(actor, { action: `audit.${purpose}`, detail: `rows=${events.length}` });
  const users = await namesOfUsers([...new Set(events.map((e) => e.userId).filter((x): x is string => x !== null))]);
  const patients = await patientLabels([...new Set(events.map((e) => e.patientId).filter((x): x is string => x !== null))]);
  return events.map((e) => ({
    seq: e.seq, at: e.at.toISOString(), user: e.userId ? users.get(e.userId) ?? e.userId : '', action: e.action,
    patient: e.patientId ? patients.get(e.patientId) ?? e.patientId : '', record: [e.recordType, e.recordId].filter(Boolean).join(' '),
    outcome: e.outcome, clientAddress: e.clientAddress ?? '', detail: e.detail ?? '',
  }));
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
export function toCsv(rows: readonly AuditRow[]): string {
  const header = ['seq', 'time_utc', 'user', 'action', 'patient', 'record', 'outcome', 'client_address', 'detail'];
  const cell = (v: string | number) => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.join(','), ...rows.map((r) => [r.seq, r.at, r.user, r.action, r.patient, r.record, r.outcome, r.clientAddress, r.detail].map(cell).join(','))].join('\r\n') + '\r\n';
}

/** The clinic's users, and outside users who used break-glass on its patients. */
export async function auditFilterOptions(actor: Actor) {
  assertAdmin(actor);
  const own = await listOrganisationUsers(actor.organisationId);
  const outsiders = [...new Set((await listGrantsForReview(actor.organisationId)).map((g) => g.userId))].filter((id) => !own.some((u) => u.id === id));
  const names = await namesOfUsers(outsiders);
  return { users: [...own, ...outsiders.map((id) => ({ id, name: names.get(id) ?? id, email: 'other clinic', role: 'clinician' }))] };
}

export async function breakGlassReview(actor: Actor) {
  assertAdmin(actor);
  const grants = await listGrantsForReview(actor.organisationId);
  const users = await namesOfUsers([...new Set(grants.map((g) => g.userId))]);
  const patients = await patientLabels([...new Set(grants.map((g) => g.patientId))]);
  return grants.map((g) => ({ ...g, userName: users.get(g.userId) ?? g.userId, patientLabel: patients.get(g.patientId) ?? g.patientId }));
}
