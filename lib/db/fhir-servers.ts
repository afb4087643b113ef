/** The clinic's EHR FHIR server (one per organisation). The token column holds ciphertext only. */
import { getDb, type Db } from './client';

export interface FhirServerRow {
  id: string;
  organisationId: string;
  baseUrl: string;
  tokenCiphertext: string | null;
  updatedById: string;
  updatedAt: Date;
}

const SELECT = { id: true, organisationId: true, baseUrl: true, tokenCiphertext: true, updatedById: true, updatedAt: true } as const;

export async function findFhirServer(organisationId: string, db: Db = getDb()): Promise<FhirServerRow | null> {
  return db.fhirServer.findUnique({ where: { organisationId }, select: SELECT });
}

export async function upsertFhirServer(data: { organisationId: string; baseUrl: string; tokenCiphertext: string | null; updatedById: string }, db: Db = getDb()): Promise<FhirServerRow> {
  return db.fhirServer.upsert({ where: { organisationId: data.organisationId }, create: data, update: { baseUrl: data.baseUrl, tokenCiphertext: data.tokenCiphertext, updatedById: data.updatedById }, select: SELECT });
}

/** Removes the clinic's server; false when it had none. */
export async function deleteFhirServer(organisationId: string, db: Db = getDb()): Promise<boolean> {
  const { count } = await db.fhirServer.deleteMany({ where: { organisationId } });
  return count > 0;
}
