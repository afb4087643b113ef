import 'server-only';
/**
 * The acting user. Until accounts arrive (sign-in with Better Auth), the app runs in demo mode and
 * acts as the seeded demo clinician; every service already takes the actor, so only this changes.
 */
import { findUserByEmail } from '@/lib/db/users';

export interface Actor {
  userId: string;
  name: string;
  organisationId: string;
  role: 'clinician' | 'admin';
}

export const DEMO_CLINICIAN_EMAIL = 'clinician@demo.test';

export async function currentActor(): Promise<Actor> {
  const user = await findUserByEmail(DEMO_CLINICIAN_EMAIL);
  if (!user) throw new Error('The demo clinician is missing: run the seed (npm start does it)');
  return { userId: user.id, name: user.name, organisationId: user.organisationId, role: user.role === 'admin' ? 'admin' : 'clinician' };
}
