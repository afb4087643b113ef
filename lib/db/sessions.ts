/** Session rows (Better Auth's table) for the idle timeout and revocation. */
import { getDb } from './client';

export async function revokeSession(token: string): Promise<void> {
  await getDb().session.deleteMany({ where: { token } });
}

export async function touchSession(token: string, at: Date): Promise<void> {
  await getDb().session.updateMany({ where: { token }, data: { updatedAt: at } });
}

export async function revokeUserSessions(userId: string): Promise<void> {
  await getDb().session.deleteMany({ where: { userId } });
}
