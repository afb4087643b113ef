/** Patient repository: every query is scoped by organisation. */
import { dbProvider, getDb, type Db } from './client';

export interface PatientRow {
  id: string;
  organisationId: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  createdAt: Date;
}

const patientSelect = { id: true, organisationId: true, mrn: true, givenName: true, familyName: true, birthDate: true, sex: true, createdAt: true } as const;

export interface ListPatientsOptions {
  organisationId: string;
  /** Matches MRN, given or family name (case-insensitive on both providers: compared lower-cased). */
  query?: string;
  take?: number;
}

/**
 * `contains`, case-insensitive on both providers: SQLite's LIKE already ignores ASCII case; PostgreSQL
 * needs `mode: 'insensitive'` (ILIKE), an option only its client has (the type is the SQLite one's).
 */
function containsText(q: string): { contains: string } {
  return dbProvider() === 'postgresql' ? ({ contains: q, mode: 'insensitive' } as { contains: string }) : { contains: q };
}

export async function listPatients({ organisationId, query, take = 100 }: ListPatientsOptions): Promise<PatientRow[]> {
  const q = query?.trim();
  return getDb().patient.findMany({
    where: {
      organisationId,
      ...(q ? { OR: [{ mrn: containsText(q) }, { givenName: containsText(q) }, { familyName: containsText(q) }] } : {}),
    },
    orderBy: [{ familyName: 'asc' }, { givenName: 'asc' }],
    take,
    select: patientSelect,
  });
}

/**
 * A patient of the organisation, or one of `grantedPatientIds` (break-glass). Scoping lives here, in
 * the query, never in a page.
 */
export async function findPatient({ organisationId, patientId, grantedPatientIds = [] }: { organisationId: string; patientId: string; grantedPatientIds?: readonly string[] }): Promise<PatientRow | null> {
  return getDb().patient.findFirst({
    where: { id: patientId, OR: [{ organisationId }, ...(grantedPatientIds.length > 0 ? [{ id: { in: [...grantedPatientIds] } }] : [])] },
    select: patientSelect,
  });
}

export interface PatientFields {
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
}

export async function insertPatient({ organisationId, fields }: { organisationId: string; fields: PatientFields }, db: Db = getDb()): Promise<PatientRow> {
  return db.patient.create({ data: { organisationId, ...fields }, select: patientSelect });
}

/** Updates a patient of the organisation; null when it is not one of theirs. */
export async function updatePatient({ organisationId, patientId, fields }: { organisationId: string; patientId: string; fields: PatientFields }, db: Db = getDb()): Promise<PatientRow | null> {
  const { count } = await db.patient.updateMany({ where: { id: patientId, organisationId }, data: fields });
  return count === 0 ? null : db.patient.findFirst({ where: { id: patientId, organisationId }, select: patientSelect });
}

/** MRN and organisation of patients by id (any organisation: for labelling audit rows and grants). */
export async function patientLabels(ids: string[]): Promise<Map<string, string>> {
  const rows = await getDb().patient.findMany({ where: { id: { in: ids } }, select: { id: true, mrn: true, organisation: { select: { name: true } } } });
  return new Map(rows.map((r) => [r.id, `${r.mrn} (${r.organisation.name})`]));
}

/** Patients of the organisation born on a date with a sex (matching an EHR patient to a record here). */
export async function findPatientsByBirth({ organisationId, birthDate, sex }: { organisationId: string; birthDate: string; sex: string }): Promise<PatientRow[]> {
  return getDb().patient.findMany({ where: { organisationId, birthDate, sex }, orderBy: [{ familyName: 'asc' }, { givenName: 'asc' }], take: 50, select: patientSelect });
}
