/** User repository. */
import { getDb } from './client';

export async function findUserByEmail(email: string): Promise<{ id: string; name: string; organisationId: string; role: string } | null> {
  return getDb().user.findUnique({ where: { email }, select: { id: true, name: true, organisationId: true, role: true } });
}
