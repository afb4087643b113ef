/** Break-glass grants: time-boxed access of one user to one patient of another organisation. */
import { getDb, type Db } from './client';

export async function insertGrant(data: { userId: string; organisationId: string; patientId: string; reason: string; expiresAt: Date }, db: Db = getDb()) {
  return db.breakGlassGrant.create({ data, select: { id: true, expiresAt: true } });
}

/** Patients the user may read right now under an unexpired grant. */
export async function grantedPatientIds(userId: string, now: Date): Promise<string[]> {
  const rows = await getDb().breakGlassGrant.findMany({ where: { userId, expiresAt: { gt: now } }, select: { patientId: true } });
  return [...new Set(rows.map((r) => r.patientId))];
}

/** Grants made by the organisation's users or onto its patients, newest first, for review. */
export async function listGrantsForReview(organisationId: string) {
  const patientIds = (await getDb().patient.findMany({ where: { organisationId }, select: { id: true } })).map((p) => p.id);
  return getDb().breakGlassGrant.findMany({
    where: { OR: [{ organisationId }, { patientId: { in: patientIds } }] },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
}

/** A patient of another organisation, by that organisation's slug and the MRN (what a caller can tell you). */
export async function findPatientElsewhere({ organisationSlug, mrn, notOrganisationId }: { organisationSlug: string; mrn: string; notOrganisationId: string }) {
  return getDb().patient.findFirst({
    where: { mrn, organisation: { slug: organisationSlug }, NOT: { organisationId: notOrganisationId } },
    select: { id: true, organisationId: true },
  });
}

export async function listOtherOrganisations(notOrganisationId: string) {
  return getDb().organisation.findMany({ where: { NOT: { id: notOrganisationId } }, select: { slug: true, name: true }, orderBy: { name: 'asc' } });
}
