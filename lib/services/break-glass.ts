import 'server-only';
/**
 * Emergency ("break glass") access: a clinician reads one patient of another organisation for a
 * limited time, with a stated reason. Every grant and every read under it is audited, and grants are
 * listed for review on the admin page of both organisations. Read-only: nothing is written there.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { findPatientElsewhere, grantedPatientIds, insertGrant, listOtherOrganisations } from '@/lib/db/break-glass';
import { withTransaction } from '@/lib/db/transaction';
import { audit, auditIn } from './audit';
import { fieldErrorsOf, invalid, type ServiceResult } from './result';

export const BREAK_GLASS_MINUTES = [15, 30, 60] as const;

export const ZBreakGlassSchema = z.object({
  organisationSlug: z.string().trim().min(1, 'Choose the organisation').max(64),
  mrn: z.string().trim().min(1, 'MRN is required').max(32, 'MRN is at most 32 characters'),
  reason: z.string().trim().min(20, 'State the clinical reason (at least 20 characters)').max(500, 'At most 500 characters'),
  minutes: z.coerce.number().refine((m) => (BREAK_GLASS_MINUTES as readonly number[]).includes(m), 'Choose 15, 30 or 60 minutes'),
});

/** The scope of a read: the actor's organisation plus patients under an unexpired grant. */
export async function readScope(actor: Actor): Promise<{ organisationId: string; grantedPatientIds: string[] }> {
  return { organisationId: actor.organisationId, grantedPatientIds: actor.via === 'session' ? await grantedPatientIds(actor.userId, new Date()) : [] };
}

/**
 * Why a write on a patient that is not in the actor's organisation is refused, for its audit event:
 * the patient is readable under the actor's break-glass grant (which is read-only), or not at all.
 */
export async function refusedWriteReason(actor: Actor, patientId: string | null): Promise<'break-glass-read-only' | 'patient-not-in-organisation'> {
  if (patientId === null || actor.via !== 'session') return 'patient-not-in-organisation';
  return (await grantedPatientIds(actor.userId, new Date())).includes(patientId) ? 'break-glass-read-only' : 'patient-not-in-organisation';
}

export async function breakGlass(actor: Actor, form: unknown): Promise<ServiceResult<{ patientId: string; expiresAt: Date }>> {
  if (actor.via !== 'session') {
    await audit(actor, { action: 'break-glass.grant', outcome: 'denied', detail: 'api-token' });
    return invalid('Emergency access is for a signed-in clinician');
  }
  const parsed = ZBreakGlassSchema.safeParse(form);
  if (!parsed.success) return invalid('Check the highlighted fields', fieldErrorsOf(parsed.error.issues));
  const { organisationSlug, mrn, reason, minutes } = parsed.data;
  const patient = await findPatientElsewhere({ organisationSlug, mrn, notOrganisationId: actor.organisationId });
  if (!patient) {
    await audit(actor, { action: 'break-glass.grant', outcome: 'denied', detail: 'no-such-patient' });
    return invalid('No patient with that MRN in that organisation', { mrn: ['Not found in that organisation'] });
  }
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  await withTransaction(async (tx) => {
    const grant = await insertGrant({ userId: actor.userId, organisationId: actor.organisationId, patientId: patient.id, reason, expiresAt }, tx);
    await auditIn(tx, actor, { action: 'break-glass.grant', patientId: patient.id, recordType: 'break-glass', recordId: grant.id, detail: `minutes=${minutes}` });
  });
  return { ok: true, data: { patientId: patient.id, expiresAt } };
}

/** The organisations a clinician can ask emergency access into. */
export async function breakGlassOrganisations(actor: Actor): Promise<{ slug: string; name: string }[]> {
  return listOtherOrganisations(actor.organisationId);
}
