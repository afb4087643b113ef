import 'server-only';
/**
 * Opening a CDS card's link in the app: the EHR data of that call, shown as a pre-filled intake
 * form for a patient of the clinic the clinician picks. Reading it is audited; nothing is saved
 * until the clinician saves the assessment as usual.
 */
import type { Actor } from '@/lib/auth/actor';
import { findCdsLaunch } from '@/lib/db/cds';
import { findPatientsByBirth } from '@/lib/db/patients';
import type { FhirImport } from '@/lib/fhir/map';
import { audit } from './audit';
import type { Patient } from './patients';

export interface OpenedLaunch {
  imp: FhirImport;
  expiresAt: Date;
  /** Patients of the clinic with the EHR patient's birth date and sex. */
  candidates: Patient[];
}

export async function openLaunch(actor: Actor, token: string, forPatientId?: string): Promise<OpenedLaunch | null> {
  const launch = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await findCdsLaunch(actor.organisationId, token, new Date()) : null;
  await audit(actor, { action: 'cds.launch.open', recordType: 'cds-launch', recordId: token.slice(0, 12), patientId: forPatientId ?? null, outcome: launch ? 'success' : 'denied' });
  if (!launch) return null;
  const imp = JSON.parse(launch.payload) as FhirImport;
  const { birthDate, sex } = imp.patient;
  const candidates = birthDate && sex ? await findPatientsByBirth({ organisationId: actor.organisationId, birthDate, sex }) : [];
  return { imp, expiresAt: launch.expiresAt, candidates };
}
