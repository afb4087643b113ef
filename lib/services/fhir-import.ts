import 'server-only';
/**
 * FHIR import for a patient of the actor's clinic, from an uploaded file or the clinic's FHIR server:
 * the data is read and mapped, nothing is saved, and the import is audited (counts only: the
 * contents are not written to the trail).
 */
import type { Actor } from '@/lib/auth/actor';
import { formFromImport, importFhirText } from '@/lib/fhir/draft';
import { FHIR_ID, type Fetcher } from '@/lib/cds/service';
import { fetchEhrPatient } from '@/lib/fhir/ehr-fetch';
import { mapFhirResources, type FhirImport, type MapResult } from '@/lib/fhir/map';
import { parseFhirDocuments } from '@/lib/fhir/parse';
import type { TAssessmentForm } from '@/lib/schemas/assessment';
import { audit } from './audit';
import { todayIso } from './clock';
import { fhirServerForImport } from './fhir-server';
import { getPatient, type Patient } from './patients';
import { invalid, type ServiceResult } from './result';

export interface PatientImport {
  import: FhirImport;
  form: TAssessmentForm;
  /** Where the EHR's Patient disagrees with the record in this app (birth date, sex). */
  mismatches: string[];
}

export async function importFhirForPatient(actor: Actor, patientId: string, text: string, source: 'upload' | 'ehr' = 'upload'): Promise<ServiceResult<PatientImport> & { notFound?: true }> {
  const patient = await getPatient(actor, patientId);
  if (!patient || patient.organisationId !== actor.organisationId) return refuseForeign(actor, patientId, patient);
  return finishImport(actor, patient, importFhirText(text, { asOf: todayIso() }), source);
}

/**
 * Nothing is saved by an import, but it starts an assessment: refused for a patient that is not the
 * clinic's own (also under a read-only break-glass grant), and recorded.
 */
async function refuseForeign(actor: Actor, patientId: string, patient: Patient | null): Promise<ServiceResult<PatientImport> & { notFound: true }> {
  await audit(actor, { action: 'fhir.import', recordType: 'patient', recordId: patientId.slice(0, 64), patientId: patient?.id ?? null, outcome: 'denied', detail: patient ? 'break-glass-read-only' : 'patient-not-in-organisation' });
  return { ...invalid('Patient not found'), notFound: true };
}

/** The audit event's common part: always the app's patient, never the file's contents. */
const eventBase = (patient: Patient) => ({ action: 'fhir.import', recordType: 'patient', recordId: patient.id, patientId: patient.id }) as const;

async function finishImport(actor: Actor, patient: Patient, mapped: MapResult, source: string): Promise<ServiceResult<PatientImport>> {
  const base = eventBase(patient);
  if (!mapped.ok) {
    await audit(actor, { ...base, outcome: 'failure', detail: `${source}; ${mapped.message}`.slice(0, 200) });
    return invalid(mapped.message);
  }
  const imp = mapped.data;
  const mismatches: string[] = [];
  const where = source === 'upload' ? 'in the file' : 'in the EHR';
  if (imp.patient.birthDate && imp.patient.birthDate !== patient.birthDate) mismatches.push(`Birth date ${where} is ${imp.patient.birthDate}; this patient's record says ${patient.birthDate}`);
  if (imp.patient.sex && imp.patient.sex !== patient.sex) mismatches.push(`Sex ${where} is ${imp.patient.sex}; this patient's record says ${patient.sex}`);
  const c = imp.counts;
  await audit(actor, {
    ...base,
    detail: `${source}; resources=${c.resources}; labs=${imp.labs.length}; conditions=${imp.conditions.filter((x) => x.use === 'used').length}; medications=${imp.medications.active.length}; mismatches=${mismatches.length}`.slice(0, 200),
  });
  return { ok: true, data: { import: imp, form: formFromImport(imp), mismatches } };
}

/**
 * "Import from EHR": the patient's findings read from the clinic's own FHIR server by the EHR's
 * patient id, mapped exactly as an upload, nothing saved, audited (the EHR id and counts; a failure
 * with its kind). Only the actor's clinic's server is used, for a patient of the actor's clinic.
 */
export async function importFromEhr(actor: Actor, patientId: string, ehrPatientId: string, deps: { fetcher?: Fetcher; timeoutMs?: number } = {}): Promise<ServiceResult<PatientImport> & { notFound?: true; upstream?: true }> {
  const patient = await getPatient(actor, patientId);
  if (!patient || patient.organisationId !== actor.organisationId) return refuseForeign(actor, patientId, patient);
  const base = eventBase(patient);
  const id = ehrPatientId.trim();
  if (!FHIR_ID.test(id)) {
    await audit(actor, { ...base, outcome: 'failure', detail: 'ehr; invalid-id' });
    return invalid('Check the EHR patient id', { ehrPatientId: ['An EHR patient id is 1 to 64 letters, digits, "-" or "." (FHIR id syntax)'] });
  }
  const server = await fhirServerForImport(actor.organisationId);
  if (!server.ok) {
    await audit(actor, { ...base, outcome: 'failure', detail: `ehr; patient=${id}; ${server.kind}` });
    return invalid(server.message);
  }
  const got = await fetchEhrPatient(server.baseUrl, id, { authorization: server.authorization, ...deps });
  if (!got.ok) {
    await audit(actor, { ...base, outcome: 'failure', detail: `ehr; patient=${id}; ${got.kind}` });
    return { ...invalid(got.message), upstream: true };
  }
  const parsed = parseFhirDocuments(got.docs);
  const mapped: MapResult = parsed.ok ? mapFhirResources(parsed.data, { asOf: todayIso(), patientId: id }) : parsed;
  return finishImport(actor, patient, mapped, `ehr; patient=${id}`);
}
