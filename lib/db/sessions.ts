/**
 * Session rows (Better Auth's table) for the idle timeout and revocation. Written outside the
 * single writer, so each write waits for its sync (lib/db/client `makeDurable`): a revoked session
 * stays revoked after a power loss.
 */
import { getDb, makeDurable } from './client';

export async function revokeSession(token: string): Promise<void> {
  await getDb().session.deleteMany({ where: { token } });
  await makeDurable();
}

export async function touchSession(token: string, at: Date): Promise<void> {
  await getDb().session.updateMany({ where: { token }, data: { updatedAt: at } });
  await makeDurable();
}

export async function revokeUserSessions(userId: string): Promise<void> {
  await getDb().session.deleteMany({ where: { userId } });
  await makeDurable();
}
