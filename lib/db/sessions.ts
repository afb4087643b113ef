/**
 * Session rows (Better Auth's table) for the idle timeout and revocation, written through the single
 * writer like every other write of ours: acknowledged once on disk (a revoked session stays revoked
 * after a power loss).
 */
import { withTransaction } from './transaction';

export async function revokeSession(token: string): Promise<void> {
  await withTransaction((tx) => tx.session.deleteMany({ where: { token } }));
}

export async function touchSession(token: string, at: Date): Promise<void> {
  await withTransaction((tx) => tx.session.updateMany({ where: { token }, data: { updatedAt: at } }));
}
