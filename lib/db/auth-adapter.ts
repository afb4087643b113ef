/** Better Auth's database adapter over the app's Prisma client (lib/db is the only Prisma user). */
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { getDb } from './client';

export function authDatabase() {
  return prismaAdapter(getDb(), { provider: 'sqlite', transaction: true });
}
