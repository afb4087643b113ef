/** User repository. */
import { getDb } from './client';

export async function findUserByEmail(email: string): Promise<{ id: string; name: string; organisationId: string; role: string } | null> {
  return getDb().user.findUnique({ where: { email }, select: { id: true, name: true, organisationId: true, role: true } });
}

export async function listOrganisationUsers(organisationId: string): Promise<{ id: string; name: string; email: string; role: string }[]> {
  return getDb().user.findMany({ where: { organisationId }, select: { id: true, name: true, email: true, role: true }, orderBy: { name: 'asc' } });
}

export async function namesOfUsers(ids: string[]): Promise<Map<string, string>> {
  const rows = await getDb().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function twoFactorEnabled(userId: string): Promise<boolean> {
  return (await getDb().user.findUnique({ where: { id: userId }, select: { twoFactorEnabled: true } }))?.twoFactorEnabled === true;
}
